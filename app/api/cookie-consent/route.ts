import { NextResponse } from 'next/server';
import { cookieChoiceSchema, globalPrivacyControlHeader, recordCookieConsent } from '@/lib/privacy/cookie-consent';
import { CONSENT_COOKIE, COOKIE_MAX_AGE_SECONDS, formatConsentCookieValue } from '@/lib/privacy/cookies';
import { getSettings } from '@/lib/settings';
import { readJsonPost } from '@/lib/http';
import { secureCookies } from '@/lib/site-url';

const MAX_REQUEST_BYTES = 2048;

function json(body: unknown, status: number) {
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}


/**
 * GET /api/cookie-consent — what the banner cannot see from the page: whether this browser sends the
 * Global Privacy Control header, and the current banner version. Records nothing.
 */
export async function GET(request: Request) {
  const { cookieBannerVersion } = await getSettings();
  return json({ globalPrivacyControl: globalPrivacyControlHeader(request.headers.get('sec-gpc')), bannerVersion: cookieBannerVersion }, 200);
}

/**
 * POST /api/cookie-consent — records a cookie choice and keeps it in the visitor's consent cookie.
 * Body: JSON { source: 'banner', categories: ('necessary'|'preferences'|'analytics')[], globalPrivacyControl?: boolean }
 * or { source: 'gpc' }. 200 { consent }; 400 not JSON or not a choice; 403 cross-site; 413 too large; 415 not JSON.
 */
export async function POST(request: Request) {
  const read = await readJsonPost(request, MAX_REQUEST_BYTES, 'choice');
  if (!read.ok) return read.response;
  const choice = cookieChoiceSchema.safeParse(read.value);
  if (!choice.success) return json({ error: 'That is not a cookie choice.' }, 400);

  const consent = await recordCookieConsent(choice.data, {
    cookieHeader: request.headers.get('cookie'),
    secGpc: request.headers.get('sec-gpc'),
  });
  const response = json(
    {
      consent: {
        version: consent.version,
        categories: consent.categories,
        time: consent.time.toISOString(),
        globalPrivacyControl: consent.gpc,
      },
    },
    200,
  );
  response.cookies.set(CONSENT_COOKIE, formatConsentCookieValue(consent), {
    path: '/',
    maxAge: COOKIE_MAX_AGE_SECONDS,
    sameSite: 'lax',
    secure: secureCookies(),
    // The banner reads the choice from document.cookie, so pages can be the same for every visitor.
    httpOnly: false,
  });
  return response;
}
