'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getViewer, requireViewer } from '@/lib/auth/viewer';
import { handleForm, text, type FormState } from '@/lib/forms';
import {
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATION_KINDS,
  updateNotificationPreferences,
  updateNotificationPreferencesWithToken,
} from '@/lib/forum/notifications';


export async function markAllReadAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const changed = await markAllNotificationsRead(await requireViewer());
    return changed === 1 ? '1 notification marked as read.' : `${changed} notifications marked as read.`;
  });
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}

/** Marks one notification read without opening it (works without JavaScript too). */
export async function markReadAction(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/notifications');
  await markNotificationRead(viewer, Number(text(formData, 'id')));
  revalidatePath('/', 'layout');
}

/**
 * Saves email choices: for the signed-in member, or, with the token from a mail's settings link,
 * for that link's member (no sign-in needed).
 */
export async function saveNotificationSettingsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const token = text(formData, 'token');
  const allOff = formData.get('intent') === 'all-off';
  const input = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, allOff ? 'never' : text(formData, k) || undefined]));
  const state = await handleForm(formData, async () => {
    if (token) await updateNotificationPreferencesWithToken(token, input);
    else await updateNotificationPreferences(await requireViewer(), input);
    return allOff ? 'Done: you will get no notification mail. Notifications still appear on the site.' : 'Your email settings are saved.';
  });
  if (state.status === 'success' && allOff) for (const k of NOTIFICATION_KINDS) state.values[k] = 'never';
  return state;
}
