import Link from 'next/link';
import type { Viewer } from '@/lib/auth/sessions';
import { unreadNotificationCount } from '@/lib/forum/notifications';

/** The bell in the header: a link to the member's notifications that says how many are unread. */
export async function NotificationBell({ viewer }: { viewer: Viewer }) {
  const unread = await unreadNotificationCount(viewer);
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex size-10 items-center justify-center rounded-full text-stone-700 no-underline hover:bg-stone-100 hover:text-stone-900 hover:no-underline"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.6} className="size-6">
        <path
          strokeLinecap="round"
          strokeLinejoin="round"
          d="M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0"
        />
      </svg>
      {unread ? (
        <span
          aria-hidden="true"
          className="absolute right-0.5 top-0.5 min-w-[1.125rem] rounded-full bg-brand-700 px-1 text-center text-[0.6875rem] font-semibold leading-[1.125rem] text-white ring-2 ring-white"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
