import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { consents, profiles, users } from '@/db/schema';
import { seed } from '@/db/seed';
import { signUp } from '@/lib/auth/accounts';
import { mailsTo } from '@/lib/mail/outbox';
import { policiesForSignUp } from '@/lib/policies';
import { updateSettings } from '@/lib/settings';
import { fieldErrors, signUpForm, STRONG_PASSWORD, yearsAgo } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

const ip = { ip: '198.51.100.7' };

beforeEach(async () => {
  process.env.ADMIN_PASSWORD = 'Admin-Hearth-Seed-Password-1';
  await seed();
});

async function userByEmail(email: string) {
  const rows = await getDb().select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return rows;
}

async function memberCount(): Promise<number> {
  const [{ n }] = await getDb().select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.role, 'member'));
  return n;
}

describe('sign-up', () => {
  it('creates an unconfirmed member with a profile and mails a confirmation link', async () => {
    const answer = await signUp(await signUpForm(), ip);
    expect(answer).toEqual({ email: 'ada@example.com' });

    const [user] = await userByEmail('ada@example.com');
    expect(user).toMatchObject({ username: 'ada', name: 'Ada Lovelace', role: 'member', trustLevel: 0, minorUntil: null });
    expect(user.emailVerifiedAt).toBeNull();
    expect(await getDb().select().from(profiles).where(eq(profiles.userId, user.id))).toHaveLength(1);

    const mails = await mailsTo('ada@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].template).toBe('verify-email');
    expect(mails[0].subject).toContain('Confirm your email');
    expect(mails[0].textBody).toContain('Hi Ada Lovelace');
    expect(mails[0].textBody).toMatch(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]{20,}/);
  });

  it('stores the password as an argon2id hash, never as typed', async () => {
    await signUp(await signUpForm(), ip);
    const [user] = await userByEmail('ada@example.com');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(STRONG_PASSWORD);
  });

  it('refuses a sign-up that leaves a required policy unticked, naming that policy, and creates no one', async () => {
    const required = await policiesForSignUp();
    expect(required.map((p) => p.slug)).toEqual(['terms', 'privacy', 'cookies']);
    const privacy = required.find((p) => p.slug === 'privacy')!;

    const fields = await fieldErrors(
      signUp(await signUpForm({ acceptedVersionIds: required.filter((p) => p !== privacy).map((p) => p.versionId) }), ip),
    );
    expect(Object.keys(fields)).toEqual(['policy_privacy']);
    expect(fields.policy_privacy).toContain('Privacy notice');

    const none = await fieldErrors(signUp(await signUpForm({ acceptedVersionIds: [] }), ip));
    expect(Object.keys(none).sort()).toEqual(['policy_cookies', 'policy_privacy', 'policy_terms']);

    expect(await memberCount()).toBe(0);
    expect(await mailsTo('ada@example.com')).toEqual([]);
  });

  it('records one consent per accepted policy version, and no marketing consent unless ticked', async () => {
    await signUp(await signUpForm(), ip);
    const [user] = await userByEmail('ada@example.com');
    const rows = await getDb().select().from(consents).where(eq(consents.userId, user.id));
    const required = await policiesForSignUp();

    expect(rows.map((r) => r.kind)).toEqual(['policy', 'policy', 'policy']);
    expect(rows.map((r) => r.policyVersionId).sort()).toEqual(required.map((p) => p.versionId).sort());
    expect(rows.every((r) => r.withdrawnAt === null)).toBe(true);
  });

  it('records marketing consent as its own row when the box is ticked', async () => {
    await signUp(await signUpForm({ marketingEmail: true }), ip);
    const [user] = await userByEmail('ada@example.com');
    const rows = await getDb().select().from(consents).where(eq(consents.userId, user.id));
    const marketing = rows.filter((r) => r.kind === 'marketing_email');
    expect(marketing).toHaveLength(1);
    expect(marketing[0].policyVersionId).toBeNull();
    expect(rows.filter((r) => r.kind === 'policy')).toHaveLength(3);
  });

  it('refuses children under 13 on the date of birth field', async () => {
    const fields = await fieldErrors(signUp(await signUpForm({ dateOfBirth: yearsAgo(12) }), ip));
    expect(fields.dateOfBirth).toMatch(/at least 13/);
    expect(await memberCount()).toBe(0);
  });

  it('accepts someone who turned 13 today', async () => {
    await signUp(await signUpForm({ dateOfBirth: yearsAgo(13), guardianConsent: true }), ip);
    expect(await userByEmail('ada@example.com')).toHaveLength(1);
  });

  it('asks members aged 13 to 15 for a guardian, and records the guardian consent and the end of minority', async () => {
    const dateOfBirth = yearsAgo(14);
    const fields = await fieldErrors(signUp(await signUpForm({ dateOfBirth }), ip));
    expect(Object.keys(fields)).toEqual(['guardianConsent']);
    expect(fields.guardianConsent).toMatch(/parent or guardian/);
    expect(await memberCount()).toBe(0);

    await signUp(await signUpForm({ dateOfBirth, guardianConsent: true }), ip);
    const [user] = await userByEmail('ada@example.com');
    // The sixteenth birthday: the day the member reaches the age of digital consent.
    expect(user.minorUntil).toBe(`${Number(dateOfBirth.slice(0, 4)) + 16}${dateOfBirth.slice(4)}`);
    const rows = await getDb().select().from(consents).where(eq(consents.userId, user.id));
    expect(rows.filter((r) => r.kind === 'guardian')).toHaveLength(1);
  });

  it('treats a 16-year-old as an adult: no guardian needed, nothing recorded about minority', async () => {
    await signUp(await signUpForm({ dateOfBirth: yearsAgo(16) }), ip);
    const [user] = await userByEmail('ada@example.com');
    expect(user.minorUntil).toBeNull();
    const rows = await getDb().select().from(consents).where(eq(consents.userId, user.id));
    expect(rows.some((r) => r.kind === 'guardian')).toBe(false);
  });

  describe('puts a message beside the field that is wrong', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['a malformed email', { email: 'ada-at-example' }, 'email', /email address like/],
      ['an empty email', { email: '  ' }, 'email', /Email is required/],
      ['an empty name', { name: '   ' }, 'name', /Name is required/],
      ['a name over 60 characters', { name: 'A'.repeat(61) }, 'name', /at most 60/],
      ['a username with spaces and symbols', { username: 'ada lovelace!' }, 'username', /letters, digits/],
      ['a too short username', { username: 'ab' }, 'username', /at least 3/],
      ['a common password', { password: 'password123456' }, 'password', /too common|easy to guess/],
      ['a short password', { password: 'Xq9!fT' }, 'password', /at least 10 characters/],
      ['an impossible date', { dateOfBirth: '2001-02-30' }, 'dateOfBirth', /real date/],
      ['a date in another format', { dateOfBirth: '17/05/1990' }, 'dateOfBirth', /real date/],
      ['a future date', { dateOfBirth: yearsAgo(-1) }, 'dateOfBirth', /future/],
    ];
    for (const [what, override, field, message] of cases) {
      it(`${what} → ${field}`, async () => {
        const fields = await fieldErrors(signUp(await signUpForm(override), ip));
        expect(fields[field]).toMatch(message);
        expect(await memberCount()).toBe(0);
      });
    }
  });

  it('reports every problem of the form at once', async () => {
    await signUp(await signUpForm(), ip);
    const fields = await fieldErrors(
      signUp(
        await signUpForm({ username: 'Ada', email: 'not-an-email', password: 'password123456', dateOfBirth: yearsAgo(10), acceptedVersionIds: [] }),
        ip,
      ),
    );
    expect(Object.keys(fields).sort()).toEqual(['dateOfBirth', 'email', 'password', 'policy_cookies', 'policy_privacy', 'policy_terms', 'username']);
    expect(await memberCount()).toBe(1);
  });

  it('refuses a password made of the member\'s own name', async () => {
    const fields = await fieldErrors(
      signUp(await signUpForm({ name: 'Bartholomew Quince', username: 'bquince', password: 'bartholomewquince' }), ip),
    );
    expect(fields.password).toMatch(/too common|easy to guess/);
  });

  it('refuses a username that is taken, whatever its case', async () => {
    await signUp(await signUpForm(), ip);
    const fields = await fieldErrors(signUp(await signUpForm({ username: 'ADA', email: 'other@example.com' }), ip));
    expect(fields).toEqual({ username: 'That username is taken. Try another.' });
    expect(await userByEmail('other@example.com')).toEqual([]);
  });

  it('answers a sign-up with a registered email exactly like a new one, and tells the owner by mail instead', async () => {
    const first = await signUp(await signUpForm(), ip);
    const again = await signUp(
      await signUpForm({ email: 'ADA@Example.com', username: 'ada2', name: 'Someone Else' }),
      { ip: '198.51.100.8' },
    );
    expect(again).toEqual({ email: 'ADA@Example.com' });
    expect(Object.keys(again)).toEqual(Object.keys(first));

    expect(await userByEmail('ada@example.com')).toHaveLength(1);
    expect(await memberCount()).toBe(1);
    const [owner] = await userByEmail('ada@example.com');
    expect(owner.name).toBe('Ada Lovelace');

    const mails = await mailsTo('ada@example.com');
    expect(mails.map((m) => m.template)).toEqual(['signup-existing', 'verify-email']);
    expect(mails[0].subject).toMatch(/tried to sign up/);
    expect(mails[0].textBody).toContain('Hi Ada Lovelace');
    expect(mails[0].textBody).toContain('/forgot-password');
    expect(mails[0].textBody).not.toContain('token=');
  });

  it('stops repeated sign-ups with one address from flooding its owner with mail', async () => {
    await signUp(await signUpForm(), { ip: '198.51.100.1' });
    const attempts = [];
    for (let i = 0; i < 5; i++) {
      attempts.push(
        await signUp(await signUpForm({ username: `copy${i}`, name: 'Copycat' }), { ip: `198.51.100.${i + 10}` }).then(
          () => 'accepted',
          (e: Error) => e.message,
        ),
      );
    }
    const notices = (await mailsTo('ada@example.com')).filter((m) => m.template === 'signup-existing');
    expect(notices.length).toBeLessThanOrEqual(2);
    expect(attempts.filter((a) => a !== 'accepted').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses when sign-ups are closed', async () => {
    await updateSettings({ signupsOpen: false });
    const fields = await fieldErrors(signUp(await signUpForm(), ip));
    expect(fields.form).toMatch(/closed/);
    expect(await memberCount()).toBe(0);
  });

  it('limits sign-ups from one network to the number the admin set', async () => {
    await updateSettings({ maxSignupsPerIpPerHour: 3 });
    for (let i = 0; i < 3; i++) {
      await signUp(await signUpForm({ username: `member${i}`, email: `member${i}@example.com` }), ip);
    }
    const fields = await fieldErrors(signUp(await signUpForm({ username: 'member3', email: 'member3@example.com' }), ip));
    expect(fields.form).toMatch(/Too many sign-up attempts/);
    expect(await userByEmail('member3@example.com')).toEqual([]);
    expect(await mailsTo('member3@example.com')).toEqual([]);
    // Another network is not affected.
    await signUp(await signUpForm({ username: 'member4', email: 'member4@example.com' }), { ip: '192.0.2.99' });
    expect(await userByEmail('member4@example.com')).toHaveLength(1);
  });
});
