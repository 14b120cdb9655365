import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { cookieConsents } from '@/db/schema';
import { getSettings } from '@/lib/settings';
import {
  COOKIE_CATEGORIES,
  consentFromCookies,
  consentIsCurrent,
  normalizeCategories,
  type CookieCategory,
  type CookieConsent,
} from './cookies';

/**
 * A cookie choice as the banner sends it. `source: 'banner'` is a choice the visitor made (with the
 * categories allowed); `source: 'gpc'` records that the browser's Global Privacy Control signal is on.
 * Anything else, and any extra field, is refused.
 */
export const cookieChoiceSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('banner'),
    categories: z.array(z.enum(COOKIE_CATEGORIES)).max(COOKIE_CATEGORIES.length),
    globalPrivacyControl: z.boolean().optional(),
  }),
  z.strictObject({ source: z.literal('gpc') }),
]);
export type CookieChoice = z.infer<typeof cookieChoiceSchema>;

/** What the request tells us, besides its body: only the cookie header and the GPC header are read. */
export interface ConsentRequest {
  cookieHeader: string | null;
  /** The `Sec-GPC` request header. */
  secGpc: string | null;
}

export function globalPrivacyControlHeader(value: string | null): boolean {
  return value?.trim() === '1';
}

/**
 * Records a cookie choice under an anonymous consent id: the one already in the visitor's consent
 * cookie, or a new random uuid. Nothing else about the visitor is stored: no account, no network
 * address, no browser. With Global Privacy Control on, only the necessary category is recorded, and a
 * GPC record already made for the current banner is not made twice.
 * Returns the consent to put in the visitor's cookie.
 */
export async function recordCookieConsent(choice: CookieChoice, request: ConsentRequest, now = new Date()): Promise<CookieConsent> {
  const { cookieBannerVersion } = await getSettings();
  const previous = consentFromCookies(request.cookieHeader);
  const gpc = choice.source === 'gpc' || choice.globalPrivacyControl === true || globalPrivacyControlHeader(request.secGpc);
  const categories: CookieCategory[] = gpc ? ['necessary'] : normalizeCategories(choice.source === 'banner' ? choice.categories : []);

  if (choice.source === 'gpc' && consentIsCurrent(previous, cookieBannerVersion) && previous.gpc) return previous;

  const consent: CookieConsent = {
    id: previous?.id ?? randomUUID(),
    version: cookieBannerVersion,
    categories,
    time: new Date(Math.floor(now.getTime() / 1000) * 1000),
    gpc,
  };
  await getDb().insert(cookieConsents).values({
    consentId: consent.id,
    categories: consent.categories,
    bannerVersion: consent.version,
    source: choice.source,
    globalPrivacyControl: gpc,
    createdAt: consent.time,
  });
  return consent;
}
