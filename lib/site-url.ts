/** The public address of the site, used in links sent by mail (never taken from a request's Host header). */
export function siteUrl(path = '/'): string {
  const base = (process.env.SITE_URL || process.env.AUTH_URL || 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}
