'use client';

import { openCookieSettings, useConsentState } from '@/components/cookie-consent-state';
import { LongDate } from '@/components/long-date';
import { consentIsCurrent, cookieCategoryInfo, parseConsentCookieValue } from '@/lib/privacy/cookies';

/** The visitor's current cookie choice, and the way to change it. */
export function CurrentChoice({ initialCookie, initialGpc, bannerVersion }: { initialCookie: string | null; initialGpc: boolean; bannerVersion: number }) {
  const state = useConsentState();
  const consent = state.ready ? state.consent : parseConsentCookieValue(initialCookie);
  const gpc = state.ready ? state.gpc || initialGpc : initialGpc;
  const version = state.ready ? state.bannerVersion : bannerVersion;
  const current = consentIsCurrent(consent, version) ? consent : null;

  return (
    <>
      {current ? (
        <p>
          You allowed{' '}
          <strong>{current.categories.map((c) => cookieCategoryInfo[c].label.toLowerCase()).join(', ').replace(/, ([^,]*)$/, ' and $1')}</strong>{' '}
          {current.categories.length === 1 ? 'cookies only' : 'cookies'}, on <LongDate date={current.time} />.
        </p>
      ) : (
        <p>You have not made a choice yet, so only necessary cookies are used.</p>
      )}
      {gpc ? (
        <p className="rounded-md bg-stone-100 px-3 py-2 text-stone-700">
          Your browser sends the Global Privacy Control signal, and we respect it: preference and analytics cookies stay off while it is on.
        </p>
      ) : null}
      {state.ready ? (
        <button type="button" className="btn-secondary" onClick={(e) => openCookieSettings(e.currentTarget)}>
          Change cookie settings
        </button>
      ) : (
        <noscript>
          <p className="text-stone-600">Changing your choice needs JavaScript. Without it, only necessary cookies are ever set.</p>
        </noscript>
      )}
    </>
  );
}
