import 'server-only';
import { siteUrl } from '@/lib/site-url';

/** A JSON answer that no cache keeps. */
export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/**
 * A browser always sends Origin with a POST: it must name this site (the Host it was sent to, or
 * SITE_URL). Clients that are not browsers send none. Together with a JSON-only body (a cross-site
 * form cannot send one without a preflight, which these routes never answer) this keeps other sites
 * from acting in a visitor's name.
 */
export function sameOrigin(request: Request): boolean {
  if (request.headers.get('sec-fetch-site') === 'cross-site') return false;
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, some redirects) or garbage
  }
  const allowed = new Set([request.headers.get('host'), new URL(siteUrl()).host].filter(Boolean));
  return allowed.has(host);
}

/**
 * The checks every JSON POST makes before its own: same origin, a JSON content type, and a body no
 * larger than `maxBytes` that parses. Returns the parsed body, or the response that refuses it.
 */
export async function readJsonPost(request: Request, maxBytes: number, what: string): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const refuse = (error: string, status: number) => ({ ok: false as const, response: json({ error }, status) });
  if (!sameOrigin(request)) return refuse('Cross-site requests are not accepted.', 403);
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) return refuse(`Send the ${what} as application/json.`, 415);
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return refuse('The request is too large.', 413);
  try {
    const text = await request.text();
    if (text.length > maxBytes) return refuse('The request is too large.', 413);
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return refuse('The body is not valid JSON.', 400);
  }
}
