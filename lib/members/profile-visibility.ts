import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { privacySettings, userBlocks } from '@/db/schema';
import { isStaff, type Actor } from '@/lib/permissions';
import type { ProfileVisibility } from './privacy-settings';

/**
 * The one rule for who may see a member's profile, wherever it shows (profile page, bylines, directory,
 * search, mention suggestions): everyone; signed-in members; or private (only the member and staff).
 * A member without a privacy_settings row has the default, everyone.
 */
export function canSeeProfile(viewer: Actor | null, memberId: string, visibility: ProfileVisibility | null | undefined): boolean {
  if (viewer && (viewer.id === memberId || isStaff(viewer))) return true;
  const chosen = visibility ?? 'everyone';
  return chosen === 'everyone' || (chosen === 'members' && viewer !== null);
}

type Column = AnyPgColumn | SQL;

/**
 * The same rule in SQL, for queries that already join privacy_settings: `memberId` is the member's id
 * column, `visibility` their profile_visibility column (null when they have no row).
 */
export function profileVisibleSql(viewer: Actor | null, memberId: Column, visibility: Column): SQL {
  if (isStaff(viewer)) return sql`true`;
  const chosen = sql`coalesce(${visibility}, 'everyone')`;
  if (!viewer) return sql`(${chosen} = 'everyone')`;
  return sql`(${chosen} <> 'private' or ${memberId} = ${viewer.id})`;
}

/** The rule as a subquery on privacy_settings, for queries that do not join it. */
export function profileVisibleByIdSql(viewer: Actor | null, memberId: Column): SQL {
  if (isStaff(viewer)) return sql`true`;
  const hidden = viewer ? sql`'private'` : sql`'private', 'members'`;
  const self = viewer ? sql` or ${memberId} = ${viewer.id}` : sql``;
  return sql`(not exists (select 1 from ${privacySettings} where ${privacySettings.userId} = ${memberId} and ${privacySettings.profileVisibility} in (${hidden}))${self})`;
}

/** Whether the member (by id column) has blocked this viewer: they then never show them their presence, nor are suggested to them. */
export function blockedViewerSql(viewer: Pick<Actor, 'id'>, memberId: Column): SQL {
  return sql`exists (select 1 from ${userBlocks} where ${userBlocks.userId} = ${memberId} and ${userBlocks.blockedUserId} = ${viewer.id})`;
}

/** Seen within this long counts as online (the last-seen time is refreshed every five minutes). */
export const ONLINE_MINUTES = 10;

export function isOnline(lastSeenAt: Date | null, now = Date.now()): boolean {
  return lastSeenAt !== null && now - lastSeenAt.getTime() < ONLINE_MINUTES * 60_000;
}

/** A member's picture, served by /api/avatars/<id>; the version suffix changes when the picture does. */
export function avatarUrlOf(userId: string, avatarKey: string | null): string | null {
  return avatarKey ? `/api/avatars/${userId}?v=${encodeURIComponent(avatarKey.slice(-8))}` : null;
}
