import 'server-only';
import { and, desc, eq, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
import Bowser from 'bowser';
import { getDb } from '@/db/client';
import { sessions, users } from '@/db/schema';
import type { Role } from '@/db/schema';
import { isUuid } from '@/lib/validation';

export const SESSION_DAYS = 30;

export interface Viewer {
  id: string;
  sessionId: string;
  username: string;
  name: string;
  email: string;
  role: Role;
  trustLevel: number;
  suspendedUntil: Date | null;
  /** Works the data-request queue (besides admins). */
  privacyOfficer: boolean;
}

export async function createSession(userId: string, sessionVersion: number, device: { userAgent?: string | null; ip?: string | null }) {
  const [row] = await getDb()
    .insert(sessions)
    .values({
      userId,
      sessionVersion,
      userAgent: device.userAgent?.slice(0, 400) ?? null,
      ip: device.ip?.slice(0, 64) ?? null,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    })
    .returning({ id: sessions.id });
  return row.id;
}

/**
 * The signed-in member behind a session id, or null when the session was revoked, expired, or the
 * member's session version moved on (password change, sign out everywhere), or the member is suspended.
 */
export async function viewerForSession(sessionId: string): Promise<Viewer | null> {
  if (!isUuid(sessionId)) return null;
  const db = getDb();
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      email: users.email,
      role: users.role,
      trustLevel: users.trustLevel,
      suspendedUntil: users.suspendedUntil,
      privacyOfficer: users.privacyOfficer,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        eq(sessions.sessionVersion, users.sessionVersion),
        or(isNull(users.suspendedUntil), lte(users.suspendedUntil, sql`now()`)),
      ),
    );
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > 5 * 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
    await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, row.id));
  }
  const { lastSeenAt: _seen, ...viewer } = row;
  return { ...viewer, sessionId };
}

export async function revokeSession(sessionId: string): Promise<void> {
  if (!isUuid(sessionId)) return;
  await getDb().update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
}

/** Signs the member out everywhere at once. */
export async function revokeAllSessions(userId: string): Promise<void> {
  const db = getDb();
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export interface ActiveSession {
  id: string;
  /** "Chrome on macOS", from the browser's user agent. */
  device: string;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  /** The session this page was opened with. */
  current: boolean;
}

/** A readable name for the browser and system a session was opened from. */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name && !os.name) return 'Unknown device';
  return [browser.name || 'A browser', os.name ? `on ${os.name}` : ''].filter(Boolean).join(' ');
}

/** The member's sessions that can still sign in, most recently used first. */
export async function listActiveSessions(viewer: { id: string; sessionId?: string }): Promise<ActiveSession[]> {
  const rows = await getDb()
    .select({ id: sessions.id, userAgent: sessions.userAgent, ip: sessions.ip, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.userId, viewer.id),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        eq(sessions.sessionVersion, users.sessionVersion),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((r) => ({ id: r.id, device: deviceName(r.userAgent), ip: r.ip, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, current: r.id === viewer.sessionId }));
}

/** Signs one of the member's own sessions out (another member's session id does nothing). */
export async function endSession(viewer: { id: string }, sessionId: string): Promise<boolean> {
  if (!isUuid(sessionId)) return false;
  const ended = await getDb()
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, viewer.id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** Signs the member out everywhere except here. */
export async function endOtherSessions(viewer: { id: string; sessionId?: string }): Promise<number> {
  const ended = await getDb()
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, viewer.id), isNull(sessions.revokedAt), viewer.sessionId ? ne(sessions.id, viewer.sessionId) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}
