import 'server-only';
import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { privacySettings } from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { parseOrInvalid } from '@/lib/validation';

/**
 * Restriction of processing (GDPR art. 18). While a member's privacy_settings.restricted_at is set,
 * their data is only stored: what they wrote stays visible, but nothing new is done with their data —
 * no notifications are created for them, no notification mail or daily summary, no marketing mail,
 * and no automatic trust-level change.
 */

/** SQL: the member (by id column) has restricted processing. For queries in any capability. */
export function restrictedSql(userId: AnyPgColumn | SQL): SQL {
  return sql`exists (select 1 from ${privacySettings} where ${privacySettings.userId} = ${userId} and ${privacySettings.restrictedAt} is not null)`;
}

/** SQL: the member (by id column) has not restricted processing. */
export function notRestrictedSql(userId: AnyPgColumn | SQL): SQL {
  return sql`not ${restrictedSql(userId)}`;
}

export async function isRestricted(userId: string): Promise<boolean> {
  return (await restrictedSince(userId)) !== null;
}

/** When the member restricted processing, or null when they have not. */
export async function restrictedSince(userId: string): Promise<Date | null> {
  const [row] = await getDb().select({ at: privacySettings.restrictedAt }).from(privacySettings).where(eq(privacySettings.userId, userId));
  return row?.at ?? null;
}

/** Of these members, the ones who have restricted processing (one query). */
export async function restrictedAmong(userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await getDb()
    .select({ userId: privacySettings.userId })
    .from(privacySettings)
    .where(and(inArray(privacySettings.userId, [...new Set(userIds)]), isNotNull(privacySettings.restrictedAt)));
  return new Set(rows.map((r) => r.userId));
}

const confirmSchema = z.object({
  confirm: z.literal('yes', { error: 'Confirm that you want to restrict the processing of your data.' }),
});

/** Restricts processing of the member's data from now on; asks for an explicit confirmation. Returns since when. */
export async function restrictProcessing(viewer: Pick<Actor, 'id'>, input: { confirm?: unknown }): Promise<Date> {
  parseOrInvalid(confirmSchema, input);
  const [row] = await getDb()
    .insert(privacySettings)
    .values({ userId: viewer.id, restrictedAt: sql`now()` })
    .onConflictDoUpdate({
      target: privacySettings.userId,
      // Restricting again keeps the first date.
      set: { restrictedAt: sql`coalesce(${privacySettings.restrictedAt}, now())`, updatedAt: sql`now()` },
    })
    .returning({ at: privacySettings.restrictedAt });
  return row.at!;
}

/** Lifts the restriction: processing resumes as before (nothing missed while it lasted is sent afterwards). */
export async function liftRestriction(viewer: Pick<Actor, 'id'>): Promise<void> {
  await getDb().update(privacySettings).set({ restrictedAt: null, updatedAt: sql`now()` }).where(eq(privacySettings.userId, viewer.id));
}
