import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { seed } from '@/db/seed';
import { accountClosures, privacySettings, users } from '@/db/schema';
import { authenticate } from '@/lib/auth/accounts';
import { mailsTo } from '@/lib/mail/outbox';
import { cancelClosure, confirmClosure, coolingOffFor, pendingClosure, requestClosure, runDueClosures } from '@/lib/privacy/closure';
import { updateSettings } from '@/lib/settings';
import type { Actor } from '@/lib/permissions';
import { fieldErrors, STRONG_PASSWORD, tokenFromMail, verifiedMember } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

beforeEach(async () => {
  await seed();
});

async function member(username = 'cleo') {
  const { user, form } = await verifiedMember({ username, email: `${username}@example.com`, name: `${username} Example` });
  const actor: Actor = { id: user.id, role: 'member', trustLevel: 0, suspendedUntil: null };
  return { actor, form, email: form.email };
}

const daysAgo = (n: number) => sql`now() - make_interval(days => ${n})`;

describe('closing your own account', () => {
  it('checks the password and the allowed modes, then waits for the mailed link', async () => {
    const { actor, email } = await member();
    expect(await fieldErrors(requestClosure(actor, { mode: 'erase', password: 'wrong-password-here' }))).toEqual({ password: 'That password is not right.' });
    expect(await fieldErrors(requestClosure(actor, { password: STRONG_PASSWORD }))).toHaveProperty('mode');
    await updateSettings({ allowAccountErase: false });
    expect(await fieldErrors(requestClosure(actor, { mode: 'erase', password: STRONG_PASSWORD }))).toEqual({ mode: 'This site does not offer that choice.' });

    await requestClosure(actor, { mode: 'anonymize', password: STRONG_PASSWORD });
    expect(await pendingClosure(actor.id)).toMatchObject({ status: 'unconfirmed', mode: 'anonymize' });
    const [mail] = await mailsTo(email);
    expect(mail.subject).toMatch(/Confirm closing your/);
    expect(mail.textBody).toMatch(/anonymized/);
    // Nothing happens until the link is used.
    const [row] = await getDb().select({ closedAt: users.closedAt }).from(users).where(eq(users.id, actor.id));
    expect(row.closedAt).toBeNull();
  });

  it('after confirming, the cooling-off runs; signing in offers to cancel; cancelling keeps everything', async () => {
    const { actor, email, form } = await member();
    await requestClosure(actor, { mode: 'erase', password: STRONG_PASSWORD });
    const token = await tokenFromMail(email, '/settings/account/confirm');
    const { processAfter, closed } = await confirmClosure(token);
    expect(closed).toBe(false);
    expect(Math.round((processAfter.getTime() - Date.now()) / 86_400_000)).toBe(7);
    expect((await mailsTo(email))[0].subject).toMatch(/will be closed on/);
    // The link works once.
    expect(await fieldErrors(confirmClosure(token))).toHaveProperty('form');

    expect(await coolingOffFor(email)).toBe(true);
    await authenticate(form.email, STRONG_PASSWORD, { ip: '203.0.113.4', userAgent: null });
    expect(await runDueClosures()).toMatchObject({ processed: 0 });

    expect(await cancelClosure(actor)).toBe(true);
    expect(await pendingClosure(actor.id)).toBeNull();
    expect(await coolingOffFor(email)).toBe(false);
    expect((await mailsTo(email))[0].subject).toMatch(/stays open/);
  });

  it('when the cooling-off ends the job closes the account, and it can no longer sign in', async () => {
    const { actor, email, form } = await member();
    await requestClosure(actor, { mode: 'erase', password: STRONG_PASSWORD });
    await confirmClosure(await tokenFromMail(email, '/settings/account/confirm'));
    await getDb().update(accountClosures).set({ processAfter: daysAgo(1) }).where(eq(accountClosures.userId, actor.id));

    expect(await runDueClosures()).toMatchObject({ processed: 1 });
    const [closure] = await getDb().select().from(accountClosures).where(eq(accountClosures.userId, actor.id));
    expect(closure).toMatchObject({ status: 'done', mode: 'erase', source: 'member' });
    await expect(authenticate(form.email, STRONG_PASSWORD, { ip: '203.0.113.4', userAgent: null })).rejects.toMatchObject({ code: 'invalid' });
    // The final mail went out and nothing addressed to them is left behind.
    expect(await mailsTo(email)).toEqual([]);
  });

  it('with no cooling-off, confirming closes the account at once', async () => {
    await updateSettings({ closureCoolingOffDays: 0 });
    const { actor, email } = await member();
    await requestClosure(actor, { mode: 'anonymize', password: STRONG_PASSWORD });
    expect((await confirmClosure(await tokenFromMail(email, '/settings/account/confirm'))).closed).toBe(true);
    const [row] = await getDb().select({ closure: users.closure, email: users.email }).from(users).where(eq(users.id, actor.id));
    expect(row.closure).toBe('anonymize');
    expect(row.email).not.toContain('example.com');
  });
});

describe('inactive accounts', () => {
  it('is off by default', async () => {
    const { actor } = await member();
    await getDb().update(users).set({ lastSeenAt: daysAgo(4000), createdAt: daysAgo(4000) }).where(eq(users.id, actor.id));
    expect(await runDueClosures()).toMatchObject({ warned30: 0, warned7: 0, closed: 0 });
  });

  it('warns 30 and 7 days ahead, then closes, leaving active and restricted accounts alone', async () => {
    await updateSettings({ inactiveAccountYears: 2 });
    const { actor, email } = await member('dormant');
    const { actor: active } = await member('busy');
    const { actor: restricted } = await member('paused');
    await getDb().update(users).set({ lastSeenAt: daysAgo(3 * 365), createdAt: daysAgo(3 * 365) }).where(eq(users.id, actor.id));
    await getDb().update(users).set({ lastSeenAt: daysAgo(3 * 365), createdAt: daysAgo(3 * 365) }).where(eq(users.id, restricted.id));
    await getDb().insert(privacySettings).values({ userId: restricted.id, restrictedAt: new Date() });
    await getDb().update(users).set({ lastSeenAt: daysAgo(10), createdAt: daysAgo(3 * 365) }).where(eq(users.id, active.id));

    // Long overdue, but still told 30 days ahead first.
    expect(await runDueClosures()).toMatchObject({ warned30: 1, warned7: 0, closed: 0 });
    expect((await mailsTo(email))[0].subject).toMatch(/closed in 30 days/);
    expect(await runDueClosures()).toMatchObject({ warned30: 0, warned7: 0, closed: 0 });

    await getDb().update(users).set({ inactivityWarnedAt: daysAgo(23) }).where(eq(users.id, actor.id));
    expect(await runDueClosures()).toMatchObject({ warned7: 1, closed: 0 });
    expect((await mailsTo(email))[0].subject).toMatch(/closed in 7 days/);

    // Signing in now would reset the clock; a member who does not gets closed a week later.
    await getDb().update(users).set({ inactivityWarnedAt: daysAgo(7) }).where(eq(users.id, actor.id));
    expect(await runDueClosures()).toMatchObject({ closed: 1 });
    const rows = await getDb().select({ id: users.id, closure: users.closure }).from(users);
    expect(rows.find((r) => r.id === actor.id)?.closure).toBe('anonymize');
    expect(rows.find((r) => r.id === active.id)?.closure).toBeNull();
    expect(rows.find((r) => r.id === restricted.id)?.closure).toBeNull();
  });

  it('signing in after a warning resets the clock', async () => {
    await updateSettings({ inactiveAccountYears: 1 });
    const { actor, form } = await member('sleepy');
    await getDb().update(users).set({ lastSeenAt: daysAgo(400), createdAt: daysAgo(400) }).where(eq(users.id, actor.id));
    expect(await runDueClosures()).toMatchObject({ warned30: 1 });
    await authenticate(form.email, STRONG_PASSWORD, { ip: '203.0.113.4', userAgent: null });
    const [row] = await getDb().select({ warning: users.inactivityWarning }).from(users).where(eq(users.id, actor.id));
    expect(row.warning).toBeNull();
    expect(await runDueClosures()).toMatchObject({ warned30: 0, warned7: 0, closed: 0 });
  });

  it('counted from sign-up, signing in does not reset the clock', async () => {
    await updateSettings({ inactiveAccountYears: 1, inactiveAccountFrom: 'signup' });
    const { actor, form } = await member('fixedterm');
    await getDb().update(users).set({ createdAt: daysAgo(400) }).where(eq(users.id, actor.id));
    await authenticate(form.email, STRONG_PASSWORD, { ip: '203.0.113.4', userAgent: null });
    expect(await runDueClosures()).toMatchObject({ warned30: 1 });
    await authenticate(form.email, STRONG_PASSWORD, { ip: '203.0.113.4', userAgent: null });
    const [row] = await getDb().select({ warning: users.inactivityWarning }).from(users).where(eq(users.id, actor.id));
    expect(row.warning).toBe(30);
  });
});
