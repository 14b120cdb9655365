import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, posts, topics, users } from '@/db/schema';
import { createTopic } from '@/lib/forum/topics';
import { anonymizePost, deletePost, erasePost, reply } from '@/lib/forum/posts';
import { updatePrivacyChoices } from '@/lib/members/privacy-settings';
import { rankedPostsQuery, RESULTS_PER_PAGE, search, searchableCategories, type SearchInput } from '@/lib/forum/search';
import type { Actor } from '@/lib/permissions';
import { getSettings, updateSettings } from '@/lib/settings';
import { fieldErrors, verifiedMember, makeMember, seedForumCategories } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

let cat: Record<'general' | 'feedback' | 'staff' | 'trusted', number>;
let alice: Actor;
let bob: Actor;
let admin: Actor;

beforeEach(async () => {
  cat = await seedForumCategories();
  alice = await makeMember('alice', { trustLevel: 1 });
  bob = await makeMember('bob', { trustLevel: 2 });
  const [a] = await getDb().select().from(users).where(eq(users.role, 'admin'));
  admin = { id: a.id, role: a.role, trustLevel: a.trustLevel, suspendedUntil: null };
});

const find = (viewer: Actor | null, input: SearchInput) => search(viewer, input);
const postIds = async (viewer: Actor | null, input: SearchInput) => (await find(viewer, input)).hits.map((h) => h.postId);

describe('finding posts', () => {
  it('finds a topic by its title, through its opening post, with the words highlighted', async () => {
    const t = await createTopic(alice, { categoryId: cat.general, title: 'Sourdough starter troubles', body: 'My bread comes out flat every time.' });
    const result = await find(null, { q: 'sourdough' });
    expect(result.notice).toBeNull();
    expect(result.hits).toHaveLength(1);
    const [hit] = result.hits;
    expect(hit).toMatchObject({ postId: t.postId, postNumber: 1, topic: { id: t.topicId, title: 'Sourdough starter troubles' }, category: { slug: 'general', name: 'General' }, author: { username: 'alice' } });
    expect(hit.topic.titleHtml).toBe('<mark>Sourdough</mark> starter troubles');
    expect(hit.snippetHtml).toContain('My bread comes out flat');
  });

  it('finds a reply by the words of its body, stemmed, and marks them in the snippet', async () => {
    const t = await createTopic(alice, { categoryId: cat.general, title: 'Sourdough starter troubles', body: 'My bread comes out flat.' });
    const r = await reply(bob, t.topicId, { body: 'Keep feeding it rye flour twice a day and it will rise.' });
    const result = await find(null, { q: 'feed rye' });
    expect(result.hits.map((h) => h.postId)).toEqual([r.postId]);
    expect(result.hits[0].snippetHtml).toContain('<mark>feeding</mark> it <mark>rye</mark> flour');
    expect(result.hits[0].author.username).toBe('bob');
  });

  it('understands phrases and excluded words', async () => {
    const t = await createTopic(alice, { categoryId: cat.general, title: 'Garden notes for spring', body: 'The green beans climbed the fence.' });
    const other = await reply(bob, t.topicId, { body: 'Green is my favourite colour, and beans are fine.' });
    expect(await postIds(null, { q: '"green beans"' })).toEqual([t.postId]);
    expect(await postIds(null, { q: 'beans -fence' })).toEqual([other.postId]);
  });

  it('escapes the post text in snippets, so only the highlight tags are HTML', async () => {
    const t = await createTopic(alice, {
      categoryId: cat.general,
      title: 'Fish & chips <b>night</b>',
      body: 'Fish & chips "tonight" <img src=x onerror=alert(1)> <script>alert(2)</script> at **Mario\'s** — see [the menu](https://example.com/menu) \uE000 ok \uE001',
    });
    const [hit] = (await find(null, { q: 'chips' })).hits;
    expect(hit.postId).toBe(t.postId);
    const tagsLeft = (html: string) => html.match(/<\/?[a-z][^>]*>/gi) ?? [];
    expect(tagsLeft(hit.snippetHtml).every((tag) => tag === '<mark>' || tag === '</mark>')).toBe(true);
    expect(tagsLeft(hit.topic.titleHtml).every((tag) => tag === '<mark>' || tag === '</mark>')).toBe(true);
    expect(hit.snippetHtml).toContain('Fish &amp; <mark>chips</mark> &quot;tonight&quot;');
    expect(hit.snippetHtml).not.toMatch(/<img|<script|onerror=alert\(1\)>/);
    // Markdown marks are gone: the link keeps its words, not its address.
    expect(hit.snippetHtml).toContain('Mario&#39;s');
    expect(hit.snippetHtml).toContain('the menu');
    expect(hit.snippetHtml).not.toContain('**');
    expect(hit.snippetHtml).not.toContain('https://example.com/menu');
    expect(hit.snippetHtml.match(/<mark>/g)).toHaveLength(1);
    expect(hit.topic.titleHtml).toBe('Fish &amp; <mark>chips</mark> &lt;b&gt;night&lt;/b&gt;');
  });

  it('ranks the better match first, then the newest', async () => {
    const strong = await createTopic(alice, { categoryId: cat.general, title: 'Kayak trips on the lake', body: 'Our kayak club paddles every Sunday; bring a kayak or rent one.' });
    const weakOld = await reply(bob, strong.topicId, { body: 'I saw a kayak once, but mostly I go hiking in the hills nearby.' });
    const weakNew = await reply(alice, strong.topicId, { body: 'I saw a kayak once, but mostly I go hiking in the hills nearby.' });
    expect(await postIds(null, { q: 'kayak' })).toEqual([strong.postId, weakNew.postId, weakOld.postId]);
  });
});

describe('filters and pages', () => {
  it('filters by category and by author (any letter case, with or without @)', async () => {
    const general = await createTopic(alice, { categoryId: cat.general, title: 'Lighthouse photos', body: 'A lighthouse at dusk.' });
    const byBob = await reply(bob, general.topicId, { body: 'My lighthouse picture from the north coast.' });
    const feedback = await createTopic(bob, { categoryId: cat.feedback, title: 'Lighthouse theme request', body: 'Could the site have a lighthouse theme?' });

    expect(new Set(await postIds(alice, { q: 'lighthouse' }))).toEqual(new Set([general.postId, byBob.postId, feedback.postId]));
    expect(new Set(await postIds(alice, { q: 'lighthouse', category: 'general' }))).toEqual(new Set([general.postId, byBob.postId]));
    expect(await postIds(alice, { q: 'lighthouse', category: 'feedback' })).toEqual([feedback.postId]);
    expect(new Set(await postIds(alice, { q: 'lighthouse', author: 'BOB' }))).toEqual(new Set([byBob.postId, feedback.postId]));
    expect(await postIds(alice, { q: 'lighthouse', author: '@bob', category: 'general' })).toEqual([byBob.postId]);
    expect(await postIds(alice, { q: 'lighthouse', author: 'nobody-here' })).toEqual([]);
    expect(await postIds(alice, { q: 'lighthouse', category: 'no-such-category' })).toEqual([]);
  });

  it('filters by an author only when the viewer may see their profile, and never links a hidden one', async () => {
    const t = await createTopic(bob, { categoryId: cat.general, title: 'Lighthouse keepers', body: 'A lighthouse keeper writes.' });
    await updatePrivacyChoices(bob, { profileVisibility: 'private' });
    // The posts stay findable by their words, shown with the name but no profile link.
    const [hit] = (await find(alice, { q: 'lighthouse' })).hits;
    expect(hit).toMatchObject({ postId: t.postId, author: { username: 'bob', name: 'bob Tester', profileVisible: false } });
    // Filtering by the author would list their posts as the profile does: the same as an unknown name.
    expect(await postIds(alice, { q: 'lighthouse', author: 'bob' })).toEqual([]);
    expect(await postIds(null, { q: 'lighthouse', author: 'bob' })).toEqual([]);
    expect(await postIds(admin, { q: 'lighthouse', author: 'bob' })).toEqual([t.postId]);
    expect(await postIds(bob, { q: 'lighthouse', author: 'bob' })).toEqual([t.postId]);

    await updatePrivacyChoices(bob, { profileVisibility: 'members' });
    expect(await postIds(null, { q: 'lighthouse', author: 'bob' })).toEqual([]);
    expect(await postIds(alice, { q: 'lighthouse', author: 'bob' })).toEqual([t.postId]);
    expect((await find(alice, { q: 'lighthouse' })).hits[0].author.profileVisible).toBe(true);
  });

  it('shows 20 results a page and says whether another page follows', async () => {
    const t = await createTopic(alice, { categoryId: cat.general, title: 'Weekly lantern thread', body: 'Post your lantern here.' });
    for (let i = 1; i <= 24; i++) await reply(i % 2 ? bob : alice, t.topicId, { body: `My lantern number ${i}.` });

    const first = await find(null, { q: 'lantern', page: 1 });
    expect(first.hits).toHaveLength(RESULTS_PER_PAGE);
    expect(first.hasMore).toBe(true);
    const second = await find(null, { q: 'lantern', page: '2' });
    expect(second.page).toBe(2);
    expect(second.hits).toHaveLength(5);
    expect(second.hasMore).toBe(false);
    const all = [...first.hits, ...second.hits].map((h) => h.postId);
    expect(new Set(all).size).toBe(25);
    const third = await find(null, { q: 'lantern', page: 3 });
    expect(third.hits).toEqual([]);
    expect(third.notice).toBeNull();
  });

  it('treats a bad page number as the first page', async () => {
    await createTopic(alice, { categoryId: cat.general, title: 'Weekly lantern thread', body: 'Post your lantern here.' });
    expect((await find(null, { q: 'lantern', page: 'abc' })).page).toBe(1);
    expect((await find(null, { q: 'lantern', page: -3 })).hits).toHaveLength(1);
  });
});

describe('queries that cannot be searched', () => {
  it('asks for words when nothing was typed', async () => {
    expect(await find(null, { q: '   ' })).toMatchObject({ notice: 'no-query', hits: [], hasMore: false });
    expect(await find(null, {})).toMatchObject({ notice: 'no-query', hits: [] });
  });

  it('explains, rather than fails, when every word is too common to search for', async () => {
    await createTopic(alice, { categoryId: cat.general, title: 'The and of it all', body: 'The and of.' });
    expect(await find(null, { q: 'the and of' })).toMatchObject({ notice: 'stop-words', hits: [] });
    expect(await find(null, { q: '"" - or' })).toMatchObject({ hits: [] });
  });

  it('does not fail on stray search syntax', async () => {
    await createTopic(alice, { categoryId: cat.general, title: 'Quotes and dashes', body: 'Tomato soup' });
    for (const q of ['"tomato', 'tomato -', 'or tomato or', "tomato's & | ! :* (soup)", '\\', "'", '<->']) {
      await expect(find(null, { q })).resolves.toBeDefined();
    }
    expect(await postIds(null, { q: '"tomato' })).toHaveLength(1);
    // A NUL byte cannot reach PostgreSQL text: it is dropped instead of failing the page.
    expect(await postIds(null, { q: 'tomato\u0000soup', author: 'a\u0000', category: '\u0000' })).toEqual([]);
    expect(await postIds(null, { q: '\u0000tomato' })).toHaveLength(1);
  });

  it('refuses a query longer than 200 characters with a message for the field', async () => {
    const errors = await fieldErrors(find(null, { q: 'a'.repeat(201) }));
    expect(errors.q).toMatch(/200 characters/);
    await expect(find(null, { q: `  ${'a'.repeat(200)}  ` })).resolves.toMatchObject({ hits: [] });
  });
});

describe('what a viewer may not see is never found', () => {
  it('hides members-only categories from visitors', async () => {
    const t = await createTopic(alice, { categoryId: cat.feedback, title: 'Zucchini recipes', body: 'Zucchini bread is great.' });
    expect(await postIds(null, { q: 'zucchini' })).toEqual([]);
    expect(await postIds(null, { q: 'zucchini', category: 'feedback' })).toEqual([]);
    expect(await postIds(alice, { q: 'zucchini' })).toEqual([t.postId]);
  });

  it('hides the staff category from members, not from staff', async () => {
    const t = await createTopic(admin, { categoryId: cat.staff, title: 'Moderation zucchini policy', body: 'Internal zucchini notes.' });
    expect(await postIds(alice, { q: 'zucchini' })).toEqual([]);
    expect(await postIds(alice, { q: 'zucchini', category: 'staff' })).toEqual([]);
    expect(await postIds(null, { q: 'zucchini' })).toEqual([]);
    expect(await postIds(admin, { q: 'zucchini' })).toEqual([t.postId]);
  });

  it('hides a trust-level category from members below the level and from visitors', async () => {
    const t = await createTopic(bob, { categoryId: cat.trusted, title: 'Trusted zucchini swap', body: 'Seeds for trusted members.' });
    expect(await postIds(alice, { q: 'zucchini' })).toEqual([]);
    expect(await postIds(alice, { q: 'zucchini', category: 'trusted' })).toEqual([]);
    expect(await postIds(null, { q: 'zucchini' })).toEqual([]);
    expect(await postIds(bob, { q: 'zucchini' })).toEqual([t.postId]);
    expect(await postIds(admin, { q: 'zucchini' })).toEqual([t.postId]);
  });

  it('never finds deleted, erased, hidden or anonymized posts, not even for staff', async () => {
    const t = await createTopic(alice, { categoryId: cat.general, title: 'Zucchini harvest', body: 'Opening post about the harvest.' });
    const deleted = await reply(alice, t.topicId, { body: 'Deleted zucchini reply.' });
    const erased = await reply(alice, t.topicId, { body: 'Erased zucchini reply.' });
    const hidden = await reply(bob, t.topicId, { body: 'Hidden zucchini reply.' });
    const anonymized = await reply(bob, t.topicId, { body: 'Anonymized zucchini reply.' });
    const kept = await reply(bob, t.topicId, { body: 'Kept zucchini reply.' });
    await deletePost(alice, deleted.postId);
    await erasePost(alice, erased.postId);
    await getDb().update(posts).set({ hiddenAt: new Date(), hiddenReason: 'Spam' }).where(eq(posts.id, hidden.postId));
    await anonymizePost(bob, anonymized.postId);

    for (const viewer of [null, alice, bob, admin]) {
      expect(new Set(await postIds(viewer, { q: 'zucchini' }))).toEqual(new Set([t.postId, kept.postId]));
    }
    expect(await postIds(admin, { q: 'deleted' })).toEqual([]);
    expect(await postIds(admin, { q: 'hidden' })).toEqual([]);
    expect(await postIds(admin, { q: 'anonymized' })).toEqual([]);
  });

  it('never finds anything in a deleted topic, by title or by body', async () => {
    const t = await createTopic(alice, { categoryId: cat.general, title: 'Zucchini festival', body: 'Opening post.' });
    await reply(bob, t.topicId, { body: 'A reply about zucchini.' });
    await deletePost(alice, t.postId);
    for (const viewer of [null, bob, admin]) expect(await postIds(viewer, { q: 'zucchini' })).toEqual([]);
  });

  it('gives a visitor nothing on a members-only site, and members still find everything they may see', async () => {
    const t = await createTopic(alice, { categoryId: cat.general, title: 'Zucchini fritters', body: 'Grate the zucchini.' });
    await updateSettings({ membersOnly: true });
    expect(await find(null, { q: 'zucchini' })).toMatchObject({ notice: 'members-only', hits: [] });
    expect(await searchableCategories(null)).toEqual([]);
    expect(await postIds(alice, { q: 'zucchini' })).toEqual([t.postId]);
  });

  it('offers only the categories the viewer may see as filters', async () => {
    const slugs = async (viewer: Actor | null) => (await searchableCategories(viewer)).map((c) => c.slug);
    expect(await slugs(null)).toEqual(['general', 'announcements']);
    expect(await slugs(alice)).toEqual(['general', 'announcements', 'feedback']);
    expect(await slugs(bob)).toEqual(['general', 'announcements', 'feedback', 'trusted']);
    expect(await slugs(admin)).toEqual(['general', 'announcements', 'feedback', 'staff', 'trusted']);
  });
});

describe('the query', () => {
  it('finds matches through the GIN indexes on post bodies and topic titles', async () => {
    // Enough rows, analysed, for the planner's estimates to resemble a real forum's.
    const words = ['amber', 'birch', 'cedar', 'delta', 'ember', 'fjord', 'grove', 'heron'];
    const made = await getDb()
      .insert(topics)
      .values(Array.from({ length: 1000 }, (_, i) => ({ categoryId: cat.general, userId: alice.id, title: `Topic ${words[i % 8]} ${i}`, slug: `topic-${i}` })))
      .returning({ id: topics.id });
    await getDb()
      .insert(posts)
      .values(made.map((t, i) => ({ topicId: t.id, userId: bob.id, postNumber: 1, body: `Body ${words[(i + 3) % 8]} number ${i}`, bodyHtml: '' })));
    await getDb().execute(sql`analyze topics`);
    await getDb().execute(sql`analyze posts`);
    const query = rankedPostsQuery(alice, await getSettings(), { q: 'lantern', category: null, author: null, page: 1 });
    const plan = await getDb().transaction(async (tx) => {
      // A few thousand rows still fit in a few pages, where scanning them all is cheapest; forbid that.
      await tx.execute(sql`set local enable_seqscan = off`);
      const result: unknown = await tx.execute(sql`explain ${query.getSQL()}`);
      // postgres.js returns the rows, PGlite an object holding them.
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { 'QUERY PLAN': string }[];
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('posts_body_search_idx');
    expect(plan).toContain('topics_title_search_idx');
  });
});
