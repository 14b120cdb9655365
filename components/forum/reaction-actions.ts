'use server';

import { revalidatePath } from 'next/cache';
import { getViewer, requireViewer } from '@/lib/auth/viewer';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { handleForm, text, type FormState } from '@/lib/forms';
import { bookmarkPost, removeBookmark } from '@/lib/forum/bookmarks';
import { flagPost } from '@/lib/forum/flags';
import { quoteSource } from '@/lib/forum/posts';
import { likePost, unlikePost, whoLiked, type Likers } from '@/lib/forum/likes';

/** What a reaction button hears back: the new state, or a message to show beside it. */
export type ReactionReply<T> = { ok: true; value: T } | { ok: false; message: string };

const GONE = 'This post is no longer available.';


/** Every action here is a public endpoint: the post id comes from the browser, so it is checked, and lib re-checks the viewer. */
function postIdFrom(value: unknown): number {
  const id = typeof value === 'string' ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) throw new NotFound();
  return id;
}

async function reply<T>(run: () => Promise<T>): Promise<ReactionReply<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (e instanceof NotFound) return { ok: false, message: GONE };
    if (e instanceof Forbidden) return { ok: false, message: e.message };
    if (e instanceof Invalid) return { ok: false, message: e.fields.form ?? e.message };
    throw e;
  }
}

function refreshTopic(topicId: number | null) {
  if (topicId) revalidatePath(`/t/${topicId}`, 'layout');
}

export async function setLikeAction(postId: number, like: boolean): Promise<ReactionReply<{ liked: boolean; likeCount: number }>> {
  return reply(async () => {
    const viewer = await requireViewer();
    const id = postIdFrom(postId);
    const result = like === true ? await likePost(viewer, id) : await unlikePost(viewer, id);
    refreshTopic(result.topicId);
    return { liked: result.liked, likeCount: result.likeCount };
  });
}

export async function setBookmarkAction(postId: number, bookmark: boolean): Promise<ReactionReply<{ bookmarked: boolean }>> {
  return reply(async () => {
    const viewer = await requireViewer();
    const id = postIdFrom(postId);
    const result = bookmark === true ? await bookmarkPost(viewer, id) : await removeBookmark(viewer, id);
    refreshTopic(result.topicId);
    revalidatePath('/bookmarks');
    return { bookmarked: result.bookmarked };
  });
}

export async function whoLikedAction(postId: number): Promise<ReactionReply<Likers>> {
  return reply(async () => whoLiked(await getViewer(), postIdFrom(postId)));
}

export async function quoteSourceAction(postId: number): Promise<ReactionReply<string>> {
  return reply(async () => quoteSource(await getViewer(), postIdFrom(postId)));
}

export async function flagPostAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    return await handleForm(formData, async () => {
      await flagPost(await requireViewer(), postIdFrom(text(formData, 'postId')), { reason: text(formData, 'reason'), note: text(formData, 'note') });
      return 'Thank you. The staff will look at this post.';
    });
  } catch (e) {
    if (e instanceof NotFound) return { status: 'error', message: GONE, errors: {}, values: {} };
    throw e;
  }
}
