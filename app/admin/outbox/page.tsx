import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination, pageParam } from '@/components/pagination';
import { listOutbox, smtpConfigured } from '@/lib/mail/outbox';
import { requireAdmin } from '../require-admin';

export const metadata: Metadata = { title: 'Mail outbox' };

const PER_PAGE = 30;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireAdmin('/admin/outbox');
  const page = pageParam((await searchParams).page);
  const { rows, total } = await listOutbox(viewer, page, PER_PAGE);
  return (
    <div className="space-y-4">
      <h1 className="page-title">Mail outbox</h1>
      <p className="text-sm text-stone-600">
        {smtpConfigured()
          ? 'Mail is delivered through SMTP; this list shows what was sent and what is waiting to be retried.'
          : 'SMTP is not configured (set SMTP_URL), so mail is kept here instead of being sent.'}
      </p>
      {rows.length === 0 ? (
        <p className="card text-stone-600">No mail yet. Mail appears here when members sign up, reset passwords and so on.</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">To</th>
                <th scope="col" className="px-4 py-2 font-medium">Subject</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Written</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((m) => (
                <tr key={m.id}>
                  <td className="max-w-48 truncate px-4 py-2">{m.toAddress}</td>
                  <td className="px-4 py-2">
                    <Link href={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td className="px-4 py-2">{m.status}{m.attempts > 1 ? ` (${m.attempts} tries)` : ''}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-stone-600">
                    <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={Math.ceil(total / PER_PAGE)} href={(p) => `/admin/outbox?page=${p}`} />
    </div>
  );
}
