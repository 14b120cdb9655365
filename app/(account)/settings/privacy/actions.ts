'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { signOut } from '@/lib/auth/config';
import { endOtherSessions, endSession } from '@/lib/auth/sessions';
import { checked, handleForm, text, type FormState } from '@/lib/forms';
import { setMarketingEmail } from '@/lib/members/marketing';
import { updatePrivacyChoices } from '@/lib/members/privacy-settings';
import { liftRestriction, restrictProcessing } from '@/lib/members/restriction';

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

export async function marketingEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const consent = await setMarketingEmail(await requireViewer(), { marketingEmail: checked(formData, 'marketingEmail') });
    return consent.on ? 'Saved. You will get mail about the community.' : 'Saved. You will get no mail about the community.';
  });
  revalidatePath('/settings/privacy');
  return state;
}

export async function restrictProcessingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    await restrictProcessing(await requireViewer(), { confirm: text(formData, 'confirm') });
    return 'Processing of your data is now restricted.';
  });
  revalidatePath('/settings', 'layout');
  return state;
}

export async function liftRestrictionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    await liftRestriction(await requireViewer());
    return 'The restriction is lifted: notifications and the mail you chose start again from now.';
  });
  revalidatePath('/settings', 'layout');
  return state;
}
