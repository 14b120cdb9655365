import Link from 'next/link';
import { AccountMenu } from './account-menu';
import { NotificationBell } from './notification-bell';
import { SearchBox } from './search-box';
import { can } from '@/lib/permissions';
import type { Viewer } from '@/lib/auth/sessions';

export function SiteHeader({ siteName, viewer, membersOnly }: { siteName: string; viewer: Viewer | null; membersOnly: boolean }) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-stone-900 no-underline hover:no-underline">
          <span aria-hidden="true" className="mr-1 text-brand-600">
            ◆
          </span>
          {siteName}
        </Link>
        <div className="flex flex-1 items-center justify-end gap-2">
          {/* On a members-only site visitors have nothing to search. */}
          {!viewer && membersOnly ? null : (
            <>
              <Link href="/u" className="hidden rounded-md px-2 py-1 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:no-underline sm:inline">
                Members
              </Link>
              <SearchBox />
            </>
          )}
          {viewer ? (
            <div className="flex items-center gap-1">
              <NotificationBell viewer={viewer} />
              <AccountMenu name={viewer.name} username={viewer.username} email={viewer.email} isAdmin={can(viewer, 'admin.access')} canReview={can(viewer, 'review.handle')} canHandleRequests={can(viewer, 'data_requests.handle')} />
            </div>
          ) : (
            <nav aria-label="Account" className="flex items-center gap-2">
              <Link href="/signin" className="btn-secondary">
                Sign in
              </Link>
              <Link href="/signup" className="btn-primary">
                Sign up
              </Link>
            </nav>
          )}
        </div>
      </div>
    </header>
  );
}
