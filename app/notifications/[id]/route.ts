import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { openNotification } from '@/lib/forum/notifications';

/** Opens a notification: marks it read and goes to the post it is about. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A prefetch is not the member opening it: leave it unread.
  const purpose = request.headers.get('sec-purpose') ?? request.headers.get('purpose') ?? '';
  if (request.headers.has('next-router-prefetch') || purpose.includes('prefetch')) {
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  }
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/notifications/${encodeURIComponent(id)}`)}`);
  let target = '/notifications';
  try {
    target = (await openNotification(viewer, Number(id))).href;
  } catch (e) {
    // Someone else's notification, or one about something no longer visible: back to the list.
    if (!(e instanceof NotFound)) throw e;
  }
  redirect(target);
}
