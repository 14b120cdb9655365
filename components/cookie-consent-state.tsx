'use client';

import { useSyncExternalStore } from 'react';
import {
  consentFromCookies,
  consentIsCurrent,
  cookieRegistry,
  hasConsent,
  type CookieCategory,
  type CookieConsent,
} from '@/lib/privacy/cookies';

/**
 * The visitor's cookie choice in this browser tab, shared by the banner, the footer's settings link,
 * the text size control and the cookie settings page. Pages are the same HTML for every visitor (the
 * visitor page cache serves them); everything personal here is read from document.cookie after load.
 */
export type ConsentPanel = 'none' | 'banner' | 'settings';

export interface ConsentState {
  /** False until the cookie has been read in the browser (and during server rendering). */
  ready: boolean;
  bannerVersion: number;
  consent: CookieConsent | null;
  /** Global Privacy Control: navigator.globalPrivacyControl, or the Sec-GPC header as the server saw it. */
  gpc: boolean;
  panel: ConsentPanel;
  saving: boolean;
  error: string | null;
}

const serverState: ConsentState = { ready: false, bannerVersion: 1, consent: null, gpc: false, panel: 'none', saving: false, error: null };
let state: ConsentState = serverState;
const listeners = new Set<() => void>();
let started = false;
let opener: HTMLElement | null = null;

function update(patch: Partial<ConsentState>) {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useConsentState(): ConsentState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => serverState,
  );
}

/** Whether cookies of a category may be set now, in this browser (for code outside React too). */
export function consentAllows(category: CookieCategory): boolean {
  return state.ready && hasConsent(category, { consent: state.consent, bannerVersion: state.bannerVersion, globalPrivacyControl: state.gpc });
}

function navigatorGpc(): boolean {
  return (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}

function readConsent(): CookieConsent | null {
  return consentFromCookies(document.cookie);
}

/** Removes the cookies of every category the visitor no longer allows (those set in the browser). */
function removeWithdrawnCookies() {
  const secure = location.protocol === 'https:';
  for (const entry of cookieRegistry(secure)) {
    if (entry.essential || consentAllows(entry.category)) continue;
    if (document.cookie.split(';').some((c) => c.trim().startsWith(`${entry.name}=`))) {
      document.cookie = `${entry.name}=; Path=/; Max-Age=0; SameSite=Lax${secure ? '; Secure' : ''}`;
    }
  }
}

async function post(body: unknown): Promise<boolean> {
  update({ saving: true, error: null });
  try {
    const res = await fetch('/api/cookie-consent', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (!res.ok) throw new Error(String(res.status));
    // The answer sets the consent cookie; read back what was kept.
    update({ saving: false, consent: readConsent() });
    removeWithdrawnCookies();
    return true;
  } catch {
    update({ saving: false, error: 'Your choice could not be saved. Please try again.' });
    return false;
  }
}

/** Records the browser's GPC signal once, then tells the visitor it is respected. */
async function recordGpc() {
  update({ gpc: true });
  await post({ source: 'gpc' });
  update({ panel: 'banner' });
}

/** Whether the server saw the Sec-GPC header on a request from this browser; null when it could not ask. */
async function serverSeesGpc(): Promise<boolean | null> {
  try {
    const res = await fetch('/api/cookie-consent', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) return null;
    return (await res.json()).globalPrivacyControl === true;
  } catch {
    return null;
  }
}

/** Reads the choice once per tab and decides whether to ask (called by the banner when it mounts). */
export async function startConsent(bannerVersion: number): Promise<void> {
  if (started) return;
  started = true;
  const consent = readConsent();
  const gpc = navigatorGpc();
  update({ ready: true, bannerVersion, consent, gpc });
  if (consentIsCurrent(consent, bannerVersion)) {
    // A choice made before the browser's GPC signal was turned on gives way to it, recorded once.
    if (gpc && !consent.gpc) await recordGpc();
    else removeWithdrawnCookies();
    return;
  }
  if (gpc || (await serverSeesGpc()) === true) {
    await recordGpc();
    return;
  }
  removeWithdrawnCookies();
  update({ panel: 'banner' });
}

export function saveCookieChoice(categories: CookieCategory[]): Promise<boolean> {
  return post({ source: 'banner', categories, ...(state.gpc ? { globalPrivacyControl: true } : {}) }).then((ok) => {
    if (ok) closeCookiePanel();
    return ok;
  });
}

export function acceptAllCookies() {
  return saveCookieChoice(['necessary', 'preferences', 'analytics']);
}

export function rejectAllCookies() {
  return saveCookieChoice(['necessary']);
}

/**
 * Shows the settings, checking the GPC signal again: a choice recorded under GPC keeps the switches off
 * until the server confirms the browser no longer sends it (the page alone cannot see the header).
 */
function showSettings() {
  update({ panel: 'settings', error: null, gpc: state.gpc || navigatorGpc() || Boolean(state.consent?.gpc) });
  if (navigatorGpc()) return;
  void serverSeesGpc().then((gpc) => {
    if (gpc !== null) update({ gpc });
  });
}

/** Opens the cookie settings; focus returns to `from` when they close. */
export function openCookieSettings(from?: HTMLElement | null) {
  opener = from ?? null;
  showSettings();
}

/** Shows the category switches inside the first banner. */
export function chooseCookies() {
  showSettings();
}

export function closeCookiePanel() {
  // Without a current choice the question stays open: closing the settings goes back to the banner.
  const answered = consentIsCurrent(state.consent, state.bannerVersion);
  update({ panel: answered ? 'none' : 'banner', error: null });
  const back = opener;
  opener = null;
  if (answered && back?.isConnected) back.focus();
}
