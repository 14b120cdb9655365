import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageNumbers, pageParam } from '@/components/pagination';
import { RelativeTime } from '@/components/relative-time';
import { Forbidden, NotFound } from '@/lib/errors';
import { ADMIN_ACCESS_MINUTES, adminViewConversation } from '@/lib/messages';
import { requireAdmin } from '../../require-admin';
import { OpenConversationForm } from './_components/open-conversation-form';

// The subject is shown only after a reason is given, so the tab title never carries it.
export const metadata: Metadata = { title: 'Private conversation' };

type Params = { params: Promise<{ id: string }>; searchParams: Promise<{ access?: string; page?: string }> };

/** "2025-03-14 09:30 UTC", the way other admin pages show exact times. */
function utc(date: Date): string {
  return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

function positiveInt(value: string | undefined): number | null {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : null;
}

type View = Awaited<ReturnType<typeof adminViewConversation>>;

/**
 * One private conversation for an administrator. Without a recent access of their own (?access=, from
 * stating a reason) the page shows only the reason form; lib decides whether the access is valid.
 */
export default async function AdminConversationPage({ params, searchParams }: Params) {
  const rawId = (await params).id;
  const viewer = await requireAdmin(`/admin/conversations/${encodeURIComponent(rawId)}`);
  const id = positiveInt(rawId);
  if (!id) notFound();
  const query = await searchParams;
  const accessId = positiveInt(query.access);

  let view: View | null = null;
  if (accessId) {
    try {
      view = await adminViewConversation(viewer, id, accessId, pageParam(query.page));
    } catch (e) {
      if (e instanceof NotFound) notFound();
      if (!(e instanceof Forbidden)) throw e;
    }
  }

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/conversations">← All conversations</Link>
      </p>
      {view && accessId ? <Conversation view={view} accessId={accessId} /> : <ReasonStep id={id} expired={accessId !== null} />}
    </div>
  );
}

function ReasonStep({ id, expired }: { id: number; expired: boolean }) {
  return (
    <>
      <div>
        <h1 className="page-title">Open conversation {id}</h1>
        <p className="mt-1 text-sm text-stone-600">
          Private conversations are for their participants. To read one, state why: the participants will see the date and your reason, and the access is
          written to the audit log. An access lasts {ADMIN_ACCESS_MINUTES} minutes; after that you are asked again.
        </p>
      </div>
      {expired ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          That access has ended (each lasts {ADMIN_ACCESS_MINUTES} minutes and is for the administrator who gave the reason). State a reason again to read
          the conversation.
        </p>
      ) : null}
      <section className="card" aria-labelledby="reason-heading">
        <h2 id="reason-heading" className="mb-3 font-semibold">
          Why are you opening it?
        </h2>
        <OpenConversationForm conversationId={id} />
      </section>
    </>
  );
}

function Conversation({ view, accessId }: { view: View; accessId: number }) {
  const { conversation, participants, messages, accesses, access } = view;
  const pageHref = (p: number) => `/admin/conversations/${conversation.id}?access=${accessId}${p > 1 ? `&page=${p}` : ''}`;
  const until = new Date(access.at.getTime() + ADMIN_ACCESS_MINUTES * 60_000);
  return (
    <>
      <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p>
          You opened this conversation on <time dateTime={access.at.toISOString()}>{utc(access.at)}</time>. Reason:{' '}
          <q className="whitespace-pre-line break-words">{access.reason}</q> The participants can see this.
        </p>
        <p className="mt-1 text-amber-800">
          This access lasts until <time dateTime={until.toISOString()}>{utc(until)}</time>; the page is read-only.
        </p>
      </div>

      <header className="space-y-1">
        <h1 className="page-title break-words">{conversation.subject}</h1>
        <p className="text-sm text-stone-600">
          Conversation {conversation.id} · started <time dateTime={conversation.createdAt.toISOString()}>{utc(conversation.createdAt)}</time> ·{' '}
          {view.total} {view.total === 1 ? 'message' : 'messages'}
        </p>
      </header>

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card" aria-labelledby="participants-heading">
          <h2 id="participants-heading" className="mb-2 font-semibold">
            Participants
          </h2>
          {participants.length ? (
            <ul className="space-y-1 text-sm">
              {participants.map((p) => (
                <li key={p.username} className="break-words">
                  <Link href={`/u/${encodeURIComponent(p.username)}`}>@{p.username}</Link>
                  {p.name && p.name !== p.username ? <span className="text-stone-600"> ({p.name})</span> : null}
                  {p.left ? <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-700">Left</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-stone-600">No one is in this conversation any more.</p>
          )}
        </section>

        <section className="card" aria-labelledby="accesses-heading">
          <h2 id="accesses-heading" className="mb-2 font-semibold">
            Administrator accesses
          </h2>
          <p className="mb-2 text-sm text-stone-600">Every time an administrator opened it, newest first. The participants see the same list.</p>
          <ol className="space-y-2 text-sm">
            {accesses.map((a, i) => (
              <li key={`${a.at.toISOString()}-${i}`} className="rounded-md bg-stone-50 px-3 py-2">
                <p className="text-stone-600">
                  <time dateTime={a.at.toISOString()}>{utc(a.at)}</time>
                  {a.at.getTime() === access.at.getTime() && a.reason === access.reason ? <span className="font-medium text-stone-800"> · this access</span> : null}
                </p>
                <p className="whitespace-pre-line break-words text-stone-800">{a.reason || <span className="italic text-stone-500">No reason recorded.</span>}</p>
              </li>
            ))}
          </ol>
        </section>
      </div>

      <section aria-labelledby="messages-heading" className="space-y-3">
        <h2 id="messages-heading" className="text-lg font-semibold">
          Messages
          {view.pageCount > 1 ? (
            <span className="ml-2 text-sm font-normal text-stone-600">
              page {view.page} of {view.pageCount}, oldest first
            </span>
          ) : null}
        </h2>
        {messages.length === 0 ? (
          <p className="card text-stone-600">This conversation has no messages.</p>
        ) : (
          <ol className="card divide-y divide-stone-100 py-0 sm:py-0">
            {messages.map((m) => (
              <li key={m.id} className="py-4">
                <article aria-labelledby={`message-${m.id}-by`}>
                  <header className="mb-2 flex flex-wrap items-baseline gap-x-2 text-sm">
                    <span id={`message-${m.id}-by`} className="font-medium text-stone-900">
                      {m.sender ? (
                        <>
                          <Link href={`/u/${encodeURIComponent(m.sender.username)}`}>@{m.sender.username}</Link>
                          {m.sender.name && m.sender.name !== m.sender.username ? <span className="font-normal text-stone-600"> ({m.sender.name})</span> : null}
                        </>
                      ) : (
                        'A former member'
                      )}
                    </span>
                    <span className="text-stone-500">
                      <RelativeTime date={m.createdAt} />
                    </span>
                  </header>
                  {m.removed ? (
                    <p className="text-sm italic text-stone-500">This message was removed.</p>
                  ) : (
                    <div className="prose-doc break-words" dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
                  )}
                </article>
              </li>
            ))}
          </ol>
        )}
        <PageNumbers page={view.page} pageCount={view.pageCount} href={pageHref} label="Message pages" />
      </section>
    </>
  );
}
