/** The public address of the site, used in links sent by mail (never taken from a request's Host header). */
export function siteUrl(path = '/'): string {
  const base = (process.env.SITE_URL || process.env.AUTH_URL || 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * Whether cookies carry the Secure flag: always over https, and in production unless the site is
 * served from this machine over plain http (a local trial of the production build).
 */
export function secureCookies(url = siteUrl(), production = process.env.NODE_ENV === 'production'): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'https:') return true;
  const loopback = hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
  return production && !loopback;
}
