import { getViewer } from '@/lib/auth/viewer';
import { avatarKeyFor } from '@/lib/members/profile';
import { contentTypeForKey } from '@/lib/members/avatar';
import { readFile } from '@/lib/storage';

export async function GET(_req: Request, { params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const key = await avatarKeyFor(await getViewer(), userId);
  const data = key ? await readFile(key) : null;
  if (!key || !data) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(data), {
    headers: {
      'Content-Type': contentTypeForKey(key),
      'Cache-Control': 'private, max-age=300',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
}
