import { redirect } from 'next/navigation';
import { SideNav } from '@/components/side-nav';
import { getViewer } from '@/lib/auth/viewer';

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/settings/profile');
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <SideNav
        title="Settings"
        links={[
          { href: '/settings/profile', label: 'Profile' },
          { href: '/settings/notifications', label: 'Notifications' },
        ]}
      />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
