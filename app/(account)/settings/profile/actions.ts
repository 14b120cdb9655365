'use server';

import { revalidatePath } from 'next/cache';
import { requireViewer } from '@/lib/auth/viewer';
import { handleForm, text, type FormState } from '@/lib/forms';
import { removeAvatar, setAvatar, updateProfile } from '@/lib/members/profile';


export async function saveProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    await updateProfile(await requireViewer(), {
      name: text(formData, 'name'),
      bio: text(formData, 'bio'),
      location: text(formData, 'location'),
      website: text(formData, 'website'),
      birthday: text(formData, 'birthday'),
    });
    return 'Your profile is saved.';
  });
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}

export async function avatarAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const viewer = await requireViewer();
    if (formData.get('intent') === 'remove') {
      await removeAvatar(viewer);
      return 'Your picture was removed and deleted.';
    }
    const file = formData.get('avatar');
    if (!(file instanceof File)) return 'Choose an image file.';
    await setAvatar(viewer, { size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) });
    return 'Your new picture is saved.';
  });
  if (state.status === 'success') revalidatePath('/settings/profile');
  return state;
}
