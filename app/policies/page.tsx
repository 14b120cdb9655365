import type { Metadata } from 'next';
import Link from 'next/link';
import { listActivePolicies } from '@/lib/policies';
import { PolicyDate } from './_components/policy-date';
import { policyAudienceText, policyTypeText } from './_components/labels';

export const metadata: Metadata = { title: 'Policies' };

export default async function PoliciesPage() {
  const policies = await listActivePolicies();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="page-title">Policies</h1>
        <p className="text-stone-700">
          The rules of this community and how it treats your data. Those marked “consent required” are the ones you accept when you join;
          when one of them changes in a way that matters, you are asked again. Your cookie choice is on the{' '}
          <Link href="/cookies">cookie settings</Link> page.
        </p>
      </div>
      {policies.length ? (
        <ul className="space-y-3">
          {policies.map((p) => (
            <li key={p.slug} className="card">
              <h2 className="text-lg font-semibold">
                <Link href={`/policies/${p.slug}`}>{p.title}</Link>
              </h2>
              <p className="mt-1 text-stone-700">{p.summary}</p>
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-stone-600 sm:grid-cols-[auto_1fr_auto_1fr]">
                <dt className="font-medium text-stone-700">Type</dt>
                <dd>{policyTypeText[p.type] ?? p.type}</dd>
                <dt className="font-medium text-stone-700">For</dt>
                <dd>{policyAudienceText[p.audience] ?? p.audience}</dd>
                <dt className="font-medium text-stone-700">Consent</dt>
                <dd>{p.required ? 'Consent required' : 'For your information'}</dd>
                <dt className="font-medium text-stone-700">Effective</dt>
                <dd>
                  <PolicyDate date={p.effectiveAt} /> (version {p.version})
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="card text-stone-600">No policies are published yet.</p>
      )}
    </div>
  );
}
