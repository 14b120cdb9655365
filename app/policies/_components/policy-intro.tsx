import type { documentSections } from '@/lib/markdown';

/** The summary box and the table of contents at the top of every policy page. */
export function PolicyIntro({ summary, sections }: { summary: string; sections: ReturnType<typeof documentSections> }) {
  return (
    <>
      <section className="card bg-brand-50" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="mb-1 text-sm font-semibold uppercase tracking-wide text-stone-600">
          In short
        </h2>
        <p>{summary}</p>
      </section>
      {sections.length > 1 ? (
        <nav aria-labelledby="contents-heading" className="card no-print">
          <h2 id="contents-heading" className="mb-2 text-sm font-semibold uppercase tracking-wide text-stone-600">
            Contents
          </h2>
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
    </>
  );
}
