import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { RelativeTime } from '@/components/relative-time';
import { getViewer } from '@/lib/auth/viewer';
import { Invalid } from '@/lib/errors';
import { QUERY_MAX_LENGTH, RESULTS_PER_PAGE, search, searchableCategories, type SearchHit, type SearchInput, type SearchResults } from '@/lib/forum/search';

type Params = Record<'q' | 'category' | 'author' | 'page', string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function readInput(params: Params): SearchInput {
  return { q: first(params.q) ?? '', category: first(params.category) || null, author: first(params.author) || null, page: first(params.page) ?? null };
}

/** The address of a search, leaving out empty filters and the first page number. */
function searchHref(filters: { q?: string; category?: string | null; author?: string | null }, page = 1): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.category) params.set('category', filters.category);
  if (filters.author) params.set('author', filters.author);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}

export async function generateMetadata({ searchParams }: { searchParams: Promise<Params> }): Promise<Metadata> {
  const q = first((await searchParams).q)?.trim().slice(0, 60);
  // Result pages are for people, not for search engines' indexes.
  return { title: q ? `Search: ${q}` : 'Search', robots: { index: false } };
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const input = readInput(await searchParams);
  const viewer = await getViewer();
  let results: SearchResults | null = null;
  let errors: Record<string, string> = {};
  try {
    results = await search(viewer, input);
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    errors = e.fields;
  }
  const categories = await searchableCategories(viewer);

  if (results?.notice === 'members-only') {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="page-title">Search</h1>
        <div className="card space-y-3">
          <p className="text-stone-700">This community is open to members only. Sign in to search its posts.</p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(searchHref(input))}`} className="btn-primary">
            Sign in
          </Link>
        </div>
      </div>
    );
  }

  const typed = { q: input.q ?? '', category: input.category ?? '', author: input.author ?? '' };
  const qDescribedBy = ['search-q-hint', errors.q ? 'search-q-error' : null].filter(Boolean).join(' ');
  return (
    <div className="space-y-6">
      <h1 className="page-title">Search</h1>
      {/* Keyed by what was asked, so a new search from elsewhere (the header box) shows its own words. */}
      <Form key={searchHref(typed)} action="/search" role="search" aria-label="Search posts" className="card space-y-4">
        <div>
          <label htmlFor="search-q" className="label">
            Words to find
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="search-q"
              name="q"
              type="search"
              className="input"
              defaultValue={typed.q}
              maxLength={QUERY_MAX_LENGTH}
              enterKeyHint="search"
              aria-invalid={errors.q ? true : undefined}
              aria-describedby={qDescribedBy}
            />
            <button type="submit" className="btn-primary shrink-0">
              Search
            </button>
          </div>
          <p id="search-q-hint" className="hint">
            Searches post text and topic titles. Put a phrase in &quot;quotes&quot;, or a minus before a word to leave it out.
          </p>
          {errors.q ? (
            <p id="search-q-error" className="field-error" role="alert">
              {errors.q}
            </p>
          ) : null}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="search-category" className="label">
              Category
            </label>
            <select id="search-category" name="category" className="input mt-1" defaultValue={typed.category}>
              <option value="">All categories</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="search-author" className="label">
              Author
            </label>
            <input
              id="search-author"
              name="author"
              className="input mt-1"
              defaultValue={typed.author}
              placeholder="username"
              maxLength={40}
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              aria-invalid={errors.author ? true : undefined}
              aria-describedby={errors.author ? 'search-author-error' : undefined}
            />
            {errors.author ? (
              <p id="search-author-error" className="field-error" role="alert">
                {errors.author}
              </p>
            ) : null}
          </div>
        </div>
      </Form>
      {results ? <Results results={results} categoryName={categories.find((c) => c.slug === results.category)?.name} /> : null}
    </div>
  );
}

const filtersOf = (r: SearchResults) => ({ q: r.query, category: r.category, author: r.author });

function Results({ results, categoryName }: { results: SearchResults; categoryName?: string }) {
  const { query, category, author, page, hits, notice } = results;
  if (notice === 'no-query') return null;
  const scope = [category ? ` in ${categoryName ?? category}` : '', author ? ` by @${author}` : ''].join('');
  const filtered = Boolean(category || author);
  return (
    <section aria-labelledby="results-heading" className="space-y-3">
      <h2 id="results-heading" className="text-lg font-semibold">
        Results
      </h2>
      {notice === 'stop-words' ? (
        <p role="status" className="card text-stone-700">
          “{query}” has no words to search for: very common words such as “the” or “and” are left out. Try a more specific word.
        </p>
      ) : hits.length === 0 ? (
        <div role="status" className="card space-y-2 text-stone-700">
          {page > 1 ? (
            <>
              <p>There are no more results.</p>
              <Link href={searchHref(filtersOf(results))}>Back to the first page</Link>
            </>
          ) : (
            <>
              <p>
                No posts match “{query}”{scope}.
              </p>
              {filtered ? (
                <p>
                  <Link href={searchHref({ q: query })}>Search every category and author</Link>, or try other words.
                </p>
              ) : (
                <p className="text-sm text-stone-600">Check the spelling, or try fewer or more general words.</p>
              )}
            </>
          )}
        </div>
      ) : (
        <>
          <p role="status" className="text-sm text-stone-600">
            {page > 1 ? `Page ${page} of the posts` : 'Posts'} matching “{query}”{scope}, best matches first.
          </p>
          <ol start={(page - 1) * RESULTS_PER_PAGE + 1} className="divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white">
            {hits.map((hit) => (
              <ResultItem key={hit.postId} hit={hit} />
            ))}
          </ol>
          <ResultsPager results={results} />
        </>
      )}
    </section>
  );
}

// Highlights come from the search as <mark> inside otherwise escaped text.
const markStyles = '[&_mark]:rounded-sm [&_mark]:bg-amber-200 [&_mark]:px-0.5 [&_mark]:text-stone-900';

function ResultItem({ hit }: { hit: SearchHit }) {
  return (
    <li className="px-4 py-3">
      <h3 className="break-words text-base font-medium">
        <Link href={`/p/${hit.postId}`} className={`text-stone-900 ${markStyles}`}>
          <span dangerouslySetInnerHTML={{ __html: hit.topic.titleHtml }} />
          {hit.postNumber > 1 ? <span className="ml-2 text-sm font-normal text-stone-500">reply #{hit.postNumber}</span> : null}
        </Link>
      </h3>
      <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-sm text-stone-500">
        <Link href={`/c/${hit.category.slug}`} className="inline-flex items-center gap-1 text-stone-600">
          <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: hit.category.color }} aria-hidden="true" />
          {hit.category.name}
        </Link>
        <span>
          by {hit.author.profileVisible ? <Link href={`/u/${encodeURIComponent(hit.author.username)}`}>@{hit.author.username}</Link> : hit.author.name}
        </span>
        <RelativeTime date={hit.createdAt} />
      </p>
      <p className={`mt-1.5 break-words text-sm leading-relaxed text-stone-700 ${markStyles}`} dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
    </li>
  );
}

function ResultsPager({ results }: { results: SearchResults }) {
  const { page, hasMore } = results;
  if (page === 1 && !hasMore) return null;
  return (
    <nav aria-label="Result pages" className="flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={searchHref(filtersOf(results), page - 1)} rel="prev" className="btn-secondary">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-stone-600">Page {page}</span>
      {hasMore ? (
        <Link href={searchHref(filtersOf(results), page + 1)} rel="next" className="btn-secondary">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
