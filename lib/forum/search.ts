import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { categories, posts, privacySettings, topics, users } from '@/db/schema';
import { Invalid } from '@/lib/errors';
import { canSeeProfile, profileVisibleByIdSql } from '@/lib/members/profile-visibility';
import type { Actor } from '@/lib/permissions';
import { getSettings, type Settings } from '@/lib/settings';
import { issuesByField, optionalText } from '@/lib/validation';
import { visibleCategories, visibleTopics } from './visibility';

export const RESULTS_PER_PAGE = 20;
export const QUERY_MAX_LENGTH = 200;

// Private-use characters mark the highlights inside ts_headline's output: they survive HTML escaping,
// are removed from the text first, and only then become <mark> tags.
const MARK_START = '\uE000';
const MARK_STOP = '\uE001';
const SNIPPET_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, HighlightAll=true`;

// Control characters (a NUL byte above all) cannot reach PostgreSQL text; they mean nothing in a search anyway.
const withoutControls = (v: unknown) => (typeof v === 'string' ? v.replace(/[\u0000-\u001f\u007f]/g, ' ') : v);

const searchSchema = z.object({
  q: z.preprocess(
    withoutControls,
    z.string().trim().max(QUERY_MAX_LENGTH, `Search for at most ${QUERY_MAX_LENGTH} characters.`).default(''),
  ),
  category: z.preprocess(withoutControls, optionalText(100, 'Category')),
  author: z.preprocess(withoutControls, optionalText(40, 'Author').transform((v) => v?.replace(/^@/, '') || null)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** What the search form sends: text as typed (or absent); the page as a number or the URL's string. */
export interface SearchInput {
  q?: string;
  category?: string | null;
  author?: string | null;
  page?: number | string | null;
}

export interface SearchHit {
  postId: number;
  postNumber: number;
  topic: { id: number; slug: string; title: string; /** The title, HTML-escaped, with matched words in <mark>. */ titleHtml: string };
  category: { slug: string; name: string; color: string };
  /** The name always; the username links to the profile only when the viewer may see it. */
  author: { username: string; name: string; profileVisible: boolean };
  createdAt: Date;
  /** Up to two fragments of the post as plain text, HTML-escaped, with matched words in <mark>. */
  snippetHtml: string;
}

export interface SearchResults {
  query: string;
  category: string | null;
  author: string | null;
  hits: SearchHit[];
  page: number;
  hasMore: boolean;
  /** Why nothing was searched: no words typed, only words too common to search for, or a visitor on a members-only site. */
  notice: 'no-query' | 'stop-words' | 'members-only' | null;
}

/**
 * Full-text search over the posts the viewer may read: the words of a post, or the title of a topic
 * (which finds its opening post). Ranked by relevance, then newest. Deleted, erased, hidden and
 * anonymized posts are never found, nor anything in a category the viewer may not see.
 */
export async function search(viewer: Actor | null, raw: SearchInput): Promise<SearchResults> {
  const parsed = searchSchema.safeParse(raw);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  const { q, category, author, page } = parsed.data;
  const settings = await getSettings();
  const results: SearchResults = { query: q, category, author, hits: [], page, hasMore: false, notice: null };
  if (!viewer && settings.membersOnly) return { ...results, notice: 'members-only' };
  if (!q) return { ...results, notice: 'no-query' };

  const db = getDb();
  const tsquery = webSearchQuery(q);
  const ranked = await rankedPostsQuery(viewer, settings, { q, category, author, page });

  if (!ranked.length) {
    const [{ lexemes }] = await db.select({ lexemes: sql<number>`numnode(${tsquery})::int` }).from(sql`(select 1) as one`);
    return { ...results, notice: lexemes === 0 ? 'stop-words' : null };
  }

  const ids = ranked.slice(0, RESULTS_PER_PAGE).map((r) => r.id);
  // Headlines are costly, so they are made only for the posts on this page.
  const rows = await db
    .select({
      id: posts.id,
      postNumber: posts.postNumber,
      createdAt: posts.createdAt,
      topicId: topics.id,
      topicSlug: topics.slug,
      topicTitle: topics.title,
      titleMarked: sql<string>`ts_headline('english', ${withoutMarks(topics.title)}, ${tsquery}, ${TITLE_OPTIONS})`,
      snippetMarked: sql<string>`ts_headline('english', ${markdownAsText(posts.body)}, ${tsquery}, ${SNIPPET_OPTIONS})`,
      categorySlug: categories.slug,
      categoryName: categories.name,
      categoryColor: categories.color,
      userId: users.id,
      username: users.username,
      name: users.name,
      profileVisibility: privacySettings.profileVisibility,
    })
    .from(posts)
    .innerJoin(topics, eq(topics.id, posts.topicId))
    .innerJoin(categories, eq(categories.id, topics.categoryId))
    .innerJoin(users, eq(users.id, posts.userId))
    .leftJoin(privacySettings, eq(privacySettings.userId, posts.userId))
    .where(inArray(posts.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits = ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        postId: r.id,
        postNumber: r.postNumber,
        topic: { id: r.topicId, slug: r.topicSlug, title: r.topicTitle, titleHtml: markedHtml(r.titleMarked) },
        category: { slug: r.categorySlug, name: r.categoryName, color: r.categoryColor },
        author: { username: r.username, name: r.name, profileVisible: canSeeProfile(viewer, r.userId, r.profileVisibility) },
        createdAt: r.createdAt,
        snippetHtml: markedHtml(r.snippetMarked.replace(/\s+/g, ' ').trim()),
      },
    ];
  });
  return { ...results, hits, hasMore: ranked.length > RESULTS_PER_PAGE };
}

/**
 * One page (plus one row, to tell whether another page follows) of the ids of matching posts the viewer
 * may read, best match first, then newest.
 */
export function rankedPostsQuery(
  viewer: Actor | null,
  settings: Pick<Settings, 'membersOnly'>,
  { q, category, author, page }: { q: string; category: string | null; author: string | null; page: number },
) {
  const tsquery = webSearchQuery(q);
  // A title counts as the opening post's most important words (weight A against the body's D).
  const rank = sql<number>`ts_rank(case when ${posts.postNumber} = 1 then setweight(${topics.titleSearch}, 'A') || ${posts.bodySearch} else ${posts.bodySearch} end, ${tsquery}, 1)`;
  const filters = and(
    isNull(posts.deletedAt),
    isNull(posts.hiddenAt),
    isNull(posts.anonymizedAt),
    isNull(topics.deletedAt),
    visibleTopics(viewer, settings),
    category ? eq(categories.slug, category) : undefined,
    // Filtering by author lists a member's posts, as their profile would: only for a profile the viewer may see.
    author ? and(sql`lower(${users.username}) = lower(${author})`, profileVisibleByIdSql(viewer, users.id)) : undefined,
  );
  // Each branch uses its own GIN index (an OR across the join could not) and ranks the rows it found,
  // so the matches are never looked up again in the whole posts table.
  const branch = (match: SQL) =>
    getDb()
      .select({ id: posts.id, createdAt: posts.createdAt, rank: rank.as('rank') })
      .from(posts)
      .innerJoin(topics, eq(topics.id, posts.topicId))
      .innerJoin(categories, eq(categories.id, topics.categoryId))
      .innerJoin(users, eq(users.id, posts.userId))
      .where(and(match, filters));
  return branch(sql`${posts.bodySearch} @@ ${tsquery}`)
    .union(branch(sql`${posts.postNumber} = 1 and ${topics.titleSearch} @@ ${tsquery}`))
    .orderBy(sql`"rank" desc`, sql`"created_at" desc`, sql`"id" desc`)
    .limit(RESULTS_PER_PAGE + 1)
    .offset((page - 1) * RESULTS_PER_PAGE);
}

/** The categories a viewer may search in, for the filter: the same rule as the search itself. */
export async function searchableCategories(viewer: Actor | null): Promise<{ slug: string; name: string }[]> {
  const settings = await getSettings();
  return getDb()
    .select({ slug: categories.slug, name: categories.name })
    .from(categories)
    .where(visibleCategories(viewer, settings))
    .orderBy(asc(categories.position), asc(categories.id));
}

/** What people type into search boxes: words, "a phrase", -excluded, or; never a syntax error. */
function webSearchQuery(q: string): SQL {
  return sql`websearch_to_tsquery('english', ${q})`;
}

function withoutMarks(text: SQL | AnyPgColumn): SQL {
  return sql`translate(${text}, ${MARK_START + MARK_STOP}, '')`;
}

/**
 * A post's Markdown as rough plain text, in SQL so ts_headline can pick fragments from it:
 * link and image syntax keeps its text; heading, quote, list, emphasis and code-fence marks and raw HTML go.
 */
function markdownAsText(body: SQL | AnyPgColumn): SQL {
  const steps: [pattern: string, replacement: string, flags: string][] = [
    ['```[^\\n]*', ' ', 'g'],
    ['!?\\[([^\\]]*)\\]\\([^)]*\\)', '\\1', 'g'],
    ['^[ \\t]{0,3}(#{1,6}|>[> ]*|[-*+]|\\d+[.)])[ \\t]+', '', 'gn'],
    ['[*`~|]+|\\m_+|_+\\M', '', 'g'],
    // Raw HTML never reaches a rendered post, so it has no place in the text either.
    ['<[^>]*>', ' ', 'g'],
  ];
  return steps.reduce<SQL>((text, [pattern, replacement, flags]) => sql`regexp_replace(${text}, ${pattern}, ${replacement}, ${flags})`, withoutMarks(body));
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes everything, then turns the highlight marks (and only them) into <mark> tags. */
export function markedHtml(marked: string): string {
  return marked
    .replace(/[&<>"']/g, (c) => escapes[c])
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_STOP, '</mark>');
}
