import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { NotFound } from '@/lib/errors';
import { documentSections } from '@/lib/markdown';
import { getPolicyVersion } from '@/lib/policies';
import { loadPolicyFacts, renderPolicyBody } from '@/lib/policies/facts';
import { siteUrl } from '@/lib/site-url';
import { PolicyBody, printLinkStyle } from '../../../_components/policy-body';
import { PolicyIntro } from '../../../_components/policy-intro';
import { PolicyDate } from '../../../_components/policy-date';
import { VersionDiff } from '../../../_components/version-diff';

type Params = Promise<{ slug: string; version: string }>;

async function load(params: Params) {
  const { slug, version } = await params;
  if (!/^[1-9]\d{0,5}$/.test(version)) notFound();
  try {
    return await getPolicyVersion(slug, Number(version));
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const policy = await load(params);
  return { title: `${policy.title}, version ${policy.version}` };
}

export default async function PolicyVersionPage({ params }: { params: Params }) {
  const policy = await load(params);
  if (policy.status === 'active') redirect(`/policies/${policy.slug}`);
  const html = renderPolicyBody(policy.body, await loadPolicyFacts());
  const sections = documentSections(policy.body);
  const current = policy.current;
  return (
    <article className="policy-print mx-auto max-w-3xl space-y-6" style={printLinkStyle(siteUrl())}>
      <div>
        <p className="no-print text-sm">
          <Link href={`/policies/${policy.slug}`}>← {current ? 'Current version' : policy.title}</Link>
        </p>
        <h1 className="page-title mt-2">
          {policy.title}: version {policy.version}
        </h1>
        <p className="mt-1 text-sm text-stone-600">
          Effective <PolicyDate date={policy.effectiveAt} />
        </p>
      </div>
      <div role="note" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
        {current ? (
          <p>
            This is an earlier version and no longer applies. The{' '}
            <Link href={`/policies/${policy.slug}`}>current version</Link> is version {current.version}, effective{' '}
            <PolicyDate date={current.effectiveAt} />. <a href="#changes" className="no-print">See what changed</a>
            <span className="no-print">.</span>
          </p>
        ) : (
          <p>This is an earlier version. The policy has no version in force now.</p>
        )}
        <p className="mt-2">
          Figures that come from the site’s settings and configuration, such as how long data is kept, are shown as they are today.
        </p>
      </div>
      <PolicyIntro summary={policy.summary} sections={sections} />
      <PolicyBody html={html} />
      {current ? (
        <section id="changes" aria-labelledby="changes-heading" className="scroll-mt-20 space-y-3 border-t border-stone-200 pt-6">
          <h2 id="changes-heading" className="text-xl font-semibold text-stone-900">
            What changed from version {policy.version} to version {current.version}
          </h2>
          {policy.changes.some((line) => line.kind !== 'same') ? (
            <VersionDiff lines={policy.changes} />
          ) : (
            <p className="text-stone-700">The text is the same in both versions; only the summary or the dates differ.</p>
          )}
        </section>
      ) : null}
    </article>
  );
}
