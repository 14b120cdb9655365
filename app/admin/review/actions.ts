'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { handleForm, text, type FormState } from '@/lib/forms';
import { decideFlags } from '@/lib/forum/flags';

/** A staff decision on one reported post; lib re-checks that the viewer may handle reports. */
export async function decideReportsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let outcome: Awaited<ReturnType<typeof decideFlags>> | undefined;
  let state: FormState;
  try {
    state = await handleForm(formData, async () => {
      const viewer = await requireViewer();
      outcome = await decideFlags(viewer, Number(text(formData, 'postId')), { decision: text(formData, 'decision'), note: text(formData, 'note') });
    });
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    revalidatePath('/admin/review');
    return { status: 'error', message: 'This post no longer exists.', errors: {}, values: {} };
  }
  if (state.status !== 'success' || !outcome) return state;
  revalidatePath('/admin/review');
  revalidatePath(`/t/${outcome.topicId}`, 'layout');
  const page = Number(text(formData, 'page'));
  redirect(`/admin/review?done=${outcome.decision}${Number.isInteger(page) && page > 1 ? `&page=${page}` : ''}`);
}
