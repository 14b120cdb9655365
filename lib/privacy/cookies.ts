/**
 * Every cookie the app sets. The cookie settings page and the cookie policy are rendered from this list.
 * Names depend on whether the site is served over https (then browsers get the __Secure-/__Host- forms).
 */
export interface CookieEntry {
  name: string;
  essential: boolean;
  purpose: string;
  expiry: string;
  setFor: 'every visitor who uses a form' | 'signed-in members';
}

export function cookieRegistry(secure: boolean): CookieEntry[] {
  const prefix = secure ? '__Secure-' : '';
  return [
    {
      name: `${prefix}authjs.session-token`,
      essential: true,
      purpose: 'Keeps you signed in. Holds only a signed session number, no personal details.',
      expiry: '30 days, or until you sign out',
      setFor: 'signed-in members',
    },
    {
      name: `${secure ? '__Host-' : ''}authjs.csrf-token`,
      essential: true,
      purpose: 'Protects sign-in against forged requests from other sites.',
      expiry: 'when you close the browser',
      setFor: 'every visitor who uses a form',
    },
    {
      name: `${prefix}authjs.callback-url`,
      essential: true,
      purpose: 'Remembers which page to return to after signing in.',
      expiry: 'when you close the browser',
      setFor: 'every visitor who uses a form',
    },
  ];
}
