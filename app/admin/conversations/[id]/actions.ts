'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { handleForm, text, typedValues, type FormState } from '@/lib/forms';
import { adminOpenConversation } from '@/lib/messages';

/**
 * An administrator states why they open a private conversation. lib checks the role and the reason,
 * writes the access to the audit log (where the participants see it) and returns its id, which the
 * conversation page needs in ?access= to show the messages.
 */
export async function openConversationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const id = Number(text(formData, 'conversationId'));
  const gone: FormState = { status: 'error', message: 'There is no conversation with this number.', errors: {}, values: typedValues(formData) };
  if (!Number.isInteger(id) || id <= 0) return gone;
  let accessId: number | undefined;
  let state: FormState;
  try {
    state = await handleForm(formData, async () => {
      const viewer = await requireViewer();
      ({ accessId } = await adminOpenConversation(viewer, id, text(formData, 'reason')));
    });
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    return gone;
  }
  if (state.status !== 'success' || accessId === undefined) return state;
  revalidatePath('/admin/audit');
  redirect(`/admin/conversations/${id}?access=${accessId}`);
}
