import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCookies } from '../node_modules/@auth/core/lib/utils/cookie.js';
import { secureCookies } from '@/lib/site-url';
import { CONSENT_COOKIE, TEXT_SIZE_COOKIE, cookieRegistry, cookiesByCategory } from '@/lib/privacy/cookies';

describe('session cookies', () => {
  it('are Secure in production and whenever the site is served over https', () => {
    expect(secureCookies('https://forum.example', false)).toBe(true);
    expect(secureCookies('https://forum.example', true)).toBe(true);
    expect(secureCookies('http://forum.example', true)).toBe(true);
  });

  it('are not Secure for a plain-http trial on this machine, where browsers would drop them', () => {
    expect(secureCookies('http://localhost:3000', true)).toBe(false);
    expect(secureCookies('http://127.0.0.1:3000', false)).toBe(false);
    expect(secureCookies('http://localhost:3000', false)).toBe(false);
  });

  it('are listed under the names browsers see in each mode', () => {
    expect(cookieRegistry(true).map((c) => c.name)).toContain('__Secure-authjs.session-token');
    expect(cookieRegistry(false).map((c) => c.name)).toContain('authjs.session-token');
    expect(cookieRegistry(true).find((c) => c.name === '__Secure-authjs.session-token')?.essential).toBe(true);
  });
});

describe('the cookie registry', () => {
  it('gives every cookie a category, purpose, expiry and audience; essential means the necessary category', () => {
    for (const secure of [false, true]) {
      const names = new Set<string>();
      for (const c of cookieRegistry(secure)) {
        expect(c.purpose.length, c.name).toBeGreaterThan(10);
        expect(c.expiry, c.name).not.toBe('');
        expect(c.setFor, c.name).not.toBe('');
        expect(c.essential, c.name).toBe(c.category === 'necessary');
        expect(names.has(c.name), `${c.name} listed twice`).toBe(false);
        names.add(c.name);
      }
    }
  });

  it('lists the consent cookie as necessary, one preference cookie, and no analytics cookie', () => {
    const groups = cookiesByCategory(false);
    expect(groups.necessary.map((c) => c.name)).toContain(CONSENT_COOKIE);
    expect(groups.preferences.map((c) => c.name)).toEqual([TEXT_SIZE_COOKIE]);
    expect(groups.analytics).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Every cookie the code sets must be in the registry, and the registry lists nothing the code never sets.

interface Found {
  where: string;
  /** The cookie's name, or null when the test cannot read it from the source (that fails the test). */
  name: string | null;
}

const SOURCE_ROOTS = ['app', 'lib', 'components', 'scripts'];
const SOURCE_FILE = /\.(?:ts|tsx|js|jsx|mjs|cjs)$/;

function sourceFiles(root: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE_FILE.test(entry.name)) out.push({ file: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  for (const dir of SOURCE_ROOTS) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return out;
}

/** `const NAME = 'literal'` anywhere in the sources: cookie names are often kept in constants. */
function stringConstants(files: { text: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { text } of files) {
    for (const m of text.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*(['"`])([^'"`$\\\n]*)\2/g)) out.set(m[1], m[3]);
  }
  return out;
}

/** The cookie name at the start of `rest`: a string, a constant, or `{ name: … }`. */
function nameArgument(rest: string, constants: Map<string, string>): string | null {
  const object = rest.match(/^\{\s*name\s*:\s*/);
  if (object) return nameArgument(rest.slice(object[0].length), constants);
  const literal = rest.match(/^(['"`])([^'"`$\\\n]+)\1/);
  if (literal) return literal[2];
  const ident = rest.match(/^([A-Za-z_$][\w$]*)\s*[,)]/);
  return ident ? (constants.get(ident[1]) ?? null) : null;
}

/** The cookie name at the start of a cookie string (`name=value; …`): literal, or `${CONSTANT}=`. */
function cookieStringName(rest: string, constants: Map<string, string>): string | null {
  const literal = rest.match(/^(['"`])([\w.!#$%&'*+^|~-]+?)=/);
  if (literal && !literal[2].startsWith('${')) return literal[2];
  const templated = rest.match(/^`\$\{\s*([A-Za-z_$][\w$]*)\s*\}=/);
  return templated ? (constants.get(templated[1]) ?? null) : null;
}

/** The string a statement starting at `rest` holds (up to the end of its first string), for checks. */
function firstString(rest: string): string {
  const m = rest.match(/^(['"`])((?:\\.|(?!\1)[\s\S])*)\1/);
  return m ? m[2] : '';
}

function lineOf(text: string, index: number) {
  return text.slice(0, index).split('\n').length;
}

/**
 * Finds cookie-setting code: Next's cookie stores (`cookies().set`, `response.cookies.set`, a variable
 * holding `cookies()`), `document.cookie = …`, the Cookie Store API, and Set-Cookie headers. A write
 * that only expires a cookie (Max-Age=0) is not counted: it sets nothing.
 */
function findCookieWrites(files: { file: string; text: string }[]): Found[] {
  const constants = stringConstants(files);
  const found: Found[] = [];
  for (const { file, text } of files) {
    const at = (index: number) => `${file}:${lineOf(text, index)}`;
    const stores = ['cookies\\(\\)\\)?', '\\.cookies', 'cookieStore'];
    for (const m of text.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?cookies\(\)/g)) stores.push(`\\b${m[1]}`);
    const storeSet = new RegExp(`(?:${stores.join('|')})\\s*\\.set\\(\\s*`, 'g');
    for (const m of text.matchAll(storeSet)) {
      found.push({ where: at(m.index), name: nameArgument(text.slice(m.index + m[0].length), constants) });
    }
    for (const m of text.matchAll(/document\.cookie\s*=(?!=)\s*/g)) {
      const rest = text.slice(m.index + m[0].length);
      if (/;\s*Max-Age=0\b/i.test(firstString(rest))) continue;
      found.push({ where: at(m.index), name: cookieStringName(rest, constants) });
    }
    for (const m of text.matchAll(/(['"])set-cookie\1\s*[:,]\s*/gi)) {
      found.push({ where: at(m.index), name: cookieStringName(text.slice(m.index + m[0].length), constants) });
    }
  }
  return found;
}

/**
 * The cookies next-auth sets with our configuration, by its own naming rules (@auth/core): the session,
 * CSRF and callback cookies always; OAuth and passkey cookies only when such providers are configured.
 */
function nextAuthCookies(configText: string, secure: boolean): string[] {
  if (!/\bNextAuth\(/.test(configText)) return [];
  expect(configText, 'lib/auth/config.ts overrides cookie options: teach this test to read them').not.toMatch(/\bcookies\s*:/);
  const names = defaultCookies(secure);
  const out: string[] = [names.sessionToken.name, names.csrfToken.name, names.callbackUrl.name];
  const providers = [...configText.matchAll(/from\s+['"]next-auth\/providers\/([\w-]+)['"]/g)].map((m) => m[1]);
  if (providers.some((p) => p !== 'credentials' && p !== 'passkey' && p !== 'webauthn')) {
    out.push(names.pkceCodeVerifier.name, names.state.name, names.nonce.name);
  }
  if (providers.some((p) => p === 'passkey' || p === 'webauthn')) out.push(names.webauthnChallenge.name);
  return out;
}

describe('finding cookie-setting code', () => {
  const fixture = (text: string) => findCookieWrites([{ file: 'fixture.ts', text }]);

  it('reads names from every kind of cookie write', () => {
    const text = [
      `const THEME = 'theme';`,
      `(await cookies()).set('from-next', v);`,
      `cookies().set({ name: 'from-object', value: v });`,
      `const jar = await cookies(); jar.set(THEME, v);`,
      `res.cookies.set("from-response", v, { path: '/' });`,
      'document.cookie = `from-document=${v}; Path=/`;',
      'document.cookie = `${THEME}=${v}; Max-Age=10`;',
      `await cookieStore.set('from-store', v);`,
      `headers.append('Set-Cookie', 'from-header=1; Path=/');`,
      `new Response(null, { headers: { 'set-cookie': \`from-init=\${v}\` } });`,
    ].join('\n');
    expect(fixture(text).map((f) => f.name).sort()).toEqual(
      ['from-next', 'from-object', 'theme', 'from-response', 'from-document', 'theme', 'from-store', 'from-header', 'from-init'].sort(),
    );
  });

  it('reports writes whose name it cannot read, and skips those that only expire a cookie', () => {
    const text = [
      'document.cookie = build(v);',
      '(await cookies()).set(nameFromSomewhere(), v);',
      `headers.set('Set-Cookie', serialize(v));`,
      'document.cookie = `${entry.name}=; Path=/; Max-Age=0`;',
      `if (document.cookie == '') {}`,
    ].join('\n');
    expect(fixture(text)).toEqual([
      { where: 'fixture.ts:2', name: null },
      { where: 'fixture.ts:1', name: null },
      { where: 'fixture.ts:3', name: null },
    ]);
  });
});

describe('every cookie the app sets', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const files = sourceFiles(root);
  const writes = findCookieWrites(files);
  const authConfig = fs.readFileSync(path.join(root, 'lib/auth/config.ts'), 'utf8');

  it('is set under a name this test can read', () => {
    expect(writes.filter((w) => w.name === null).map((w) => w.where)).toEqual([]);
    // The app's own cookies are found where they are written.
    expect(writes.map((w) => w.name)).toEqual(expect.arrayContaining([CONSENT_COOKIE, TEXT_SIZE_COOKIE]));
  });

  for (const secure of [false, true]) {
    describe(secure ? 'over https' : 'over plain http on this machine', () => {
      const set = new Set([...writes.map((w) => w.name!), ...nextAuthCookies(authConfig, secure)]);
      const registered = new Set(cookieRegistry(secure).map((c) => c.name));

      it('is declared in the cookie registry', () => {
        const undeclared = [...set].filter((name) => !registered.has(name));
        const where = writes.filter((w) => w.name && undeclared.includes(w.name)).map((w) => `${w.name} (${w.where})`);
        expect(undeclared, `cookies set but not in lib/privacy/cookies.ts: ${where.join(', ') || undeclared.join(', ')}`).toEqual([]);
      });

      it('and the registry lists nothing the code never sets', () => {
        expect([...registered].filter((name) => !set.has(name))).toEqual([]);
      });
    });
  }
});
