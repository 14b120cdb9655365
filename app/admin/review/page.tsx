import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, redirect } from 'next/navigation';
import { Pagination, pageParam } from '@/components/pagination';
import { RelativeTime } from '@/components/relative-time';
import { getViewer } from '@/lib/auth/viewer';
import { FLAG_REASON_TEXT } from '@/lib/forum/flag-reasons';
import { reviewQueue, type ReviewItem } from '@/lib/forum/flags';
import { can } from '@/lib/permissions';
import { DecisionForm } from './_components/decision-form';

export const metadata: Metadata = { title: 'Review queue' };

const DONE: Record<string, string> = {
  agree: 'The post is hidden, and its author was told why.',
  disagree: 'The reports are closed; the post stays as it was.',
  delete: 'The post is deleted (staff can still restore it), and its author was told.',
};

const STATE_BADGE: Record<Exclude<ReviewItem['post']['state'], 'visible'>, string> = {
  hidden: 'Already hidden',
  deleted: 'Deleted',
  erased: 'Erased by its author',
};

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<{ page?: string; done?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/admin/review');
  if (!can(viewer, 'review.handle')) forbidden();
  const params = await searchParams;
  const page = pageParam(params.page);
  const queue = await reviewQueue(viewer, page);
  const done = params.done ? DONE[params.done] : undefined;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">Review queue</h1>
        <p className="mt-1 text-sm text-stone-600">
          Posts members reported, oldest report first.{' '}
          {queue.total > 0 ? `${queue.total} ${queue.total === 1 ? 'post is' : 'posts are'} waiting for a decision.` : ''}
        </p>
      </div>
      {done ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">
          {done}
        </p>
      ) : null}
      {queue.total === 0 ? (
        <div className="card space-y-1 text-stone-600">
          <p className="font-medium text-stone-800">Nothing to review.</p>
          <p>When members report a post, it appears here with their reasons.</p>
        </div>
      ) : queue.items.length === 0 ? (
        <div className="card text-stone-600">
          <p>
            There is nothing on this page any more. <Link href="/admin/review">Go to the first page</Link>
          </p>
        </div>
      ) : (
        <ol className="space-y-4">
          {queue.items.map((item) => (
            <li key={item.post.id}>
              <ReviewCard item={item} page={page} />
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageCount={queue.pageCount} href={(p) => `/admin/review?page=${p}`} />
    </div>
  );
}

function ReviewCard({ item, page }: { item: ReviewItem; page: number }) {
  const headingId = `review-${item.post.id}`;
  const { post } = item;
  return (
    <article className="card space-y-3" aria-labelledby={headingId}>
      <header className="space-y-1">
        <h2 id={headingId} className="font-semibold">
          <Link href={`/p/${post.id}`} className="text-stone-900">
            {item.topic.title}
          </Link>{' '}
          <span className="text-sm font-normal text-stone-500">{post.postNumber === 1 ? '· opening post' : `· post #${post.postNumber}`}</span>
        </h2>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-500">
          <span className="inline-flex items-center gap-1 text-stone-600">
            <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: item.category.color }} aria-hidden="true" />
            {item.category.name}
          </span>
          <span>by {post.author ? <Link href={`/u/${post.author}`}>@{post.author}</Link> : 'an anonymous member'}</span>
          <span>
            · posted <RelativeTime date={post.createdAt} />
          </span>
          {post.state !== 'visible' ? (
            <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{STATE_BADGE[post.state]}</span>
          ) : null}
        </p>
      </header>

      <ul className="flex flex-wrap gap-2" aria-label="Reasons given">
        {item.counts.map((c) => (
          <li key={c.reason} className="rounded-full bg-red-50 px-2.5 py-0.5 text-sm font-medium text-red-800 ring-1 ring-red-200">
            {FLAG_REASON_TEXT[c.reason].label} × {c.count}
          </li>
        ))}
      </ul>

      {post.excerpt ? (
        <blockquote className="break-words border-l-4 border-stone-200 pl-3 text-sm text-stone-700">{post.excerpt}</blockquote>
      ) : (
        <p className="text-sm italic text-stone-500">{post.state === 'erased' ? 'The text was erased.' : 'No text to preview.'}</p>
      )}

      <details open={item.total <= 3}>
        <summary className="cursor-pointer text-sm font-medium text-stone-700">
          {item.total} {item.total === 1 ? 'report' : 'reports'} · first <RelativeTime date={item.firstFlaggedAt} />
        </summary>
        <ol className="mt-2 space-y-2">
          {item.flags.map((f) => (
            <li key={f.id} className="rounded-md bg-stone-50 px-3 py-2 text-sm">
              <p className="text-stone-700">
                <span className="font-medium">{f.reporter ? `@${f.reporter}` : 'A former member'}</span>: {FLAG_REASON_TEXT[f.reason].label} ·{' '}
                <span className="text-stone-500">
                  <RelativeTime date={f.createdAt} />
                </span>
              </p>
              {f.note ? <p className="mt-1 whitespace-pre-line break-words text-stone-800">{f.note}</p> : null}
            </li>
          ))}
        </ol>
      </details>

      <DecisionForm postId={post.id} page={page} postGone={post.state === 'deleted' || post.state === 'erased'} />
    </article>
  );
}
