import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SubmitButton } from '@/components/form-fields';
import { Pagination, pageParam } from '@/components/pagination';
import { RelativeTime } from '@/components/relative-time';
import { getViewer } from '@/lib/auth/viewer';
import { listBookmarks } from '@/lib/forum/bookmarks';
import { removeBookmarkAction } from './actions';

export const metadata: Metadata = { title: 'Bookmarks' };

export default async function BookmarksPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/bookmarks');
  const page = pageParam((await searchParams).page);
  const list = await listBookmarks(viewer, page);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 className="page-title">Bookmarks</h1>
        <p className="mt-1 text-sm text-stone-600">
          Posts you kept for later, newest first. Only you can see this list.
          {list.total > 0 ? ` ${list.total} ${list.total === 1 ? 'post' : 'posts'}.` : ''}
        </p>
      </div>
      {list.total === 0 ? (
        <div className="card space-y-2 text-stone-600">
          <p className="font-medium text-stone-800">No bookmarks yet.</p>
          <p>Use the bookmark button under any post to keep it here. Posts that are deleted, or that you can no longer see, leave this list by themselves.</p>
          <p>
            <Link href="/">Browse the latest topics</Link>
          </p>
        </div>
      ) : list.items.length === 0 ? (
        <div className="card space-y-2 text-stone-600">
          <p>There are no bookmarks on this page.</p>
          <p>
            <Link href={list.pageCount > 1 ? `/bookmarks?page=${list.pageCount}` : '/bookmarks'}>Go to the last page of your bookmarks</Link>
          </p>
        </div>
      ) : (
        <ol className="divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white">
          {list.items.map((b) => (
            <li key={b.postId} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:gap-4">
              <article className="min-w-0 flex-1" aria-labelledby={`bookmark-${b.postId}`}>
                <h2 id={`bookmark-${b.postId}`} className="text-base font-medium">
                  <Link href={`/p/${b.postId}`} className="text-stone-900">
                    {b.topic.title}
                  </Link>{' '}
                  <span className="text-sm font-normal text-stone-500">{b.postNumber === 1 ? '· opening post' : `· post #${b.postNumber}`}</span>
                </h2>
                <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-sm text-stone-500">
                  <Link href={`/c/${b.category.slug}`} className="inline-flex items-center gap-1 text-stone-600">
                    <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: b.category.color }} aria-hidden="true" />
                    {b.category.name}
                  </Link>
                  <span>by {b.author ? <Link href={`/u/${b.author}`}>@{b.author}</Link> : 'an anonymous member'}</span>
                  <span>
                    · <RelativeTime date={b.postedAt} />
                  </span>
                </p>
                {b.hidden ? (
                  <p className="mt-2 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Hidden by the moderators</p>
                ) : null}
                <p className="mt-2 break-words text-sm text-stone-700">{b.excerpt || <span className="italic text-stone-500">No text to preview.</span>}</p>
                <p className="mt-1 text-xs text-stone-500">
                  Bookmarked <RelativeTime date={b.bookmarkedAt} />
                </p>
              </article>
              <form action={removeBookmarkAction} className="shrink-0">
                <input type="hidden" name="postId" value={b.postId} />
                <SubmitButton className="btn-secondary" pendingText="Removing…">
                  Remove<span className="sr-only"> bookmark: {b.topic.title}, {b.postNumber === 1 ? 'opening post' : `post #${b.postNumber}`}</span>
                </SubmitButton>
              </form>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageCount={list.pageCount} href={(p) => `/bookmarks?page=${p}`} />
    </div>
  );
}
