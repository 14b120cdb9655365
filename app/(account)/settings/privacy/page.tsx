import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { unblockAction } from '@/app/messages/actions';
import { getViewer } from '@/lib/auth/viewer';
import { listBlocked } from '@/lib/members/blocks';
import { getPrivacyChoices } from '@/lib/members/privacy-settings';
import { adminAccessesForMember } from '@/lib/messages';
import { BlockForm, MessagesFromForm } from './_components/privacy-forms';

export const metadata: Metadata = { title: 'Privacy settings' };

/** "24 November 2026, 14:05 UTC" */
function longDate(d: Date): string {
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}, ${d.toISOString().slice(11, 16)} UTC`;
}

export default async function PrivacySettingsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/settings/privacy');
  const [choices, blocked, accesses] = await Promise.all([getPrivacyChoices(viewer.id), listBlocked(viewer), adminAccessesForMember(viewer)]);
  return (
    <div className="space-y-6">
      <div>
        <h2 className="page-title">Privacy</h2>
        <p className="mt-1 text-sm text-stone-600">Who can reach you, who you have blocked, and every time an administrator opened one of your conversations.</p>
      </div>

      <section className="card" aria-labelledby="messages-heading">
        <h3 id="messages-heading" className="mb-4 font-semibold">
          Private messages
        </h3>
        <MessagesFromForm current={choices.allowMessagesFrom} />
      </section>

      <section className="card space-y-4" aria-labelledby="blocked-heading">
        <div>
          <h3 id="blocked-heading" className="font-semibold">
            Blocked members
          </h3>
          <p className="mt-1 text-sm text-stone-600">
            A member you block can’t message you, mention you or see when you are online. They get no notice of it, but if they try to write to you they are told you don’t accept their messages. Staff can’t be blocked.
          </p>
        </div>
        {blocked.length ? (
          <ul aria-label="Members you blocked" className="divide-y divide-stone-100 rounded-md border border-stone-200">
            {blocked.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <span>
                  <Link href={`/u/${b.username}`}>@{b.username}</Link> <span className="text-stone-500">({b.name})</span>
                </span>
                <form action={unblockAction}>
                  <input type="hidden" name="userId" value={b.id} />
                  <button type="submit" className="btn-secondary">
                    Unblock<span className="sr-only"> @{b.username}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">You have not blocked anyone.</p>
        )}
        <BlockForm />
      </section>

      <section className="card space-y-3" aria-labelledby="access-heading">
        <h3 id="access-heading" className="font-semibold">
          Administrator access to your conversations
        </h3>
        <p className="text-sm text-stone-600">
          Administrators can open a private conversation only by giving a reason. Each time, it is recorded and shown here and in the conversation.
        </p>
        {accesses.length ? (
          <ul className="space-y-2 text-sm">
            {accesses.map((a, i) => (
              <li key={i} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
                An administrator viewed “{a.left ? a.subject : <Link href={`/messages/${a.conversationId}`}>{a.subject}</Link>}”{a.left ? ' (you have left it)' : ''} on{' '}
                <time dateTime={a.at.toISOString()}>{longDate(a.at)}</time>: {a.reason}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">No administrator has opened any of your conversations.</p>
        )}
      </section>
    </div>
  );
}
