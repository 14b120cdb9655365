import { expect } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, mailOutbox, users } from '@/db/schema';
import { seed } from '@/db/seed';
import { Invalid } from '@/lib/errors';
import { signUp, verifyEmail, type SignUpInput } from '@/lib/auth/accounts';
import { mailsTo } from '@/lib/mail/outbox';
import { policiesForSignUp } from '@/lib/policies';
import type { Actor } from '@/lib/permissions';

/** A password zxcvbn rates as strong, unrelated to any test member's name. */
export const STRONG_PASSWORD = 'Tangerine-Oboe-Galaxy-1987';

/** The date `years` years before today (UTC), as YYYY-MM-DD. */
export function yearsAgo(years: number, extraDays = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - extraDays);
  return d.toISOString().slice(0, 10);
}

/** The field errors of an Invalid thrown by `action`; fails the test when it succeeds or throws something else. */
export async function fieldErrors(action: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await action;
  } catch (e) {
    expect(e).toBeInstanceOf(Invalid);
    return (e as Invalid).fields;
  }
  throw new Error('expected the action to be refused with field errors, but it succeeded');
}

/** A complete, valid sign-up form accepting every required policy (call after seed()). */
export async function signUpForm(overrides: Partial<SignUpInput> = {}): Promise<SignUpInput> {
  const required = await policiesForSignUp();
  return {
    name: 'Ada Lovelace',
    username: 'ada',
    email: 'ada@example.com',
    password: STRONG_PASSWORD,
    dateOfBirth: '1990-05-17',
    acceptedVersionIds: required.map((p) => p.versionId),
    ...overrides,
  };
}

/** The token in the newest link of the given kind mailed to `email`. */
export async function tokenFromMail(email: string, path: '/verify-email' | '/reset-password' | '/settings/account/confirm'): Promise<string> {
  const mails = await mailsTo(email);
  for (const mail of mails) {
    const m = mail.textBody.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`));
    if (m) return m[1];
  }
  throw new Error(`no ${path} link was mailed to ${email}`);
}

/** Signs a member up and confirms the address through the mailed link. */
export async function verifiedMember(overrides: Partial<SignUpInput> = {}, ip = '203.0.113.10') {
  const form = await signUpForm(overrides);
  await signUp(form, { ip });
  expect(await verifyEmail(await tokenFromMail(form.email, '/verify-email'))).toBe(true);
  const [user] = await getDb().select().from(users).where(sql`lower(${users.email}) = lower(${form.email})`);
  return { form, user };
}

/** The outbox row itself, read straight from the table. */
export async function outboxRow(id: number) {
  const [row] = await getDb().select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row;
}

let ipCounter = 0;

/** A verified member with their own sign-up IP, optionally made staff or given a trust level. */
export async function makeMember(username: string, changes: { role?: Actor['role']; trustLevel?: number } = {}): Promise<Actor> {
  ipCounter += 1;
  const { user } = await verifiedMember({ username, name: `${username} Tester`, email: `${username}@example.com` }, `198.51.100.${ipCounter % 250}`);
  const role = changes.role ?? user.role;
  const trustLevel = changes.trustLevel ?? user.trustLevel;
  await getDb().update(users).set({ role, trustLevel }).where(eq(users.id, user.id));
  return { id: user.id, role, trustLevel, suspendedUntil: null };
}

/** The seeded categories (general, feedback, staff) plus "trusted" (trust level 2 and up), by slug. */
export async function seedForumCategories(): Promise<Record<'general' | 'feedback' | 'staff' | 'trusted', number>> {
  await seed();
  await getDb().insert(categories).values({ slug: 'trusted', name: 'Trusted', position: 5, visibility: 'trust', minTrustLevel: 2 });
  const rows = await getDb().select({ id: categories.id, slug: categories.slug }).from(categories);
  const id = (slug: string) => rows.find((r) => r.slug === slug)!.id;
  return { general: id('general'), feedback: id('feedback'), staff: id('staff'), trusted: id('trusted') };
}
