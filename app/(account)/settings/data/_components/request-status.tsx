import type { DataRequestStatus } from '@/db/schema';
import { deadlineOf, STATUS_LABELS } from '@/lib/privacy/requests';

const BADGE: Record<DataRequestStatus, string> = {
  pending: 'bg-amber-100 text-amber-900',
  approved: 'bg-sky-100 text-sky-900',
  processing: 'bg-sky-100 text-sky-900',
  download_ready: 'bg-green-100 text-green-900',
  complete: 'bg-green-100 text-green-900',
  rejected: 'bg-red-100 text-red-900',
  expired: 'bg-stone-200 text-stone-700',
  cancelled: 'bg-stone-200 text-stone-700',
};

/** The status of a data request, as a small coloured label. */
export function RequestStatusBadge({ status }: { status: DataRequestStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${BADGE[status]}`}>{STATUS_LABELS[status]}</span>;
}

/** "12 June 2026": a calendar day, in UTC like the other dates people quote. */
export function Day({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}</time>;
}

/** The answer deadline with the days left, or how late it is, while the request is open. */
export function RequestDeadline({ dueAt, status, now }: { dueAt: Date; status: DataRequestStatus; now?: Date }) {
  const deadline = deadlineOf(dueAt, status, now);
  return (
    <>
      <Day date={dueAt} />
      {deadline ? (
        <span className={deadline.overdue ? 'ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900' : 'ml-2 text-stone-600'}>{deadline.text}</span>
      ) : null}
    </>
  );
}
