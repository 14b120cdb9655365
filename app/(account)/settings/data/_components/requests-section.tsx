import type { DataRequestKind } from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { DETAILS_MAX, DETAILS_MIN, KIND_LABELS, listMyRequests, requestFormFacts } from '@/lib/privacy/requests';
import { RequestCard } from './request-card';
import { RequestForm, type RequestChoice } from './request-form';

const KIND_HINTS: Record<DataRequestKind, string> = {
  export:
    'A download of everything the site holds about you: your profile, posts with their earlier versions, messages, settings and consents. You get a mail when it is ready.',
  erasure: 'Your account is closed for good and you can no longer sign in. You choose below what happens to what you wrote.',
  other: 'Have your data corrected, object to or limit how it is used, or ask anything about it. Say what you need in the details.',
};

const MODE_CHOICES: Record<'anonymize' | 'erase', Omit<RequestChoice, 'value'>> = {
  anonymize: {
    label: 'Anonymize',
    hint: 'Your name, username, email, profile, picture and sign-in details are deleted. Your posts stay, shown under an anonymous name.',
  },
  erase: {
    label: 'Erase',
    hint: 'The same, and your posts are removed too, with every earlier version (replies by others stay, with a note that a post was removed). Messages you sent are replaced by a “removed” note.',
  },
};

/** Requests to the privacy officer: a form for a new one, and every request the member made, with its steps. */
export async function RequestsSection({ viewer }: { viewer: Actor }) {
  const [facts, requests] = await Promise.all([requestFormFacts(viewer), listMyRequests(viewer)]);
  const kinds: RequestChoice[] = (['export', 'erasure', 'other'] as const).map((kind) => {
    const refusal =
      kind !== 'erasure'
        ? null
        : viewer.role === 'admin'
          ? 'Administrators cannot have their own account erased. Ask another administrator to remove your role first.'
          : facts.eraseModes.length === 0
            ? 'This site does not take erasure requests here; make an other request to write to the privacy officer.'
            : null;
    const open = facts.openKinds.includes(kind);
    return {
      value: kind,
      label: KIND_LABELS[kind],
      hint: refusal ?? `${KIND_HINTS[kind]}${open ? ' You have an open request of this kind.' : ''}`,
      disabled: refusal !== null,
    };
  });
  const eraseModes = facts.eraseModes.map((m) => ({ value: m, ...MODE_CHOICES[m] }));

  return (
    <>
      <section className="card space-y-4" aria-labelledby="new-request-heading">
        <div>
          <h3 id="new-request-heading" className="font-semibold">
            Ask the privacy officer
          </h3>
          <p className="mt-1 text-sm text-stone-600">
            You can ask for a copy of your data, for your account to be erased, or for anything else about your data. The answer is due within{' '}
            {facts.days} days; each step is shown below and mailed to you. You can have one open request of each kind at a time.
          </p>
        </div>
        <RequestForm kinds={kinds} eraseModes={eraseModes} detailsMin={DETAILS_MIN} detailsMax={DETAILS_MAX} />
      </section>

      <section className="card space-y-4" aria-labelledby="my-requests-heading">
        <h3 id="my-requests-heading" className="font-semibold">
          Your requests
        </h3>
        {requests.length ? (
          <ul aria-labelledby="my-requests-heading" className="space-y-4">
            {requests.map((r) => (
              <li key={r.id}>
                <RequestCard request={r} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">You have not made any requests. Those you make are listed here, with their answers.</p>
        )}
      </section>
    </>
  );
}
