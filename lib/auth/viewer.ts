import 'server-only';
import { cache } from 'react';
import { auth } from './config';
import { viewerForSession, type Viewer } from './sessions';

/** The signed-in member for this request, checked against the database (so revoked sessions end at once). */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  if (!session?.sid) return null;
  return viewerForSession(session.sid);
});

export type { Viewer };
