import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination, pageParam } from '@/components/pagination';
import { RelativeTime } from '@/components/relative-time';
import { adminListConversations } from '@/lib/messages';
import { requireAdmin } from '../require-admin';

export const metadata: Metadata = { title: 'Conversations' };

/**
 * Every private conversation, without subjects or text: those are shown only after the admin states
 * a reason on the conversation's own page (./[id]).
 */
export default async function AdminConversationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireAdmin('/admin/conversations');
  const list = await adminListConversations(viewer, pageParam((await searchParams).page));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">Conversations</h1>
        <p className="mt-1 text-sm text-stone-600">
          Private conversations are for their participants. To read one, state why: the participants will see the date and your reason, and the access is
          written to the <Link href="/admin/audit?action=conversation.admin_view">audit log</Link>.
        </p>
      </div>
      {list.total === 0 ? (
        <div className="card space-y-1 text-stone-600">
          <p className="font-medium text-stone-800">No private conversations yet.</p>
          <p>When members write to each other, their conversations are listed here (without subjects or text).</p>
        </div>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {list.total} {list.total === 1 ? 'conversation' : 'conversations'}, most recent activity first
            </caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  #
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Participants
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Messages
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-2 font-medium">
                  Last activity
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Started
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {list.conversations.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-2 tabular-nums text-stone-600">{c.id}</td>
                  <td className="min-w-48 px-4 py-2">
                    {c.participants.length ? (
                      <ul className="flex flex-wrap gap-x-2 gap-y-0.5">
                        {c.participants.map((username) => (
                          <li key={username}>
                            <Link href={`/u/${encodeURIComponent(username)}`}>@{username}</Link>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-stone-500">No one</span>
                    )}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{c.messageCount}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-stone-600">
                    <RelativeTime date={c.lastMessageAt} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-stone-600">
                    <time dateTime={c.createdAt.toISOString()}>{c.createdAt.toISOString().slice(0, 10)}</time>
                  </td>
                  <td className="px-4 py-2">
                    <Link href={`/admin/conversations/${c.id}`} className="whitespace-nowrap">
                      Open<span className="sr-only"> conversation {c.id}</span>…
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} href={(p) => (p > 1 ? `/admin/conversations?page=${p}` : '/admin/conversations')} />
    </div>
  );
}
