import type { Metadata } from 'next';
import { cache } from 'react';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { replyAction, topicCommandAction } from '@/app/_actions/forum';
import { Composer } from '@/components/forum/composer';
import { Reactions } from '@/components/forum/reactions';
import { PageNumbers, pageParam } from '@/components/pagination';
import { getViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { reactionAbilities, reactionsFor } from '@/lib/forum/likes';
import { getTopicPage } from '@/lib/forum/topics';
import { getSettings } from '@/lib/settings';
import { PostItem } from './_components/post-item';

type Params = { params: Promise<{ id: string; slug?: string[] }>; searchParams: Promise<{ page?: string }> };

// generateMetadata and the page share one load per request (React's cache).
const load = cache(async function load(id: string, page: number) {
  try {
    return await getTopicPage(await getViewer(), Number(id), page);
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
});

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const data = await load((await params).id, pageParam((await searchParams).page));
  return { title: data.topic.title };
}

export default async function TopicPage({ params, searchParams }: Params) {
  const { id, slug } = await params;
  const page = pageParam((await searchParams).page);
  const [viewer, settings] = await Promise.all([getViewer(), getSettings()]);
  const data = await load(id, page);
  const { topic } = data;
  const reactions = await reactionsFor(viewer, data.posts.map((p) => p.id));
  if (slug?.[0] !== topic.slug || slug.length > 1) redirect(`/t/${topic.id}/${topic.slug}${page > 1 ? `?page=${page}` : ''}`);
  const pageHref = (p: number) => `/t/${topic.id}/${topic.slug}${p > 1 ? `?page=${p}` : ''}`;

  return (
    <div className="mx-auto max-w-3xl">
      <header className="mb-4 space-y-2">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Link href={`/c/${topic.category.slug}`} className="inline-flex items-center gap-1 text-stone-600">
            <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: topic.category.color }} aria-hidden="true" />
            {topic.category.name}
          </Link>
          {topic.pinned ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">Pinned</span> : null}
          {topic.closed ? <span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-700">Closed</span> : null}
          {topic.deleted ? <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">Deleted</span> : null}
        </p>
        <h1 className="page-title break-words">{topic.title}</h1>
        {data.canModerate ? (
          <form action={topicCommandAction} className="flex flex-wrap gap-2">
            <input type="hidden" name="topicId" value={topic.id} />
            <button type="submit" name="command" value={topic.pinned ? 'unpin' : 'pin'} className="btn-secondary">
              {topic.pinned ? 'Unpin' : 'Pin'}
            </button>
            <button type="submit" name="command" value={topic.closed ? 'open' : 'close'} className="btn-secondary">
              {topic.closed ? 'Reopen' : 'Close'}
            </button>
          </form>
        ) : null}
      </header>

      <section aria-label="Posts" className="card py-0 sm:py-0">
        {data.posts.map((post) => (
          <PostItem
            key={post.id}
            post={post}
            canReply={data.canReply}
            allowAnonymize={settings.allowPostAnonymize}
            allowErase={settings.allowPostErase}
            viewerId={viewer?.id ?? null}
            reactions={
              <Reactions
                postId={post.id}
                likeCount={post.likeCount}
                liked={reactions.liked.has(post.id)}
                bookmarked={reactions.bookmarked.has(post.id)}
                {...reactionAbilities(viewer, post)}
              />
            }
          />
        ))}
      </section>

      <PageNumbers page={page} pageCount={data.pageCount} href={pageHref} label="Topic pages" className="mt-4" />

      <section aria-labelledby="reply-heading" className="mt-6">
        <h2 id="reply-heading" className="mb-2 text-lg font-semibold">
          Reply
        </h2>
        {data.canReply ? (
          <div className="card">
            <Composer action={replyAction} draftKey={`hearth:draft:reply:${topic.id}`} submitLabel="Post reply" hidden={{ topicId: topic.id }} bodyLabel="Your reply" />
          </div>
        ) : viewer ? (
          <p className="card text-stone-600">{topic.closed ? 'This topic is closed: it no longer accepts replies.' : 'You cannot reply here right now.'}</p>
        ) : (
          <p className="card text-stone-600">
            <Link href={`/signin?callbackUrl=${encodeURIComponent(pageHref(page))}`}>Sign in</Link> or <Link href="/signup">join</Link> to reply.
          </p>
        )}
      </section>
    </div>
  );
}
