import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { NotificationSettingsForm } from '@/components/notification-settings-form';
import { getViewer } from '@/lib/auth/viewer';
import { getNotificationPreferences, memberForSettingsToken } from '@/lib/forum/notifications';

// The link carries a token: keep it out of search engines. (The site-wide Referrer-Policy, same-origin, keeps it
// from other sites; 'no-referrer' here would make browsers send `Origin: null`, which Server Actions refuse.)
export const metadata: Metadata = { title: 'Email settings', robots: { index: false, follow: false } };

/** Where the link at the end of every notification mail leads: that member's email settings, no sign-in needed. */
export default async function EmailSettingsFromLinkPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const given = typeof token === 'string' ? token : null;
  if (!given && (await getViewer())) redirect('/settings/notifications');
  const member = await memberForSettingsToken(given);
  if (!member) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="page-title">Email settings</h1>
        <div className="card space-y-3" role="alert">
          <p className="font-medium text-stone-900">This link does not work.</p>
          <p className="text-sm text-stone-600">
            It may have been cut off when it was copied from the mail. Try the whole link again, or sign in to change your email settings.
          </p>
          <p>
            <Link href="/signin?callbackUrl=/settings/notifications" className="btn-primary">
              Sign in to change settings
            </Link>
          </p>
        </div>
      </div>
    );
  }
  const preferences = await getNotificationPreferences(member.id);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="page-title">Email settings</h1>
        <p className="mt-1 text-sm text-stone-600">
          For the account <strong>@{member.username}</strong>. Choose which notifications reach you by email; they always appear on the site
          when you sign in. We never send marketing mail.
        </p>
      </div>
      <section className="card" aria-label="Email settings">
        <NotificationSettingsForm preferences={preferences} token={given!} />
      </section>
    </div>
  );
}
