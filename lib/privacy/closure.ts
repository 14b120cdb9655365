import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { accountClosures, privacySettings, users, type ClosureMode } from '@/db/schema';
import { audit } from '@/lib/audit';
import { verifyPassword } from '@/lib/auth/passwords';
import { digest } from '@/lib/auth/tokens';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { deliverMail, queueMail } from '@/lib/mail/outbox';
import { footer, type MailContent } from '@/lib/mail/templates';
import { can, type Actor } from '@/lib/permissions';
import { getSettings, type Settings } from '@/lib/settings';
import { siteUrl } from '@/lib/site-url';
import { issuesByField } from '@/lib/validation';
import { eraseMember, releaseQuarantinedUsernames } from './erasure';
import { advanceRequest } from './requests';

const CONFIRM_HOURS = 24;
const DAY = 86_400_000;

const longDate = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const modeWords: Record<ClosureMode, string> = {
  anonymize: 'anonymized: your posts stay, under an anonymous name, and everything that identifies you is deleted',
  erase: 'erased: your posts and messages are removed along with everything that identifies you',
};

const mails = {
  confirm: (p: { siteName: string; name: string; link: string; mode: ClosureMode; coolingOffDays: number }): MailContent => ({
    subject: `Confirm closing your ${p.siteName} account`,
    text:
      `Hi ${p.name},\n\nYou asked to close your account. It will be ${modeWords[p.mode]}.\n\n` +
      `To confirm, open this link within ${CONFIRM_HOURS} hours:\n\n${p.link}\n\n` +
      (p.coolingOffDays > 0
        ? `After you confirm, you have ${p.coolingOffDays} day${p.coolingOffDays === 1 ? '' : 's'} to change your mind: sign in and cancel.`
        : 'The account is closed as soon as you confirm; this cannot be undone.') +
      `\n\nIf you did not ask for this, ignore this mail and change your password.` +
      footer(p.siteName),
  }),
  scheduled: (p: { siteName: string; name: string; when: Date; mode: ClosureMode }): MailContent => ({
    subject: `Your ${p.siteName} account will be closed on ${longDate(p.when)}`,
    text:
      `Hi ${p.name},\n\nYou confirmed closing your account. On ${longDate(p.when)} it will be ${modeWords[p.mode]}.\n\n` +
      `Changed your mind? Sign in before then and cancel: ${siteUrl('/settings/account')}` +
      footer(p.siteName),
  }),
  cancelled: (p: { siteName: string; name: string }): MailContent => ({
    subject: `Your ${p.siteName} account stays open`,
    text: `Hi ${p.name},\n\nThe closure of your account was cancelled. Nothing has been deleted.` + footer(p.siteName),
  }),
  closed: (p: { siteName: string; name: string; mode: ClosureMode; byAdmin: boolean }): MailContent => ({
    subject: `Your ${p.siteName} account has been closed`,
    text:
      `Hi ${p.name},\n\n${p.byAdmin ? 'An administrator closed your account.' : 'Your account has been closed, as you asked.'} ` +
      `It has been ${modeWords[p.mode]}. You can no longer sign in.\n\n` +
      `This is the last mail you will get from us: your address is deleted once it is sent.` +
      footer(p.siteName),
  }),
  inactive: (p: { siteName: string; name: string; when: Date; days: number; mode: ClosureMode; fromActivity: boolean }): MailContent => ({
    subject: `Your ${p.siteName} account will be closed in ${p.days} days`,
    text:
      `Hi ${p.name},\n\nYour account has not been used for a long time. Under the site's retention rules it will be closed on ${longDate(p.when)} ` +
      `and ${modeWords[p.mode]}.\n\n` +
      (p.fromActivity
        ? `To keep it, just sign in before then: ${siteUrl('/signin')}`
        : `Accounts on this site are kept for a fixed time from sign-up. Download your data before then: ${siteUrl('/settings/data')}`) +
      footer(p.siteName),
  }),
};

export function allowedModes(settings: Pick<Settings, 'allowAccountAnonymize' | 'allowAccountErase'>): ClosureMode[] {
  return [...(settings.allowAccountAnonymize ? (['anonymize'] as const) : []), ...(settings.allowAccountErase ? (['erase'] as const) : [])];
}

export interface PendingClosure {
  id: number;
  mode: ClosureMode;
  status: 'unconfirmed' | 'cooling_off' | 'processing';
  requestedAt: Date;
  processAfter: Date | null;
}

/** The member's closure in progress, if any (one asked for and not yet done or cancelled). */
export async function pendingClosure(userId: string): Promise<PendingClosure | null> {
  const [row] = await getDb()
    .select({
      id: accountClosures.id,
      mode: accountClosures.mode,
      status: accountClosures.status,
      requestedAt: accountClosures.requestedAt,
      processAfter: accountClosures.processAfter,
    })
    .from(accountClosures)
    .where(
      and(
        eq(accountClosures.userId, userId),
        inArray(accountClosures.status, ['unconfirmed', 'cooling_off', 'processing']),
        // A confirmation link that was never used stops counting when it expires.
        sql`(${accountClosures.status} <> 'unconfirmed' or ${accountClosures.requestedAt} > now() - make_interval(hours => ${CONFIRM_HOURS}))`,
      ),
    )
    .orderBy(desc(accountClosures.requestedAt))
    .limit(1);
  return (row as PendingClosure | undefined) ?? null;
}

/** Whether the account with this email is waiting out its cooling-off period (signing in offers to cancel). */
export async function coolingOffFor(email: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: accountClosures.id })
    .from(accountClosures)
    .innerJoin(users, eq(users.id, accountClosures.userId))
    .where(and(sql`lower(${users.email}) = lower(${email.trim()})`, eq(accountClosures.status, 'cooling_off')))
    .limit(1);
  return Boolean(row);
}

async function memberContact(userId: string) {
  const [member] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, role: users.role, closedAt: users.closedAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!member) throw new NotFound();
  return member;
}

const requestSchema = z.object({
  mode: z.enum(['anonymize', 'erase'], { error: 'Choose what happens to your posts.' }),
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200),
});

/**
 * Step one of closing one's own account: the password is checked and a confirmation link is mailed.
 * Nothing happens until the link is opened.
 */
export async function requestClosure(viewer: Actor, input: { mode?: unknown; password?: unknown }): Promise<{ email: string }> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  const settings = await getSettings();
  if (!allowedModes(settings).includes(parsed.data.mode)) throw new Invalid({ mode: 'This site does not offer that choice.' });
  const member = await memberContact(viewer.id);
  if (member.role === 'admin') throw new Invalid({ form: 'Administrators cannot close their own account. Ask another administrator to remove your role first.' });
  if (!(await verifyPassword(member.passwordHash, parsed.data.password))) throw new Invalid({ password: 'That password is not right.' });
  const pending = await pendingClosure(viewer.id);
  if (pending && pending.status !== 'unconfirmed') throw new Invalid({ form: 'Your account is already being closed.' });

  const token = randomBytes(32).toString('base64url');
  await getDb().transaction(async (tx) => {
    // A new link replaces any earlier one that was never used.
    await tx
      .update(accountClosures)
      .set({ status: 'cancelled', cancelledAt: new Date(), tokenHash: null })
      .where(and(eq(accountClosures.userId, viewer.id), eq(accountClosures.status, 'unconfirmed')));
    await tx.insert(accountClosures).values({ userId: viewer.id, mode: parsed.data.mode, source: 'member', status: 'unconfirmed', tokenHash: digest(token) });
  });
  await queueMail(
    { email: member.email, userId: member.id },
    'close-account-confirm',
    mails.confirm({
      siteName: settings.siteName,
      name: member.name,
      link: siteUrl(`/settings/account/confirm?token=${token}`),
      mode: parsed.data.mode,
      coolingOffDays: settings.closureCoolingOffDays,
    }),
  );
  return { email: member.email };
}

async function closureForToken(token: string) {
  if (!token || token.length > 200) return null;
  const [row] = await getDb()
    .select()
    .from(accountClosures)
    .where(
      and(
        eq(accountClosures.tokenHash, digest(token)),
        eq(accountClosures.status, 'unconfirmed'),
        sql`${accountClosures.requestedAt} > now() - make_interval(hours => ${CONFIRM_HOURS})`,
      ),
    );
  return row ?? null;
}

/** What the confirmation page shows before the member presses the button. */
export async function describeConfirmation(token: string): Promise<{ mode: ClosureMode; coolingOffDays: number } | null> {
  const row = await closureForToken(token);
  if (!row) return null;
  return { mode: row.mode, coolingOffDays: (await getSettings()).closureCoolingOffDays };
}

/**
 * Step two: the mailed link confirms. The cooling-off period starts (signing in during it offers to
 * cancel); with no cooling-off the account is closed at once.
 */
export async function confirmClosure(token: string): Promise<{ processAfter: Date; closed: boolean }> {
  const row = await closureForToken(token);
  if (!row) throw new Invalid({ form: 'This link is not valid any more. Ask for a new one on your account settings.' });
  const settings = await getSettings();
  const processAfter = new Date(Date.now() + settings.closureCoolingOffDays * DAY);
  const [updated] = await getDb()
    .update(accountClosures)
    .set({ status: 'cooling_off', confirmedAt: new Date(), processAfter, tokenHash: null })
    .where(and(eq(accountClosures.id, row.id), eq(accountClosures.status, 'unconfirmed')))
    .returning({ id: accountClosures.id });
  if (!updated) throw new Invalid({ form: 'This link is not valid any more. Ask for a new one on your account settings.' });
  if (settings.closureCoolingOffDays === 0) {
    await processClosure(row.id);
    return { processAfter, closed: true };
  }
  const member = await memberContact(row.userId);
  await queueMail({ email: member.email, userId: member.id }, 'close-account-scheduled', mails.scheduled({ siteName: settings.siteName, name: member.name, when: processAfter, mode: row.mode }));
  return { processAfter, closed: false };
}

/** The member changes their mind: before the link is used or during the cooling-off period. */
export async function cancelClosure(viewer: Pick<Actor, 'id'>): Promise<boolean> {
  const cancelled = await getDb()
    .update(accountClosures)
    .set({ status: 'cancelled', cancelledAt: new Date(), tokenHash: null })
    .where(and(eq(accountClosures.userId, viewer.id), inArray(accountClosures.status, ['unconfirmed', 'cooling_off'])))
    .returning({ status: accountClosures.status });
  if (cancelled.some((c) => c.status === 'cooling_off' || c.status === 'cancelled')) {
    const member = await memberContact(viewer.id);
    const settings = await getSettings();
    await queueMail({ email: member.email, userId: member.id }, 'close-account-cancelled', mails.cancelled({ siteName: settings.siteName, name: member.name }));
  }
  return cancelled.length > 0;
}

/**
 * Carries out a closure: the final mail is sent first (the address is gone afterwards), then the
 * erasure engine walks the data map. Safe to run twice: a closure is claimed before it is worked.
 */
export async function processClosure(id: number): Promise<void> {
  const db = getDb();
  const [claimed] = await db
    .update(accountClosures)
    .set({ status: 'processing' })
    .where(
      and(
        eq(accountClosures.id, id),
        sql`(${accountClosures.status} = 'processing' or (${accountClosures.status} = 'cooling_off' and ${accountClosures.processAfter} <= now()))`,
      ),
    )
    .returning();
  if (!claimed) return;
  const member = await memberContact(claimed.userId);
  if (!member.closedAt) {
    const settings = await getSettings();
    const mailId = await queueMail(
      { email: member.email, userId: member.id },
      'account-closed',
      mails.closed({ siteName: settings.siteName, name: member.name, mode: claimed.mode, byAdmin: claimed.source === 'admin' }),
    );
    try {
      await deliverMail(mailId);
    } catch (e) {
      // The closure goes ahead: keeping the address to retry would keep what the member asked to delete.
      console.error('[closure] the final mail could not be delivered:', (e as Error).message);
    }
    await eraseMember(claimed.userId, claimed.mode);
  }
  await db.update(accountClosures).set({ status: 'done', processedAt: new Date() }).where(eq(accountClosures.id, id));
  if (claimed.requestId) await advanceRequest(claimed.requestId, 'complete');
}

export const adminCloseSchema = z.object({
  mode: z.enum(['anonymize', 'erase'], { error: 'Choose anonymize or erase.' }),
  reason: z.string({ error: 'Give a reason of at least 10 characters.' }).trim().min(10, 'Give a reason of at least 10 characters.').max(500, 'Keep the reason under 500 characters.'),
});

/**
 * An admin closes any member's account at once, with a reason. The audit log keeps the account's id,
 * which after closure belongs to the anonymous account: never the old name or email.
 */
export async function adminCloseAccount(viewer: Actor, userId: string, input: { mode?: unknown; reason?: unknown }): Promise<void> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const parsed = adminCloseSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  if (userId === viewer.id) throw new Invalid({ form: 'You cannot close your own account here.' });
  const member = await memberContact(userId);
  if (member.closedAt) throw new Invalid({ form: 'This account is already closed.' });
  if (member.role === 'admin') throw new Invalid({ form: 'Remove the administrator role first; then the account can be closed.' });
  const [row] = await getDb()
    .insert(accountClosures)
    .values({ userId, mode: parsed.data.mode, source: 'admin', status: 'processing', confirmedAt: new Date(), processAfter: new Date() })
    .returning({ id: accountClosures.id });
  await audit(viewer, 'member.close', { type: 'member', id: userId }, parsed.data.reason, { mode: parsed.data.mode });
  await processClosure(row.id);
}

/** What an admin sees before closing an account. */
export async function memberForClosure(viewer: Actor, userId: string) {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const [member] = await getDb()
    .select({ id: users.id, username: users.username, name: users.name, role: users.role, createdAt: users.createdAt, closedAt: users.closedAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!member) throw new NotFound();
  return { ...member, pending: await pendingClosure(userId) };
}

/** An approved erasure request: no cooling-off (the member asked, an officer approved); the request completes when done. */
export async function closeForRequest(userId: string, mode: ClosureMode, requestId: number): Promise<void> {
  const [row] = await getDb()
    .insert(accountClosures)
    .values({ userId, mode, source: 'request', requestId, status: 'processing', confirmedAt: new Date(), processAfter: new Date() })
    .returning({ id: accountClosures.id });
  await processClosure(row.id);
}

/** Inactive-account retention: warnings 30 and 7 days ahead, then closure; counts only. */
async function runInactivity(settings: Settings): Promise<Record<string, number>> {
  const counts = { warned30: 0, warned7: 0, closed: 0 };
  if (settings.inactiveAccountYears <= 0) return counts;
  const db = getDb();
  const fromActivity = settings.inactiveAccountFrom === 'activity';
  const since = fromActivity ? sql`coalesce(${users.lastSeenAt}, ${users.createdAt})` : sql`${users.createdAt}`;
  const deadline = sql`(${since} + make_interval(years => ${settings.inactiveAccountYears}))`;
  const eligible = and(
    isNull(users.closedAt),
    sql`${users.emailVerifiedAt} is not null`,
    sql`${users.role} <> 'admin'`,
    // Restricted accounts are left as they are until the member lifts the restriction.
    sql`not exists (select 1 from ${privacySettings} where ${privacySettings.userId} = ${users.id} and ${privacySettings.restrictedAt} is not null)`,
    sql`not exists (select 1 from ${accountClosures} where ${accountClosures.userId} = ${users.id} and ${accountClosures.status} in ('cooling_off', 'processing'))`,
  );
  const warn = async (days: 30 | 7, condition: ReturnType<typeof and>) => {
    const due = await db
      .update(users)
      .set({ inactivityWarning: days, inactivityWarnedAt: new Date() })
      .where(and(eligible, condition))
      .returning({ id: users.id, name: users.name, email: users.email, since: sql<Date>`${deadline}` });
    for (const m of due) {
      const when = new Date(Math.max(new Date(m.since).getTime(), Date.now() + days * DAY));
      await queueMail(
        { email: m.email, userId: m.id },
        'inactive-account-warning',
        mails.inactive({ siteName: settings.siteName, name: m.name, when, days, mode: settings.inactiveAccountMode, fromActivity }),
      );
    }
    return due.length;
  };
  // Members active again since a warning (signed in, or used the site) start afresh.
  await db
    .update(users)
    .set({ inactivityWarning: null, inactivityWarnedAt: null })
    .where(and(sql`${users.inactivityWarning} is not null`, sql`${deadline} > now() + interval '30 days'`));
  // Every member is warned 30 days ahead and again 7 days ahead, however long they were inactive already.
  counts.warned30 = await warn(30, and(isNull(users.inactivityWarning), sql`${deadline} <= now() + interval '30 days'`));
  counts.warned7 = await warn(
    7,
    and(eq(users.inactivityWarning, 30), sql`${users.inactivityWarnedAt} <= now() - interval '23 days'`, sql`${deadline} <= now() + interval '7 days'`),
  );
  const due = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eligible, eq(users.inactivityWarning, 7), lte(users.inactivityWarnedAt, sql`now() - interval '7 days'`), sql`${deadline} <= now()`));
  for (const m of due) {
    const [row] = await db
      .insert(accountClosures)
      .values({ userId: m.id, mode: settings.inactiveAccountMode, source: 'inactivity', status: 'processing', processAfter: new Date() })
      .returning({ id: accountClosures.id });
    await processClosure(row.id);
    counts.closed++;
  }
  return counts;
}

/** The scheduled sweep: closures whose cooling-off ended, inactive accounts, usernames out of quarantine. */
export async function runDueClosures(): Promise<Record<string, number>> {
  const settings = await getSettings();
  const due = await getDb()
    .select({ id: accountClosures.id })
    .from(accountClosures)
    .where(
      sql`(${accountClosures.status} = 'cooling_off' and ${accountClosures.processAfter} <= now()) or (${accountClosures.status} = 'processing' and ${accountClosures.requestedAt} < now() - interval '10 minutes')`,
    );
  let processed = 0;
  for (const c of due) {
    await processClosure(c.id);
    processed++;
  }
  const counts = { processed, ...(await runInactivity(settings)), usernamesReleased: await releaseQuarantinedUsernames() };
  console.log('[closures]', JSON.stringify(counts));
  return counts;
}
