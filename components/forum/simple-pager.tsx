import Link from 'next/link';

/** Previous / next links for lists that know only whether another page follows. */
export function SimplePager({ page, hasMore, href }: { page: number; hasMore: boolean; href: (page: number) => string }) {
  if (page === 1 && !hasMore) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="btn-secondary">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="text-stone-600">Page {page}</span>
      {hasMore ? (
        <Link href={href(page + 1)} rel="next" className="btn-secondary">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
