import { getViewer } from '@/lib/auth/viewer';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { reply } from '@/lib/forum/posts';
import { siteUrl } from '@/lib/site-url';

/** Bodies are at most 50,000 characters; anything much larger is refused before it is read. */
const MAX_REQUEST_BYTES = 256 * 1024;

function json(body: unknown, status: number, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/**
 * A browser always sends Origin with a POST: it must name this site (the Host it was sent to, or
 * SITE_URL). Clients that are not browsers send none. Together with the JSON-only body (a cross-site
 * form cannot send one without a preflight, which this route never answers) this keeps other sites from
 * posting in a member's name.
 */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (request.headers.get('sec-fetch-site') === 'cross-site') return false;
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
 * POST /api/topics/:id/replies — adds a reply as the signed-in member (session cookie).
 * Body: JSON { body: string, replyToPostId?: number }.
 * 201 { postId, postNumber, url }; 401 signed out; 403 not allowed; 404 no such topic (or not visible);
 * 422 { errors: { field: message } }; 400 not JSON; 413 too large; 415 not application/json.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!sameOrigin(request)) return json({ error: 'Cross-site requests are not accepted.' }, 403);
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) return json({ error: 'Send the reply as application/json.' }, 415);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_REQUEST_BYTES) return json({ error: 'The request is too large.' }, 413);

  const viewer = await getViewer();
  if (!viewer) return json({ error: 'Sign in to reply.' }, 401, { 'WWW-Authenticate': 'Cookie' });

  const { id } = await params;
  const topicId = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  if (!Number.isInteger(topicId) || topicId <= 0) return json({ error: 'Not found.' }, 404);

  let input: unknown;
  try {
    const text = await request.text();
    if (text.length > MAX_REQUEST_BYTES) return json({ error: 'The request is too large.' }, 413);
    input = JSON.parse(text);
  } catch {
    return json({ error: 'The body is not valid JSON.' }, 400);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return json({ errors: { body: 'Post is required.' } }, 422);
  const { body, replyToPostId } = input as { body?: unknown; replyToPostId?: unknown };

  try {
    const created = await reply(viewer, topicId, { body: typeof body === 'string' ? body : '', replyToPostId: replyToPostId ?? undefined });
    const url = `/p/${created.postId}`;
    return json({ postId: created.postId, postNumber: created.postNumber, url }, 201, { Location: url });
  } catch (e) {
    if (e instanceof Invalid) return json({ errors: e.fields }, 422);
    if (e instanceof Forbidden) return json({ error: e.message }, 403);
    if (e instanceof NotFound) return json({ error: 'Not found.' }, 404);
    throw e;
  }
}
