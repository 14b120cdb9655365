import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { consents, profiles, users } from '@/db/schema';
import { Invalid } from '@/lib/errors';
import { queueMail } from '@/lib/mail/outbox';
import { templates } from '@/lib/mail/templates';
import { policiesForSignUp } from '@/lib/policies';
import { getSettings } from '@/lib/settings';
import { siteUrl } from '@/lib/site-url';
import { issuesByField, parseOrInvalid, requiredText } from '@/lib/validation';
import { ageOn, birthdayAt, isCalendarDate, todayUtc } from './age';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './passwords';
import { hit, hitAll, isOverLimit, LIMITS } from './rate-limit';
import { createSession, revokeAllSessions } from './sessions';
import { consumeToken, issueToken, peekToken } from './tokens';
import { usernameQuarantined } from '@/lib/privacy/erasure';

export const USERNAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export const emailField = z
  .string({ error: 'Email is required.' })
  .trim()
  .min(1, 'Email is required.')
  .max(254, 'Email can be at most 254 characters.')
  .pipe(z.email({ error: 'Enter an email address like name@example.com.' }));

export const usernameField = z
  .string({ error: 'Username is required.' })
  .trim()
  .min(3, 'Username needs at least 3 characters.')
  .max(20, 'Username can be at most 20 characters.')
  .regex(USERNAME_PATTERN, 'Use letters, digits, dots, dashes and underscores, starting with a letter or digit.');

export const nameField = requiredText(60, 'Name');

export const dateField = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .refine(isCalendarDate, `Enter a real date as YYYY-MM-DD.`)
    .refine((v) => v <= todayUtc(), `${label} cannot be in the future.`)
    .refine((v) => v >= '1900-01-01', `Enter a date after 1900.`);

const signUpSchema = z.object({
  name: nameField,
  username: usernameField,
  email: emailField,
  password: z.string({ error: 'Password is required.' }).min(1, 'Password is required.'),
  dateOfBirth: dateField('Date of birth'),
  acceptedVersionIds: z.array(z.number().int()).default([]),
  marketingEmail: z.boolean().default(false),
  guardianConsent: z.boolean().default(false),
});

export type SignUpInput = z.input<typeof signUpSchema>;

export class AuthFailure extends Error {
  constructor(public code: 'invalid' | 'rate_limited' | 'unverified' | 'suspended') {
    super(code);
  }
}

async function findUserByEmail(email: string) {
  const [user] = await getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      passwordHash: users.passwordHash,
      emailVerifiedAt: users.emailVerifiedAt,
      suspendedUntil: users.suspendedUntil,
      sessionVersion: users.sessionVersion,
      closedAt: users.closedAt,
    })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return user ?? null;
}

/** Taken by an account, or held back for a while after the account that had it was closed. */
async function usernameTaken(username: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return Boolean(row) || (await usernameQuarantined(username));
}

async function sendVerification(user: { id: string; name: string; email: string }) {
  const s = await getSettings();
  const token = await issueToken(user.id, 'verify_email', s.verifyEmailHours * 60);
  await queueMail(
    { email: user.email, userId: user.id },
    'verify-email',
    templates.verifyEmail({
      siteName: s.siteName,
      name: user.name,
      link: siteUrl(`/verify-email?token=${token}`),
      hours: s.verifyEmailHours,
    }),
  );
}

/**
 * Creates an account waiting for email confirmation. Every answer looks the same whether or not the
 * email is already registered: the owner of an existing address is told by mail instead.
 */
export async function signUp(raw: SignUpInput, ctx: { ip: string | null }): Promise<{ email: string }> {
  const s = await getSettings();
  if (!s.signupsOpen) throw new Invalid({ form: 'Sign-ups are closed on this site at the moment.' });
  // Every problem is reported at once, so the member fixes the form in one go.
  const parsed = signUpSchema.safeParse(raw);
  const fields: Record<string, string> = parsed.success ? {} : issuesByField(parsed.error);
  const input = { ...raw, ...(parsed.success ? parsed.data : {}) } as z.output<typeof signUpSchema>;
  input.acceptedVersionIds ??= [];

  if (!fields.password) {
    const pwProblem = passwordProblem(input.password, [input.name, input.username, input.email].filter((v) => typeof v === 'string'));
    if (pwProblem) fields.password = pwProblem;
  }

  const age = fields.dateOfBirth ? null : ageOn(input.dateOfBirth, todayUtc());
  const isMinor = age !== null && age < s.digitalConsentAge;
  if (age !== null && age < s.minimumAge) {
    fields.dateOfBirth = `You must be at least ${s.minimumAge} years old to join.`;
  } else if (isMinor && !input.guardianConsent) {
    fields.guardianConsent = `Members under ${s.digitalConsentAge} need a parent or guardian to agree. Ask them to tick this box with you.`;
  }

  const required = await policiesForSignUp();
  for (const p of required) {
    if (!input.acceptedVersionIds.includes(p.versionId)) fields[`policy_${p.slug}`] = `You need to accept the ${p.title} to join.`;
  }

  if (!fields.username && (await usernameTaken(input.username.trim()))) fields.username = 'That username is taken. Try another.';
  if (Object.keys(fields).length) throw new Invalid(fields);

  // Per network and per address: the second also stops anyone using sign-up to flood an inbox with mail.
  const allowed = await hitAll([
    ['sign-up-ip', ctx.ip ?? 'unknown', { max: s.maxSignupsPerIpPerHour, windowSeconds: 3600 }],
    ['sign-up-account', input.email, LIMITS.signUpAccount],
  ]);
  if (!allowed) throw new Invalid({ form: 'Too many sign-up attempts. Please try again in an hour.' });

  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(input.email);
  if (existing) {
    await queueMail(
      { email: existing.email, userId: existing.id },
      'signup-existing',
      templates.signupExisting({
        siteName: s.siteName,
        name: existing.name,
        signInLink: siteUrl('/signin'),
        resetLink: siteUrl('/forgot-password'),
      }),
    );
    return { email: input.email };
  }

  const user = await getDb().transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({
        username: input.username,
        name: input.name,
        email: input.email,
        passwordHash,
        minorUntil: isMinor ? birthdayAt(input.dateOfBirth, s.digitalConsentAge) : null,
      })
      .returning({ id: users.id, name: users.name, email: users.email });
    await tx.insert(profiles).values({ userId: created.id });
    const records: (typeof consents.$inferInsert)[] = required.map((p) => ({
      userId: created.id,
      kind: 'policy' as const,
      policyVersionId: p.versionId,
    }));
    if (input.marketingEmail) records.push({ userId: created.id, kind: 'marketing_email' });
    if (isMinor) records.push({ userId: created.id, kind: 'guardian' });
    await tx.insert(consents).values(records);
    return created;
  });
  await sendVerification(user);
  return { email: input.email };
}

/** Checks credentials and opens a session. Unknown emails take as long as wrong passwords. */
export async function authenticate(
  emailRaw: string,
  password: string,
  device: { ip: string | null; userAgent: string | null },
) {
  const email = emailRaw.trim().slice(0, 254);
  // Every attempt counts against the network; only failed ones against the account, so a member who
  // signs in correctly is never held back by their own successes.
  const ipAllowed = await hit('sign-in-ip', device.ip ?? 'unknown', LIMITS.signInIp);
  if (!ipAllowed || (await isOverLimit('sign-in-account', email, LIMITS.signInAccount))) throw new AuthFailure('rate_limited');
  const refuse = async (): Promise<never> => {
    await hit('sign-in-account', email, LIMITS.signInAccount);
    throw new AuthFailure('invalid');
  };
  const user = email ? await findUserByEmail(email) : null;
  if (!user || user.closedAt) {
    await verifyAgainstDummy(password);
    return refuse();
  }
  if (!(await verifyPassword(user.passwordHash, password))) return refuse();
  if (!user.emailVerifiedAt) throw new AuthFailure('unverified');
  if (user.suspendedUntil && user.suspendedUntil > new Date()) throw new AuthFailure('suspended');
  const sessionId = await createSession(user.id, user.sessionVersion, device);
  // Signing in resets the inactive-account clock when it counts from activity.
  const fromActivity = (await getSettings()).inactiveAccountFrom === 'activity';
  await getDb()
    .update(users)
    .set({ lastSeenAt: new Date(), ...(fromActivity ? { inactivityWarning: null, inactivityWarnedAt: null } : {}) })
    .where(eq(users.id, user.id));
  return { user: { id: user.id, name: user.name }, sessionId };
}

/** Confirms an email address from a single-use link. Returns false for a bad, used or expired link. */
export async function verifyEmail(token: string): Promise<boolean> {
  const userId = await consumeToken(token, 'verify_email');
  if (!userId) return false;
  await getDb()
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() })
    .where(eq(users.id, userId));
  return true;
}

/** Sends a new confirmation link if the address belongs to an unconfirmed account; says nothing either way. */
export async function resendVerification(emailRaw: string, ctx: { ip: string | null }): Promise<void> {
  const email = parseOrInvalid(emailField, emailRaw);
  const allowed = await hitAll([
    ['verify-resend-ip', ctx.ip ?? 'unknown', LIMITS.resetIp],
    ['verify-resend-account', email, LIMITS.verifyResendAccount],
  ]);
  if (!allowed) return;
  const user = await findUserByEmail(email);
  if (user && !user.emailVerifiedAt) await sendVerification(user);
}

/** Mails a reset link when the address has an account; the answer never says whether it does. */
export async function requestPasswordReset(emailRaw: string, ctx: { ip: string | null }): Promise<void> {
  const email = parseOrInvalid(z.object({ email: emailField }), { email: emailRaw }).email;
  const allowed = await hitAll([
    ['reset-ip', ctx.ip ?? 'unknown', LIMITS.resetIp],
    ['reset-account', email, LIMITS.resetAccount],
  ]);
  if (!allowed) throw new Invalid({ form: 'Too many reset requests. Please wait an hour and try again.' });
  const user = await findUserByEmail(email);
  if (!user) return;
  const s = await getSettings();
  const token = await issueToken(user.id, 'reset_password', s.resetPasswordMinutes);
  await queueMail(
    { email: user.email, userId: user.id },
    'reset-password',
    templates.resetPassword({
      siteName: s.siteName,
      name: user.name,
      link: siteUrl(`/reset-password?token=${token}`),
      minutes: s.resetPasswordMinutes,
    }),
  );
}

/** Sets a new password from a reset link; signs out every session. */
export async function resetPassword(token: string, password: string): Promise<void> {
  if (!password) throw new Invalid({ password: 'Password is required.' });
  const badLink = new Invalid({ form: 'This reset link is invalid, used or expired. Ask for a new one.' });
  const owner = await peekToken(token, 'reset_password');
  if (!owner) throw badLink;
  const [member] = await getDb()
    .select({ name: users.name, username: users.username, email: users.email })
    .from(users)
    .where(eq(users.id, owner));
  // Checked before the link is used, so a refused password leaves the link working.
  const problem = passwordProblem(password, member ? [member.name, member.username, member.email] : []);
  if (problem) throw new Invalid({ password: problem });
  const userId = await consumeToken(token, 'reset_password');
  if (!userId) throw badLink;
  const db = getDb();
  const [user] = await db
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      // Receiving the link proves the address.
      emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId))
    .returning({ id: users.id, name: users.name, email: users.email });
  await revokeAllSessions(userId);
  const s = await getSettings();
  await queueMail(
    { email: user.email, userId: user.id },
    'password-changed',
    templates.passwordChanged({ siteName: s.siteName, name: user.name, resetLink: siteUrl('/forgot-password') }),
  );
}
