import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Pagination, pageParam } from '@/components/pagination';
import { RelativeTime } from '@/components/relative-time';
import { getViewer } from '@/lib/auth/viewer';
import { isAccountKind, listNotifications, notificationVerb, type NotificationItem, type NotificationKind } from '@/lib/forum/notifications';
import { markReadAction } from './actions';
import { MarkAllRead } from './_components/mark-all-read';

export const metadata: Metadata = { title: 'Notifications' };

const ICONS: Record<NotificationKind, string> = {
  reply: '↩',
  mention: '@',
  quote: '❝',
  like: '♥',
  staff_action: '⚑',
  message: '✉',
  export_ready: '⇩',
  data_request: '§',
};

function Item({ item }: { item: NotificationItem }) {
  const who = item.kind === 'staff_action' ? 'A moderator' : (item.actor ?? 'Someone');
  return (
    <li className={`flex gap-3 px-4 py-3 sm:px-6 ${item.read ? '' : 'bg-brand-50'}`}>
      <span
        aria-hidden="true"
        className={`mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
          item.kind === 'staff_action' ? 'bg-red-100 text-red-800' : 'bg-stone-100 text-stone-700'
        }`}
      >
        {ICONS[item.kind]}
      </span>
      <div className="min-w-0 flex-1">
        {/* A plain link, never prefetched: opening it marks the notification read. */}
        <a href={item.href} className={`block break-words text-stone-900 ${item.read ? '' : 'font-medium'}`}>
          {item.read ? null : <span className="sr-only">Unread: </span>}
          {isAccountKind(item.kind) ? (
            item.summary
          ) : (
            <>
              <strong className="font-semibold">{who}</strong> {notificationVerb(item.kind, item.others)} “{item.title}”
            </>
          )}
        </a>
        {item.message && !isAccountKind(item.kind) ? <p className="mt-1 break-words text-sm text-stone-700">{item.message}</p> : null}
        <p className="mt-1 text-xs text-stone-500">
          <RelativeTime date={item.createdAt} />
        </p>
      </div>
      {item.read ? null : (
        <form action={markReadAction} className="shrink-0 self-start">
          <input type="hidden" name="id" value={item.id} />
          <button
            type="submit"
            className="rounded-md px-2 py-1 text-xs font-medium text-stone-600 hover:bg-white hover:text-stone-900"
            aria-label={`Mark as read: ${who} ${notificationVerb(item.kind, item.others)} “${item.title}”`}
          >
            Mark read
          </button>
        </form>
      )}
    </li>
  );
}

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const page = pageParam((await searchParams).page);
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(page > 1 ? `/notifications?page=${page}` : '/notifications')}`);
  const data = await listNotifications(viewer, page);
  // Notices can disappear (a topic deleted, a category hidden): send a stale page number to the last page.
  if (page > data.pageCount) redirect(data.pageCount > 1 ? `/notifications?page=${data.pageCount}` : '/notifications');

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">Notifications</h1>
          <p className="mt-1 text-sm text-stone-600">
            {data.total === 0 ? null : data.unread === 0 ? 'You are all caught up. ' : `${data.unread} unread. `}
            <Link href="/settings/notifications">Choose which ones you get by email</Link>.
          </p>
        </div>
        <MarkAllRead unread={data.unread} />
      </div>

      {data.items.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium text-stone-900">No notifications yet</p>
          <p className="mt-1 text-sm text-stone-600">
            When someone replies to you, mentions @{viewer.username}, quotes or likes one of your posts, you will find it here.
          </p>
          <p className="mt-4">
            <Link href="/" className="btn-secondary">
              Browse the latest topics
            </Link>
          </p>
        </div>
      ) : (
        <section aria-label="Your notifications" className="card p-0 sm:p-0">
          <ul className="divide-y divide-stone-100">
            {data.items.map((item) => (
              <Item key={item.id} item={item} />
            ))}
          </ul>
        </section>
      )}

      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => (p > 1 ? `/notifications?page=${p}` : '/notifications')} />
    </div>
  );
}
