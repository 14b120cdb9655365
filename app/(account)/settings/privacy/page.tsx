import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { unblockAction } from '@/app/messages/actions';
import { LongDate } from '@/components/long-date';
import { RelativeTime } from '@/components/relative-time';
import { listActiveSessions } from '@/lib/auth/sessions';
import { getViewer } from '@/lib/auth/viewer';
import { listBlocked } from '@/lib/members/blocks';
import { getMarketingConsent } from '@/lib/members/marketing';
import { getPrivacyChoices } from '@/lib/members/privacy-settings';
import { restrictedSince } from '@/lib/members/restriction';
import { adminAccessesForMember } from '@/lib/messages';
import { getSettings } from '@/lib/settings';
import { endOtherSessionsAction, endSessionAction } from './actions';
import { BlockForm, LiftRestrictionForm, MarketingEmailForm, MessagesFromForm, ProfileChoicesForm, RestrictProcessingForm } from './_components/privacy-forms';
import { ContactOfficerSection } from './_components/contact-officer';

export const metadata: Metadata = { title: 'Privacy settings' };

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export default async function PrivacySettingsPage({ searchParams }: { searchParams: Promise<{ ended?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/settings/privacy');
  const { ended } = await searchParams;
  const [choices, blocked, accesses, devices, marketing, restricted] = await Promise.all([
    getPrivacyChoices(viewer.id),
    listBlocked(viewer),
    adminAccessesForMember(viewer),
    listActiveSessions(viewer),
    getMarketingConsent(viewer.id),
    restrictedSince(viewer.id),
  ]);
  const ipDays = (await getSettings()).ipRetentionDays;
  const endedCount = Number(ended);
  return (
    <div className="space-y-6">
      <div>
        <h2 className="page-title">Privacy</h2>
        <p className="mt-1 text-sm text-stone-600">Who can reach you, who you have blocked, and every time an administrator opened one of your conversations.</p>
      </div>

      {restricted ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          Processing of your data is restricted since <LongDate date={restricted} />: you get no notifications and no mail about activity or the community.{' '}
          <a href="#restriction-heading">Lift the restriction</a> when you want them again.
        </p>
      ) : null}

      <section className="card" aria-labelledby="profile-heading">
        <h3 id="profile-heading" className="mb-4 font-semibold">
          Your profile
        </h3>
        <ProfileChoicesForm current={choices} />
      </section>

      <section className="card space-y-3" aria-labelledby="marketing-heading">
        <h3 id="marketing-heading" className="font-semibold">
          Mail about the community
        </h3>
        {restricted ? <p className="text-sm text-stone-600">While processing is restricted, no such mail is sent, whatever you choose here.</p> : null}
        <MarketingEmailForm on={marketing.on} since={marketing.since ? dateFormat.format(marketing.since) : null} />
      </section>

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

      <section className="card space-y-3" aria-labelledby="sessions-heading">
        <h3 id="sessions-heading" className="scroll-mt-20 font-semibold">
          Where you are signed in
        </h3>
        <p className="text-sm text-stone-600">
          Each browser you are signed in with, with the network address it signed in from and when it was last used. Sign out any you do not recognise, and change your password if in doubt. The address and browser name are deleted {ipDays} days after signing in.
        </p>
        {ended !== undefined && Number.isInteger(endedCount) ? (
          <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
            {endedCount === 0 ? 'There was no other session to sign out.' : endedCount === 1 ? 'Signed out.' : `Signed out of ${endedCount} sessions.`}
          </p>
        ) : null}
        <ul aria-label="Signed-in sessions" className="divide-y divide-stone-100 rounded-md border border-stone-200">
          {devices.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <span className="font-medium text-stone-900">{d.device}</span>
                {d.current ? <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-800">This browser</span> : null}
                <span className="block text-stone-600">
                  {d.ip ? `${d.ip} · ` : ''}last used <RelativeTime date={d.lastSeenAt} /> · signed in <RelativeTime date={d.createdAt} />
                </span>
              </span>
              <form action={endSessionAction}>
                <input type="hidden" name="sessionId" value={d.id} />
                <button type="submit" className="btn-secondary">
                  Sign out<span className="sr-only"> {d.current ? 'this browser' : d.device}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
        {devices.some((d) => !d.current) ? (
          <form action={endOtherSessionsAction}>
            <button type="submit" className="btn-secondary">
              Sign out everywhere else
            </button>
          </form>
        ) : null}
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
                <LongDate date={a.at} />: {a.reason}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">No administrator has opened any of your conversations.</p>
        )}
      </section>

      <section className="card space-y-3" aria-labelledby="restriction-heading">
        <h3 id="restriction-heading" className="scroll-mt-20 font-semibold">
          Restrict processing of your data
        </h3>
        <p className="text-sm text-stone-600">
          You have the right to have the processing of your data restricted, for example while you contest whether it is accurate or whether we may use it. While the restriction lasts, we keep your data but do nothing new with it:
          you get no notifications and no notification or summary mail, no mail about the community, and your trust level is not changed automatically. What you wrote stays visible, and you can still sign in, read and post.
          Mail about your account itself (a password reset, your data requests) still reaches you.
        </p>
        {restricted ? (
          <>
            <p className="text-sm font-medium text-stone-900">
              Restricted since <LongDate date={restricted} />.
            </p>
            <LiftRestrictionForm />
          </>
        ) : (
          <RestrictProcessingForm />
        )}
      </section>

      <ContactOfficerSection viewer={viewer} />
    </div>
  );
}
