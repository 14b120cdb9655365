'use client';

import { useEffect, useId, useRef, useState } from 'react';
import {
  acceptAllCookies,
  chooseCookies,
  closeCookiePanel,
  rejectAllCookies,
  saveCookieChoice,
  startConsent,
  useConsentState,
} from '@/components/cookie-consent-state';
import { COOKIE_CATEGORIES, cookieCategoryInfo, consentIsCurrent, type CookieCategory } from '@/lib/privacy/cookies';

/**
 * The cookie banner: asks once (and again when the banner version is bumped), and is where the
 * cookie settings open from the footer. A labelled region fixed to the bottom of the window, not a
 * dialog: it never traps focus, and the page stays usable behind it.
 */
export function CookieBanner({ bannerVersion, siteName }: { bannerVersion: number; siteName: string }) {
  const state = useConsentState();
  const region = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  useEffect(() => {
    void startConsent(bannerVersion);
  }, [bannerVersion]);

  const open = state.ready && state.panel !== 'none';

  // The page keeps room at its foot for the banner, so nothing is hidden behind it.
  useEffect(() => {
    const el = region.current;
    if (!open || !el) return;
    const fit = () => (document.body.style.paddingBottom = `${el.offsetHeight}px`);
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => {
      observer.disconnect();
      document.body.style.paddingBottom = '';
    };
  }, [open]);

  // Opened from a link (the footer, the settings page): take the visitor there.
  useEffect(() => {
    if (state.panel === 'settings') heading.current?.focus();
  }, [state.panel]);

  if (!open) return null;
  const answered = consentIsCurrent(state.consent, state.bannerVersion);

  return (
    <section
      ref={region}
      aria-labelledby={titleId}
      className="fixed inset-x-0 bottom-0 z-40 max-h-[85vh] overflow-y-auto border-t border-stone-300 bg-white shadow-[0_-4px_16px_rgba(0,0,0,0.08)]"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && state.panel === 'settings' && answered) closeCookiePanel();
      }}
    >
      <div className="mx-auto max-w-5xl space-y-3 px-4 py-4 text-sm text-stone-800 sm:text-base">
        <h2 id={titleId} ref={heading} tabIndex={-1} className="text-base font-semibold text-stone-900 sm:text-lg">
          {state.panel === 'settings' ? 'Cookie settings' : `Cookies on ${siteName}`}
        </h2>
        {state.panel === 'settings' ? <CookieChoices /> : state.gpc ? <GpcNotice /> : <FirstQuestion />}
        {state.error ? (
          <p role="alert" className="font-medium text-red-700">
            {state.error}
          </p>
        ) : null}
      </div>
    </section>
  );
}

function FirstQuestion() {
  const { saving } = useConsentState();
  return (
    <>
      <p>
        We use necessary cookies to sign you in, protect forms and remember this choice. With your permission we would also remember
        preferences such as text size. There are no advertising or tracking cookies. <a href="/cookies">Cookie details</a>
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={saving} onClick={() => void acceptAllCookies()}>
          Accept all
        </button>
        <button type="button" className="btn-primary" disabled={saving} onClick={() => void rejectAllCookies()}>
          Reject all
        </button>
        <button type="button" className="btn-secondary" disabled={saving} onClick={chooseCookies}>
          Choose
        </button>
      </div>
    </>
  );
}

function GpcNotice() {
  return (
    <>
      <p>
        Your browser sends the Global Privacy Control signal, and we respect it: only necessary cookies are used. Preference and
        analytics cookies stay off while the signal is on. <a href="/cookies">Cookie details</a>
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" onClick={closeCookiePanel}>
          OK
        </button>
        <button type="button" className="btn-secondary" onClick={chooseCookies}>
          Cookie settings
        </button>
      </div>
    </>
  );
}

/** The categories with their switches; necessary is always on. */
function CookieChoices() {
  const { consent, bannerVersion, gpc, saving } = useConsentState();
  const current: CookieCategory[] = consentIsCurrent(consent, bannerVersion) ? consent.categories : ['necessary'];
  const [chosen, setChosen] = useState<CookieCategory[]>(gpc ? ['necessary'] : current);
  const idPrefix = useId();
  const answered = consentIsCurrent(consent, bannerVersion);

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void saveCookieChoice(gpc ? ['necessary'] : chosen);
      }}
    >
      {gpc ? (
        <p className="rounded-md bg-stone-100 px-3 py-2">
          Your browser sends the Global Privacy Control signal, so preference and analytics cookies stay off while it is on.
        </p>
      ) : null}
      <ul className="space-y-3">
        {COOKIE_CATEGORIES.map((category) => {
          const info = cookieCategoryInfo[category];
          const id = `${idPrefix}-${category}`;
          const locked = category === 'necessary' || gpc;
          const on = category === 'necessary' || (!gpc && chosen.includes(category));
          return (
            <li key={category} className="flex items-start gap-3">
              <input
                id={id}
                type="checkbox"
                role="switch"
                checked={on}
                disabled={locked}
                aria-describedby={`${id}-hint`}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setChosen((list) => (checked ? [...list, category] : list.filter((c) => c !== category)));
                }}
                className="mt-1 size-5 shrink-0 accent-brand-700"
              />
              <div>
                <label htmlFor={id} className="font-medium text-stone-900">
                  {info.label}
                </label>
                <p id={`${id}-hint`} className="text-stone-600">
                  {info.explanation}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={saving}>
          Save choices
        </button>
        {gpc ? null : (
          <>
            <button type="button" className="btn-secondary" disabled={saving} onClick={() => void acceptAllCookies()}>
              Accept all
            </button>
            <button type="button" className="btn-secondary" disabled={saving} onClick={() => void rejectAllCookies()}>
              Reject all
            </button>
          </>
        )}
        {answered ? (
          <button type="button" className="btn-secondary" onClick={closeCookiePanel}>
            Close
          </button>
        ) : null}
      </div>
    </form>
  );
}
