/**
 * The benchmark: a production build on a database full of demo data, measured with autocannon.
 *
 *   npm run bench -- --embedded                       # embedded database in ./.data-bench
 *   npm run bench -- --database-url postgres://…/db   # or DATABASE_URL: a PostgreSQL server
 *
 * Builds when .next/BUILD_ID is missing (or with --build), seeds the database when it has no demo data
 * (scripts/seed-demo.ts, --users/--topics/--posts, default 2000/5000/100000), starts the production server (`npm start`) on
 * --port (3300), signs in as the demo member, then for each route: a warm-up, then --duration seconds
 * (default 10) with --connections (default 10). Prints requests/s, latency percentiles, failures, the
 * size of one response, and the CPU time per request of the app server (and of the database server's
 * backends for this database), so it shows where the time goes.
 *
 * Other flags: --warmup S (3), --only name,name, --q WORD (search), --json FILE, --no-jobs, --data-dir DIR,
 * --cpu-prof DIR (the app server writes a V8 CPU profile there when it stops), --no-page-cache (visitors'
 * pages rendered every time, as PAGE_CACHE_SECONDS=0).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { openEmbedded, openServer, type Database } from '@/db/client';
import { DEFAULT_DEMO_PASSWORD, DEMO_MEMBER_EMAIL } from './seed-demo';

// ---------------------------------------------------------------------------------------------------
// autocannon (no bundled types): the part used here.

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: AutocannonRequest[];
  timeout?: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---------------------------------------------------------------------------------------------------

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

const args = process.argv.slice(2);
function flag(name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
}
function numberFlag(name: string, fallback: number): number {
  const raw = flag(name);
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number (got ${raw}).`);
  return n;
}

const embedded = args.includes('--embedded');
const databaseUrl = embedded ? undefined : flag('database-url') || process.env.DATABASE_URL;
const dataDir = path.resolve(flag('data-dir') || '.data-bench');
const port = numberFlag('port', 3300);
const duration = numberFlag('duration', 10);
const warmup = numberFlag('warmup', 3);
const connections = numberFlag('connections', 10);
const password = flag('password') || process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
const searchWord = flag('q') || 'telescope';
const only = flag('only')?.split(',').map((s) => s.trim().toLowerCase());
const base = `http://127.0.0.1:${port}`;

if (!embedded && !databaseUrl) {
  console.error('Choose a database: --embedded (in ./.data-bench), or --database-url postgres://… (or set DATABASE_URL).');
  process.exit(2);
}
const databaseName = databaseUrl ? decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) : null;

const log = (line = '') => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------------
// CPU accounting from /proc (Linux): the app server's process tree, and this database's backends.

const ticksPerSecond = 100;

function procCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

function allPids(): number[] {
  try {
    return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
}

function treeCpuMs(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const pid of allPids()) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const inTree = (pid: number): boolean => pid === rootPid || (parents.has(pid) && pid > 1 && inTree(parents.get(pid)!));
  return [...parents.keys()].filter(inTree).reduce((sum, pid) => sum + procCpuMs(pid), 0);
}

/** CPU of the PostgreSQL backends connected to the bench database (their title names it). */
function databaseCpuMs(): number {
  if (!databaseName) return 0;
  let sum = 0;
  for (const pid of allPids()) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres: ') && cmd.split(' ').includes(databaseName)) sum += procCpuMs(pid);
    } catch {
      // gone
    }
  }
  return sum;
}

function rssMb(pid: number): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------------

function databaseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (embedded) {
    env.HEARTH_DATA_DIR = dataDir;
    delete env.DATABASE_URL;
  } else {
    env.DATABASE_URL = databaseUrl;
  }
  return env;
}

function build() {
  if (!args.includes('--build') && fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    log('Using the existing production build (.next); pass --build to rebuild.');
    return;
  }
  log('Building (next build)…');
  const started = Date.now();
  const result = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error('next build failed.');
  log(`Built in ${seconds(Date.now() - started)}.`);
}

function seedIfEmpty() {
  const sizes = ['users', 'topics', 'posts'].flatMap((name) => [`--${name}`, flag(name) ?? { users: '2000', topics: '5000', posts: '100000' }[name]!]);
  log(`Seeding demo data if the database has none (${sizes.join(' ')})…`);
  const result = spawnSync(
    path.join(root, 'node_modules/.bin/tsx'),
    ['--conditions=react-server', 'scripts/seed-demo.ts', ...sizes, '--if-empty', '--password', password],
    { stdio: 'inherit', env: databaseEnv() },
  );
  if (result.status !== 0) throw new Error('Seeding failed (see above).');
}

interface Targets {
  topic: { id: number; slug: string; posts: number; title: string };
  replyTopics: number[];
  counts: { users: number; topics: number; posts: number };
}

async function pickTargets(): Promise<Targets> {
  const database: Database = embedded ? openEmbedded(path.join(dataDir, 'pglite')) : openServer(databaseUrl!, 2);
  try {
    const rows = async (query: ReturnType<typeof sql>) => {
      const r = (await database.db.execute(query)) as unknown;
      return (Array.isArray(r) ? r : (r as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
    };
    const open = sql`t.deleted_at is null and t.closed_at is null and c.visibility = 'everyone'`;
    const [topic] = await rows(sql`
      select t.id, t.slug, t.title, t.post_count from topics t join categories c on c.id = t.category_id
      where ${open} and c.slug = 'general' and t.post_count between 20 and 40 order by t.id limit 1`);
    if (!topic) throw new Error('No topic with 20–40 posts in General: seed more posts.');
    const replyTopics = await rows(sql`
      select t.id from topics t join categories c on c.id = t.category_id
      where ${open} and t.id <> ${Number(topic.id)} order by t.id desc limit 50`);
    const [counts] = await rows(sql`
      select (select count(*) from users)::int as users, (select count(*) from topics)::int as topics, (select count(*) from posts)::int as posts`);
    return {
      topic: { id: Number(topic.id), slug: String(topic.slug), title: String(topic.title), posts: Number(topic.post_count) },
      replyTopics: replyTopics.map((r) => Number(r.id)),
      counts: { users: Number(counts.users), topics: Number(counts.topics), posts: Number(counts.posts) },
    };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------------

let server: ChildProcess | undefined;
const serverLog: string[] = [];

async function startServer(): Promise<ChildProcess> {
  const env = databaseEnv();
  env.SITE_URL = base;
  env.AUTH_SECRET ||= randomBytes(32).toString('base64url');
  env.NEXT_TELEMETRY_DISABLED = '1';
  if (args.includes('--no-jobs')) env.HEARTH_JOBS = 'off';
  const profileDir = flag('cpu-prof');
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  if (flag('node-flags')) nodeFlags.push(...flag('node-flags')!.split(' '));
  if (args.includes('--no-page-cache')) env.PAGE_CACHE_SECONDS = '0';
  // The production server of `npm start`, directly (not through npm: a wrapper would leave it holding the port).
  const child = spawn(process.execPath, [...nodeFlags, path.join(root, 'scripts/serve.mjs'), '-p', String(port), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    serverLog.push(...chunk.toString().split('\n').filter(Boolean));
    if (serverLog.length > 400) serverLog.splice(0, serverLog.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  server = child;

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${serverLog.slice(-30).join('\n')}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not answer /api/health within 120 s:\n${serverLog.slice(-30).join('\n')}`);
}

async function stopServer() {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function cookiePairs(setCookies: string[]): Map<string, string> {
  const jar = new Map<string, string>();
  for (const c of setCookies) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i).trim(), pair.slice(i + 1));
  }
  return jar;
}

/** Signs in through the credentials flow of next-auth and returns the Cookie header for the session. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiePairs(csrf.headers.getSetCookie());
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      origin: base,
    },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  const session = [...cookiePairs(res.headers.getSetCookie())].find(([k]) => /(^|\.)authjs\.session-token$/.test(k));
  if (!session) throw new Error(`Sign-in as ${email} failed (status ${res.status}, location ${res.headers.get('location')}).`);
  const cookie = `${session[0]}=${session[1]}`;
  const check = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { sid?: string } | null;
  if (!check?.sid) throw new Error('Signed in, but the session cookie is not accepted.');
  return cookie;
}

// ---------------------------------------------------------------------------------------------------

interface Route {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** For POSTs spread over several topics. */
  paths?: string[];
  target?: { rps: number; p95?: number };
}

interface Row {
  route: Route;
  status: string;
  rps?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  non2xx?: number;
  errors?: number;
  bytes?: number;
  gzipBytes?: number;
  appCpuMs?: number;
  dbCpuMs?: number;
  loadCpuMs?: number;
}

function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function cannon(route: Route, seconds: number, latencies?: number[]): Promise<AutocannonResult> {
  let next = 0;
  const options: AutocannonOptions = {
    url: `${base}${route.path}`,
    connections,
    duration: seconds,
    method: route.method ?? 'GET',
    headers: route.headers,
    body: route.body,
    timeout: 30,
  };
  if (route.paths) {
    const paths = route.paths;
    options.requests = [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }];
  }
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

async function measure(route: Route): Promise<Row> {
  // One request first: is the route there, and how big is its answer?
  const probe = await fetch(`${base}${route.paths?.[0] ?? route.path}`, { method: route.method ?? 'GET', headers: route.headers, body: route.body, redirect: 'manual' });
  const text = await probe.text();
  if (probe.status === 404) return { route, status: 'missing (404)' };
  if (probe.status >= 300) return { route, status: `${probe.status}${probe.headers.get('location') ? ` → ${probe.headers.get('location')}` : ''}: ${text.slice(0, 120).replace(/\s+/g, ' ')}` };
  const bytes = Buffer.byteLength(text);
  const gzipBytes = gzipSync(text).length;

  await cannon(route, warmup);
  const latencies: number[] = [];
  const app0 = treeCpuMs(server!.pid!);
  const db0 = databaseCpuMs();
  const load0 = process.cpuUsage();
  const result = await cannon(route, duration, latencies);
  const appCpu = treeCpuMs(server!.pid!) - app0;
  const dbCpu = databaseCpuMs() - db0;
  const loadCpu = process.cpuUsage(load0);
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  return {
    route,
    status: 'ok',
    rps: n / result.duration,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytes,
    gzipBytes,
    appCpuMs: n ? appCpu / n : undefined,
    dbCpuMs: n && databaseName ? dbCpu / n : undefined,
    loadCpuMs: n ? (loadCpu.user + loadCpu.system) / 1000 / n : undefined,
  };
}

function table(rows: Row[]): string {
  const head = ['route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors', 'HTML bytes (gzip)', 'app CPU ms/req', 'db CPU ms/req', 'target'];
  const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
  const body = rows.map((r) => {
    if (r.status !== 'ok') return [r.route.name, r.status, '', '', '', '', '', '', '', '', ''];
    const t = r.route.target;
    const met = t ? r.rps! >= t.rps && (t.p95 === undefined || r.p95! <= t.p95) && r.non2xx === 0 : undefined;
    const targetText = t ? `${met ? 'met' : 'MISSED'} (≥ ${t.rps}/s${t.p95 ? `, p95 ≤ ${t.p95}` : ''})` : '';
    return [
      r.route.name,
      fmt(r.rps, 0),
      fmt(r.p50),
      fmt(r.p95),
      fmt(r.p99),
      String(r.non2xx),
      String(r.errors),
      `${r.bytes} (${r.gzipBytes})`,
      fmt(r.appCpuMs, 2),
      fmt(r.dbCpuMs, 2),
      targetText,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main() {
  log(`Hearth bench: ${embedded ? `embedded database (${path.relative(root, dataDir) || dataDir})` : `PostgreSQL server (${databaseName})`}, ` +
    `${connections} connections, ${duration} s per route after ${warmup} s warm-up`);
  log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  build();
  seedIfEmpty();
  const targets = await pickTargets();
  log(`Data: ${targets.counts.users} members, ${targets.counts.topics} topics, ${targets.counts.posts} posts. ` +
    `Topic page: /t/${targets.topic.id}/${targets.topic.slug} (${targets.topic.posts} posts).`);

  const started = Date.now();
  const child = await startServer();
  log(`Server up in ${seconds(Date.now() - started)} (pid ${child.pid}, ${rssMb(child.pid!)} MB).`);
  const cookie = await signIn(DEMO_MEMBER_EMAIL);
  log(`Signed in as ${DEMO_MEMBER_EMAIL}.`);

  const topicPath = `/t/${targets.topic.id}/${targets.topic.slug}`;
  const signedIn = { cookie };
  const routes: Route[] = [
    { name: 'home (anonymous)', path: '/', target: { rps: 220, p95: 60 } },
    { name: 'category /c/general (anonymous)', path: '/c/general' },
    { name: 'topic, 20 posts (anonymous)', path: topicPath, target: { rps: 220, p95: 60 } },
    { name: `search "${searchWord}" (anonymous)`, path: `/search?q=${encodeURIComponent(searchWord)}` },
    { name: 'home (signed in)', path: '/', headers: signedIn },
    { name: 'topic, 20 posts (signed in)', path: topicPath, headers: signedIn, target: { rps: 130 } },
    {
      name: 'reply via API (signed in)',
      method: 'POST' as const,
      path: `/api/topics/${targets.replyTopics[0]}/replies`,
      paths: targets.replyTopics.map((id) => `/api/topics/${id}/replies`),
      headers: { ...signedIn, 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ body: 'Thanks for sharing this. I tried the same thing last week and it worked **well** for me.' }),
    },
  ].filter((r) => !only || only.some((o) => r.name.toLowerCase().includes(o)));

  const rows: Row[] = [];
  for (const route of routes) {
    process.stdout.write(`  ${route.name}… `);
    const row = await measure(route);
    rows.push(row);
    log(row.status === 'ok' ? `${row.rps!.toFixed(0)} req/s, p95 ${row.p95!.toFixed(1)} ms (load ${os.loadavg()[0].toFixed(2)})` : row.status);
  }
  const rss = rssMb(child.pid!);
  await stopServer();

  log();
  log(table(rows));
  log();
  log(`App server RSS after the run: ${rss} MB. "app CPU" is the Next.js server process (with an embedded database, the`);
  log(`database work too); "db CPU" the PostgreSQL backends of this database; autocannon itself used about ` +
    `${(rows.filter((r) => r.loadCpuMs).reduce((s, r) => s + r.loadCpuMs!, 0) / Math.max(1, rows.filter((r) => r.loadCpuMs).length)).toFixed(2)} ms per request.`);
  const missed = rows.filter((r) => r.status !== 'ok');
  if (missed.length) log(`Not measured: ${missed.map((r) => `${r.route.name} (${r.status})`).join('; ')}.`);

  const jsonFile = flag('json');
  if (jsonFile) {
    fs.writeFileSync(jsonFile, JSON.stringify({ database: embedded ? 'embedded' : 'server', when: new Date().toISOString(), connections, duration, counts: targets.counts, rows: rows.map(({ route, ...r }) => ({ route: route.name, path: route.path, ...r })) }, null, 2));
    log(`Results written to ${jsonFile}.`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void stopServer().finally(() => process.exit(130));
  });
}

main()
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    if (serverLog.length) console.error(`Server output (last lines):\n${serverLog.slice(-20).join('\n')}`);
    process.exitCode = 1;
  })
  .finally(() => stopServer());
