import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { NotificationSettingsForm } from '@/components/notification-settings-form';
import { getViewer } from '@/lib/auth/viewer';
import { getNotificationPreferences } from '@/lib/forum/notifications';

export const metadata: Metadata = { title: 'Notification settings' };

export default async function NotificationSettingsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/settings/notifications');
  const preferences = await getNotificationPreferences(viewer.id);
  return (
    <div className="space-y-6">
      <div>
        <h2 className="page-title">Notifications</h2>
        <p className="mt-1 text-sm text-stone-600">
          Everything always appears under the bell at <Link href="/notifications">Notifications</Link>. Here you choose what also reaches{' '}
          <strong>{viewer.email}</strong> by email. We never send marketing mail.
        </p>
      </div>
      <section className="card" aria-labelledby="email-heading">
        <h3 id="email-heading" className="mb-4 font-semibold">
          Email
        </h3>
        <NotificationSettingsForm preferences={preferences} />
      </section>
    </div>
  );
}
