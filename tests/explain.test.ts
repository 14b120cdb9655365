import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { getDb, schema, useDatabase, type Database, type Db } from '@/db/client';
import { listMemberPosts } from '@/lib/members/public-profile';
import { search } from '@/lib/forum/search';
import { getTopicPage, listCategory, listLatest } from '@/lib/forum/topics';
import type { Actor } from '@/lib/permissions';
import { seedDemo } from '@/scripts/seed-demo';
import { useTestDatabase } from './db';

/**
 * The pages everyone hits must read a page of rows through an index, never a whole table: here the
 * SQL the forum functions really send (captured through drizzle's logger) is EXPLAINed on a database
 * with enough demo rows that PostgreSQL would rather scan and sort when no index fits.
 */

const testDb = useTestDatabase({ reset: false });

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

interface Captured {
  sql: string;
  params: unknown[];
}

const captured: Captured[] = [];
let plain: Database;

/** The same connection, with every query written down. */
function recording(database: Database): Database {
  const logger = { logQuery: (query: string, params: unknown[]) => void captured.push({ sql: query, params }) };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const db =
    database.kind === 'embedded'
      ? (drizzlePglite(client as PGlite, { schema, logger }) as unknown as Db)
      : drizzlePostgres(client as Sql, { schema, logger });
  return { ...database, db };
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explain(query: Captured): Promise<PlanNode> {
  const { rows } = await plain.runner.executeSql(`explain (format json) ${query.sql}`, query.params);
  const value = rows[0]['QUERY PLAN'];
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as { Plan: PlanNode }[];
  return parsed[0].Plan;
}

function describePlan(plan: PlanNode, depth = 0): string {
  const label = `${'  '.repeat(depth)}${plan['Node Type']}${plan['Relation Name'] ? ` on ${plan['Relation Name']}` : ''}${plan['Index Name'] ? ` using ${plan['Index Name']}` : ''}`;
  return [label, ...(plan.Plans ?? []).map((p) => describePlan(p, depth + 1))].join('\n');
}

/** Runs `action` and returns the plans of the SELECTs it sent that read topics or posts. */
async function plansOf(action: () => Promise<unknown>): Promise<{ query: string; plan: PlanNode }[]> {
  captured.length = 0;
  useDatabase(recording(plain));
  try {
    await action();
  } finally {
    useDatabase(plain);
  }
  const reads = captured.filter((q) => /^[\s(]*(select|with)\b/i.test(q.sql) && /"(topics|posts)"/.test(q.sql));
  expect(reads.length, 'the action should read topics or posts').toBeGreaterThan(0);
  return Promise.all(reads.map(async (q) => ({ query: q.sql, plan: await explain(q) })));
}

const BIG_TABLES = new Set(['topics', 'posts']);

function expectIndexed(plans: { query: string; plan: PlanNode }[], options: { ordered?: boolean } = {}) {
  for (const { query, plan } of plans) {
    const all = nodes(plan);
    const scans = all.filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLES.has(n['Relation Name'] ?? ''));
    expect(scans, `whole-table scan in:\n${query}\n\n${describePlan(plan)}`).toEqual([]);
    // A list page is read in index order and stops after one page, rather than sorting every candidate.
    if (options.ordered) expect(all.filter((n) => n['Node Type'] === 'Sort'), `sort of every candidate row in:\n${query}\n\n${describePlan(plan)}`).toEqual([]);
  }
}

let member: Actor;
let prolific: string;
let longTopic: number;

beforeAll(async () => {
  plain = testDb.database;
  await seedDemo(plain, { users: 300, topics: 3000, posts: 15000 });
  const db = getDb();
  // A rare word, so the search plan is the one a selective query gets.
  await db.execute(sql`update posts set body = body || ' A zeppelin flew over.' where id % 997 = 0`);
  await db.execute(sql`vacuum analyze posts`);
  const { users } = schema;
  [member] = await db
    .select({ id: users.id, role: users.role, trustLevel: users.trustLevel, suspendedUntil: users.suspendedUntil })
    .from(users)
    .where(sql`${users.username} = 'demo'`);
  const [top] = await db
    .select({ username: schema.users.username, n: sql<number>`count(*)::int` })
    .from(schema.posts)
    .innerJoin(schema.users, sql`${schema.users.id} = ${schema.posts.userId}`)
    .groupBy(schema.users.username)
    .orderBy(sql`count(*) desc`)
    .limit(1);
  prolific = top.username;
  const [long] = await db
    .select({ id: schema.topics.id })
    .from(schema.topics)
    .innerJoin(schema.categories, sql`${schema.categories.id} = ${schema.topics.categoryId}`)
    .where(sql`${schema.categories.slug} = 'general' and ${schema.topics.postCount} >= 45 and ${schema.topics.deletedAt} is null`)
    .limit(1);
  longTopic = long.id;
}, 120_000);

afterAll(() => {
  captured.length = 0;
});

describe('hot queries use indexes (EXPLAIN on demo data)', () => {
  it('home: latest topics, for a visitor and for a member, first and later pages', async () => {
    expectIndexed(await plansOf(() => listLatest(null)), { ordered: true });
    expectIndexed(await plansOf(() => listLatest(member)), { ordered: true });
    expectIndexed(await plansOf(() => listLatest(null, 3)), { ordered: true });
  });

  it('category page: pinned first, then latest', async () => {
    expectIndexed(await plansOf(() => listCategory(null, 'general')), { ordered: true });
    expectIndexed(await plansOf(() => listCategory(member, 'feedback')), { ordered: true });
  });

  it('topic page: 20 posts by position, first and later pages', async () => {
    // (Sorting the page's 20 rows after a join is fine: the range on post_number bounds them.)
    expectIndexed(await plansOf(() => getTopicPage(null, longTopic, 1)));
    expectIndexed(await plansOf(() => getTopicPage(member, longTopic, 2)));
  });

  it("profile: a page of the most active member's posts, newest first", async () => {
    // The page itself; the total beside it counts all of the member's posts, and may rightly hash-join topics.
    const plans = (await plansOf(() => listMemberPosts(null, prolific))).filter((p) => /\border by\b/i.test(p.query));
    expect(plans).toHaveLength(1);
    expectIndexed(plans, { ordered: true });
  });

  it('search: websearch_to_tsquery over post bodies and titles (a rare word)', async () => {
    const plans = await plansOf(() => search(null, { q: 'zeppelin' }));
    expectIndexed(plans);
    const used = plans.flatMap((p) => nodes(p.plan)).map((n) => n['Index Name']);
    expect(used).toContain('posts_body_search_idx');
  });

  // A word in ~4% of posts: each branch of the union ranks the rows its own index found, so the matches
  // are never joined against a scan of every post. (Topics may be hash-joined here: thousands of
  // matches rightly read the whole, small, topics table.)
  it('search: a common word reads only the matching posts', async () => {
    const plans = await plansOf(() => search(null, { q: 'telescope' }));
    for (const { query, plan } of plans) {
      const scans = nodes(plan).filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'posts');
      expect(scans, `whole-table scan of posts in:\n${query}\n\n${describePlan(plan)}`).toEqual([]);
    }
  });
});
