import 'server-only';
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { consents, privacySettings, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { Forbidden } from '@/lib/errors';
import { queueMail } from '@/lib/mail/outbox';
import { can, type Actor } from '@/lib/permissions';
import { getSettings } from '@/lib/settings';
import { siteUrl } from '@/lib/site-url';
import { parseOrInvalid, requiredText } from '@/lib/validation';
import { announcementMail } from './announcement-mail';
import { notRestrictedSql } from './restriction';

/**
 * Mail about the community (announcements) goes only to members who asked for it. The consent record
 * is the source of truth: an open 'marketing_email' consent (given, not withdrawn) means yes, whether
 * it was given at sign-up or later on the privacy page. privacy_settings.marketing_email mirrors it.
 */

export interface MarketingConsent {
  on: boolean;
  /** When the current yes was given (null while off). */
  since: Date | null;
}

const openConsent = (userId: string) => and(eq(consents.userId, userId), eq(consents.kind, 'marketing_email'), isNull(consents.withdrawnAt));

export async function getMarketingConsent(userId: string): Promise<MarketingConsent> {
  const [row] = await getDb().select({ givenAt: consents.givenAt }).from(consents).where(openConsent(userId)).orderBy(desc(consents.givenAt)).limit(1);
  return { on: Boolean(row), since: row?.givenAt ?? null };
}

const choiceSchema = z.object({
  marketingEmail: z.union([z.boolean(), z.enum(['on', 'off', 'true', 'false'])], { error: 'Choose whether you want mail about the community.' }).transform((v) => v === true || v === 'on' || v === 'true'),
});

/**
 * Turns mail about the community on (a consent row is recorded with the time it was given) or off (the
 * open consent is marked withdrawn). Saying the same thing twice records nothing new.
 */
export async function setMarketingEmail(viewer: Pick<Actor, 'id'>, input: { marketingEmail: unknown }): Promise<MarketingConsent> {
  const { marketingEmail: on } = parseOrInvalid(choiceSchema, input);
  await getDb().transaction(async (tx) => {
    const open = await tx.select({ id: consents.id }).from(consents).where(openConsent(viewer.id)).for('update');
    if (on && !open.length) await tx.insert(consents).values({ userId: viewer.id, kind: 'marketing_email' });
    if (!on && open.length) await tx.update(consents).set({ withdrawnAt: sql`now()` }).where(openConsent(viewer.id));
    await tx
      .insert(privacySettings)
      .values({ userId: viewer.id, marketingEmail: on })
      .onConflictDoUpdate({ target: privacySettings.userId, set: { marketingEmail: on, updatedAt: sql`now()` } });
  });
  return getMarketingConsent(viewer.id);
}

/**
 * Who receives an announcement: members with a confirmed address, whose account is not closed, who
 * have not restricted processing, and who said yes to mail about the community (and have not withdrawn it).
 */
export async function marketingAudience(): Promise<{ id: string; email: string; name: string }[]> {
  return getDb().select({ id: users.id, email: users.email, name: users.name }).from(users).where(inAudience()).orderBy(asc(users.createdAt), asc(users.id));
}

function inAudience() {
  return and(
    isNotNull(users.emailVerifiedAt),
    isNull(users.closedAt),
    notRestrictedSql(users.id),
    sql`exists (select 1 from ${consents} where ${consents.userId} = ${users.id} and ${consents.kind} = 'marketing_email' and ${consents.withdrawnAt} is null)`,
  );
}

/** Admin: how many members an announcement would reach right now. */
export async function marketingAudienceSize(viewer: Actor): Promise<number> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const [{ n }] = await getDb().select({ n: sql<number>`count(*)::int` }).from(users).where(inAudience());
  return n;
}

export const ANNOUNCEMENT_SUBJECT_MAX = 150;
export const ANNOUNCEMENT_BODY_MAX = 20_000;

const announcementSchema = z.object({
  subject: requiredText(ANNOUNCEMENT_SUBJECT_MAX, 'Subject').refine((s) => !/[\r\n]/.test(s), 'Keep the subject on one line.'),
  body: requiredText(ANNOUNCEMENT_BODY_MAX, 'Message'),
});


/**
 * Admin: mails an announcement to the marketing audience, one mail each through the outbox, each with
 * the way to stop them. The audit log records that it was sent and to how many, never to whom.
 */
export async function sendAnnouncement(viewer: Actor, input: { subject: unknown; body: unknown }): Promise<number> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const { subject, body } = parseOrInvalid(announcementSchema, input);
  const [{ siteName }, audience] = await Promise.all([getSettings(), marketingAudience()]);
  const stopLink = siteUrl('/settings/privacy');
  for (const member of audience) {
    await queueMail({ email: member.email, userId: member.id }, 'announcement', announcementMail({ siteName, name: member.name, subject, body, stopLink }));
  }
  await audit(viewer, 'announcement.send', { type: 'site', id: 'announcement' }, null, { recipients: audience.length });
  return audience.length;
}
