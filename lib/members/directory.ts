import 'server-only';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { privacySettings, profiles, users } from '@/db/schema';
import type { Role } from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { pageWindow } from '@/lib/pagination';
import { getSettings } from '@/lib/settings';
import { parseOrInvalid } from '@/lib/validation';
import { avatarUrlOf, profileVisibleSql } from './profile-visibility';

export const MEMBERS_PER_PAGE = 30;
export const DIRECTORY_QUERY_MAX = 100;

export interface DirectoryMember {
  username: string;
  name: string;
  avatarUrl: string | null;
  joinedAt: Date;
  staffRole: Exclude<Role, 'member'> | null;
  /** Only when the member shows it. */
  location: string | null;
  /** Only to signed-in members, and only when the member shows it. */
  email: string | null;
  /** The member keeps their profile private: only staff (and the member) see them listed. */
  private: boolean;
}

export interface DirectoryPage {
  query: string;
  members: DirectoryMember[];
  total: number;
  page: number;
  pageCount: number;
  /** Visitors on a members-only site see no one. */
  notice: 'members-only' | null;
}

const directorySchema = z.object({
  q: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/[\u0000-\u001f\u007f]/g, ' ') : v),
    z.string().trim().max(DIRECTORY_QUERY_MAX, `Search for at most ${DIRECTORY_QUERY_MAX} characters.`).default(''),
  ),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** A LIKE pattern that matches `text` anywhere, with the pattern's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The members directory: members whose profile this viewer may see (visitors only open profiles,
 * members also members-only ones, staff everyone), newest first, searchable by name or username.
 * Accounts not yet confirmed and closed accounts are never listed.
 */
export async function listDirectory(viewer: Actor | null, raw: { q?: unknown; page?: unknown }): Promise<DirectoryPage> {
  const { q: typed, page: asked } = parseOrInvalid(directorySchema, raw);
  const q = typed.replace(/^@/, '');
  if (!viewer && (await getSettings()).membersOnly) return { query: q, members: [], total: 0, page: 1, pageCount: 1, notice: 'members-only' };
  const pattern = q ? containsPattern(q) : null;
  const where = and(
    isNotNull(users.emailVerifiedAt),
    isNull(users.closedAt),
    profileVisibleSql(viewer, users.id, privacySettings.profileVisibility),
    pattern ? sql`(lower(${users.username}) like ${pattern} or lower(${users.name}) like ${pattern})` : undefined,
  );
  const db = getDb();
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(users)
    .leftJoin(privacySettings, eq(privacySettings.userId, users.id))
    .where(where);
  const window = pageWindow(total, asked, MEMBERS_PER_PAGE);
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      location: profiles.location,
      avatarKey: profiles.avatarKey,
      visibility: privacySettings.profileVisibility,
      showEmail: privacySettings.showEmail,
      showLocation: privacySettings.showLocation,
    })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(privacySettings, eq(privacySettings.userId, users.id))
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(MEMBERS_PER_PAGE)
    .offset(window.offset);
  return {
    query: q,
    total,
    page: window.page,
    pageCount: window.pageCount,
    notice: null,
    members: rows.map((r) => {
      const self = viewer?.id === r.id;
      return {
        username: r.username,
        name: r.name,
        avatarUrl: avatarUrlOf(r.id, r.avatarKey),
        joinedAt: r.createdAt,
        staffRole: r.role === 'member' ? null : r.role,
        // Defaults as on the profile: location shown, email hidden.
        location: self || (r.showLocation ?? true) ? r.location || null : null,
        email: viewer && (self || (r.showEmail ?? false)) ? r.email : null,
        private: r.visibility === 'private',
      };
    }),
  };
}
