import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (the production server), no type declarations
import { cacheKey, changesSomething, createPageCache } from '../scripts/serve.mjs';
import { CONSENT_COOKIE, TEXT_SIZE_COOKIE, cookieRegistry } from '@/lib/privacy/cookies';

type Page = { status: number; headers: Record<string, string>; body: Buffer };

function request(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return { method, url, headers };
}

/** A response double that records what was sent. */
function response() {
  const out = { status: 0, headers: {} as Record<string, string>, body: undefined as Buffer | undefined, headersSent: false };
  return Object.assign(out, {
    writeHead(status: number, headers: Record<string, string>) {
      out.status = status;
      out.headers = headers;
      out.headersSent = true;
    },
    end(body?: Buffer) {
      out.body = body;
    },
  });
}

const html = (text: string, extra: Record<string, string> = {}): Page => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', ...extra },
  body: Buffer.from(`<!DOCTYPE html><p>${text}</p>`),
});

describe('which requests the visitor page cache may answer', () => {
  it('takes anonymous page views of home, categories and topics', () => {
    expect(cacheKey(request('/'))).toBe('/');
    expect(cacheKey(request('/c/general'))).toBe('/c/general');
    expect(cacheKey(request('/t/8/a-topic?page=2'))).toBe('/t/8/a-topic?page=2');
    expect(cacheKey(request('/t/8', {}, 'HEAD'))).toBe('/t/8');
    // The sign-in form's own cookies change nothing on these pages.
    expect(cacheKey(request('/', { cookie: 'authjs.csrf-token=abc; authjs.callback-url=%2F' }))).toBe('/');
  });

  it('never takes a signed-in member, another cookie, a client navigation or a change', () => {
    expect(cacheKey(request('/', { cookie: 'authjs.session-token=abc' }))).toBeNull();
    expect(cacheKey(request('/', { cookie: '__Secure-authjs.session-token=abc' }))).toBeNull();
    expect(cacheKey(request('/', { cookie: 'something-new=1' }))).toBeNull();
    expect(cacheKey(request('/', { rsc: '1' }))).toBeNull();
    expect(cacheKey(request('/t/8/a?_rsc=x1'))).toBeNull();
    expect(cacheKey(request('/', { 'next-action': 'abc' }, 'POST'))).toBeNull();
    expect(cacheKey(request('/t/8', {}, 'POST'))).toBeNull();
    // Pages that are personal or rarely shared are always rendered.
    for (const url of ['/notifications', '/settings/profile', '/search?q=x', '/u/alice', '/api/health', '/t/8/a/b']) {
      expect(cacheKey(request(url))).toBeNull();
    }
  });
});

describe('visitors who made a cookie choice', () => {
  const consent = `${CONSENT_COOKIE}=0b8f6a52-3f4e-4b9a-9c1d-2f6e8a7b5c41.1.necessary_preferences.1767225600.0`;

  it('are still served from the cache: the banner and the text size are read in the browser', () => {
    expect(cacheKey(request('/', { cookie: consent }))).toBe('/');
    expect(cacheKey(request('/t/8/a-topic', { cookie: `${consent}; ${TEXT_SIZE_COOKIE}=larger` }))).toBe('/t/8/a-topic');
    expect(cacheKey(request('/c/general', { cookie: `authjs.csrf-token=abc; ${consent}; ${TEXT_SIZE_COOKIE}=large` }))).toBe('/c/general');
  });

  it('are not when they are signed in or carry any other cookie', () => {
    expect(cacheKey(request('/', { cookie: `${consent}; authjs.session-token=abc` }))).toBeNull();
    expect(cacheKey(request('/', { cookie: `${consent}; __Secure-authjs.session-token=abc` }))).toBeNull();
    expect(cacheKey(request('/', { cookie: `${consent}; something-new=1` }))).toBeNull();
  });

  it('share the same page as visitors without cookies', async () => {
    let renders = 0;
    const cache = createPageCache({
      ttlMs: 5000,
      render: async () => {
        renders += 1;
        return html(`render ${renders}`);
      },
    });
    const asked = [
      request('/', {}),
      request('/', { cookie: consent }),
      request('/', { cookie: `${consent}; ${TEXT_SIZE_COOKIE}=larger` }),
    ];
    const bodies: string[] = [];
    for (const req of asked) {
      const res = response();
      await cache.serve(req, res, cacheKey(req));
      bodies.push(res.body!.toString());
    }
    expect(bodies).toEqual(Array(3).fill(expect.stringContaining('render 1')));
    expect(renders).toBe(1);
  });

  it('leave the cache as it is when they record a choice; other writes still empty it', () => {
    expect(changesSomething(request('/api/cookie-consent', { 'content-type': 'application/json' }, 'POST'))).toBe(false);
    expect(changesSomething(request('/api/topics/8/replies', {}, 'POST'))).toBe(true);
    expect(changesSomething(request('/t/8', { 'next-action': 'abc' }, 'POST'))).toBe(true);
    expect(changesSomething(request('/', {}))).toBe(false);
  });

  it('knows those cookies under the names the cookie registry gives them', () => {
    const names = cookieRegistry(false).map((c) => c.name);
    expect(names).toContain(CONSENT_COOKIE);
    expect(names).toContain(TEXT_SIZE_COOKIE);
    for (const name of [CONSENT_COOKIE, TEXT_SIZE_COOKIE]) expect(cacheKey(request('/', { cookie: `${name}=x` })), name).toBe('/');
  });
});

describe('the visitor page cache', () => {
  function setup(pages: Page[] | ((n: number) => Page | Promise<Page>), ttlMs = 5000) {
    let clock = 1_000;
    let renders = 0;
    const cache = createPageCache({
      ttlMs,
      now: () => clock,
      render: async () => {
        renders += 1;
        return typeof pages === 'function' ? pages(renders) : pages[renders - 1];
      },
    });
    return {
      cache,
      renders: () => renders,
      tick: (ms: number) => (clock += ms),
      async get(url: string, headers: Record<string, string> = {}) {
        const res = response();
        await cache.serve(request(url, headers), res, url);
        return res;
      },
    };
  }

  it('renders a page once and serves it to the next visitors until it expires', async () => {
    const c = setup((n) => html(`render ${n}`));
    const first = await c.get('/');
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.body!.toString()).toContain('render 1');
    const second = await c.get('/');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body!.toString()).toContain('render 1');
    c.tick(5001);
    expect((await c.get('/')).body!.toString()).toContain('render 2');
    expect(c.renders()).toBe(2);
  });

  it('shares one render between visitors who ask at the same time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = setup(async (n) => {
      await gate;
      return html(`render ${n}`);
    });
    const all = Promise.all([c.get('/c/general'), c.get('/c/general'), c.get('/c/general')]);
    release();
    const answers = await all;
    expect(answers.map((a) => a.body!.toString())).toEqual(Array(3).fill(expect.stringContaining('render 1')));
    expect(c.renders()).toBe(1);
  });

  it('keeps nothing that is not a plain 200 page, or that sets a cookie', async () => {
    const c = setup([
      { status: 404, headers: { 'content-type': 'text/html' }, body: Buffer.from('gone') },
      html('with cookie', { 'set-cookie': 'a=b' }),
      html('fine'),
    ]);
    expect((await c.get('/t/1')).status).toBe(404);
    expect((await c.get('/t/1')).body!.toString()).toContain('with cookie');
    expect((await c.get('/t/1')).body!.toString()).toContain('fine');
    expect((await c.get('/t/1')).headers['x-cache']).toBe('HIT');
    expect(c.renders()).toBe(3);
  });

  it('forgets everything when something changes, including a render under way', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = setup(async (n) => {
      if (n === 2) await gate;
      return html(`render ${n}`);
    });
    await c.get('/');
    c.cache.clear();
    // Render 2 started before the change finished: it answers its visitor but is not kept.
    const during = c.get('/');
    c.cache.clear();
    release();
    expect((await during).body!.toString()).toContain('render 2');
    expect((await c.get('/')).body!.toString()).toContain('render 3');
    expect((await c.get('/')).headers['x-cache']).toBe('HIT');
  });

  it('compresses for browsers that accept gzip', async () => {
    const c = setup([html('x'.repeat(5000))]);
    await c.get('/');
    const res = await c.get('/', { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body!.length).toBeLessThan(1000);
  });
});
