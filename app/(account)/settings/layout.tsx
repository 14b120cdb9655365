import { SideNav } from '@/components/side-nav';
import { getViewer } from '@/lib/auth/viewer';

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  // Each settings page sends visitors to sign in and back to that page; the menu is for members only.
  const viewer = await getViewer();
  if (!viewer) return <>{children}</>;
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <SideNav
        title="Settings"
        links={[
          { href: '/settings/profile', label: 'Profile' },
          { href: '/settings/notifications', label: 'Notifications' },
          { href: '/settings/privacy', label: 'Privacy' },
          { href: '/settings/consents', label: 'Consents' },
          { href: '/settings/data', label: 'Your data' },
          { href: '/settings/account', label: 'Account' },
        ]}
      />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
