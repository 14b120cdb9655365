import Form from 'next/form';
import Link from 'next/link';

function SearchIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" className="size-4" aria-hidden="true">
      <circle cx="8.5" cy="8.5" r="5.5" />
      <path d="m13 13 4.5 4.5" />
    </svg>
  );
}

/**
 * The site header's search: a small form that opens /search with the words typed. On narrow phone
 * screens, where the header has no room for a field, it is a link to the search page instead.
 */
export function SearchBox() {
  return (
    <>
      <Link href="/search" className="btn-secondary px-2.5 sm:hidden" aria-label="Search">
        <SearchIcon />
      </Link>
      <Form action="/search" role="search" aria-label="Search the forum" className="hidden items-stretch sm:flex">
        <label htmlFor="site-search" className="sr-only">
          Search the forum
        </label>
        <input
          id="site-search"
          name="q"
          type="search"
          required
          maxLength={200}
          enterKeyHint="search"
          placeholder="Search…"
          className="w-40 rounded-l-md border border-r-0 border-stone-300 bg-white px-3 py-1.5 text-sm placeholder:text-stone-400 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 lg:w-56"
        />
        <button type="submit" className="rounded-r-md border border-stone-300 bg-stone-50 px-2.5 text-stone-700 hover:bg-stone-100" aria-label="Search">
          <SearchIcon />
        </button>
      </Form>
    </>
  );
}
