import Link from 'next/link';

/**
 * Newer / older links under a list. Give pageCount when the total is known ("Page 2 of 7"), or hasMore
 * for lists that only know whether another page follows.
 */
export function Pagination({ page, pageCount, hasMore, href }: { page: number; pageCount?: number; hasMore?: boolean; href: (page: number) => string }) {
  const more = pageCount !== undefined ? page < pageCount : Boolean(hasMore);
  if (page === 1 && !more) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="btn-secondary">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="text-stone-600">{pageCount !== undefined ? `Page ${page} of ${pageCount}` : `Page ${page}`}</span>
      {more ? (
        <Link href={href(page + 1)} rel="next" className="btn-secondary">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function pageParam(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** A link to every page, the current one marked (for long reads: a topic, a conversation). */
export function PageNumbers({ page, pageCount, href, label, className = '' }: { page: number; pageCount: number; href: (page: number) => string; label: string; className?: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className={`flex flex-wrap items-center gap-1 text-sm ${className}`}>
      {Array.from({ length: pageCount }, (_, i) => i + 1).map((p) =>
        p === page ? (
          <span key={p} aria-current="page" className="rounded-md bg-brand-700 px-3 py-1.5 font-semibold text-white">
            {p}
          </span>
        ) : (
          <Link key={p} href={href(p)} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 no-underline hover:bg-stone-100">
            {p}
          </Link>
        ),
      )}
    </nav>
  );
}
