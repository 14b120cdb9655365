import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NotFound } from '@/lib/errors';
import { documentSections, renderMarkdown } from '@/lib/markdown';
import { getActivePolicy } from '@/lib/policies';

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
  const sections = documentSections(policy.body);
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header>
        <p className="text-sm no-print">
          <Link href="/policies">← All policies</Link>
        </p>
        <h1 className="page-title mt-2">{policy.title}</h1>
        <p className="mt-1 text-sm text-stone-500">
          Version {policy.version}, effective {policy.effectiveAt.toISOString().slice(0, 10)}
        </p>
      </header>
      <section className="card bg-brand-50" aria-label="Summary">
        <h2 className="mb-1 text-sm font-semibold uppercase tracking-wide text-stone-600">In short</h2>
        <p>{policy.summary}</p>
      </section>
      {sections.length > 1 ? (
        <nav aria-label="Contents" className="card">
          <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-stone-600">Contents</h2>
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="prose-doc" dangerouslySetInnerHTML={{ __html: renderMarkdown(policy.body, { headingIds: true }) }} />
      {policy.history.length > 1 ? (
        <section className="border-t border-stone-200 pt-4 text-sm text-stone-600">
          <h2 className="font-semibold">Earlier versions</h2>
          <ul>
            {policy.history
              .filter((v) => v.status === 'archived')
              .map((v) => (
                <li key={v.version}>
                  Version {v.version}, effective {v.effectiveAt.toISOString().slice(0, 10)}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
