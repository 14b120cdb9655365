import { notFound, redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { locatePost } from '@/lib/forum/topics';

/** Permalink of a post: sends the reader to the right page of its topic. */
export default async function PostPermalink({ params }: { params: Promise<{ id: string }> }) {
  let target: string;
  try {
    const at = await locatePost(await getViewer(), Number((await params).id));
    target = `/t/${at.topicId}/${at.slug}${at.page > 1 ? `?page=${at.page}` : ''}#post-${at.postNumber}`;
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
  redirect(target);
}
