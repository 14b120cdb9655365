import { KIND_LABELS, type MyRequest } from '@/lib/privacy/requests';
import { CancelRequestForm } from './request-cancel';
import { Day, RequestDeadline, RequestStatusBadge } from './request-status';
import { RequestTimeline } from './request-timeline';

const MODE_LABELS = { anonymize: 'Anonymize', erase: 'Erase' } as const;

/** One of the member's requests: what was asked, where it stands, the deadline, and every step. */
export function RequestCard({ request }: { request: MyRequest }) {
  const heading = `request-${request.id}-heading`;
  return (
    <article id={`request-${request.id}`} aria-labelledby={heading} className="scroll-mt-20 space-y-3 rounded-md border border-stone-200 p-4">
      <header className="flex flex-wrap items-center gap-2">
        <h4 id={heading} className="font-semibold text-stone-900">
          {KIND_LABELS[request.kind]} <span className="font-normal text-stone-500">· request {request.id}</span>
        </h4>
        <RequestStatusBadge status={request.status} />
      </header>

      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-stone-600">Made on</dt>
        <dd>
          <Day date={request.createdAt} />
        </dd>
        <dt className="text-stone-600">Answer due by</dt>
        <dd>
          <RequestDeadline dueAt={request.dueAt} status={request.status} />
        </dd>
        {request.eraseMode ? (
          <>
            <dt className="text-stone-600">Erasure</dt>
            <dd>{MODE_LABELS[request.eraseMode]}</dd>
          </>
        ) : null}
      </dl>

      {request.details ? (
        <div className="text-sm">
          <p className="text-stone-600">What you wrote:</p>
          <p className="mt-0.5 whitespace-pre-line break-words border-l-4 border-stone-200 pl-3 text-stone-800">{request.details}</p>
        </div>
      ) : null}

      {request.status === 'rejected' && request.decisionReason ? (
        <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="font-medium">Why it was rejected</p>
          <p className="mt-0.5 whitespace-pre-line break-words">{request.decisionReason}</p>
        </div>
      ) : null}

      <RequestTimeline steps={request.steps} reader="member" label={`Steps of request ${request.id}`} />

      {request.status === 'pending' ? <CancelRequestForm requestId={request.id} /> : null}
    </article>
  );
}
