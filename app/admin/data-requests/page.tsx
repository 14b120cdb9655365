import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination, pageParam } from '@/components/pagination';
import { Day, RequestDeadline, RequestStatusBadge } from '@/app/(account)/settings/data/_components/request-status';
import { deadlineOf, KIND_LABELS, listRequests, queueFilter, STATUS_LABELS, type QueueFilter } from '@/lib/privacy/requests';
import { requireOfficer } from './require-officer';

export const metadata: Metadata = { title: 'Data requests' };

const FILTER_LABELS: Record<QueueFilter, string> = { open: 'Open', all: 'All', ...STATUS_LABELS };
const FILTERS: QueueFilter[] = ['open', 'pending', 'approved', 'processing', 'download_ready', 'complete', 'rejected', 'expired', 'cancelled', 'all'];

function queueHref(filter: QueueFilter, page = 1): string {
  const params = new URLSearchParams();
  if (filter !== 'open') params.set('status', filter);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `/admin/data-requests?${s}` : '/admin/data-requests';
}

/** The privacy officers' queue: requests by status (open ones unless chosen otherwise), the nearest deadline first. */
export default async function DataRequestsPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const params = await searchParams;
  const filter = queueFilter(params.status);
  const viewer = await requireOfficer(queueHref(filter, pageParam(params.page)));
  const list = await listRequests(viewer, { filter, page: pageParam(params.page) });
  const now = new Date();

  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">Data requests</h1>
        <p className="mt-1 text-sm text-stone-600">
          Members’ requests for a copy of their data, for erasure, or anything else about their data. Each must be answered by its deadline; approving an
          export or an erasure starts it at once. The member sees every step and comment.
        </p>
      </div>

      <nav aria-label="Show requests" className="flex flex-wrap gap-1 text-sm">
        {FILTERS.map((f) =>
          f === filter ? (
            <span key={f} aria-current="page" className="rounded-md bg-brand-700 px-3 py-1.5 font-semibold text-white">
              {FILTER_LABELS[f]} ({list.counts[f]})
            </span>
          ) : (
            <Link key={f} href={queueHref(f)} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-stone-800 no-underline hover:bg-stone-100">
              {FILTER_LABELS[f]} ({list.counts[f]})
            </Link>
          ),
        )}
      </nav>

      {list.total === 0 ? (
        <div className="card space-y-1 text-stone-600">
          <p className="font-medium text-stone-800">{filter === 'all' ? 'No requests yet.' : `No ${FILTER_LABELS[filter].toLowerCase()} requests.`}</p>
          <p>When members ask for their data, for erasure or anything else about their data, their requests wait here.</p>
        </div>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {list.total} {FILTER_LABELS[filter].toLowerCase()} {list.total === 1 ? 'request' : 'requests'}, nearest deadline first
            </caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  #
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Member
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Kind
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Made
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Deadline
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {list.requests.map((r) => (
                <tr key={r.id} className={deadlineOf(r.dueAt, r.status, now)?.overdue ? 'bg-red-50' : undefined}>
                  <td className="px-4 py-2 tabular-nums text-stone-600">{r.id}</td>
                  <td className="whitespace-nowrap px-4 py-2">
                    <Link href={`/u/${encodeURIComponent(r.username)}`}>@{r.username}</Link>
                  </td>
                  <td className="whitespace-nowrap px-4 py-2">{KIND_LABELS[r.kind]}</td>
                  <td className="px-4 py-2">
                    <RequestStatusBadge status={r.status} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-stone-600">
                    <Day date={r.createdAt} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-2">
                    <RequestDeadline dueAt={r.dueAt} status={r.status} now={now} />
                  </td>
                  <td className="px-4 py-2">
                    <Link href={`/admin/data-requests/${r.id}`} className="whitespace-nowrap">
                      Open<span className="sr-only"> request {r.id}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} href={(p) => queueHref(filter, p)} />
    </div>
  );
}
