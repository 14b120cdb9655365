import 'server-only';
import { asc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { users, type Role } from '@/db/schema';
import { audit } from '@/lib/audit';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { can, type Actor } from '@/lib/permissions';
import { isUuid, issuesByField } from '@/lib/validation';
import { pageWindow } from '@/lib/pagination';

export const MEMBERS_PER_PAGE = 50;
export const TRUST_LEVELS = [0, 1, 2, 3, 4] as const;

/** Members for the admin list, optionally those whose username, name or email contains `q`. */
export async function listMembers(viewer: Actor, { q = '', page = 1 }: { q?: string; page?: number } = {}) {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const needle = q.trim().slice(0, 100);
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = needle ? or(ilike(users.username, pattern), ilike(users.name, pattern), ilike(users.email, pattern)) : undefined;
  const db = getDb();
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(users).where(where);
  const { page: current, pageCount, offset } = pageWindow(total, page, MEMBERS_PER_PAGE);
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      email: users.email,
      role: users.role,
      trustLevel: users.trustLevel,
      privacyOfficer: users.privacyOfficer,
      createdAt: users.createdAt,
      lastSeenAt: users.lastSeenAt,
      closedAt: users.closedAt,
      verified: sql<boolean>`${users.emailVerifiedAt} is not null`,
    })
    .from(users)
    .where(where)
    .orderBy(asc(sql`lower(${users.username})`))
    .limit(MEMBERS_PER_PAGE)
    .offset(offset);
  return { members: rows, page: current, pageCount, total, q: needle };
}

const levelMessage = 'Choose a trust level from 0 to 4.';
const trustSchema = z.object({
  trustLevel: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : Number.NaN),
    z.number({ error: levelMessage }).int(levelMessage).min(0, levelMessage).max(4, levelMessage),
  ),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').optional(),
});

/**
 * Sets a member's trust level by hand; written to the audit log with the old and new level (read under
 * a row lock, so two admins saving at once each record what they really changed). No change, no entry.
 */
export async function setTrustLevel(viewer: Actor, userId: string, raw: { trustLevel: unknown; reason?: unknown }): Promise<void> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const parsed = trustSchema.safeParse(raw);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  if (!isUuid(userId)) throw new NotFound();
  const { trustLevel, reason } = parsed.data;
  await getDb().transaction(async (tx) => {
    const [member] = await tx.select({ trustLevel: users.trustLevel }).from(users).where(eq(users.id, userId)).for('update');
    if (!member) throw new NotFound();
    if (member.trustLevel === trustLevel) return;
    await tx.update(users).set({ trustLevel, updatedAt: sql`now()` }).where(eq(users.id, userId));
    await audit(viewer, 'member.trust_level', { type: 'member', id: userId }, reason || null, { from: member.trustLevel, to: trustLevel }, tx);
  });
}

const roleSchema = z.object({
  role: z.enum(users.role.enumValues, { error: 'Choose member, moderator or admin.' }),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').optional(),
});

/**
 * Makes a member a moderator or an admin, or a member again; written to the audit log. Admins cannot
 * change their own role, so the site always keeps the admin who is doing it.
 */
export async function setRole(viewer: Actor, userId: string, raw: { role: unknown; reason?: unknown }): Promise<Role> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const parsed = roleSchema.safeParse(raw);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  if (!isUuid(userId)) throw new NotFound();
  if (userId === viewer.id) throw new Invalid({ role: 'You cannot change your own role; ask another admin.' });
  const { role, reason } = parsed.data;
  await getDb().transaction(async (tx) => {
    const [member] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).for('update');
    if (!member) throw new NotFound();
    if (member.role === role) return;
    await tx.update(users).set({ role, updatedAt: sql`now()` }).where(eq(users.id, userId));
    await audit(viewer, 'member.role', { type: 'member', id: userId }, reason || null, { from: member.role, to: role }, tx);
  });
  return role;
}

const officerSchema = z.object({
  privacyOfficer: z.enum(['yes', 'no'], { error: 'Choose yes or no.' }),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').optional(),
});

/**
 * Makes a member a privacy officer (they work the data-request queue in the admin area), or not any
 * more; written to the audit log. Returns whether they are one now.
 */
export async function setPrivacyOfficer(viewer: Actor, userId: string, raw: { privacyOfficer: unknown; reason?: unknown }): Promise<boolean> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const parsed = officerSchema.safeParse(raw);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  if (!isUuid(userId)) throw new NotFound();
  const privacyOfficer = parsed.data.privacyOfficer === 'yes';
  await getDb().transaction(async (tx) => {
    const [member] = await tx.select({ privacyOfficer: users.privacyOfficer }).from(users).where(eq(users.id, userId)).for('update');
    if (!member) throw new NotFound();
    if (member.privacyOfficer === privacyOfficer) return;
    await tx.update(users).set({ privacyOfficer, updatedAt: sql`now()` }).where(eq(users.id, userId));
    await audit(viewer, 'member.privacy_officer', { type: 'member', id: userId }, parsed.data.reason || null, { from: member.privacyOfficer, to: privacyOfficer }, tx);
  });
  return privacyOfficer;
}
