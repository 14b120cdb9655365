import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { getViewer, type Viewer } from '@/lib/auth/viewer';
import { can } from '@/lib/permissions';

/** The first line of every data-request page: admins and privacy officers; a visitor signs in, anyone else gets the 403 page. */
export async function requireOfficer(callbackUrl: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (!can(viewer, 'data_requests.handle')) forbidden();
  return viewer;
}
