'use server';

import { redirect } from 'next/navigation';
import { CredentialsSignin } from 'next-auth';
import { resendVerification } from '@/lib/auth/accounts';
import { signIn } from '@/lib/auth/config';
import { requestContext, safeCallbackPath } from '@/lib/auth/request';
import { consentDueForEmail } from '@/lib/policies/consent';
import { coolingOffFor } from '@/lib/privacy/closure';
import { handleForm, text, typedValues, type FormState } from '@/lib/forms';

const refusals: Record<string, { message: string; errors?: Record<string, string> }> = {
  invalid: { message: 'That email and password do not match an account. Check them and try again.' },
  unverified: { message: 'Please confirm your email address first: open the link we sent you, or ask for a new one below.' },
  rate_limited: { message: 'Too many sign-in attempts. Please wait 15 minutes and try again, or reset your password.' },
  suspended: { message: 'This account is suspended. You will receive a mail from the moderators explaining why.' },
};

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = typedValues(formData);
  const email = text(formData, 'email').trim();
  const password = text(formData, 'password');
  const errors: Record<string, string> = {};
  if (!email) errors.email = 'Email is required.';
  if (!password) errors.password = 'Password is required.';
  if (Object.keys(errors).length) return { status: 'error', errors, values };
  try {
    await signIn('credentials', { email, password, redirect: false });
  } catch (e) {
    if (e instanceof CredentialsSignin) {
      const refusal = refusals[e.code] ?? refusals.invalid;
      return { status: 'error', message: refusal.message, errors: {}, values: { ...values, reason: e.code } };
    }
    throw e;
  }
  // During the cooling-off period of a closure, signing in leads to the page that cancels it.
  if (await coolingOffFor(email)) redirect('/settings/account?closing=1');
  const callbackUrl = safeCallbackPath(text(formData, 'callbackUrl'));
  // A changed required policy is accepted (or not) before anything else.
  if (await consentDueForEmail(email)) redirect(`/consent?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  redirect(callbackUrl);
}

export async function resendVerificationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return handleForm(formData, async () => {
    await resendVerification(text(formData, 'email'), await requestContext());
    return 'If that address belongs to an account waiting for confirmation, a new link is on its way.';
  });
}
