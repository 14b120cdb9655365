/**
 * The production server: `npm start` (after `next build`).
 *
 *   node scripts/serve.mjs [-p PORT] [-H HOST]      (PORT and HOSTNAME work too; defaults 3000, 0.0.0.0)
 *
 * It is Next.js's own request handler with one addition: a short-lived cache of the pages visitors
 * without an account see most (home, categories, topics). Those pages are the same for every visitor,
 * so one render serves everyone for PAGE_CACHE_SECONDS (default 5; 0 turns the cache off), and many
 * visitors asking for the same page at once share one render. Nothing personal can be cached:
 *
 * - only GET/HEAD requests with no session cookie, and no cookie at all except the sign-in form's own,
 *   the cookie choice and the text size (the last two are read only by the browser, from
 *   document.cookie, so the HTML is the same with or without them; a cookie this list does not name
 *   skips the cache, so a cookie added later is safe by default);
 * - only full HTML pages answered 200 without Set-Cookie (not the data requests of client navigation);
 * - any other request that may change something (POST, PUT, PATCH, DELETE: forms, Server Actions, the
 *   API) empties the cache when it starts and when it ends, so what a member just did is seen at once;
 *   recording a cookie choice changes no page, so it leaves the cache as it is.
 */
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { gzipSync } from 'node:zlib';

/** Pages worth caching for visitors: home, a category, a topic (any page of them). */
const CACHEABLE_PATH = /^\/(?:c\/[^/]+|t\/\d+(?:\/[^/]*)?)?$/;

/**
 * Cookies that never change what the server renders: next-auth's sign-in form cookies, and the cookie
 * choice and text size (lib/privacy/cookies.ts), which only the browser reads.
 */
const NEUTRAL_COOKIES = new Set([
  'authjs.csrf-token',
  '__Host-authjs.csrf-token',
  'authjs.callback-url',
  '__Secure-authjs.callback-url',
  'hearth-consent',
  'hearth-text-size',
]);

/** Requests that write something no cached page shows: they leave the cache as it is. */
const NEUTRAL_WRITES = new Set(['/api/cookie-consent']);

/** Request headers of Next.js client navigation, prefetch and Server Actions: these are never pages. */
const ROUTER_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-action', 'authorization'];

/** Request headers passed on when a page is rendered for the cache (none identifies a visitor). */
const FORWARDED = ['host', 'accept', 'user-agent', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip'];

/** Response headers not kept with a cached page (they describe one connection, or are set when served). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date']);

function cookieNames(header) {
  if (!header) return [];
  return header
    .split(';')
    .map((part) => part.split('=')[0].trim())
    .filter(Boolean);
}

/** The cache key for a request, or null when it must go straight to the app. */
export function cacheKey(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '/';
  if (url.length > 512) return null;
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  if (!CACHEABLE_PATH.test(pathname)) return null;
  if (q >= 0 && /(?:^|&)_rsc=/.test(url.slice(q + 1))) return null;
  if (ROUTER_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  if (cookieNames(req.headers.cookie).some((name) => !NEUTRAL_COOKIES.has(name))) return null;
  return url;
}

/** Whether a request may change what visitors see (then the cache is emptied around it). */
export function changesSomething(req) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return !NEUTRAL_WRITES.has(q < 0 ? url : url.slice(0, q));
}

/**
 * The cache itself: `render(req)` produces a page ({ status, headers, body }); `serve(req, res, key)`
 * answers from the cache or renders (once for everyone waiting on the same key).
 */
export function createPageCache({ ttlMs, maxEntries = 1000, maxBytes = 64 * 1024 * 1024, render, now = Date.now }) {
  /** key → { page, expires, bytes } in least-recently-used order (a Map keeps insertion order). */
  const entries = new Map();
  /** key → Promise<page> for renders under way. */
  const pending = new Map();
  let bytes = 0;
  let generation = 0;
  const stats = { hits: 0, misses: 0, shared: 0, stored: 0, cleared: 0 };

  function drop(key) {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.bytes;
    entries.delete(key);
  }

  function store(key, page) {
    const size = page.body.length + 512;
    if (size > maxBytes / 8) return;
    drop(key);
    entries.set(key, { page, expires: now() + ttlMs, bytes: size });
    bytes += size;
    stats.stored += 1;
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      drop(oldest);
    }
  }

  function cacheable(page) {
    const type = String(page.headers['content-type'] ?? '');
    return page.status === 200 && type.startsWith('text/html') && page.headers['set-cookie'] === undefined;
  }

  function lookup(key) {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.expires <= now()) {
      drop(key);
      return null;
    }
    // Most recently used goes to the end.
    entries.delete(key);
    entries.set(key, entry);
    return entry.page;
  }

  function fill(key, req) {
    let render$ = pending.get(key);
    if (render$) {
      stats.shared += 1;
      return render$;
    }
    const startedAt = generation;
    render$ = render(req).then(
      (page) => {
        if (pending.get(key) === render$) pending.delete(key);
        // A change made while this page was rendering may not be in it: serve it once, keep nothing.
        if (cacheable(page) && startedAt === generation) store(key, page);
        return page;
      },
      (error) => {
        if (pending.get(key) === render$) pending.delete(key);
        throw error;
      },
    );
    pending.set(key, render$);
    return render$;
  }

  return {
    stats,
    get size() {
      return entries.size;
    },
    /** Empties the cache: something may have changed what visitors see. */
    clear() {
      generation += 1;
      entries.clear();
      pending.clear();
      bytes = 0;
      stats.cleared += 1;
    },
    async serve(req, res, key) {
      let page = lookup(key);
      let state = 'HIT';
      if (page) stats.hits += 1;
      else {
        stats.misses += 1;
        state = 'MISS';
        page = await fill(key, req);
      }
      send(req, res, page, state);
    },
  };
}

function send(req, res, page, state) {
  const headers = { ...page.headers, 'x-cache': state };
  let body = page.body;
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (acceptsGzip && body.length > 1024) {
    page.gzipped ??= gzipSync(body);
    body = page.gzipped;
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Renders a page for the cache by asking the app over loopback, as a visitor with no cookies. */
function loopbackRenderer(innerPort) {
  return (req) =>
    new Promise((resolve, reject) => {
      const headers = {};
      for (const name of FORWARDED) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
      const inner = http.request({ host: '127.0.0.1', port: innerPort, method: 'GET', path: req.url, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const kept = {};
          for (const [name, value] of Object.entries(res.headers)) if (!HOP_BY_HOP.has(name)) kept[name] = value;
          resolve({ status: res.statusCode ?? 500, headers: kept, body: Buffer.concat(chunks) });
        });
      });
      inner.on('error', reject);
      inner.end();
    });
}

function option(args, short, long) {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main() {
  // Rendering a page allocates many short-lived objects: a larger young generation collects them far
  // less often (about a quarter more pages a second on two cores).
  v8.setFlagsFromString('--max-semi-space-size=64');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.chdir(root);
  process.env.NODE_ENV ??= 'production';
  const args = process.argv.slice(2);
  const port = Number(option(args, '-p', '--port') ?? process.env.PORT ?? 3000);
  const hostname = option(args, '-H', '--hostname') ?? process.env.HOSTNAME ?? '0.0.0.0';
  const ttlSeconds = Number(process.env.PAGE_CACHE_SECONDS ?? 5);

  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  let cache = null;
  if (Number.isFinite(ttlSeconds) && ttlSeconds > 0) {
    // Renders for the cache go through a loopback listener that only this process can reach.
    const inner = http.createServer((req, res) => handle(req, res));
    await new Promise((resolve) => inner.listen(0, '127.0.0.1', resolve));
    cache = createPageCache({ ttlMs: ttlSeconds * 1000, render: loopbackRenderer(inner.address().port) });
  }

  const server = http.createServer((req, res) => {
    const key = cache ? cacheKey(req) : null;
    if (key !== null) {
      cache.serve(req, res, key).catch((error) => {
        console.error('Page cache:', error);
        if (!res.headersSent) handle(req, res);
      });
      return;
    }
    if (cache && changesSomething(req)) {
      cache.clear();
      res.once('close', () => cache.clear());
    }
    handle(req, res);
  });
  server.listen(port, hostname, () => {
    const shown = hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname;
    console.log(`Hearth is ready on http://${shown}:${port}${cache ? ` (visitor page cache: ${ttlSeconds} s)` : ''}`);
  });

  const stop = () => {
    server.close();
    app.close?.().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
