'use server';

import { revalidatePath } from 'next/cache';
import { saveEditableSettings } from '@/lib/admin/site-settings';
import { requireViewer } from '@/lib/auth/viewer';
import { checked, handleForm, text, type FormState } from '@/lib/forms';

export async function saveSettingsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const viewer = await requireViewer();
    await saveEditableSettings(viewer, {
      siteName: text(formData, 'siteName'),
      siteDescription: text(formData, 'siteDescription'),
      digitalConsentAge: text(formData, 'digitalConsentAge'),
      membersOnly: checked(formData, 'membersOnly'),
      signupsOpen: checked(formData, 'signupsOpen'),
      historiesPublic: checked(formData, 'historiesPublic'),
      allowPostAnonymize: checked(formData, 'allowPostAnonymize'),
      allowPostErase: checked(formData, 'allowPostErase'),
      messagesMinTrustLevel: text(formData, 'messagesMinTrustLevel'),
      messagesMaxParticipants: text(formData, 'messagesMaxParticipants'),
      messagesPerDay: text(formData, 'messagesPerDay'),
    });
    return 'Settings saved. They apply everywhere at once.';
  });
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}
