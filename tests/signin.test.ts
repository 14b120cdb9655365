import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { authTokens, sessions, users } from '@/db/schema';
import { seed } from '@/db/seed';
import {
  authenticate,
  AuthFailure,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
  verifyEmail,
} from '@/lib/auth/accounts';
import { LIMITS } from '@/lib/auth/rate-limit';
import { createSession, revokeAllSessions, revokeSession, viewerForSession } from '@/lib/auth/sessions';
import { tokenIsValid } from '@/lib/auth/tokens';
import { mailsTo } from '@/lib/mail/outbox';
import { fieldErrors, signUpForm, STRONG_PASSWORD, tokenFromMail, verifiedMember } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

const device = { ip: '203.0.113.5', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' };
const NEW_PASSWORD = 'Marmalade-Pylon-Whistle-2044';

beforeEach(async () => {
  process.env.ADMIN_PASSWORD = 'Admin-Hearth-Seed-Password-1';
  await seed();
});

/** The code of the AuthFailure the sign-in attempt ends with; fails the test when it succeeds. */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (e) {
    expect(e).toBeInstanceOf(AuthFailure);
    return (e as AuthFailure).code;
  }
  throw new Error('expected sign-in to be refused, but it succeeded');
}

async function sessionsOf(userId: string) {
  return getDb().select().from(sessions).where(eq(sessions.userId, userId));
}

describe('sign-in', () => {
  it('refuses an unconfirmed account as unverified, but only when the password is right', async () => {
    await signUp(await signUpForm(), { ip: device.ip });
    expect(await refusal(authenticate('ada@example.com', STRONG_PASSWORD, device))).toBe('unverified');
    expect(await refusal(authenticate('ada@example.com', 'Wrong-Password-Entirely-9', device))).toBe('invalid');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    await verifiedMember();
    expect(await refusal(authenticate('ada@example.com', 'Wrong-Password-Entirely-9', device))).toBe('invalid');
    expect(await refusal(authenticate('nobody@example.com', STRONG_PASSWORD, device))).toBe('invalid');
    expect(await refusal(authenticate('', STRONG_PASSWORD, device))).toBe('invalid');
  });

  it('signs a confirmed member in and records the session with its device', async () => {
    const { user } = await verifiedMember();
    expect(user.emailVerifiedAt).not.toBeNull();

    const result = await authenticate('  ADA@example.com ', STRONG_PASSWORD, device);
    expect(result.user).toEqual({ id: user.id, name: 'Ada Lovelace' });

    const rows = await sessionsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: result.sessionId, userAgent: device.userAgent, ip: device.ip, revokedAt: null });
    expect(rows[0].expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const [after] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(after.lastSeenAt).not.toBeNull();
  });

  it('refuses a suspended member, and lets them in once the suspension is over', async () => {
    const { user } = await verifiedMember();
    await getDb().update(users).set({ suspendedUntil: new Date(Date.now() + 86_400_000) }).where(eq(users.id, user.id));
    expect(await refusal(authenticate('ada@example.com', STRONG_PASSWORD, device))).toBe('suspended');
    expect(await refusal(authenticate('ada@example.com', 'Wrong-Password-Entirely-9', device))).toBe('invalid');

    await getDb().update(users).set({ suspendedUntil: new Date(Date.now() - 60_000) }).where(eq(users.id, user.id));
    await expect(authenticate('ada@example.com', STRONG_PASSWORD, device)).resolves.toHaveProperty('sessionId');
  });
});

describe('email confirmation links', () => {
  it('work once', async () => {
    await signUp(await signUpForm(), { ip: device.ip });
    const token = await tokenFromMail('ada@example.com', '/verify-email');
    expect(await verifyEmail(token)).toBe(true);
    expect(await verifyEmail(token)).toBe(false);
    await expect(authenticate('ada@example.com', STRONG_PASSWORD, device)).resolves.toHaveProperty('sessionId');
  });

  it('fail once expired, leaving the account unconfirmed', async () => {
    await signUp(await signUpForm(), { ip: device.ip });
    const token = await tokenFromMail('ada@example.com', '/verify-email');
    await getDb().update(authTokens).set({ expiresAt: new Date(Date.now() - 60_000) });
    expect(await verifyEmail(token)).toBe(false);
    expect(await refusal(authenticate('ada@example.com', STRONG_PASSWORD, device))).toBe('unverified');
  });

  it('fail for a made-up or mangled token', async () => {
    await signUp(await signUpForm(), { ip: device.ip });
    const token = await tokenFromMail('ada@example.com', '/verify-email');
    expect(await verifyEmail('not-a-token')).toBe(false);
    expect(await verifyEmail(`${token}x`)).toBe(false);
    expect(await verifyEmail('')).toBe(false);
  });

  it('stop working when a new one is sent, and the new one works', async () => {
    await signUp(await signUpForm(), { ip: device.ip });
    const first = await tokenFromMail('ada@example.com', '/verify-email');
    await resendVerification('ada@example.com', { ip: device.ip });
    const second = await tokenFromMail('ada@example.com', '/verify-email');
    expect(second).not.toBe(first);
    expect(await verifyEmail(first)).toBe(false);
    expect(await verifyEmail(second)).toBe(true);
  });

  it('are stored only as a hash', async () => {
    await signUp(await signUpForm(), { ip: device.ip });
    const token = await tokenFromMail('ada@example.com', '/verify-email');
    const rows = await getDb().select().from(authTokens);
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toContain(token);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('sign-in rate limits', () => {
  it('lock one account after too many attempts, even with the right password', async () => {
    const { user } = await verifiedMember();
    for (let i = 0; i < LIMITS.signInAccount.max; i++) {
      expect(await refusal(authenticate(i % 2 ? 'ADA@example.com' : 'ada@example.com', `Wrong-Guess-${i}-xyzzy`, { ...device, ip: `192.0.2.${i + 1}` }))).toBe(
        'invalid',
      );
    }
    expect(await refusal(authenticate('ada@example.com', STRONG_PASSWORD, device))).toBe('rate_limited');
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it('do not lock other accounts when one is attacked', async () => {
    await verifiedMember();
    await verifiedMember({ name: 'Grace Hopper', username: 'grace', email: 'grace@example.com' }, '203.0.113.11');
    for (let i = 0; i < LIMITS.signInAccount.max; i++) {
      await refusal(authenticate('ada@example.com', `Wrong-Guess-${i}-xyzzy`, { ...device, ip: `192.0.2.${i + 1}` }));
    }
    await expect(authenticate('grace@example.com', STRONG_PASSWORD, device)).resolves.toHaveProperty('sessionId');
  });

  it('count only failed attempts against an account, so a member signing in often is never locked out', async () => {
    await verifiedMember();
    for (let i = 0; i < LIMITS.signInAccount.max + 2; i++) {
      await expect(authenticate('ada@example.com', STRONG_PASSWORD, { ...device, ip: `192.0.2.${i + 1}` })).resolves.toHaveProperty('sessionId');
    }
  });

  it('stop one address that tries many accounts, while others can still sign in', async () => {
    await verifiedMember();
    const attacker = { ip: '198.18.0.66', userAgent: 'curl/8' };
    for (let i = 0; i < LIMITS.signInIp.max; i++) {
      expect(await refusal(authenticate(`guess${i}@example.com`, 'Wrong-Guess-xyzzy-1', attacker))).toBe('invalid');
    }
    expect(await refusal(authenticate('ada@example.com', STRONG_PASSWORD, attacker))).toBe('rate_limited');
    await expect(authenticate('ada@example.com', STRONG_PASSWORD, device)).resolves.toHaveProperty('sessionId');
  });
});

describe('sessions', () => {
  it('end at once when the member is suspended, and work again when the suspension is over', async () => {
    const { user } = await verifiedMember();
    const { sessionId } = await authenticate('ada@example.com', STRONG_PASSWORD, device);
    expect(await viewerForSession(sessionId)).not.toBeNull();
    await getDb().update(users).set({ suspendedUntil: new Date(Date.now() + 86_400_000) }).where(eq(users.id, user.id));
    expect(await viewerForSession(sessionId)).toBeNull();
    await getDb().update(users).set({ suspendedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, user.id));
    expect(await viewerForSession(sessionId)).not.toBeNull();
  });

  it('lead to the signed-in member', async () => {
    const { user } = await verifiedMember();
    const { sessionId } = await authenticate('ada@example.com', STRONG_PASSWORD, device);
    expect(await viewerForSession(sessionId)).toEqual({
      id: user.id,
      sessionId,
      username: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      role: 'member',
      trustLevel: 0,
      suspendedUntil: null,
      privacyOfficer: false,
    });
  });

  it('end at once when signed out, leaving the member\'s other sessions alone', async () => {
    await verifiedMember();
    const laptop = await authenticate('ada@example.com', STRONG_PASSWORD, device);
    const phone = await authenticate('ada@example.com', STRONG_PASSWORD, { ip: '203.0.113.6', userAgent: 'Phone' });
    await revokeSession(laptop.sessionId);
    expect(await viewerForSession(laptop.sessionId)).toBeNull();
    expect(await viewerForSession(phone.sessionId)).not.toBeNull();
  });

  it('all end on "sign out everywhere", and a new sign-in works afterwards', async () => {
    const { user } = await verifiedMember();
    const laptop = await authenticate('ada@example.com', STRONG_PASSWORD, device);
    const phone = await authenticate('ada@example.com', STRONG_PASSWORD, { ip: '203.0.113.6', userAgent: 'Phone' });
    await revokeAllSessions(user.id);
    expect(await viewerForSession(laptop.sessionId)).toBeNull();
    expect(await viewerForSession(phone.sessionId)).toBeNull();
    expect((await sessionsOf(user.id)).every((s) => s.revokedAt !== null)).toBe(true);

    const again = await authenticate('ada@example.com', STRONG_PASSWORD, device);
    expect((await viewerForSession(again.sessionId))?.id).toBe(user.id);
  });

  it('end once expired', async () => {
    const { user } = await verifiedMember();
    const { sessionId } = await authenticate('ada@example.com', STRONG_PASSWORD, device);
    await getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sessionId));
    expect(await viewerForSession(sessionId)).toBeNull();
    // A session created with an old session version (before a sign-out everywhere) is not honoured either.
    const stale = await createSession(user.id, user.sessionVersion - 1, device);
    expect(await viewerForSession(stale)).toBeNull();
  });

  it('lead nowhere for an unknown or malformed id', async () => {
    expect(await viewerForSession('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await viewerForSession("x' or 1=1 --")).toBeNull();
    expect(await viewerForSession('')).toBeNull();
  });
});

describe('password reset', () => {
  it('sends nothing and says nothing for an unknown email', async () => {
    await expect(requestPasswordReset('nobody@example.com', { ip: device.ip })).resolves.toBeUndefined();
    expect(await mailsTo('nobody@example.com')).toEqual([]);
  });

  it('refuses a malformed email on the email field', async () => {
    const fields = await fieldErrors(requestPasswordReset('nobody', { ip: device.ip }));
    expect(fields.email).toMatch(/email address/);
  });

  it('mails a reset link to a known member', async () => {
    await verifiedMember();
    await requestPasswordReset('Ada@Example.com', { ip: device.ip });
    const [mail] = await mailsTo('ada@example.com');
    expect(mail.template).toBe('reset-password');
    expect(mail.subject).toMatch(/Reset your .* password/);
    expect(mail.textBody).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{20,}/);
  });

  it('changes the password, signs out every session, and the link works once', async () => {
    const { user } = await verifiedMember();
    const { sessionId } = await authenticate('ada@example.com', STRONG_PASSWORD, device);
    await requestPasswordReset('ada@example.com', { ip: device.ip });
    const token = await tokenFromMail('ada@example.com', '/reset-password');
    expect(await tokenIsValid(token, 'reset_password')).toBe(true);

    await resetPassword(token, NEW_PASSWORD);

    expect(await viewerForSession(sessionId)).toBeNull();
    expect(await refusal(authenticate('ada@example.com', STRONG_PASSWORD, device))).toBe('invalid');
    const fresh = await authenticate('ada@example.com', NEW_PASSWORD, device);
    expect((await viewerForSession(fresh.sessionId))?.id).toBe(user.id);

    const [stored] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toBe(user.passwordHash);

    const [changed] = await mailsTo('ada@example.com');
    expect(changed.template).toBe('password-changed');

    expect(await tokenIsValid(token, 'reset_password')).toBe(false);
    const second = await fieldErrors(resetPassword(token, 'Another-Strong-Phrase-77'));
    expect(second.form).toMatch(/invalid, used or expired/);
    expect(await refusal(authenticate('ada@example.com', 'Another-Strong-Phrase-77', device))).toBe('invalid');
  });

  it('refuses a weak new password on the password field and keeps the link usable', async () => {
    await verifiedMember();
    await requestPasswordReset('ada@example.com', { ip: device.ip });
    const token = await tokenFromMail('ada@example.com', '/reset-password');

    expect((await fieldErrors(resetPassword(token, 'password123456'))).password).toMatch(/too common|easy to guess/);
    expect((await fieldErrors(resetPassword(token, 'short'))).password).toMatch(/at least 10/);
    expect((await fieldErrors(resetPassword(token, ''))).password).toMatch(/required/);
    await expect(authenticate('ada@example.com', STRONG_PASSWORD, device)).resolves.toHaveProperty('sessionId');

    await resetPassword(token, NEW_PASSWORD);
    await expect(authenticate('ada@example.com', NEW_PASSWORD, device)).resolves.toHaveProperty('sessionId');
  });

  it('refuses a new password made of the member\'s own name, keeping the link usable', async () => {
    await verifiedMember({ name: 'Bartholomew Quince', username: 'bquince', email: 'bq@example.com' });
    await requestPasswordReset('bq@example.com', { ip: device.ip });
    const token = await tokenFromMail('bq@example.com', '/reset-password');
    const fields = await fieldErrors(resetPassword(token, 'bartholomewquince'));
    expect(fields.password).toMatch(/too common or easy to guess/);
    expect(await tokenIsValid(token, 'reset_password')).toBe(true);
  });

  it('refuses an expired link', async () => {
    await verifiedMember();
    await requestPasswordReset('ada@example.com', { ip: device.ip });
    const token = await tokenFromMail('ada@example.com', '/reset-password');
    await getDb().update(authTokens).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(authTokens.kind, 'reset_password'));
    expect((await fieldErrors(resetPassword(token, NEW_PASSWORD))).form).toMatch(/invalid, used or expired/);
    await expect(authenticate('ada@example.com', STRONG_PASSWORD, device)).resolves.toHaveProperty('sessionId');
  });

  it('does not accept an email confirmation token as a reset token', async () => {
    await signUp(await signUpForm(), { ip: device.ip });
    const verifyToken = await tokenFromMail('ada@example.com', '/verify-email');
    expect((await fieldErrors(resetPassword(verifyToken, NEW_PASSWORD))).form).toMatch(/invalid, used or expired/);
  });

  it('confirms the address of an unconfirmed member who resets by mail', async () => {
    await signUp(await signUpForm(), { ip: device.ip });
    await requestPasswordReset('ada@example.com', { ip: device.ip });
    await resetPassword(await tokenFromMail('ada@example.com', '/reset-password'), NEW_PASSWORD);
    await expect(authenticate('ada@example.com', NEW_PASSWORD, device)).resolves.toHaveProperty('sessionId');
  });

  it('limits reset requests for one account', async () => {
    await verifiedMember();
    for (let i = 0; i < LIMITS.resetAccount.max; i++) {
      await requestPasswordReset('ada@example.com', { ip: `192.0.2.${i + 1}` });
    }
    const fields = await fieldErrors(requestPasswordReset('ada@example.com', { ip: '192.0.2.200' }));
    expect(fields.form).toMatch(/Too many reset requests/);
    expect((await mailsTo('ada@example.com')).filter((m) => m.template === 'reset-password')).toHaveLength(LIMITS.resetAccount.max);
  });
});
