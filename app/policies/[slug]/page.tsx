import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NotFound } from '@/lib/errors';
import { documentSections } from '@/lib/markdown';
import { getActivePolicy } from '@/lib/policies';
import { loadPolicyFacts, renderPolicyBody } from '@/lib/policies/facts';
import { siteUrl } from '@/lib/site-url';
import { PolicyBody, printLinkStyle } from '../_components/policy-body';
import { PolicyIntro } from '../_components/policy-intro';
import { PolicyDate } from '../_components/policy-date';
import { policyAudienceText } from '../_components/labels';

async function load(slug: string) {
  try {
    return await getActivePolicy(slug);
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const policy = await load((await params).slug);
  return { title: policy.title };
}

export default async function PolicyPage({ params }: { params: Promise<{ slug: string }> }) {
  const policy = await load((await params).slug);
  const html = renderPolicyBody(policy.body, await loadPolicyFacts());
  const sections = documentSections(policy.body);
  const earlier = policy.history.filter((v) => v.status === 'archived');
  return (
    <article className="policy-print mx-auto max-w-3xl space-y-6" style={printLinkStyle(siteUrl())}>
      <div>
        <p className="no-print text-sm">
          <Link href="/policies">← All policies</Link>
        </p>
        <h1 className="page-title mt-2">{policy.title}</h1>
        <p className="mt-1 text-sm text-stone-600">
          Version {policy.version}, effective <PolicyDate date={policy.effectiveAt} /> · For{' '}
          {(policyAudienceText[policy.audience] ?? policy.audience).toLowerCase()} ·{' '}
          {policy.required ? 'Consent required' : 'For your information'}
        </p>
      </div>
      <PolicyIntro summary={policy.summary} sections={sections} />
      <PolicyBody html={html} />
      <section aria-labelledby="versions-heading" className="border-t border-stone-200 pt-4 text-sm text-stone-600">
        <h2 id="versions-heading" className="font-semibold text-stone-800">
          Versions
        </h2>
        <ul className="mt-2 space-y-1">
          <li>
            Version {policy.version}, effective <PolicyDate date={policy.effectiveAt} /> (this version)
          </li>
          {earlier.map((v) => (
            <li key={v.version}>
              <Link href={`/policies/${policy.slug}/v/${v.version}`}>
                Version {v.version}, effective <PolicyDate date={v.effectiveAt} />
              </Link>{' '}
              <span className="no-print">(its text, and what changed since)</span>
            </li>
          ))}
        </ul>
        {earlier.length ? null : <p className="mt-1">This is the first version.</p>}
      </section>
    </article>
  );
}
