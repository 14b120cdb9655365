import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { getViewer, type Viewer } from '@/lib/auth/viewer';
import { can } from '@/lib/permissions';

/**
 * The first line of every admin-only page. The admin layout also lets moderators in (for the review
 * queue), so each admin page checks for itself: a visitor is sent to sign in, anyone else gets the 403 page.
 */
export async function requireAdmin(callbackUrl: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (!can(viewer, 'admin.access')) forbidden();
  return viewer;
}
