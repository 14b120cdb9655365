import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination, pageParam } from '@/components/pagination';
import { RelativeTime } from '@/components/relative-time';
import { listAudit, type AuditAction } from '@/lib/audit';
import { requireAdmin } from '../require-admin';

export const metadata: Metadata = { title: 'Audit log' };

/** What each logged action is called here, in the order of the filter. */
const ACTION_LABELS: Record<AuditAction, string> = {
  'conversation.admin_view': 'Opened a private conversation',
  'flags.decide': 'Decided on reports',
  'topic.moderate': 'Pinned/closed a topic',
  'settings.update': 'Changed site settings',
  'member.trust_level': "Changed a member's trust level",
  'member.role': "Changed a member's role",
  'member.privacy_officer': 'Appointed or removed a privacy officer',
  'member.close': 'Closed an account (anonymized or erased)',
  'data_request.approve': 'Approved a data request',
  'data_request.reject': 'Rejected a data request',
  'data_request.comment': 'Commented on a data request',
  'data_request.complete': 'Completed a data request',
  'announcement.send': 'Sent an announcement mail',
  'policy.create': 'Created a policy',
  'policy.update': "Changed a policy's settings",
  'policy.version_create': 'Drafted a policy version',
  'policy.version_update': 'Edited a policy draft',
  'policy.version_delete': 'Deleted a policy draft',
  'policy.activate': 'Published a policy version',
};

function isAction(value: string | undefined): value is AuditAction {
  return value !== undefined && Object.hasOwn(ACTION_LABELS, value);
}

/** Where an entry's subject can be looked at, with the words for it. */
function subjectOf(type: string, id: string): { label: string; href?: string; title?: string } {
  const safeId = /^\d+$/.test(id) ? id : null;
  switch (type) {
    case 'conversation':
      return { label: `Conversation ${id}`, href: safeId ? `/admin/conversations/${safeId}` : undefined };
    case 'topic':
      return { label: `Topic ${id}`, href: safeId ? `/t/${safeId}` : undefined };
    case 'post':
      return { label: `Post ${id}`, href: safeId ? `/p/${safeId}` : undefined };
    case 'site':
      return { label: 'Site settings', href: '/admin/settings' };
    case 'data_request':
      return { label: `Data request ${id}`, href: safeId ? `/admin/data-requests/${safeId}` : undefined };
    case 'policy':
      return { label: `Policy ${id}`, href: safeId ? `/admin/policies/${safeId}` : undefined };
    case 'member':
      // The log names accounts by id only; the full id is in the tooltip.
      return { label: `Member ${id.slice(0, 8)}…`, title: id };
    default:
      return { label: `${type} ${id}` };
  }
}

function detailText(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** An empty cell: a dash on screen, "None" for screen readers. */
function None() {
  return (
    <>
      <span className="text-stone-400" aria-hidden="true">
        —
      </span>
      <span className="sr-only">None</span>
    </>
  );
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ page?: string; action?: string }> }) {
  const viewer = await requireAdmin('/admin/audit');
  const params = await searchParams;
  const action = isAction(params.action) ? params.action : undefined;
  const log = await listAudit(viewer, pageParam(params.page), action);
  const pageHref = (p: number) => {
    const q = new URLSearchParams();
    if (action) q.set('action', action);
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `/admin/audit?${s}` : '/admin/audit';
  };

  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">Audit log</h1>
        <p className="mt-1 text-sm text-stone-600">
          What staff did that others should be able to check, newest first. Entries cannot be changed or removed here.
        </p>
      </div>

      <form method="get" action="/admin/audit" className="flex flex-wrap items-end gap-2" role="search" aria-label="Filter the audit log">
        <div className="min-w-0 flex-1 sm:flex-none">
          <label htmlFor="audit-action" className="label">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={action ?? ''} className="input mt-1 sm:w-72">
            <option value="">All actions</option>
            {Object.entries(ACTION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Filter
        </button>
        {action ? (
          <Link href="/admin/audit" className="btn px-2 text-stone-700">
            Show all
          </Link>
        ) : null}
      </form>

      {log.total === 0 ? (
        <div className="card space-y-1 text-stone-600">
          {action ? (
            <p className="font-medium text-stone-800">No entries for “{ACTION_LABELS[action]}”.</p>
          ) : (
            <>
              <p className="font-medium text-stone-800">Nothing logged yet.</p>
              <p>Entries appear here when staff open a private conversation, decide on reports, pin or close a topic, change a member's trust level or change site settings.</p>
            </>
          )}
        </div>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {log.total} {log.total === 1 ? 'entry' : 'entries'}
              {action ? ` for “${ACTION_LABELS[action]}”` : ''}, newest first
            </caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Time
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Who
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Action
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Subject
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Reason
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Details
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100 align-top">
              {log.entries.map((e) => {
                const subject = subjectOf(e.subjectType, e.subjectId);
                const details = Object.entries(e.details ?? {});
                return (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap px-4 py-2 text-stone-600">
                      <RelativeTime date={e.createdAt} />
                    </td>
                    <td className="whitespace-nowrap px-4 py-2">
                      {e.actorUsername ? (
                        <Link href={`/u/${encodeURIComponent(e.actorUsername)}`}>@{e.actorUsername}</Link>
                      ) : (
                        <span className="italic text-stone-500">erased account</span>
                      )}
                    </td>
                    <td className="min-w-40 px-4 py-2">{isAction(e.action) ? ACTION_LABELS[e.action] : e.action}</td>
                    <td className="whitespace-nowrap px-4 py-2" title={subject.title}>
                      {subject.href ? <Link href={subject.href}>{subject.label}</Link> : subject.label}
                    </td>
                    <td className="min-w-48 max-w-md whitespace-pre-line break-words px-4 py-2">
                      {e.reason ? e.reason : <None />}
                    </td>
                    <td className="min-w-40 px-4 py-2 text-stone-700">
                      {details.length ? (
                        <dl className="space-y-0.5 text-xs">
                          {details.map(([key, value]) => (
                            <div key={key} className="break-words">
                              <dt className="inline font-medium text-stone-600">{key}:</dt> <dd className="inline">{detailText(value)}</dd>
                            </div>
                          ))}
                        </dl>
                      ) : (
                        <None />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={log.page} pageCount={log.pageCount} href={pageHref} />
    </div>
  );
}
