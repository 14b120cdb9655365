import 'server-only';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { sessions, users } from '@/db/schema';
import type { Role } from '@/db/schema';

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
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
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
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
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
