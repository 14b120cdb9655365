import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LongDate } from '@/components/long-date';
import { getViewer } from '@/lib/auth/viewer';
import { consentHistory, optionalPoliciesFor, pendingConsents, type ConsentRecord } from '@/lib/policies/consent';
import { OptionalPolicyForm } from './_components/optional-policy-form';

export const metadata: Metadata = { title: 'Consents' };

const OTHER_KINDS: Record<Exclude<ConsentRecord['kind'], 'policy'>, string> = {
  marketing_email: 'Mail about the community',
  guardian: 'Agreement of a parent or guardian',
};

function What({ record }: { record: ConsentRecord }) {
  if (record.kind !== 'policy') return <>{OTHER_KINDS[record.kind]}</>;
  if (!record.policySlug) return <>A policy that no longer exists</>;
  return (
    <>
      <Link href={`/policies/${record.policySlug}`}>{record.policyTitle}</Link>
      {record.policyRequired ? <span className="ml-1 text-xs text-stone-500">(required)</span> : null}
    </>
  );
}

export default async function ConsentsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/settings/consents');
  const [optional, history, pending] = await Promise.all([optionalPoliciesFor(viewer.id), consentHistory(viewer.id), pendingConsents(viewer.id)]);
  return (
    <div className="space-y-6">
      <div>
        <h2 className="page-title">Consents</h2>
        <p className="mt-1 text-sm text-stone-600">What you agreed to and when. Optional policies can be accepted and withdrawn here at any time.</p>
      </div>

      {pending.length ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {pending.map((p) => p.title).join(', ')} {pending.length === 1 ? 'has' : 'have'} changed.{' '}
          <Link href="/consent?callbackUrl=/settings/consents">Read and accept</Link> to keep taking part.
        </p>
      ) : null}

      <section className="card space-y-4" aria-labelledby="optional-heading">
        <div>
          <h3 id="optional-heading" className="font-semibold">
            Optional policies
          </h3>
          <p className="mt-1 text-sm text-stone-600">You can take part in the community whether or not you accept these.</p>
        </div>
        {optional.length === 0 ? (
          <p className="text-sm text-stone-600">There are no optional policies at the moment.</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {optional.map((p) => (
              <li key={p.policyId} className="space-y-2 py-3 first:pt-0 last:pb-0">
                <h4 className="font-medium">
                  <Link href={`/policies/${p.slug}`}>{p.title}</Link> <span className="text-sm font-normal text-stone-500">version {p.version}</span>
                </h4>
                <p className="text-sm text-stone-700">{p.summary}</p>
                <p className="text-sm text-stone-600">
                  {p.acceptedAt ? (
                    <>
                      You accepted it on <LongDate date={p.acceptedAt} />.
                    </>
                  ) : p.outdatedVersion !== null ? (
                    `You accepted version ${p.outdatedVersion}; it has changed since, so it no longer applies until you accept the new version.`
                  ) : (
                    'You have not accepted it.'
                  )}
                </p>
                <OptionalPolicyForm policyId={p.policyId} versionId={p.versionId} title={p.title} accepted={Boolean(p.acceptedAt)} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card space-y-3" aria-labelledby="history-heading">
        <div>
          <h3 id="history-heading" className="font-semibold">
            History
          </h3>
          <p className="mt-1 text-sm text-stone-600">
            Every consent you gave, newest first, required ones included. Required policies cannot be withdrawn while you are a member; to stop,{' '}
            <Link href="/settings/account">close your account</Link>.
          </p>
        </div>
        {history.length === 0 ? (
          <p className="text-sm text-stone-600">No consents recorded yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Your consents, newest first</caption>
              <thead className="border-b border-stone-200 text-stone-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">What</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Version</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Given</th>
                  <th scope="col" className="py-2 font-medium">Withdrawn</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100 align-top">
                {history.map((h) => (
                  <tr key={h.id}>
                    <td className="py-2 pr-4">
                      <What record={h} />
                    </td>
                    <td className="whitespace-nowrap py-2 pr-4">{h.version !== null ? `Version ${h.version}` : <span className="text-stone-500">—</span>}</td>
                    <td className="py-2 pr-4">
                      <LongDate date={h.givenAt} />
                    </td>
                    <td className="py-2">{h.withdrawnAt ? <LongDate date={h.withdrawnAt} /> : <span className="text-stone-500">Not withdrawn</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
