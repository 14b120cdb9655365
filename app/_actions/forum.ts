'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { handleForm, text, type FormState } from '@/lib/forms';
import { anonymizePost, deletePost, editPost, erasePost, reply, restorePost, setHistoryPublic, setRevisionHidden } from '@/lib/forum/posts';
import { createTopic, moderateTopic, POSTS_PER_PAGE } from '@/lib/forum/topics';


function postUrl(topicId: number, slug: string, postNumber: number) {
  const page = Math.ceil(postNumber / POSTS_PER_PAGE);
  return `/t/${topicId}/${slug}${page > 1 ? `?page=${page}` : ''}#post-${postNumber}`;
}

export async function createTopicAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let url = '';
  const state = await handleForm(formData, async () => {
    const created = await createTopic(await requireViewer(), { categoryId: text(formData, 'categoryId'), title: text(formData, 'title'), body: text(formData, 'body') });
    url = `/t/${created.topicId}/${created.slug}`;
  });
  if (state.status === 'success') {
    revalidatePath('/');
    state.values.redirectTo = url;
  }
  return state;
}

export async function replyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let url = '';
  const state = await handleForm(formData, async () => {
    const created = await reply(await requireViewer(), Number(text(formData, 'topicId')), {
      body: text(formData, 'body'),
      replyToPostId: text(formData, 'replyToPostId') || undefined,
    });
    url = postUrl(created.topicId, created.slug, created.postNumber);
  });
  if (state.status === 'success') {
    revalidatePath(`/t/${text(formData, 'topicId')}`, 'layout');
    return { status: 'success', errors: {}, values: { redirectTo: url } };
  }
  return state;
}

export async function editPostAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    await editPost(await requireViewer(), Number(text(formData, 'postId')), {
      body: text(formData, 'body'),
      title: formData.has('title') ? text(formData, 'title') : undefined,
      reason: text(formData, 'reason'),
    });
  });
  if (state.status === 'success') state.values.redirectTo = `/p/${text(formData, 'postId')}`;
  return state;
}

/** The small one-button actions on a post or topic; each re-checks the viewer in lib. */
export async function postCommandAction(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const postId = Number(text(formData, 'postId'));
  const command = text(formData, 'command');
  switch (command) {
    case 'delete':
      await deletePost(viewer, postId);
      break;
    case 'restore':
      await restorePost(viewer, postId);
      break;
    case 'anonymize':
      await anonymizePost(viewer, postId);
      break;
    case 'erase':
      await erasePost(viewer, postId);
      break;
    case 'publish-history':
    case 'unpublish-history':
      await setHistoryPublic(viewer, postId, command === 'publish-history');
      revalidatePath(`/posts/${postId}/history`);
      return;
    case 'hide-revision':
    case 'show-revision':
      await setRevisionHidden(viewer, postId, Number(text(formData, 'revision')), command === 'hide-revision');
      revalidatePath(`/posts/${postId}/history`);
      return;
    default:
      throw new Error(`Unknown command ${command}`);
  }
  redirect(`/p/${postId}`);
}

export async function topicCommandAction(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const topicId = Number(text(formData, 'topicId'));
  const command = text(formData, 'command');
  await moderateTopic(viewer, topicId, {
    pinned: command === 'pin' ? true : command === 'unpin' ? false : undefined,
    closed: command === 'close' ? true : command === 'open' ? false : undefined,
  });
  revalidatePath('/', 'layout');
}
