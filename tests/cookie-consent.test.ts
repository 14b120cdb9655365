import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { getTableColumns } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cookieConsents } from '@/db/schema';
import { seed } from '@/db/seed';
import { GET, POST } from '@/app/api/cookie-consent/route';
import { createSession } from '@/lib/auth/sessions';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { recordCookieConsent } from '@/lib/privacy/cookie-consent';
import {
  CONSENT_COOKIE,
  TEXT_SIZE_COOKIE,
  consentFromCookies,
  consentIsCurrent,
  formatConsentCookieValue,
  hasConsent,
  parseConsentCookieValue,
  readCookie,
  textSizeBootScript,
  type CookieConsent,
} from '@/lib/privacy/cookies';
import { updateSettings } from '@/lib/settings';
import { makeMember } from './helpers';
import { useTestDatabase } from './db';

const ID = '0b8f6a52-3f4e-4b9a-9c1d-2f6e8a7b5c41';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const consent = (overrides: Partial<CookieConsent> = {}): CookieConsent => ({
  id: ID,
  version: 1,
  categories: ['necessary', 'preferences'],
  time: new Date('2026-01-01T00:00:00Z'),
  gpc: false,
  ...overrides,
});

describe('the consent cookie', () => {
  it('holds the consent id, banner version, categories, time and GPC flag, and reads back the same', () => {
    const value = formatConsentCookieValue(consent());
    expect(value).toBe(`${ID}.1.necessary_preferences.1767225600.0`);
    expect(parseConsentCookieValue(value)).toEqual(consent());
    // Only cookie-safe characters: no encoding needed, nothing for the browser to mangle.
    expect(encodeURIComponent(value)).toBe(value);
  });

  it('always lists necessary, in a fixed order, and nothing unknown', () => {
    const value = formatConsentCookieValue(consent({ categories: ['analytics', 'preferences'] }));
    expect(value).toContain('.necessary_preferences_analytics.');
  });

  it('is ignored (so the banner asks again) when it is not one we wrote', () => {
    const good = `${ID}.1.necessary_preferences.1767225600.0`;
    for (const junk of [
      '',
      'yes',
      good.replace(ID, 'not-a-uuid'),
      good.replace(ID, '7'),
      good.replace('.1.', '.0.'),
      good.replace('.1.', '.x.'),
      good.replace('.1.', '.1001.'),
      good.replace('necessary_preferences', 'preferences'),
      good.replace('necessary_preferences', 'necessary_marketing'),
      good.replace('necessary_preferences', 'necessary_necessary'),
      good.replace('necessary_preferences', ''),
      good.replace('.1767225600.', '.soon.'),
      `${good}.extra`,
      good.slice(0, -2),
      good.replace(/0$/, '2'),
      `${good}${'0'.repeat(300)}`,
      `${good}%E0%A4%A`,
    ]) {
      expect(parseConsentCookieValue(junk), junk).toBeNull();
    }
    expect(parseConsentCookieValue(null)).toBeNull();
  });

  it('never allows more than necessary when it was recorded under Global Privacy Control', () => {
    const forged = parseConsentCookieValue(`${ID}.1.necessary_preferences_analytics.1767225600.1`);
    expect(forged?.categories).toEqual(['necessary']);
    expect(forged?.gpc).toBe(true);
  });

  it('is found among other cookies', () => {
    const header = `authjs.csrf-token=abc; ${CONSENT_COOKIE}=${ID}.2.necessary.1767225600.0; ${TEXT_SIZE_COOKIE}=large`;
    expect(readCookie(header, TEXT_SIZE_COOKIE)).toBe('large');
    expect(consentFromCookies(header)?.version).toBe(2);
    expect(readCookie(header, 'consent')).toBeNull();
    expect(consentFromCookies('other=1')).toBeNull();
  });
});

describe('whether a category may be used', () => {
  it('asks again when the banner version is bumped', () => {
    expect(consentIsCurrent(consent({ version: 1 }), 1)).toBe(true);
    expect(consentIsCurrent(consent({ version: 2 }), 1)).toBe(true);
    expect(consentIsCurrent(consent({ version: 1 }), 2)).toBe(false);
    expect(consentIsCurrent(null, 1)).toBe(false);
    expect(hasConsent('preferences', { consent: consent({ version: 1 }), bannerVersion: 2, globalPrivacyControl: false })).toBe(false);
  });

  it('allows necessary cookies always, and the others only as chosen', () => {
    const none = { consent: null, bannerVersion: 1, globalPrivacyControl: false };
    expect(hasConsent('necessary', none)).toBe(true);
    expect(hasConsent('preferences', none)).toBe(false);
    expect(hasConsent('analytics', none)).toBe(false);
    const prefs = { consent: consent(), bannerVersion: 1, globalPrivacyControl: false };
    expect(hasConsent('preferences', prefs)).toBe(true);
    expect(hasConsent('analytics', prefs)).toBe(false);
  });

  it('rejects everything optional while Global Privacy Control is on, whatever was chosen before', () => {
    const all = consent({ categories: ['necessary', 'preferences', 'analytics'] });
    expect(hasConsent('preferences', { consent: all, bannerVersion: 1, globalPrivacyControl: true })).toBe(false);
    expect(hasConsent('analytics', { consent: all, bannerVersion: 1, globalPrivacyControl: true })).toBe(false);
    expect(hasConsent('necessary', { consent: all, bannerVersion: 1, globalPrivacyControl: true })).toBe(true);
  });
});

describe('the text size start-up script', () => {
  /** Runs the script against a stand-in document; returns the CSS it put in <head>, if any. */
  function run(cookie: string, { bannerVersion = 1, gpc = false } = {}): string | null {
    const appended: { id: string; textContent: string }[] = [];
    const document = {
      cookie,
      createElement: () => ({ id: '', textContent: '' }),
      head: { appendChild: (el: { id: string; textContent: string }) => appended.push(el) },
    };
    runInNewContext(textSizeBootScript(bannerVersion), { document, navigator: { globalPrivacyControl: gpc } });
    return appended[0]?.textContent ?? null;
  }
  const allowed = `${CONSENT_COOKIE}=${ID}.1.necessary_preferences.1767225600.0`;

  it('applies a remembered size when preferences are allowed', () => {
    expect(run(`${allowed}; ${TEXT_SIZE_COOKIE}=larger`)).toBe('html{font-size:125%}');
    expect(run(`${TEXT_SIZE_COOKIE}=large; ${allowed}`)).toBe('html{font-size:112.5%}');
    expect(run(allowed)).toBeNull();
    expect(run(`${allowed}; ${TEXT_SIZE_COOKIE}=huge`)).toBeNull();
    expect(run(`${allowed}; ${TEXT_SIZE_COOKIE}=constructor`)).toBeNull();
    expect(run(`${allowed}; ${TEXT_SIZE_COOKIE}=largerx`)).toBeNull();
  });

  it('reads nothing without a current choice allowing preferences, or under GPC', () => {
    expect(run(`${TEXT_SIZE_COOKIE}=larger`)).toBeNull();
    expect(run(`${CONSENT_COOKIE}=${ID}.1.necessary.1767225600.0; ${TEXT_SIZE_COOKIE}=larger`)).toBeNull();
    expect(run(`${CONSENT_COOKIE}=${ID}.1.necessary_preferences.1767225600.1; ${TEXT_SIZE_COOKIE}=larger`)).toBeNull();
    expect(run(`${allowed}; ${TEXT_SIZE_COOKIE}=larger`, { bannerVersion: 2 })).toBeNull();
    expect(run(`${allowed}; ${TEXT_SIZE_COOKIE}=larger`, { gpc: true })).toBeNull();
  });
});

describe('POST /api/cookie-consent', () => {
  useTestDatabase();

  beforeEach(async () => {
    await seed();
  });

  function post(body: unknown, headers: Record<string, string> = {}) {
    return POST(
      new Request('http://localhost:3000/api/cookie-consent', {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'localhost:3000', origin: 'http://localhost:3000', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  }

  function consentCookie(res: Response): string {
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${CONSENT_COOKIE}=`));
    if (!set) throw new Error(`no ${CONSENT_COOKIE} cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
    return set;
  }
  const pair = (setCookie: string) => setCookie.split(';')[0];
  const rows = () => getDb().select().from(cookieConsents).orderBy(cookieConsents.id);

  it('records a choice under a new random consent id and keeps it in a 12-month Lax cookie', async () => {
    const res = await post({ source: 'banner', categories: ['necessary', 'preferences', 'analytics'] });
    expect(res.status).toBe(200);
    const set = consentCookie(res);
    expect(set).toMatch(/; Path=\//);
    expect(set).toMatch(/; Max-Age=31536000/);
    expect(set).toMatch(/; SameSite=lax/i);
    // Read by the banner in the browser; not Secure on a plain-http trial on this machine.
    expect(set).not.toMatch(/HttpOnly/i);
    expect(set).not.toMatch(/; Secure/i);

    const kept = consentFromCookies(pair(set))!;
    expect(kept.id).toMatch(UUID);
    expect(kept.categories).toEqual(['necessary', 'preferences', 'analytics']);
    expect(kept.version).toBe(1);

    const [row] = await rows();
    expect(row).toMatchObject({
      consentId: kept.id,
      categories: ['necessary', 'preferences', 'analytics'],
      bannerVersion: 1,
      source: 'banner',
      globalPrivacyControl: false,
    });
    expect(row.createdAt.getTime()).toBe(kept.time.getTime());
  });

  it('marks the cookie Secure when the site is served over https', async () => {
    const before = process.env.SITE_URL;
    process.env.SITE_URL = 'https://forum.example';
    try {
      const res = await post({ source: 'banner', categories: ['necessary'] }, { host: 'forum.example', origin: 'https://forum.example' });
      expect(consentCookie(res)).toMatch(/; Secure/i);
    } finally {
      if (before === undefined) delete process.env.SITE_URL;
      else process.env.SITE_URL = before;
    }
  });

  it('stores nothing that points to the member or their network, even when a signed-in member chooses', async () => {
    process.env.AUTH_SECRET ??= 'cookie-consent-test-secret-0123456789abcdef';
    const member = await makeMember('cookie');
    const sid = await createSession(member.id, 1, { userAgent: 'Firefox', ip: '203.0.113.77' });
    const token = await encode({ token: { sub: member.id, sid }, secret: ensureAuthSecret(), salt: 'authjs.session-token' });

    const res = await post(
      { source: 'banner', categories: ['necessary'] },
      { cookie: `authjs.session-token=${token}`, 'x-forwarded-for': '203.0.113.77', 'x-real-ip': '203.0.113.77', 'user-agent': 'Firefox' },
    );
    expect(res.status).toBe(200);
    const [row] = await rows();
    expect(Object.keys(getTableColumns(cookieConsents)).sort()).toEqual(
      ['bannerVersion', 'categories', 'consentId', 'createdAt', 'globalPrivacyControl', 'id', 'source'].sort(),
    );
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(member.id);
    expect(stored).not.toContain(sid);
    expect(stored).not.toContain('203.0.113.77');
    expect(stored).not.toContain('Firefox');
    expect(row.consentId).not.toBe(member.id);
  });

  it('gives each visitor their own id, and keeps a visitor’s id when they change their mind', async () => {
    const first = consentCookie(await post({ source: 'banner', categories: ['necessary'] }));
    const other = consentCookie(await post({ source: 'banner', categories: ['necessary'] }));
    const again = consentCookie(await post({ source: 'banner', categories: ['necessary', 'preferences'] }, { cookie: pair(first) }));
    const ids = [first, other, again].map((c) => consentFromCookies(pair(c))!.id);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]).toBe(ids[0]);
    expect((await rows()).map((r) => [r.consentId, r.categories])).toEqual([
      [ids[0], ['necessary']],
      [ids[1], ['necessary']],
      [ids[0], ['necessary', 'preferences']],
    ]);
  });

  it('records the current banner version, so a bump asks again and the new answer is kept', async () => {
    const old = consentCookie(await post({ source: 'banner', categories: ['necessary', 'preferences'] }));
    await updateSettings({ cookieBannerVersion: 2 });
    expect(consentIsCurrent(consentFromCookies(pair(old)), 2)).toBe(false);
    const fresh = consentCookie(await post({ source: 'banner', categories: ['necessary'] }, { cookie: pair(old) }));
    expect(consentFromCookies(pair(fresh))?.version).toBe(2);
    expect((await rows()).map((r) => r.bannerVersion)).toEqual([1, 2]);
  });

  it('turns every optional category down when the browser sends Sec-GPC: 1', async () => {
    const res = await post({ source: 'banner', categories: ['necessary', 'preferences', 'analytics'] }, { 'sec-gpc': '1' });
    expect(res.status).toBe(200);
    expect(consentFromCookies(pair(consentCookie(res)))).toMatchObject({ categories: ['necessary'], gpc: true });
    expect(await rows()).toMatchObject([{ categories: ['necessary'], source: 'banner', globalPrivacyControl: true }]);
    // The same when the page saw navigator.globalPrivacyControl and said so.
    await post({ source: 'banner', categories: ['necessary', 'preferences'], globalPrivacyControl: true });
    expect((await rows())[1]).toMatchObject({ categories: ['necessary'], globalPrivacyControl: true });
  });

  it('records the GPC signal once per banner version', async () => {
    const first = await post({ source: 'gpc' }, { 'sec-gpc': '1' });
    const cookie = pair(consentCookie(first));
    expect(await rows()).toMatchObject([{ source: 'gpc', categories: ['necessary'], globalPrivacyControl: true }]);
    expect((await post({ source: 'gpc' }, { cookie, 'sec-gpc': '1' })).status).toBe(200);
    expect(await rows()).toHaveLength(1);
    await updateSettings({ cookieBannerVersion: 3 });
    await post({ source: 'gpc' }, { cookie });
    expect((await rows()).map((r) => [r.source, r.bannerVersion])).toEqual([
      ['gpc', 1],
      ['gpc', 3],
    ]);
  });

  it('refuses junk with 400 and records nothing', async () => {
    for (const body of [
      'not json',
      '[]',
      'null',
      {},
      { categories: ['necessary'] },
      { source: 'banner' },
      { source: 'banner', categories: 'all' },
      { source: 'banner', categories: ['necessary', 'marketing'] },
      { source: 'banner', categories: ['necessary'], userId: 'someone' },
      { source: 'banner', categories: ['necessary', 'necessary', 'necessary', 'necessary'] },
      { source: 'gpc', categories: ['necessary', 'analytics'] },
      { source: 'admin', categories: [] },
    ]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(await rows()).toEqual([]);
  });

  it('accepts only JSON from this site', async () => {
    const form = await POST(
      new Request('http://localhost:3000/api/cookie-consent', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost:3000' },
        body: 'source=banner&categories=necessary',
      }),
    );
    expect(form.status).toBe(415);
    expect((await post({ source: 'banner', categories: ['necessary'] }, { origin: 'https://elsewhere.example' })).status).toBe(403);
    expect((await post({ source: 'banner', categories: ['necessary'] }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post(JSON.stringify({ source: 'banner', categories: ['necessary'], pad: 'x'.repeat(4000) }))).status).toBe(413);
    expect(await rows()).toEqual([]);
  });

  it('tells the banner whether the browser sends the GPC header, recording nothing', async () => {
    const ask = (headers: Record<string, string>) => GET(new Request('http://localhost:3000/api/cookie-consent', { headers }));
    expect(await (await ask({ 'sec-gpc': '1' })).json()).toEqual({ globalPrivacyControl: true, bannerVersion: 1 });
    expect(await (await ask({})).json()).toEqual({ globalPrivacyControl: false, bannerVersion: 1 });
    expect(await rows()).toEqual([]);
  });

  it('records through the lib function too, without a request body beyond the choice', async () => {
    const kept = await recordCookieConsent({ source: 'banner', categories: ['analytics'] }, { cookieHeader: null, secGpc: null });
    expect(kept.categories).toEqual(['necessary', 'analytics']);
    expect(await rows()).toMatchObject([{ consentId: kept.id, categories: ['necessary', 'analytics'], source: 'banner' }]);
  });
});
