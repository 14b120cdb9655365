import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { authTokens } from '@/db/schema';

export type TokenKind = (typeof authTokens.$inferSelect)['kind'];

/** How single-use link tokens are stored: only this hash. */
export const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** A single-use link token; only its hash is stored. Earlier unused tokens of the same kind stop working. */
export async function issueToken(userId: string, kind: TokenKind, ttlMinutes: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const db = getDb();
  await db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.kind, kind), isNull(authTokens.usedAt)));
  await db.insert(authTokens).values({
    userId,
    kind,
    tokenHash: digest(token),
    expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
  });
  return token;
}

/** Matches the token while it is unused and unexpired. */
const live = (token: string, kind: TokenKind) =>
  and(eq(authTokens.tokenHash, digest(token)), eq(authTokens.kind, kind), isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date()));

/** Marks the token used and returns its user, or null when it is unknown, used or expired. */
export async function consumeToken(token: string, kind: TokenKind): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const [row] = await getDb()
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(live(token, kind))
    .returning({ userId: authTokens.userId });
  return row?.userId ?? null;
}

/** The member a token belongs to while it would be accepted, without using it. */
export async function peekToken(token: string, kind: TokenKind): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const [row] = await getDb()
    .select({ userId: authTokens.userId })
    .from(authTokens)
    .where(live(token, kind));
  return row?.userId ?? null;
}

/** True when the token would be accepted (to show the form only for good links). */
export async function tokenIsValid(token: string, kind: TokenKind): Promise<boolean> {
  return (await peekToken(token, kind)) !== null;
}
