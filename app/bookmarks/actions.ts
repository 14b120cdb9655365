'use server';

import { revalidatePath } from 'next/cache';
import { getViewer } from '@/lib/auth/viewer';
import { text } from '@/lib/forms';
import { removeBookmark } from '@/lib/forum/bookmarks';

/** The "Remove" button on the bookmarks page: works without JavaScript, as a plain form. */
export async function removeBookmarkAction(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) return;
  const { topicId } = await removeBookmark(viewer, Number(text(formData, 'postId')));
  revalidatePath('/bookmarks');
  if (topicId) revalidatePath(`/t/${topicId}`, 'layout');
}
