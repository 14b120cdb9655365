import { getViewer } from '@/lib/auth/viewer';
import { suggestMembers } from '@/lib/members/suggest';

function json(body: unknown, status: number, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { 'Cache-Control': 'private, no-store', ...headers } });
}

/**
 * GET /api/members/suggest?q=ad — members to mention, for the composer's @ suggestions.
 * 200 { members: [{ username, name, avatarUrl }] } (at most 8); 401 signed out.
 */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return json({ error: 'Sign in to see member suggestions.' }, 401, { 'WWW-Authenticate': 'Cookie' });
  const q = new URL(request.url).searchParams.get('q') ?? '';
  return json({ members: await suggestMembers(viewer, q) }, 200);
}
