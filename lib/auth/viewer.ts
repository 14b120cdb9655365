import 'server-only';
import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { getToken } from 'next-auth/jwt';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { Forbidden } from '@/lib/errors';
import { secureCookies } from '@/lib/site-url';
import { ensureAuthSecret } from './secret';
import { viewerForSession, type Viewer as SessionViewer } from './sessions';

export type Viewer = SessionViewer;

/** Adds the privacy-officer flag to a member, read fresh from the account. */
export async function withPrivacyOfficer<T extends { id: string }>(member: T): Promise<T & { privacyOfficer: boolean }> {
  const [row] = await getDb().select({ privacyOfficer: users.privacyOfficer }).from(users).where(eq(users.id, member.id));
  return { ...member, privacyOfficer: row?.privacyOfficer ?? false };
}

/**
 * The signed-in member for this request, checked against the database (so revoked sessions end at once).
 * The session cookie is decrypted directly (the same check next-auth makes), which skips next-auth's
 * request round trip on every page; a visitor without the cookie costs nothing.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const token = await getToken({ req: { headers: await headers() }, secret: ensureAuthSecret(), secureCookie: secureCookies() });
  const sid = token?.sid;
  if (typeof sid !== 'string') return null;
  return viewerForSession(sid);
});

/**
 * The signed-in member, for Server Actions: a session that ended while a form was open becomes a message
 * shown on the form (which keeps what was typed), not an error page.
 */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new Forbidden('Your session has ended. Sign in again in another tab; what you typed is kept here.');
  return viewer;
}
