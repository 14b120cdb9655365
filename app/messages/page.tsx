import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Pagination, pageParam } from '@/components/pagination';
import { RelativeTime } from '@/components/relative-time';
import { getViewer } from '@/lib/auth/viewer';
import { listConversations } from '@/lib/messages';

export const metadata: Metadata = { title: 'Messages' };

type Search = { view?: string; page?: string; left?: string; archived?: string };

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const archived = params.view === 'archived';
  const base = archived ? '/messages?view=archived' : '/messages';
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(base)}`);
  const list = await listConversations(viewer, { archived, page: pageParam(params.page) });
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm no-underline ${active ? 'bg-brand-700 font-semibold text-white' : 'text-stone-700 hover:bg-stone-100'}`;

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="page-title">Messages</h1>
          <p className="mt-1 text-sm text-stone-600">Private conversations: only the members in them can read them.</p>
        </div>
        <Link href="/messages/new" className="btn-primary">
          New message
        </Link>
      </div>

      {params.left ? <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">You left the conversation.</p> : null}
      {params.archived ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          Archived. It comes back here when someone writes in it; find it under <Link href="/messages?view=archived">Archived</Link>.
        </p>
      ) : null}

      <nav aria-label="Message folders" className="flex gap-2">
        <Link href="/messages" aria-current={archived ? undefined : 'page'} className={tab(!archived)}>
          Inbox{!archived && list.unreadConversations > 0 ? ` (${list.unreadConversations} unread)` : ''}
        </Link>
        <Link href="/messages?view=archived" aria-current={archived ? 'page' : undefined} className={tab(archived)}>
          Archived
        </Link>
      </nav>

      {list.total === 0 ? (
        <div className="card space-y-2 text-stone-600">
          {archived ? (
            <p className="font-medium text-stone-800">Nothing archived.</p>
          ) : (
            <>
              <p className="font-medium text-stone-800">No conversations yet.</p>
              <p>
                Start one with <Link href="/messages/new">New message</Link>, or with the Message button on a member’s profile.
              </p>
            </>
          )}
        </div>
      ) : (
        <ol aria-label={archived ? 'Archived conversations' : 'Conversations'} className="divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white">
          {list.conversations.map((c) => (
            <li key={c.id} className={`flex items-start gap-3 px-4 py-3 sm:px-6 ${c.unread > 0 ? 'bg-brand-50' : ''}`}>
              <div className="min-w-0 flex-1">
                {/* Not prefetched: opening a conversation marks it read. */}
                <Link href={`/messages/${c.id}`} prefetch={false} className={`block break-words text-stone-900 ${c.unread > 0 ? 'font-semibold' : ''}`}>
                  {c.unread > 0 ? <span className="sr-only">Unread: </span> : null}
                  {c.subject}
                </Link>
                <p className="mt-0.5 break-words text-sm text-stone-600">
                  {c.with.length ? `with ${c.with.map((u) => `@${u}`).join(', ')}` : 'Everyone else has left'} · {c.messageCount}{' '}
                  {c.messageCount === 1 ? 'message' : 'messages'} · <RelativeTime date={c.lastMessageAt} />
                </p>
              </div>
              {c.unread > 0 ? (
                <span className="shrink-0 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">
                  {c.unread} <span className="sr-only">unread {c.unread === 1 ? 'message' : 'messages'}</span>
                  <span aria-hidden="true">new</span>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} href={(p) => `${base}${base.includes('?') ? '&' : '?'}page=${p}`} />
    </div>
  );
}
