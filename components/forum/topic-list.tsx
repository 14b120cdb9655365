import Link from 'next/link';
import type { TopicListItem } from '@/lib/forum/topics';
import { RelativeTime } from '@/components/relative-time';

export function TopicList({ topics, showCategory = true, emptyText }: { topics: TopicListItem[]; showCategory?: boolean; emptyText: React.ReactNode }) {
  if (!topics.length) return <div className="card text-stone-600">{emptyText}</div>;
  return (
    <ul className="divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white">
      {topics.map((t) => {
        const unread = t.unreadPosts !== null && t.unreadPosts > 0;
        return (
          <li key={t.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2">
                {t.pinned ? (
                  <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">Pinned</span>
                ) : null}
                {t.closed ? <span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-700">Closed</span> : null}
                {t.deleted ? <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">Deleted</span> : null}
                <Link href={`/t/${t.id}/${t.slug}`} className={`text-base text-stone-900 ${unread ? 'font-semibold' : 'font-normal'}`}>
                  {t.title}
                </Link>
                {t.isNew ? (
                  <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-800">new</span>
                ) : unread ? (
                  <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white" aria-label={`${t.unreadPosts} unread`}>
                    {t.unreadPosts}
                  </span>
                ) : null}
              </p>
              <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-sm text-stone-500">
                {showCategory ? (
                  <Link href={`/c/${t.category.slug}`} className="inline-flex items-center gap-1 text-stone-600">
                    <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: t.category.color }} aria-hidden="true" />
                    {t.category.name}
                  </Link>
                ) : null}
                <span>
                  by{' '}
                  {!t.author ? 'an anonymous member' : t.authorLinked ? <Link href={`/u/${encodeURIComponent(t.author)}`}>@{t.author}</Link> : (t.authorName ?? t.author)}
                </span>
              </p>
            </div>
            <dl className="flex shrink-0 gap-4 text-sm text-stone-600 sm:w-48 sm:justify-end">
              <div>
                <dt className="sr-only">Replies</dt>
                <dd>
                  {t.replies} {t.replies === 1 ? 'reply' : 'replies'}
                </dd>
              </div>
              <div>
                <dt className="sr-only">Last activity</dt>
                <dd>
                  <RelativeTime date={t.lastPostedAt} />
                </dd>
              </div>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
