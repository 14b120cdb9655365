'use server';

import { revalidatePath } from 'next/cache';
import { requireViewer } from '@/lib/auth/viewer';
import { handleForm, text, type FormState } from '@/lib/forms';
import { fileRequest } from '@/lib/privacy/requests';

export type ContactState = FormState & { requestId?: number };

/** "Contact the privacy officer": the message is filed as an other request, followed on /settings/data. */
export async function contactOfficerAction(_prev: ContactState, formData: FormData): Promise<ContactState> {
  let requestId: number | undefined;
  const state = await handleForm(formData, async () => {
    ({ id: requestId } = await fileRequest(await requireViewer(), { kind: 'other', details: text(formData, 'details') }));
  });
  if (state.status === 'success') {
    revalidatePath('/settings/data');
    return { ...state, values: {}, requestId };
  }
  // An open other request already: said beside the message, the only field here.
  const { kind, ...errors } = state.errors;
  return { ...state, errors: kind && !errors.details ? { ...errors, details: kind } : errors };
}
