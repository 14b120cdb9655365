'use client';

import { useEffect, useId, useState } from 'react';
import { consentAllows, openCookieSettings, useConsentState } from '@/components/cookie-consent-state';
import {
  COOKIE_MAX_AGE_SECONDS,
  TEXT_SIZE_COOKIE,
  TEXT_SIZE_STYLE_ID,
  TEXT_SIZES,
  parseTextSize,
  readCookie,
  textSizeCss,
  type TextSize,
} from '@/lib/privacy/cookies';

const SIZES = Object.keys(TEXT_SIZES) as TextSize[];

/** The size applied to this page now (the start-up script or an earlier choice put it in <head>). */
function appliedTextSize(): TextSize {
  const css = document.getElementById(TEXT_SIZE_STYLE_ID)?.textContent ?? '';
  return SIZES.find((s) => textSizeCss(s) === css) ?? 'standard';
}

function applyTextSize(size: TextSize) {
  let style = document.getElementById(TEXT_SIZE_STYLE_ID);
  if (!style) {
    style = document.createElement('style');
    style.id = TEXT_SIZE_STYLE_ID;
    document.head.appendChild(style);
  }
  style.textContent = textSizeCss(size);
}

/** Keeps the size in the preference cookie; the standard size needs no cookie at all. */
function rememberTextSize(size: TextSize) {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  if (size === 'standard') document.cookie = `${TEXT_SIZE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
  else document.cookie = `${TEXT_SIZE_COOKIE}=${size}; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}; SameSite=Lax${secure}`;
}

/**
 * Text size for the whole site. It always applies to this visit; it is remembered (in a preference
 * cookie) only when the visitor allows preference cookies and Global Privacy Control is off.
 */
export function TextSizeControl() {
  const consent = useConsentState();
  const [size, setSize] = useState<TextSize | null>(null);
  const labelId = useId();
  const allowed = consent.ready && consentAllows('preferences');

  useEffect(() => {
    if (consent.ready) setSize((s) => s ?? appliedTextSize());
  }, [consent.ready]);

  // Chosen before preference cookies were allowed: remember it once they are.
  useEffect(() => {
    if (allowed && size && size !== 'standard' && parseTextSize(readCookie(document.cookie, TEXT_SIZE_COOKIE)) !== size) {
      rememberTextSize(size);
    }
  }, [allowed, size]);

  function choose(next: TextSize) {
    applyTextSize(next);
    setSize(next);
    if (consentAllows('preferences')) rememberTextSize(next);
  }

  return (
    <div className="space-y-1">
      <div role="group" aria-labelledby={labelId} className="flex flex-wrap items-center gap-1">
        <span id={labelId} className="mr-1">
          Text size
        </span>
        {SIZES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={size === s}
            onClick={() => choose(s)}
            className="rounded border border-stone-300 px-2 py-0.5 text-stone-700 hover:bg-stone-100 aria-pressed:border-brand-700 aria-pressed:bg-brand-50 aria-pressed:text-brand-800"
          >
            {TEXT_SIZES[s].label}
          </button>
        ))}
      </div>
      <p aria-live="polite" className="text-xs text-stone-500">
        {size && size !== 'standard' && !allowed ? (
          consent.gpc ? (
            'For this visit only: your browser’s Global Privacy Control signal keeps preference cookies off.'
          ) : (
            <>
              For this visit only.{' '}
              <button type="button" className="text-brand-700 underline" onClick={(e) => openCookieSettings(e.currentTarget)}>
                Allow preference cookies
              </button>{' '}
              to remember it.
            </>
          )
        ) : null}
      </p>
    </div>
  );
}
