import { forbidden, redirect } from 'next/navigation';
import { SideNav } from '@/components/side-nav';
import { getViewer } from '@/lib/auth/viewer';
import { can } from '@/lib/permissions';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/admin');
  if (!can(viewer, 'admin.access')) forbidden();
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <SideNav
        title="Admin"
        links={[
          { href: '/admin', label: 'Overview' },
          { href: '/admin/outbox', label: 'Mail outbox' },
        ]}
      />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
