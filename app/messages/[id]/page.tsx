import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { SubmitButton } from '@/components/form-fields';
import { Composer } from '@/components/forum/composer';
import { pageParam } from '@/components/pagination';
import { LongDate } from '@/components/long-date';
import { RelativeTime } from '@/components/relative-time';
import { getViewer, type Viewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { conversationSubject, getConversation } from '@/lib/messages';
import { conversationCommandAction, sendMessageAction } from '../actions';

type Params = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> };

function conversationId(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) notFound();
  return n;
}

async function signedIn(id: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/messages/${id}`)}`);
  return viewer;
}

async function notFoundFor<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}

// The title only reads the subject: opening the conversation (which marks it read) is the page's job.
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  return { title: await notFoundFor(conversationSubject(await signedIn(id), conversationId(id))) };
}

export default async function ConversationPage({ params, searchParams }: Params) {
  const { id } = await params;
  const raw = (await searchParams).page;
  const viewer = await signedIn(id);
  const data = await notFoundFor(getConversation(viewer, conversationId(id), raw ? pageParam(raw) : undefined));
  const { conversation } = data;
  const others = data.participants.filter((p) => p.username !== viewer.username);
  const firstUnread = data.messages.find((m) => m.unread)?.id;
  const pageHref = (p: number) => `/messages/${conversation.id}?page=${p}`;

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href={conversation.archived ? '/messages?view=archived' : '/messages'}>← Messages</Link>
      </p>
      <header className="space-y-1">
        <h1 className="page-title break-words">{conversation.subject}</h1>
        <p className="text-sm text-stone-600">
          Between you
          {others.map((p) => (
            <span key={p.username}>
              , <Link href={`/u/${p.username}`}>@{p.username}</Link>
              {p.left ? <span className="text-stone-500"> (left)</span> : null}
            </span>
          ))}
          {conversation.archived ? <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-700">Archived</span> : null}
        </p>
      </header>

      {data.accesses.length ? (
        <section aria-label="Administrator access" className="space-y-2">
          {data.accesses.map((a, i) => (
            <p key={i} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
              An administrator viewed this conversation on <LongDate date={a.at} />: {a.reason}
            </p>
          ))}
        </section>
      ) : null}

      {data.pageCount > 1 ? (
        <nav aria-label="Earlier and later messages" className="flex flex-wrap items-center gap-2 text-sm">
          {data.page > 1 ? <Link href={pageHref(data.page - 1)} className="btn-secondary">← Earlier messages</Link> : null}
          <span className="text-stone-600">
            Page {data.page} of {data.pageCount}
          </span>
          {data.page < data.pageCount ? <Link href={pageHref(data.page + 1)} className="btn-secondary">Later messages →</Link> : null}
        </nav>
      ) : null}

      <section aria-label="Messages" className="card py-0 sm:py-0">
        {data.messages.map((m) => (
          <article key={m.id} id={`message-${m.id}`} aria-labelledby={`message-${m.id}-by`} className="scroll-mt-20 border-b border-stone-200 py-4 last:border-0">
            {m.id === firstUnread ? (
              <p className="mb-3 flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-brand-700">
                <span className="h-px flex-1 bg-brand-200" aria-hidden="true" />
                Unread
                <span className="h-px flex-1 bg-brand-200" aria-hidden="true" />
              </p>
            ) : null}
            <header className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <p id={`message-${m.id}-by`}>
                {m.sender ? (
                  <>
                    <Link href={`/u/${m.sender.username}`} className="font-semibold text-stone-900">
                      {m.sender.name}
                    </Link>{' '}
                    <span className="text-stone-500">@{m.sender.username}</span>
                  </>
                ) : (
                  <span className="font-semibold text-stone-700">A former member</span>
                )}
              </p>
              <span className="ml-auto text-stone-500">
                <RelativeTime date={m.createdAt} />
              </span>
            </header>
            {m.removed ? (
              <p className="mt-2 italic text-stone-500">This message was removed.</p>
            ) : (
              <div className="prose-doc mt-2 break-words" dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
            )}
          </article>
        ))}
      </section>

      <section aria-labelledby="reply-heading" className="space-y-2">
        <h2 id="reply-heading" className="text-lg font-semibold">
          Reply
        </h2>
        {data.replyRefusal ? (
          <p className="card text-stone-700">{data.replyRefusal}</p>
        ) : (
          <div className="card">
            <Composer action={sendMessageAction} draftKey={`hearth:draft:message:${conversation.id}`} submitLabel="Send reply" hidden={{ conversationId: conversation.id }} bodyLabel="Your reply" />
          </div>
        )}
      </section>

      <section aria-label="Conversation actions" className="flex flex-wrap items-start gap-2">
        <form action={conversationCommandAction}>
          <input type="hidden" name="conversationId" value={conversation.id} />
          <input type="hidden" name="command" value={conversation.archived ? 'unarchive' : 'archive'} />
          <SubmitButton className="btn-secondary">{conversation.archived ? 'Move to inbox' : 'Archive'}</SubmitButton>
        </form>
        <details className="rounded-md border border-stone-200 bg-white">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-stone-700">Leave conversation…</summary>
          <form action={conversationCommandAction} className="space-y-2 border-t border-stone-100 p-3">
            <input type="hidden" name="conversationId" value={conversation.id} />
            <input type="hidden" name="command" value="leave" />
            <p className="text-sm text-stone-600">You will no longer see this conversation or get its messages. The others keep it.</p>
            <SubmitButton className="btn-danger">Leave for good</SubmitButton>
          </form>
        </details>
      </section>
    </div>
  );
}
