import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { userBlocks, users } from '@/db/schema';
import { Invalid, NotFound } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { isUuid } from '@/lib/validation';

/**
 * Blocking: a blocked member cannot message you, mention you (no notice reaches you) or see your
 * online presence. Staff cannot be blocked: members must always be reachable by moderation.
 */
export async function blockMember(viewer: Actor, username: string): Promise<{ id: string; username: string }> {
  const name = username.trim().replace(/^@/, '');
  if (!name) throw new Invalid({ username: 'Enter the username of the member to block.' });
  const [member] = await getDb()
    .select({ id: users.id, username: users.username, role: users.role })
    .from(users)
    .where(eq(sql`lower(${users.username})`, name.toLowerCase()));
  if (!member) throw new Invalid({ username: `No member is called @${name}.` });
  if (member.id === viewer.id) throw new Invalid({ username: 'You cannot block yourself.' });
  if (member.role !== 'member') {
    throw new Invalid({ username: `@${member.username} is on the staff; staff cannot be blocked. Report a problem to an administrator instead.` });
  }
  await getDb().insert(userBlocks).values({ userId: viewer.id, blockedUserId: member.id }).onConflictDoNothing();
  return { id: member.id, username: member.username };
}

export async function unblockMember(viewer: Pick<Actor, 'id'>, blockedUserId: string): Promise<void> {
  if (!isUuid(blockedUserId)) throw new NotFound();
  const removed = await getDb()
    .delete(userBlocks)
    .where(and(eq(userBlocks.userId, viewer.id), eq(userBlocks.blockedUserId, blockedUserId)))
    .returning({ id: userBlocks.blockedUserId });
  if (!removed.length) throw new NotFound();
}

/** The members this member has blocked, by username. */
export async function listBlocked(viewer: Pick<Actor, 'id'>) {
  return getDb()
    .select({ id: users.id, username: users.username, name: users.name, since: userBlocks.createdAt })
    .from(userBlocks)
    .innerJoin(users, eq(users.id, userBlocks.blockedUserId))
    .where(eq(userBlocks.userId, viewer.id))
    .orderBy(asc(sql`lower(${users.username})`));
}

/** Whether `userId` has blocked `otherId`. */
export async function hasBlocked(userId: string, otherId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ one: sql<number>`1` })
    .from(userBlocks)
    .where(and(eq(userBlocks.userId, userId), eq(userBlocks.blockedUserId, otherId)));
  return Boolean(row);
}

/** Of these members, the ones who have blocked `otherId`. */
export async function membersWhoBlocked(userIds: string[], otherId: string): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await getDb()
    .select({ userId: userBlocks.userId })
    .from(userBlocks)
    .where(and(inArray(userBlocks.userId, userIds), eq(userBlocks.blockedUserId, otherId)));
  return new Set(rows.map((r) => r.userId));
}
