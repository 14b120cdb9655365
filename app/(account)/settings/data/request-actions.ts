'use server';

import { revalidatePath } from 'next/cache';
import { requireViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { handleForm, text, typedValues, type FormState } from '@/lib/forms';
import { cancelRequest, fileRequest } from '@/lib/privacy/requests';

/** A member asks the privacy officer for a copy of their data, for erasure, or something else. */
export async function fileRequestAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const { id, status } = await fileRequest(await requireViewer(), {
      kind: text(formData, 'kind'),
      eraseMode: text(formData, 'eraseMode'),
      details: text(formData, 'details'),
    });
    if (status === 'pending') return `Your request was sent as request ${id}. Each step is shown below and mailed to you.`;
    return `Your request was approved at once (request ${id}). Each step is shown below and mailed to you.`;
  });
  if (state.status !== 'success') return state;
  revalidatePath('/settings/data');
  // Sent: the form starts empty again.
  return { ...state, values: {} };
}

/** A member withdraws a request that is still pending. */
export async function cancelRequestAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const state = await handleForm(formData, async () => {
      await cancelRequest(await requireViewer(), Number(text(formData, 'requestId')));
      return 'Request cancelled.';
    });
    if (state.status === 'success') revalidatePath('/settings/data');
    return state;
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    return { status: 'error', message: 'This request no longer exists.', errors: {}, values: typedValues(formData) };
  }
}
