import 'server-only';
import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { privacySettings, profiles, users } from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { avatarUrlOf, blockedViewerSql, profileVisibleSql } from './profile-visibility';

export const SUGGEST_LIMIT = 8;
const SUGGEST_QUERY_MAX = 40;

export interface MemberSuggestion {
  username: string;
  name: string;
  avatarUrl: string | null;
}

/** A LIKE pattern for text at the start, with the pattern's own wildcards taken literally. */
function prefixPattern(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Members to suggest while a signed-in member types "@…": usernames or names (or a word of the name)
 * starting with what was typed, at most eight, exact username first. Never the viewer, accounts not
 * confirmed or closed, members whose profile the viewer may not see, nor members who blocked the viewer.
 */
export async function suggestMembers(viewer: Actor, typed: string): Promise<MemberSuggestion[]> {
  const q = typed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .replace(/^@/, '')
    .slice(0, SUGGEST_QUERY_MAX);
  if (!q) return [];
  const prefix = prefixPattern(q);
  const wordPrefix = `% ${prefix}`;
  const rows = await getDb()
    .select({ id: users.id, username: users.username, name: users.name, avatarKey: profiles.avatarKey })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(privacySettings, eq(privacySettings.userId, users.id))
    .where(
      and(
        sql`(lower(${users.username}) like ${prefix} or lower(${users.name}) like ${prefix} or lower(${users.name}) like ${wordPrefix})`,
        ne(users.id, viewer.id),
        isNotNull(users.emailVerifiedAt),
        isNull(users.closedAt),
        profileVisibleSql(viewer, users.id, privacySettings.profileVisibility),
        sql`not ${blockedViewerSql(viewer, users.id)}`,
      ),
    )
    .orderBy(
      sql`case when lower(${users.username}) = ${q.toLowerCase()} then 0 when lower(${users.username}) like ${prefix} then 1 else 2 end`,
      sql`lower(${users.username})`,
    )
    .limit(SUGGEST_LIMIT);
  return rows.map((r) => ({ username: r.username, name: r.name, avatarUrl: avatarUrlOf(r.id, r.avatarKey) }));
}
