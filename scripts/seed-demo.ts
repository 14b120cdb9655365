/**
 * Demo data: a realistic forum to try Hearth with and to benchmark it (`npm run bench`).
 *
 *   npm run seed:demo -- --users 2000 --topics 5000 --posts 100000
 *
 * Uses DATABASE_URL when it is set, else the embedded database in HEARTH_DATA_DIR (./.data). Applies the
 * migrations and the normal first-start seed, then adds fictional members (every address @example.test,
 * all sharing one password), topics across the categories, posts in Markdown with their versions, likes,
 * read marks and reply notices, all with set-based SQL in one transaction (all or nothing).
 *
 * Flags: --users N --topics N --posts N (default 200/500/5000), --password P (or DEMO_PASSWORD),
 * --if-empty (do nothing when demo members are already there). To start again, use a fresh database
 * (delete the HEARTH_DATA_DIR folder, or drop and create the PostgreSQL database).
 */
import { pathToFileURL } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { database, type Database } from '@/db/client';
import { FolderInUseError } from '@/db/folder-lock';
import { migrate } from '@/db/migrate';
import { printAdminCredentials, seed } from '@/db/seed';
import { hashPassword } from '@/lib/auth/passwords';
import { renderPost } from '@/lib/forum/render';
import { slugify } from '@/lib/forum/topics';

/** Every demo address ends with this reserved domain (RFC 2606): no real person can own one. */
export const DEMO_DOMAIN = 'example.test';
/** The member to sign in as; moderators are mod.ash@, mod.birch@ and mod.cedar@ the same domain. */
export const DEMO_MEMBER_EMAIL = `demo@${DEMO_DOMAIN}`;
export const DEFAULT_DEMO_PASSWORD = 'hearth-demo-password';

export class DemoDataPresent extends Error {
  constructor(members: number) {
    super(
      `This database already has ${members} demo members. Seed a fresh database (delete the embedded folder, or drop and ` +
        'create the PostgreSQL database), or pass --if-empty to keep what is there.',
    );
    this.name = 'DemoDataPresent';
  }
}

export interface DemoOptions {
  users: number;
  topics: number;
  posts: number;
  password?: string;
  /** Leave a database that already has demo members as it is. */
  ifEmpty?: boolean;
  log?: (line: string) => void;
}

export interface DemoSummary {
  seeded: boolean;
  users: number;
  topics: number;
  posts: number;
  revisions: number;
  likes: number;
  ms: number;
}

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness: the same flags give the same forum on both kinds of database.

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  return { next, int, pick };
}

/** A uniform number in [0, 1) from a row's key, in SQL: the same on PGlite and PostgreSQL. */
function u(key: string, salt: number): string {
  return `((hashint8((${key})::int8 * 16 + ${salt}) & 2147483647) / 2147483648.0)`;
}

// ---------------------------------------------------------------------------------------------------
// Words. Names are invented combinations; nothing here describes a real person.

const FIRST = [
  'Ada', 'Bram', 'Cleo', 'Dev', 'Edda', 'Finn', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kaia', 'Lars', 'Mira', 'Niko',
  'Odile', 'Pavel', 'Quinn', 'Rosa', 'Sami', 'Tove', 'Ugo', 'Vera', 'Wren', 'Xavi', 'Yara', 'Zeno', 'Alba', 'Bo',
  'Cyrus', 'Dina', 'Elio', 'Fay', 'Gil', 'Hana', 'Ivo', 'Juno', 'Kit', 'Lena', 'Milo', 'Nell', 'Otto', 'Pia',
];
const LAST = [
  'Quillfeather', 'Brightwater', 'Ashdown', 'Fernhollow', 'Kettleby', 'Larkspur', 'Mossgrove', 'Nettlefield',
  'Oakhurst', 'Pebbleton', 'Rookwood', 'Saltmarsh', 'Thistlewood', 'Underhill', 'Wyndham', 'Amberly', 'Birchall',
  'Coppergate', 'Dunmore', 'Elmsworth', 'Foxley', 'Glenrock', 'Hollowell', 'Ivybridge', 'Juniper', 'Kestrel',
];
const TOPICS = [
  'sourdough starter', 'raised bed', 'home server', 'backup strategy', 'cast iron pan', 'film camera',
  'mechanical keyboard', 'bike commute', 'balcony tomatoes', 'compost bin', 'reading list', 'kitchen knife',
  'solar panel', 'rain barrel', 'bread oven', 'trail map', 'tent repair', 'tea blend', 'bird feeder',
  'workshop bench', 'wood stove', 'pickle recipe', 'sewing machine', 'camera lens', 'chess opening',
  'language course', 'night sky', 'herb planter', 'coffee grinder', 'bookshelf', 'password manager', 'e-reader',
  'beehive', 'canoe', 'fountain pen', 'vinyl player', 'pizza stone', 'dehydrator', 'heat pump', 'router',
  'laptop battery', 'chicken coop', 'greenhouse', 'telescope', 'ukulele', 'watercolour set', 'pottery wheel',
  'knitting pattern', 'bonsai', 'aquarium filter', 'espresso machine', 'cargo bike', 'hiking boots',
  'sleeping bag', 'wind turbine', 'soldering iron', 'synthesizer', 'kombucha', 'fermentation crock',
  'smoke alarm', 'door hinge', 'window seal', 'roof gutter', 'lawn mower', 'hedge trimmer', 'snow shovel',
  'board game', 'crossword', 'puzzle box', 'model railway', 'drone', 'weather station', 'sundial',
  'chainsaw', 'log splitter', 'water filter', 'rice cooker', 'pasta machine', 'ice cream maker', 'sauerkraut',
  'rowing machine', 'climbing rope', 'kayak paddle', 'fishing reel', 'guitar amp', 'drum kit', 'harmonica',
  'sketchbook', 'label printer', 'bicycle chain', 'brake pads', 'tyre pump', 'car battery', 'tool chest',
];
const SUBJECTS = ['I', 'We', 'My neighbour', 'A friend of mine', 'Our group', 'The local club', 'My partner', 'Someone here'];
const VERBS = ['tried', 'fixed', 'rebuilt', 'replaced', 'cleaned', 'tested', 'measured', 'moved', 'upgraded', 'planted', 'sharpened', 'painted'];
const DETAILS = [
  'after the first frost', 'over the long weekend', 'with a borrowed drill', 'for about three weeks',
  'using the method from the wiki', 'without spending much', 'on a rainy afternoon', 'twice in a row',
  'with help from the garden club', 'following the old manual', 'after reading this thread', 'on a tight budget',
  'before the holidays', 'with spare parts from the shed', 'at the allotment', 'in the tiny flat', 'at the cabin',
  'with the kids', 'after a long search', 'using a cheap kit', 'from a second-hand shop', 'late at night',
];
const OUTCOMES = [
  'and it worked better than expected.', 'but the results were mixed.', 'and I would do it again.',
  'yet something still feels off.', 'and the difference is noticeable.', 'but it took longer than planned.',
  'and now it runs quietly.', 'and the garden loves it.', 'but I am not sure it was worth it.', 'and everyone noticed.',
];
const OPINIONS = [
  'Honestly, patience matters more than tools here.', 'The cheap option is fine for most people.',
  'Measure twice, as always.', 'Community advice beats any manual.', 'Start small and keep notes.',
  'The backup you never test is not a backup.', 'Good light makes every job easier.', 'Keep the receipt, just in case.',
  'Water in the morning, not at night.', 'Sharp tools are safer than dull ones.', 'Slow and steady wins this one.',
];
const QUESTIONS = [
  'Has anyone else seen this?', 'What would you do differently?', 'Any tips before I start?',
  'Is there a better way?', 'Did I miss something obvious?', 'Which one would you pick?', 'How long did yours take?',
];
const SHORT_REPLIES = [
  'Thanks, that worked for me too!', 'Same here. Following this thread.', 'Great write-up, thank you.',
  'I had the opposite experience, oddly.', 'This is exactly what I needed.', 'Could you share a photo later?',
  'Bookmarked. Will try it this weekend.', 'Agreed with everything above.', 'Welcome to the community!',
  'Good question, I wondered the same.', 'That makes sense now, thanks.', 'Interesting, I never thought of that.',
];
const CODE = [
  ['bash', 'rsync -a --delete ~/photos/ /mnt/backup/photos/\nrestic snapshots | tail -n 5'],
  ['ts', "const total = items.reduce((sum, item) => sum + item.weight, 0);\nconsole.log(`total: ${total} g`);"],
  ['python', 'for bed in beds:\n    water(bed, litres=2 if bed.sunny else 1)'],
  ['', 'flour 500 g\nwater 350 g\nsalt 10 g\nstarter 100 g'],
  ['sql', 'select day, avg(temp) from readings\ngroup by day order by day desc limit 7;'],
];

function titleFor(r: ReturnType<typeof prng>, category: string): string {
  const t = r.pick(TOPICS);
  const cap = t[0].toUpperCase() + t.slice(1);
  if (category === 'announcements') {
    return r.pick([`New on the forum: ${t} guides`, `Scheduled maintenance this weekend`, `Community meetup: ${t} edition`, `Changes to how we handle ${t} threads`, `Welcome, new members!`]);
  }
  if (category === 'staff') {
    return r.pick([`Moderation notes: ${t} threads`, `Spam wave in ${t} topics`, `Proposal: a ${t} sub-forum`, `Weekly staff check-in`]);
  }
  if (category === 'feedback') {
    return r.pick([`Search should find ${t} posts faster`, `Idea: tags for ${t} topics`, `Notification mails arrive twice`, `Dark mode for the topic list?`, `The editor loses my ${t} draft`]);
  }
  return r.pick([
    `Best way to start a ${t}?`,
    `${cap}: what I learned after a year`,
    `Help: my ${t} keeps failing`,
    `Show and tell: my ${t}`,
    `${cap} on a budget`,
    `Weekly thread: ${t} progress`,
    `Is a ${t} worth it?`,
    `Beginner question about the ${t}`,
  ]);
}

function sentence(r: ReturnType<typeof prng>): string {
  return `${r.pick(SUBJECTS)} ${r.pick(VERBS)} the ${r.pick(TOPICS)} ${r.pick(DETAILS)} ${r.pick(OUTCOMES)}`;
}

function paragraph(r: ReturnType<typeof prng>, sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    let s = r.next() < 0.35 ? r.pick(OPINIONS) : sentence(r);
    const roll = r.next();
    if (roll < 0.08) s = s.replace(/the ([a-z-]+ [a-z-]+)/, 'the **$1**');
    else if (roll < 0.14) s = s.replace(/the ([a-z-]+)/, 'the _$1_');
    else if (roll < 0.18) s += ` See [the ${r.pick(TOPICS)} notes](https://example.org/notes/${r.int(900) + 100}).`;
    else if (roll < 0.22) s += ` The setting is \`${r.pick(['max_age', 'water_ml', 'retain=7', 'ratio 1:3', '--dry-run'])}\`.`;
    parts.push(s);
  }
  if (r.next() < 0.3) parts.push(r.pick(QUESTIONS));
  return parts.join(' ');
}

/**
 * One Markdown block. Every block starts with a plain paragraph, so blocks joined by blank lines render
 * to exactly the concatenation of their HTML (checked below): posts are made of 1–5 blocks in SQL.
 */
function block(r: ReturnType<typeof prng>): string {
  const roll = r.next();
  if (roll < 0.22) return r.pick(SHORT_REPLIES);
  const lead = paragraph(r, 1 + r.int(4));
  if (roll < 0.55) return lead;
  if (roll < 0.67) {
    const items = Array.from({ length: 2 + r.int(4) }, () => `${r.pick(VERBS)} the ${r.pick(TOPICS)} ${r.pick(DETAILS)}`);
    return `${lead}\n\n${items.map((i) => `- ${i[0].toUpperCase()}${i.slice(1)}`).join('\n')}`;
  }
  if (roll < 0.75) {
    const steps = Array.from({ length: 3 + r.int(3) }, () => r.pick(OPINIONS));
    return `${lead}\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`;
  }
  if (roll < 0.84) {
    const [lang, code] = r.pick(CODE);
    return `${lead}\n\n\`\`\`${lang}\n${code}\n\`\`\``;
  }
  if (roll < 0.92) return `${lead}\n\n> ${paragraph(r, 1 + r.int(2))}`;
  if (roll < 0.96) return `${lead}\n\n### Update\n\n${paragraph(r, 2)}`;
  return `${lead}\n\n| item | before | after |\n| --- | ---: | ---: |\n| ${r.pick(TOPICS)} | ${r.int(90) + 10} | ${r.int(90) + 10} |\n| ${r.pick(TOPICS)} | ${r.int(90) + 10} | ${r.int(90) + 10} |`;
}

const BLOCKS = 600;
const MAX_BLOCKS_PER_POST = 5;

/** Every post body is one of BLOCKS × MAX_BLOCKS_PER_POST compositions: Markdown, its HTML, rendered once here. */
function bodyPool() {
  const r = prng(7);
  const md = Array.from({ length: BLOCKS }, () => block(r));
  const html = md.map((m) => renderPost(m, []));
  const at = (s: number, k: number, list: string[], sep: string) =>
    Array.from({ length: k }, (_, i) => list[(s + i) % BLOCKS]).join(sep);
  const rows: { s: number; k: number; md: string; html: string }[] = [];
  for (let s = 0; s < BLOCKS; s++) {
    for (let k = 1; k <= MAX_BLOCKS_PER_POST; k++) rows.push({ s, k, md: at(s, k, md, '\n\n'), html: at(s, k, html, '') });
  }
  // The composition shortcut must give what the renderer gives; check a sample.
  for (let i = 0; i < rows.length; i += 37) {
    if (renderPost(rows[i].md, []) !== rows[i].html) throw new Error(`demo body ${rows[i].s}/${rows[i].k} renders differently when composed`);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows?: Record<string, unknown>[] }).rows ?? []);
}

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

export async function demoMemberCount(db: Database['db']): Promise<number> {
  const [row] = rowsOf(await db.execute(sql`select count(*)::int as n from users where email like ${'%@' + DEMO_DOMAIN}`));
  return Number(row.n);
}

/**
 * Fills the process-wide database (the one `getDb()` returns, passed here as `target`) with demo data.
 * Runs the migrations and the normal seed first.
 */
export async function seedDemo(target: Database, options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  let last = started;
  const step = (what: string) => {
    const now = performance.now();
    log(`  ${what.padEnd(44)} ${((now - last) / 1000).toFixed(2).padStart(7)} s`);
    last = now;
  };

  const U = Math.max(5, Math.floor(options.users));
  const T = Math.max(1, Math.floor(options.topics));
  const P = Math.max(T, Math.floor(options.posts));

  await migrate(target);
  const first = await seed();
  if (options.log) printAdminCredentials(first);
  step('migrations and first-start seed');

  const db = target.db;
  const existing = await demoMemberCount(db);
  if (existing > 0 && options.ifEmpty) {
    log(`  demo data already present (${existing} demo members): left as it is`);
    return { seeded: false, users: existing, topics: 0, posts: 0, revisions: 0, likes: 0, ms: performance.now() - started };
  }
  if (existing > 0) throw new DemoDataPresent(existing);

  const passwordHash = await hashPassword(options.password || DEFAULT_DEMO_PASSWORD);
  const pool = bodyPool();
  step(`password hash, ${pool.length} rendered bodies`);

  const categoryRows = rowsOf(await db.execute(sql`select id, slug, visibility from categories`));
  const bySlug = new Map(categoryRows.map((c) => [String(c.slug), Number(c.id)]));
  const publicIds = categoryRows.filter((c) => c.visibility !== 'staff').map((c) => Number(c.id));
  if (!publicIds.length) throw new Error('No categories to post in.');
  const staffId = bySlug.get('staff') ?? categoryRows.find((c) => c.visibility === 'staff')?.id;
  // Spread: mostly General, a quarter Feedback, a few Announcements (by staff) and Staff topics.
  const mix: [number | undefined, string, number][] = [
    [bySlug.get('general'), 'general', 0.62],
    [bySlug.get('feedback'), 'feedback', 0.25],
    [bySlug.get('announcements'), 'announcements', 0.08],
    [staffId === undefined ? undefined : Number(staffId), 'staff', 0.05],
  ];

  // Members join over three years; the first is the demo member, the next three moderate.
  const now = Date.now();
  const day = 86_400_000;
  const usersStart = now - 3 * 365 * day;
  const userStep = (3 * 365 * day - 14 * day) / U;
  const r = prng(42);
  const members = Array.from({ length: U }, (_, i) => {
    const n = i + 1;
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const special = n === 1 ? { username: 'demo', name: 'Demo Member', role: 'member', trust: 2 } : n <= 4 ? { username: `mod.${['ash', 'birch', 'cedar'][n - 2]}`, name: `${first} ${last}`, role: 'moderator', trust: 4 } : null;
    const trustRoll = r.next();
    return {
      n,
      username: special?.username ?? `${first.toLowerCase()}.${last.slice(0, 5).toLowerCase()}${n}`,
      name: special?.name ?? `${first} ${last}`,
      role: special?.role ?? 'member',
      trust: special?.trust ?? (trustRoll < 0.3 ? 0 : trustRoll < 0.7 ? 1 : trustRoll < 0.9 ? 2 : trustRoll < 0.99 ? 3 : 4),
      created: new Date(usersStart + (n - 1) * userStep).toISOString(),
      seen: new Date(now - r.next() * 60 * day).toISOString(),
      bio: r.next() < 0.35 ? `Into ${r.pick(TOPICS)}s and ${r.pick(TOPICS)}s. ${r.pick(OPINIONS)}` : null,
    };
  });
  const maxMemberAt = (t: number) => Math.min(U, Math.max(5, Math.floor((t - usersStart) / userStep) + 1));

  // Topic sizes: every topic has its opening post, the rest follow a long tail (a few very long threads).
  const weights = Array.from({ length: T }, () => Math.exp(r.next() * 3.2) * (r.next() < 0.15 ? 0.05 : 1) * (r.next() < 0.02 ? 12 : 1));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => 1 + Math.floor(((P - T) * w) / weightSum));
  for (let left = P - counts.reduce((a, b) => a + b, 0), i = 0; left > 0; left--, i = (i + 7) % T) counts[i]++;

  const topicsStart = now - 2 * 365 * day;
  const topicRows = counts.map((postCount, i) => {
    let roll = r.next();
    let [categoryId, kind] = [publicIds[0], 'general'];
    for (const [id, name, share] of mix) {
      if (roll < share && id !== undefined) {
        [categoryId, kind] = [id, name];
        break;
      }
      roll -= share;
    }
    const created = topicsStart + ((i + r.next()) / T) * (now - topicsStart - day);
    const span = Math.min(now - created - 3_600_000, (1 + r.next() * 60) * day * Math.min(1, postCount / 20));
    const staffOnly = kind === 'announcements' || kind === 'staff';
    const title = titleFor(r, kind);
    return {
      n: i + 1,
      category_id: categoryId,
      kind,
      author_n: staffOnly ? 2 + r.int(3) : 1 + Math.floor(Math.pow(r.next(), 1.3) * maxMemberAt(created)),
      title,
      slug: slugify(title),
      created_at: new Date(created).toISOString(),
      span_s: Math.max(0, span / 1000),
      post_count: postCount,
      pinned: kind === 'announcements' && r.next() < 0.05,
      closed: r.next() < 0.02,
      deleted: kind !== 'announcements' && r.next() < 0.004,
    };
  });
  step(`${U} members, ${T} topics planned`);

  const summary = await db.transaction(async (tx: Tx) => {
    const run = async (query: SQL) => rowsOf(await tx.execute(query));
    const one = async (query: SQL) => (await run(query))[0] ?? {};

    // Members, their profiles and their acceptance of the required policies.
    await run(sql`
      insert into users (username, name, email, email_verified_at, password_hash, role, trust_level, created_at, updated_at, last_seen_at)
      select m.username, m.name, m.username || ${'@' + DEMO_DOMAIN}, m.created + interval '20 minutes', ${passwordHash}, m.role, m.trust, m.created, m.created, m.seen
      from json_to_recordset(${JSON.stringify(members)}::json) as m(n int, username text, name text, role text, trust int, created timestamptz, seen timestamptz, bio text)
      order by m.n`);
    await run(sql`
      create temp table demo_users on commit drop as
      select m.n, u.id, u.created_at from json_to_recordset(${JSON.stringify(members.map(({ n, username, bio }) => ({ n, username, bio })))}::json) as m(n int, username text, bio text)
      join users u on lower(u.username) = lower(m.username)`);
    await run(sql`alter table demo_users add primary key (n)`);
    await run(sql`
      insert into profiles (user_id, bio, updated_at)
      select du.id, m.bio, du.created_at from demo_users du
      join json_to_recordset(${JSON.stringify(members.map(({ n, bio }) => ({ n, bio })))}::json) as m(n int, bio text) on m.n = du.n`);
    await run(sql`
      insert into consents (user_id, kind, policy_version_id, given_at)
      select du.id, 'policy', pv.id, du.created_at from demo_users du
      cross join policy_versions pv join policies p on p.id = pv.policy_id
      where pv.status = 'active' and p.required`);
    step('members, profiles, consents');

    // Topics get explicit ids (the sequence is moved on afterwards), so posts can refer to them at once.
    const { base_topic: baseTopic, base_post: basePost } = await one(sql`
      select (select coalesce(max(id), 0) from topics)::int as base_topic, (select coalesce(max(id), 0) from posts)::int as base_post`);
    await run(sql`
      create temp table demo_topics on commit drop as
      select ${Number(baseTopic)}::int + t.n as id, t.* from json_to_recordset(${JSON.stringify(topicRows)}::json)
        as t(n int, category_id int, kind text, author_n int, title text, slug text, created_at timestamptz, span_s float8, post_count int, pinned boolean, closed boolean, deleted boolean)`);
    await run(sql`alter table demo_topics add primary key (id)`);

    // Every post's shape in one pass: time, author, body (a composition), versions, likes, replies.
    const B = BLOCKS;
    await run(sql.raw(`
      create temp table demo_posts on commit drop as
      with g as (
        select t.id as topic_id, t.kind, t.author_n, t.post_count, t.created_at as t0, t.span_s, t.deleted, gs.pn,
               t.id::int8 * 100000 + gs.pn as key
        from demo_topics t cross join lateral generate_series(1, t.post_count) as gs(pn)
      ), timed as (
        select g.*,
          case when pn = 1 then t0
               else t0 + make_interval(secs => span_s * power((pn - 1)::float8 / greatest(post_count - 1, 1), 1.5)) end as created_at,
          ${u('key', 1)} as u1, ${u('key', 2)} as u2, ${u('key', 3)} as u3, ${u('key', 4)} as u4,
          ${u('key', 5)} as u5, ${u('key', 6)} as u6, ${u('key', 7)} as u7, ${u('key', 8)} as u8
        from g
      ), shaped as (
        select timed.*,
          least(${U}, greatest(5, floor((extract(epoch from created_at) * 1000 - ${usersStart}) / ${userStep})::int + 1)) as max_n,
          least(${MAX_BLOCKS_PER_POST}, (case when u2 < 0.45 then 1 when u2 < 0.75 then 2 when u2 < 0.92 then 3 else 4 end) + (pn = 1)::int) as k,
          floor(u3 * ${B})::int as s
        from timed
      )
      select
        ${Number(basePost)}::int + row_number() over (order by created_at, topic_id, pn)::int as id,
        topic_id, pn, created_at, kind, k, s, max_n,
        case when pn = 1 then author_n
             when kind = 'staff' then 2 + floor(u1 * 3)::int
             else 1 + floor(power(u1, 1.4) * max_n)::int end as author_n,
        case when k > 1 then s else (s + 1) % ${B} end as orig_s,
        greatest(k - 1, 1) as orig_k,
        u4 < 0.07 as edited,
        least(now(), created_at + make_interval(mins => 5 + floor(u4 * 4000)::int)) as edited_at,
        case when pn = 1 and deleted then least(now(), created_at + interval '3 hours')
             when pn > 1 and u5 < 0.01 then least(now(), created_at + interval '2 hours') end as deleted_at,
        case when kind = 'staff' or u6 < 0.6 then 0 else 1 + floor(power(u7, 3) * 14)::int end as likes,
        case when pn > 1 and u8 < 0.25 then greatest(1, pn - 1 - floor(u8 * 12)::int) end as reply_pn
      from shaped`));
    await run(sql`create index on demo_posts (topic_id, pn)`);
    await run(sql`
      create temp table demo_bodies on commit drop as
      select * from json_to_recordset(${JSON.stringify(pool)}::json) as b(s int, k int, md text, html text)`);
    await run(sql`alter table demo_bodies add primary key (s, k)`);
    await run(sql`
      create temp table demo_likes on commit drop as
      select distinct on (d.id, u.id) d.id as post_id, u.id as user_id,
             least(now(), d.created_at + make_interval(mins => j * 37)) as created_at
      from demo_posts d cross join lateral generate_series(1, d.likes) as j
      join demo_users u on u.n = 1 + (hashint8(d.id::int8 * 64 + j) & 2147483647) % d.max_n
      where u.n <> d.author_n
      order by d.id, u.id`);
    step('planned posts, bodies and likes');

    await run(sql`
      insert into topics (id, category_id, user_id, title, slug, pinned_at, closed_at, deleted_at, post_count, last_posted_at, last_post_user_id, created_at)
      select t.id, t.category_id, u.id, t.title, t.slug,
             case when t.pinned then t.created_at end,
             case when t.closed then t.created_at + make_interval(secs => t.span_s) end,
             case when t.deleted then least(now(), t.created_at + interval '3 hours') end,
             t.post_count, t.created_at, u.id, t.created_at
      from demo_topics t join demo_users u on u.n = t.author_n
      order by t.id`);
    await run(sql`select setval(pg_get_serial_sequence('topics', 'id'), (select max(id) from topics))`);
    step(`topics (${T})`);

    await run(sql`
      insert into posts (id, topic_id, user_id, post_number, body, body_html, reply_to_post_id, revision_count, like_count,
                         deleted_at, deleted_by, created_at, edited_at)
      select d.id, d.topic_id, u.id, d.pn, b.md, b.html, r.id,
             case when d.edited then 2 else 1 end,
             coalesce(lc.n, 0),
             d.deleted_at, case when d.deleted_at is not null then u.id end,
             d.created_at, case when d.edited then d.edited_at end
      from demo_posts d
      join demo_users u on u.n = d.author_n
      join demo_bodies b on b.s = d.s and b.k = d.k
      left join demo_posts r on r.topic_id = d.topic_id and r.pn = d.reply_pn
      left join (select post_id, count(*)::int as n from demo_likes group by post_id) lc on lc.post_id = d.id
      order by d.id`);
    await run(sql`select setval(pg_get_serial_sequence('posts', 'id'), (select max(id) from posts))`);
    step(`posts (${P})`);

    await run(sql`
      insert into post_revisions (post_id, revision, body, title, editor_id, reason, created_at)
      select d.id, 1, case when d.edited then o.md else b.md end, case when d.pn = 1 then t.title end, u.id, null, d.created_at
      from demo_posts d
      join demo_topics t on t.id = d.topic_id
      join demo_users u on u.n = d.author_n
      join demo_bodies b on b.s = d.s and b.k = d.k
      join demo_bodies o on o.s = d.orig_s and o.k = d.orig_k
      union all
      select d.id, 2, b.md, case when d.pn = 1 then t.title end, u.id,
             (array['Fixed a typo', 'Added details', 'Clarified the steps', null])[1 + d.id % 4], d.edited_at
      from demo_posts d
      join demo_topics t on t.id = d.topic_id
      join demo_users u on u.n = d.author_n
      join demo_bodies b on b.s = d.s and b.k = d.k
      where d.edited`);
    step('post versions');

    await run(sql`insert into likes (post_id, user_id, created_at) select post_id, user_id, created_at from demo_likes`);
    step('likes');

    // What the reply and read functions keep up: the topic's last post, each author's read mark,
    // and a reply notice for the topic's author (read when old; never mailed).
    await run(sql`
      update topics t set last_posted_at = d.created_at, last_post_user_id = u.id
      from demo_posts d join demo_users u on u.n = d.author_n join demo_topics dt on dt.id = d.topic_id and dt.post_count = d.pn
      where t.id = d.topic_id`);
    await run(sql`
      insert into topic_reads (user_id, topic_id, last_read_post_number, updated_at)
      select u.id, d.topic_id, max(d.pn), max(d.created_at) from demo_posts d join demo_users u on u.n = d.author_n
      group by u.id, d.topic_id`);
    await run(sql`
      insert into notifications (user_id, kind, actor_id, topic_id, post_id, read_at, emailed_at, created_at)
      select ta.id, 'reply', pa.id, d.topic_id, d.id,
             case when d.created_at < now() - interval '3 days' then least(now(), d.created_at + interval '5 hours') end,
             d.created_at, d.created_at
      from demo_posts d
      join demo_topics t on t.id = d.topic_id
      join demo_users ta on ta.n = t.author_n
      join demo_users pa on pa.n = d.author_n
      where d.pn > 1 and d.author_n <> t.author_n and d.deleted_at is null and t.kind <> 'staff'`);
    step('last posts, read marks, notices');

    const counts = await one(sql`
      select (select count(*) from demo_posts)::int as posts,
             (select count(*) from demo_posts where edited)::int + (select count(*) from demo_posts)::int as revisions,
             (select count(*) from demo_likes)::int as likes`);
    return { posts: Number(counts.posts), revisions: Number(counts.revisions), likes: Number(counts.likes) };
  });
  step('commit');

  // As after any bulk load: fresh statistics for the planner (the small tables too: autovacuum never
  // analyzes a table of four categories), and the search indexes' pending lists merged.
  await db.execute(sql`vacuum analyze`);
  step('vacuum analyze');
  return { seeded: true, users: U, topics: T, ...summary, ms: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------------

function flag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
}

function count(args: string[], name: string, fallback: number): number {
  const raw = flag(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number (got ${raw}).`);
  return n;
}

async function main() {
  const args = process.argv.slice(2);
  const options: DemoOptions = {
    users: count(args, 'users', 200),
    topics: count(args, 'topics', 500),
    posts: count(args, 'posts', 5000),
    password: flag(args, 'password') ?? process.env.DEMO_PASSWORD,
    ifEmpty: args.includes('--if-empty'),
    log: (line) => console.log(line),
  };
  const target = database();
  console.log(`Seeding demo data into the ${target.kind === 'server' ? 'PostgreSQL server' : 'embedded'} database: ${options.users} members, ${options.topics} topics, ${options.posts} posts`);
  try {
    const result = await seedDemo(target, options);
    if (result.seeded) {
      console.log(
        `Done in ${(result.ms / 1000).toFixed(1)} s: ${result.users} members, ${result.topics} topics, ${result.posts} posts, ` +
          `${result.revisions} versions, ${result.likes} likes.`,
      );
      console.log(`Sign in as ${DEMO_MEMBER_EMAIL} (or mod.ash@${DEMO_DOMAIN}, a moderator) with the password "${options.password || DEFAULT_DEMO_PASSWORD}".`);
    }
  } finally {
    await target.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e instanceof FolderInUseError || e instanceof DemoDataPresent ? e.message : e);
    process.exitCode = 1;
  });
}
