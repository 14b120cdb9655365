import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { seed } from '@/db/seed';
import { mailOutbox, sessions, users } from '@/db/schema';
import { signUp } from '@/lib/auth/accounts';
import { createSession } from '@/lib/auth/sessions';
import { queueMail } from '@/lib/mail/outbox';
import { runRetention } from '@/lib/privacy/retention';
import { updateSettings } from '@/lib/settings';
import { makeMember, signUpForm } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

beforeEach(async () => {
  await seed();
});

const daysAgo = (n: number) => sql`now() - make_interval(days => ${n})`;

describe('retention, as the data map declares it', () => {
  it('empties network addresses and browsers of old sessions, keeping the sessions', async () => {
    const ann = await makeMember('ann');
    const old = await createSession(ann.id, 1, { ip: '203.0.113.5', userAgent: 'Firefox' });
    const fresh = await createSession(ann.id, 1, { ip: '203.0.113.6', userAgent: 'Chrome' });
    await getDb().update(sessions).set({ createdAt: daysAgo(31) }).where(eq(sessions.id, old));

    const counts = await runRetention();
    expect(counts['sessions.ip']).toBe(1);
    expect(counts['sessions.user_agent']).toBe(1);
    const rows = await getDb().select({ id: sessions.id, ip: sessions.ip, userAgent: sessions.userAgent }).from(sessions).where(eq(sessions.userId, ann.id));
    expect(rows.find((r) => r.id === old)).toEqual({ id: old, ip: null, userAgent: null });
    expect(rows.find((r) => r.id === fresh)).toEqual({ id: fresh, ip: '203.0.113.6', userAgent: 'Chrome' });

    // The setting decides: at 14 days, a 20-day-old address goes too.
    await getDb().update(sessions).set({ createdAt: daysAgo(20) }).where(eq(sessions.id, fresh));
    expect((await runRetention())['sessions.ip']).toBe(0);
    await updateSettings({ ipRetentionDays: 14 });
    expect((await runRetention())['sessions.ip']).toBe(1);
  });

  it('deletes old mail from the outbox and sign-ups never confirmed, and nothing newer', async () => {
    const ann = await makeMember('ann');
    const oldMail = await queueMail({ email: 'ann@example.com', userId: ann.id }, 'test', { subject: 'Old', text: 'Old mail' });
    await queueMail({ email: 'ann@example.com', userId: ann.id }, 'test', { subject: 'New', text: 'New mail' });
    await getDb().update(mailOutbox).set({ createdAt: daysAgo(31) }).where(eq(mailOutbox.id, oldMail));

    await signUp(await signUpForm({ username: 'ghost', email: 'ghost@example.com' }), { ip: '198.51.100.1' });
    await signUp(await signUpForm({ username: 'late', email: 'late@example.com' }), { ip: '198.51.100.2' });
    await getDb().update(users).set({ createdAt: daysAgo(8) }).where(eq(users.username, 'ghost'));
    // A confirmed member is never removed for age.
    await getDb().update(users).set({ createdAt: daysAgo(400) }).where(eq(users.id, ann.id));

    const counts = await runRetention();
    expect(counts['mail_outbox rows']).toBe(1);
    expect(counts['users rows']).toBe(1);
    const usernames = (await getDb().select({ username: users.username }).from(users)).map((u) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['ann', 'late']));
    expect(usernames).not.toContain('ghost');
    const kept = (await getDb().select({ subject: mailOutbox.subject }).from(mailOutbox).where(eq(mailOutbox.userId, ann.id))).map((m) => m.subject);
    expect(kept).toContain('New');
    expect(kept).not.toContain('Old');
  });
});
