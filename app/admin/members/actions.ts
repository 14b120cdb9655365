'use server';

import { revalidatePath } from 'next/cache';
import { setTrustLevel } from '@/lib/admin/members';
import { requireViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { handleForm, text, typedValues, type FormState } from '@/lib/forms';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An administrator sets one member's trust level from the members list. lib checks the role, the level
 * and the reason, and writes the change to the audit log. The username only words the confirmation.
 */
export async function setTrustLevelAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const userId = text(formData, 'userId');
  const username = text(formData, 'username');
  const gone: FormState = { status: 'error', message: 'This account no longer exists.', errors: {}, values: typedValues(formData) };
  // lib looks the id up as a uuid; anything else would be a database error rather than "not found".
  if (!UUID.test(userId)) return gone;
  let state: FormState;
  try {
    state = await handleForm(formData, async () => {
      const viewer = await requireViewer();
      await setTrustLevel(viewer, userId, { trustLevel: text(formData, 'trustLevel'), reason: text(formData, 'reason') });
      return `Saved: @${username} is now at trust level ${Number(text(formData, 'trustLevel'))}.`;
    });
  } catch (e) {
    // The member was removed since the page was loaded.
    if (!(e instanceof NotFound)) throw e;
    revalidatePath('/admin/members');
    return gone;
  }
  if (state.status === 'success') {
    revalidatePath('/admin/members');
    revalidatePath('/admin/audit');
  }
  return state;
}
