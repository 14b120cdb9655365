/**
 * Every cookie the app sets, and the visitor's cookie choice. The cookie settings page, the banner and
 * the cookie policy are rendered from this list. Safe to import in the browser (no server code here).
 * Names depend on whether the site is served over https (then browsers get the __Secure-/__Host- forms).
 *
 * A new cookie is declared here first (tests/cookies.test.ts fails on one that is set but not listed).
 * One that is not necessary is set only when `hasConsent(category, …)` allows it — in the browser,
 * `consentAllows('analytics')` from components/cookie-consent-state.tsx — and is removed when the
 * visitor withdraws that category.
 */

export const COOKIE_CATEGORIES = ['necessary', 'preferences', 'analytics'] as const;
export type CookieCategory = (typeof COOKIE_CATEGORIES)[number];
export type OptionalCookieCategory = Exclude<CookieCategory, 'necessary'>;
export const OPTIONAL_COOKIE_CATEGORIES: readonly OptionalCookieCategory[] = ['preferences', 'analytics'];

/** What each category is, in one line, for the banner's switches and the settings page. */
export const cookieCategoryInfo: Record<CookieCategory, { label: string; explanation: string }> = {
  necessary: {
    label: 'Necessary',
    explanation: 'Sign-in, protection of forms and remembering this choice. Always on: the site cannot work without them.',
  },
  preferences: {
    label: 'Preferences',
    explanation: 'Remember choices you make on the site, such as a larger text size, on your next visit.',
  },
  analytics: {
    label: 'Analytics',
    explanation: 'Would count visits to see how the site is used. This site uses none today; nothing is set if you allow it.',
  },
};

export type CookieAudience =
  | 'every visitor'
  | 'every visitor who uses a form'
  | 'signed-in members'
  | 'visitors who allow preference cookies';

export interface CookieEntry {
  name: string;
  category: CookieCategory;
  /** Needed for the site to work (the 'necessary' category): set without asking. */
  essential: boolean;
  purpose: string;
  expiry: string;
  setFor: CookieAudience;
}

/** The visitor's cookie choice: set by POST /api/cookie-consent, read in the browser. */
export const CONSENT_COOKIE = 'hearth-consent';
/** The text size a visitor picked in the footer (a preference cookie: only with consent). */
export const TEXT_SIZE_COOKIE = 'hearth-text-size';

/** Both cookies of our own last 12 months. */
export const COOKIE_MAX_AGE_SECONDS = 365 * 86_400;

export function cookieRegistry(secure: boolean): CookieEntry[] {
  const prefix = secure ? '__Secure-' : '';
  const entries: Omit<CookieEntry, 'essential'>[] = [
    {
      name: `${prefix}authjs.session-token`,
      category: 'necessary',
      purpose: 'Keeps you signed in. Holds only a signed session number, no personal details.',
      expiry: '30 days, or until you sign out',
      setFor: 'signed-in members',
    },
    {
      name: `${secure ? '__Host-' : ''}authjs.csrf-token`,
      category: 'necessary',
      purpose: 'Protects sign-in against forged requests from other sites.',
      expiry: 'when you close the browser',
      setFor: 'every visitor who uses a form',
    },
    {
      name: `${prefix}authjs.callback-url`,
      category: 'necessary',
      purpose: 'Remembers which page to return to after signing in.',
      expiry: 'when you close the browser',
      setFor: 'every visitor who uses a form',
    },
    {
      name: CONSENT_COOKIE,
      category: 'necessary',
      purpose:
        'Remembers your cookie choice (which categories you allowed, when, and for which version of the banner) under a random number that is not linked to your account.',
      expiry: '12 months, or sooner when we ask again',
      setFor: 'every visitor',
    },
    {
      name: TEXT_SIZE_COOKIE,
      category: 'preferences',
      purpose: 'Remembers the text size you picked at the foot of the page.',
      expiry: '12 months',
      setFor: 'visitors who allow preference cookies',
    },
  ];
  return entries.map((e) => ({ ...e, essential: e.category === 'necessary' }));
}

/** The registry grouped by category, every category present (an empty list means none are in use). */
export function cookiesByCategory(secure: boolean): Record<CookieCategory, CookieEntry[]> {
  const out = { necessary: [], preferences: [], analytics: [] } as Record<CookieCategory, CookieEntry[]>;
  for (const entry of cookieRegistry(secure)) out[entry.category].push(entry);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The consent cookie: `<consent id>.<banner version>.<categories joined by _>.<unix seconds>.<gpc 0|1>`,
// for example `8f0c…-…e1.2.necessary_preferences.1767225600.0`. Short, readable, and made only of
// characters that neither cookies nor URL encoding change.

export interface CookieConsent {
  /** A random uuid, the same one the server recorded the choice under. */
  id: string;
  /** The banner version that was answered (settings.cookieBannerVersion at the time). */
  version: number;
  /** The categories allowed; always includes 'necessary'. */
  categories: CookieCategory[];
  /** When the choice was made. */
  time: Date;
  /** Whether the browser's Global Privacy Control signal was on (then only 'necessary'). */
  gpc: boolean;
}

const CATEGORY_JOINER = '_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_BANNER_VERSION = 1000;

/** The allowed categories in a fixed order, with 'necessary' always first and nothing unknown. */
export function normalizeCategories(categories: readonly string[]): CookieCategory[] {
  return COOKIE_CATEGORIES.filter((c) => c === 'necessary' || categories.includes(c));
}

export function formatConsentCookieValue(consent: CookieConsent): string {
  const seconds = Math.floor(consent.time.getTime() / 1000);
  return [consent.id, consent.version, normalizeCategories(consent.categories).join(CATEGORY_JOINER), seconds, consent.gpc ? 1 : 0].join('.');
}

/** The consent in a cookie value, or null when it is missing or not one we wrote (then we ask again). */
export function parseConsentCookieValue(value: string | null | undefined): CookieConsent | null {
  if (!value || value.length > 200) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  const parts = decoded.split('.');
  if (parts.length !== 5) return null;
  const [id, version, categories, seconds, gpc] = parts;
  if (!UUID.test(id)) return null;
  if (!/^\d{1,4}$/.test(version) || Number(version) < 1 || Number(version) > MAX_BANNER_VERSION) return null;
  if (!/^\d{1,12}$/.test(seconds)) return null;
  if (gpc !== '0' && gpc !== '1') return null;
  const names = categories.split(CATEGORY_JOINER);
  if (names.some((n) => !(COOKIE_CATEGORIES as readonly string[]).includes(n))) return null;
  if (new Set(names).size !== names.length || !names.includes('necessary')) return null;
  const time = new Date(Number(seconds) * 1000);
  return {
    id,
    version: Number(version),
    // A choice made under GPC never allows more than the necessary cookies, whatever the value says.
    categories: gpc === '1' ? ['necessary'] : normalizeCategories(names),
    time,
    gpc: gpc === '1',
  };
}

/** One cookie's value from a Cookie header or `document.cookie`. */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function consentFromCookies(cookieHeader: string | null | undefined): CookieConsent | null {
  return parseConsentCookieValue(readCookie(cookieHeader, CONSENT_COOKIE));
}

/** A choice made for an older banner (the version was bumped since) no longer counts: we ask again. */
export function consentIsCurrent(consent: CookieConsent | null, bannerVersion: number): consent is CookieConsent {
  return consent !== null && consent.version >= bannerVersion;
}

export interface ConsentContext {
  consent: CookieConsent | null;
  bannerVersion: number;
  /** The browser's Global Privacy Control signal, as known now. */
  globalPrivacyControl: boolean;
}

/**
 * Whether cookies of a category may be set. Necessary ones always; the others only with a current
 * choice that allows them, and never while Global Privacy Control is on.
 */
export function hasConsent(category: CookieCategory, context: ConsentContext): boolean {
  if (category === 'necessary') return true;
  if (context.globalPrivacyControl) return false;
  if (!consentIsCurrent(context.consent, context.bannerVersion)) return false;
  return !context.consent.gpc && context.consent.categories.includes(category);
}

// ---------------------------------------------------------------------------------------------------
// Text size: the preference cookie's value and what it does.

export const TEXT_SIZES = {
  standard: { label: 'Standard', rootFontSize: '' },
  large: { label: 'Large', rootFontSize: '112.5%' },
  larger: { label: 'Larger', rootFontSize: '125%' },
} as const;
export type TextSize = keyof typeof TEXT_SIZES;

export function parseTextSize(value: string | null | undefined): TextSize {
  return value && Object.hasOwn(TEXT_SIZES, value) ? (value as TextSize) : 'standard';
}

/** The id of the <style> element in <head> that carries the chosen text size. */
export const TEXT_SIZE_STYLE_ID = 'hearth-text-size';

export function textSizeCss(size: TextSize): string {
  const root = TEXT_SIZES[size].rootFontSize;
  return root ? `html{font-size:${root}}` : '';
}

/**
 * A tiny script for the top of <body>: applies the remembered text size before the page is painted,
 * so a visitor who chose larger text never sees the page jump. It reads the size only when the consent
 * cookie allows preferences for the current banner version and Global Privacy Control is off, the same
 * rule as `hasConsent('preferences')`.
 */
export function textSizeBootScript(bannerVersion: number): string {
  const css = Object.fromEntries((Object.keys(TEXT_SIZES) as TextSize[]).map((k) => [k, textSizeCss(k)]));
  return [
    'try{',
    'var c=document.cookie;',
    `var k=c.match(/(?:^|;\\s*)${CONSENT_COOKIE}=([^;]*)/),p=k&&k[1].split('.');`,
    `var ok=navigator.globalPrivacyControl!==true&&p&&p.length===5&&+p[1]>=${Number(bannerVersion)}&&p[4]==='0'&&p[2].split('${CATEGORY_JOINER}').indexOf('preferences')>=0;`,
    `var m=ok&&c.match(/(?:^|;\\s*)${TEXT_SIZE_COOKIE}=(${Object.keys(TEXT_SIZES).join('|')})(?:;|$)/),s=m&&${JSON.stringify(css)}[m[1]];`,
    `if(s){var e=document.createElement('style');e.id='${TEXT_SIZE_STYLE_ID}';e.textContent=s;document.head.appendChild(e)}`,
    '}catch(e){}',
  ].join('');
}
