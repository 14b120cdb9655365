import 'server-only';
import { cache } from 'react';
import { Forbidden } from '@/lib/errors';
import { auth } from './config';
import { viewerForSession, type Viewer } from './sessions';

/** The signed-in member for this request, checked against the database (so revoked sessions end at once). */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  if (!session?.sid) return null;
  return viewerForSession(session.sid);
});

export type { Viewer };

/**
 * The signed-in member, for Server Actions: a session that ended while a form was open becomes a message
 * shown on the form (which keeps what was typed), not an error page.
 */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new Forbidden('Your session has ended. Sign in again in another tab; what you typed is kept here.');
  return viewer;
}
