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
