'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { signOut } from '@/lib/auth/config';
import { endOtherSessions, endSession } from '@/lib/auth/sessions';
import { checked, handleForm, text, type FormState } from '@/lib/forms';
import { updatePrivacyChoices } from '@/lib/members/privacy-settings';

const PROFILE_FLAGS = ['showEmail', 'showBirthday', 'showLocation', 'showWebsite', 'showOnline'] as const;

/** Signs one session out; signing out the one in use here goes to the sign-in page. */
export async function endSessionAction(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const id = text(formData, 'sessionId');
  // This browser: the usual sign-out (it also removes the cookie and ends the session).
  if (id === viewer.sessionId) await signOut({ redirectTo: '/?signed-out=1' });
  await endSession(viewer, id);
  revalidatePath('/settings/privacy');
  redirect('/settings/privacy?ended=1#sessions-heading');
}

export async function endOtherSessionsAction(): Promise<void> {
  const viewer = await requireViewer();
  const n = await endOtherSessions(viewer);
  revalidatePath('/settings/privacy');
  redirect(`/settings/privacy?ended=${n}#sessions-heading`);
}

export async function profileChoicesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    await updatePrivacyChoices(await requireViewer(), {
      profileVisibility: text(formData, 'profileVisibility'),
      ...Object.fromEntries(PROFILE_FLAGS.map((name) => [name, checked(formData, name)])),
    });
    return 'Saved. Your profile shows this from now on.';
  });
  revalidatePath('/u/[username]', 'page');
  return state;
}
