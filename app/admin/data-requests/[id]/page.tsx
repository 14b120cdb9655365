import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Day, RequestDeadline, RequestStatusBadge } from '@/app/(account)/settings/data/_components/request-status';
import { RequestTimeline } from '@/app/(account)/settings/data/_components/request-timeline';
import { LongDate } from '@/components/long-date';
import { NotFound } from '@/lib/errors';
import { getRequest, KIND_LABELS, type OfficerRequest } from '@/lib/privacy/requests';
import { approveAction, commentAction, completeAction, rejectAction } from '../actions';
import { RequestStepForm } from '../_components/request-step-form';
import { requireOfficer } from '../require-officer';

export const metadata: Metadata = { title: 'Data request' };

const DONE: Record<string, string> = {
  approved: 'Approved. The member was told; an export or an erasure has been started.',
  rejected: 'Rejected. The member was told and can read your reason.',
  completed: 'Marked complete. The member was told.',
  commented: 'Comment added. The member was told and can read it.',
};

const MODE_LABELS = { anonymize: 'Anonymize (posts stay, under an anonymous name)', erase: 'Erase (posts removed too)' } as const;

function approvalHint(request: OfficerRequest): string {
  if (request.kind === 'export') return 'Approving starts the export at once; the member gets a mail when it is ready to download.';
  if (request.kind === 'erasure') return 'Approving closes the account at once, in the way the member chose (above). This cannot be undone.';
  return 'Approving tells the member their request will be acted on; mark it complete once done.';
}

/** One data request for a privacy officer: the member, what they asked, the deadline, every step, and the officer's steps. */
export default async function DataRequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const rawId = (await params).id;
  const viewer = await requireOfficer(`/admin/data-requests/${encodeURIComponent(rawId)}`);
  const id = Number(rawId);
  let request: OfficerRequest;
  try {
    request = await getRequest(viewer, id);
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
  const done = DONE[(await searchParams).done ?? ''];

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/data-requests">← All data requests</Link>
      </p>
      {done ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">
          {done}
        </p>
      ) : null}

      <header className="flex flex-wrap items-center gap-3">
        <h1 className="page-title">
          Request {request.id}: {KIND_LABELS[request.kind]}
        </h1>
        <RequestStatusBadge status={request.status} />
      </header>

      <section className="card space-y-4" aria-labelledby="request-heading">
        <h2 id="request-heading" className="sr-only">
          The request
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-stone-600">Member</dt>
          <dd>
            <Link href={`/u/${encodeURIComponent(request.username)}`}>@{request.username}</Link>
            {request.memberClosed ? <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-700">Account closed</span> : null}
          </dd>
          <dt className="text-stone-600">Kind</dt>
          <dd>{KIND_LABELS[request.kind]}</dd>
          {request.eraseMode ? (
            <>
              <dt className="text-stone-600">Erasure asked for</dt>
              <dd>{MODE_LABELS[request.eraseMode]}</dd>
            </>
          ) : null}
          <dt className="text-stone-600">Made</dt>
          <dd>
            <LongDate date={request.createdAt} />
          </dd>
          <dt className="text-stone-600">Deadline</dt>
          <dd>
            <RequestDeadline dueAt={request.dueAt} status={request.status} />
          </dd>
          {request.decidedAt ? (
            <>
              <dt className="text-stone-600">Decided</dt>
              <dd>
                <Day date={request.decidedAt} /> {request.decidedBy ? `by @${request.decidedBy}` : 'automatically'}
              </dd>
            </>
          ) : null}
          {request.completedAt ? (
            <>
              <dt className="text-stone-600">Completed</dt>
              <dd>
                <Day date={request.completedAt} />
              </dd>
            </>
          ) : null}
        </dl>
        <div className="text-sm">
          <p className="text-stone-600">What the member wrote</p>
          {request.details ? (
            <p className="mt-1 whitespace-pre-line break-words border-l-4 border-stone-200 pl-3 text-stone-900">{request.details}</p>
          ) : (
            <p className="mt-1 italic text-stone-500">Nothing beyond the kind of request.</p>
          )}
        </div>
      </section>

      <section className="card space-y-3" aria-labelledby="steps-heading">
        <h2 id="steps-heading" className="font-semibold">
          Steps
        </h2>
        <p className="text-sm text-stone-600">The member sees these steps and every comment, with “the privacy officer” in place of your name.</p>
        <RequestTimeline steps={request.steps} reader="officer" label={`Steps of request ${request.id}`} />
      </section>

      {request.canDecide ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <section className="card space-y-3" aria-labelledby="approve-heading">
            <h2 id="approve-heading" className="font-semibold">
              Approve
            </h2>
            <p className="text-sm text-stone-600">{approvalHint(request)}</p>
            <RequestStepForm
              requestId={request.id}
              action={approveAction}
              field={{ name: 'approveNote', label: 'Note to the member', hint: 'Optional.' }}
              submit="Approve request"
              pendingText="Approving…"
            />
          </section>
          <section className="card space-y-3" aria-labelledby="reject-heading">
            <h2 id="reject-heading" className="font-semibold">
              Reject
            </h2>
            <p className="text-sm text-stone-600">Say why: the member reads your reason on their data page.</p>
            <RequestStepForm
              requestId={request.id}
              action={rejectAction}
              field={{ name: 'reason', label: 'Reason', hint: 'Required. Shown to the member.', required: true }}
              submit="Reject request"
              pendingText="Rejecting…"
              danger
            />
          </section>
        </div>
      ) : null}

      {request.canComplete ? (
        <section className="card space-y-3" aria-labelledby="complete-heading">
          <h2 id="complete-heading" className="font-semibold">
            Mark complete
          </h2>
          <p className="text-sm text-stone-600">Once you have done what the member asked (corrected their data, answered their question…).</p>
          <RequestStepForm
            requestId={request.id}
            action={completeAction}
            field={{ name: 'completeNote', label: 'Note on what was done', hint: 'Optional. Shown to the member.' }}
            submit="Mark complete"
            pendingText="Saving…"
          />
        </section>
      ) : null}

      <section className="card space-y-3" aria-labelledby="comment-heading">
        <h2 id="comment-heading" className="font-semibold">
          Comment
        </h2>
        <p className="text-sm text-stone-600">A question or an update for the member; they get a notice and a mail, and read it on their data page.</p>
        <RequestStepForm
          requestId={request.id}
          action={commentAction}
          field={{ name: 'comment', label: 'Comment', hint: 'Shown to the member.', required: true }}
          submit="Add comment"
          pendingText="Adding…"
        />
      </section>
    </div>
  );
}
