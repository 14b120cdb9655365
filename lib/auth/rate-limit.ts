import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';

export interface Limit {
  max: number;
  windowSeconds: number;
}

export const LIMITS = {
  // Generous per network (schools and offices share one address), strict per account.
  signInIp: { max: 60, windowSeconds: 15 * 60 },
  signInAccount: { max: 8, windowSeconds: 15 * 60 },
  signUpAccount: { max: 3, windowSeconds: 60 * 60 },
  resetIp: { max: 10, windowSeconds: 60 * 60 },
  resetAccount: { max: 3, windowSeconds: 60 * 60 },
  verifyResendAccount: { max: 3, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

function keyHash(action: string, subject: string): string {
  return createHash('sha256').update(`${action}\u0000${subject.toLowerCase()}`).digest('hex');
}

function currentWindow(limit: Limit): Date {
  const windowMs = limit.windowSeconds * 1000;
  return new Date(Math.floor(Date.now() / windowMs) * windowMs);
}

/**
 * Counts one attempt in a fixed window kept in the database (so every app node shares it).
 * Returns false when the attempt is over the limit.
 */
export async function hit(action: string, subject: string, limit: Limit): Promise<boolean> {
  const windowStart = currentWindow(limit);
  const [row] = await getDb()
    .insert(rateLimits)
    .values({ keyHash: keyHash(action, subject), windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.keyHash, rateLimits.windowStart],
      set: { hits: sql`${rateLimits.hits} + 1` },
    })
    .returning({ hits: rateLimits.hits });
  return row.hits <= limit.max;
}

/** True when the current window has already used up the limit (counts nothing). */
export async function isOverLimit(action: string, subject: string, limit: Limit): Promise<boolean> {
  const windowStart = currentWindow(limit);
  const [row] = await getDb()
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.keyHash, keyHash(action, subject)), eq(rateLimits.windowStart, windowStart)));
  return (row?.hits ?? 0) >= limit.max;
}

/** Counts against several limits at once; all are counted, and any one over refuses. */
export async function hitAll(checks: [string, string, Limit][]): Promise<boolean> {
  const results = await Promise.all(checks.map(([a, s, l]) => hit(a, s, l)));
  return results.every(Boolean);
}

export async function purgeOldRateLimits(): Promise<number> {
  const res = await getDb()
    .delete(rateLimits)
    .where(sql`${rateLimits.windowStart} < now() - interval '1 day'`)
    .returning({ k: rateLimits.keyHash });
  return res.length;
}
