'use server';

import { revalidatePath } from 'next/cache';
import { setPrivacyOfficer, setRole, setTrustLevel } from '@/lib/admin/members';
import { requireViewer, type Viewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { handleForm, text, typedValues, type FormState } from '@/lib/forms';

/**
 * One change to one member from the members list. lib checks the viewer, the value and the reason,
 * and writes the change to the audit log. The username only words the confirmation.
 */
async function changeMember(formData: FormData, change: (viewer: Viewer, userId: string) => Promise<string>): Promise<FormState> {
  const gone: FormState = { status: 'error', message: 'This account no longer exists.', errors: {}, values: typedValues(formData) };
  let state: FormState;
  try {
    state = await handleForm(formData, async () => change(await requireViewer(), text(formData, 'userId')));
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

export async function setTrustLevelAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeMember(formData, async (viewer, userId) => {
    await setTrustLevel(viewer, userId, { trustLevel: text(formData, 'trustLevel'), reason: text(formData, 'reason') });
    return `Saved: @${text(formData, 'username')} is now at trust level ${Number(text(formData, 'trustLevel'))}.`;
  });
}

export async function setRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeMember(formData, async (viewer, userId) => {
    const role = await setRole(viewer, userId, { role: text(formData, 'role'), reason: text(formData, 'reason') });
    return `Saved: @${text(formData, 'username')} is now ${role === 'admin' ? 'an admin' : `a ${role}`}.`;
  });
}

export async function setPrivacyOfficerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeMember(formData, async (viewer, userId) => {
    const officer = await setPrivacyOfficer(viewer, userId, { privacyOfficer: text(formData, 'privacyOfficer'), reason: text(formData, 'reason') });
    return `Saved: @${text(formData, 'username')} is ${officer ? 'now a privacy officer' : 'no longer a privacy officer'}.`;
  });
}
