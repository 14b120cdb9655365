import { forbidden, redirect } from 'next/navigation';
import { SideNav } from '@/components/side-nav';
import { getViewer } from '@/lib/auth/viewer';
import { can } from '@/lib/permissions';

/**
 * The staff area. Moderators may enter for the review queue only, and privacy officers for the data
 * requests only, so every other admin page starts with requireAdmin() (./require-admin.ts); a layout is
 * not an auth boundary anyway, and lib re-checks each call.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/admin');
  const isAdmin = can(viewer, 'admin.access');
  const reviews = can(viewer, 'review.handle');
  const dataRequests = can(viewer, 'data_requests.handle');
  if (!isAdmin && !reviews && !dataRequests) forbidden();
  const links = [
    ...(isAdmin
      ? [
          { href: '/admin', label: 'Overview' },
          { href: '/admin/members', label: 'Members' },
          { href: '/admin/categories', label: 'Categories' },
          { href: '/admin/settings', label: 'Community settings' },
          { href: '/admin/policies', label: 'Policies' },
          { href: '/admin/outbox', label: 'Mail outbox' },
          { href: '/admin/announcements', label: 'Announcements' },
          { href: '/admin/conversations', label: 'Conversations' },
          { href: '/admin/data-requests', label: 'Data requests' },
          { href: '/admin/audit', label: 'Audit log' },
        ]
      : []),
    ...(reviews ? [{ href: '/admin/review', label: 'Review queue' }] : []),
    ...(dataRequests && !isAdmin ? [{ href: '/admin/data-requests', label: 'Data requests' }] : []),
  ];
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <SideNav title={isAdmin ? 'Admin' : 'Staff'} links={links} />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
