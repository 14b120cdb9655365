/** How many pages `total` items fill, at least one (an empty list is one empty page). */
export function pageCountOf(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** The page to show (kept within 1…pageCount), the page count, and the offset of its first item. */
export function pageWindow(total: number, page: number, perPage: number): { page: number; pageCount: number; offset: number } {
  const pageCount = pageCountOf(total, perPage);
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  return { page: current, pageCount, offset: (current - 1) * perPage };
}
