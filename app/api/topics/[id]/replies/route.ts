import { getViewer } from '@/lib/auth/viewer';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { reply } from '@/lib/forum/posts';
import { json, readJsonPost } from '@/lib/http';

/** Bodies are at most 50,000 characters; anything much larger is refused before it is read. */
const MAX_REQUEST_BYTES = 256 * 1024;

/**
 * POST /api/topics/:id/replies — adds a reply as the signed-in member (session cookie).
 * Body: JSON { body: string, replyToPostId?: number }.
 * 201 { postId, postNumber, url }; 401 signed out; 403 not allowed; 404 no such topic (or not visible);
 * 422 { errors: { field: message } }; 400 not JSON; 413 too large; 415 not application/json.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const read = await readJsonPost(request, MAX_REQUEST_BYTES, 'reply');
  if (!read.ok) return read.response;

  const viewer = await getViewer();
  if (!viewer) return json({ error: 'Sign in to reply.' }, 401, { 'WWW-Authenticate': 'Cookie' });

  const { id } = await params;
  const topicId = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  if (!Number.isInteger(topicId) || topicId <= 0) return json({ error: 'Not found.' }, 404);

  const input = read.value;
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
