'use server';

import { revalidatePath } from 'next/cache';
import { editableSettings, isSwitch, saveEditableSettings } from '@/lib/admin/site-settings';
import { requireViewer } from '@/lib/auth/viewer';
import { checked, handleForm, text, type FormState } from '@/lib/forms';

export async function saveSettingsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const viewer = await requireViewer();
    await saveEditableSettings(
      viewer,
      Object.fromEntries(editableSettings.map((key) => [key, isSwitch(key) ? checked(formData, key) : text(formData, key)])),
    );
    return 'Settings saved. They apply everywhere at once.';
  });
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}
