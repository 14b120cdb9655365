'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { deleteCategory, saveCategory } from '@/lib/forum/categories';
import { handleForm, text, type FormState } from '@/lib/forms';

export async function saveCategoryAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, 'id');
  const state = await handleForm(formData, async () => {
    const viewer = await requireViewer();
    await saveCategory(viewer, id ? Number(id) : null, {
      name: text(formData, 'name'),
      slug: text(formData, 'slug'),
      description: text(formData, 'description'),
      color: text(formData, 'color'),
      position: text(formData, 'position'),
      visibility: text(formData, 'visibility') as never,
      minTrustLevel: text(formData, 'minTrustLevel') || '0',
    });
    return id ? 'Category saved.' : 'Category created.';
  });
  if (state.status === 'success') {
    revalidatePath('/', 'layout');
    if (!id) redirect('/admin/categories?created=1');
  }
  return state;
}

export async function deleteCategoryAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const viewer = await requireViewer();
    await deleteCategory(viewer, Number(text(formData, 'id')));
  });
  if (state.status === 'success') {
    revalidatePath('/', 'layout');
    redirect('/admin/categories?deleted=1');
  }
  return state;
}
