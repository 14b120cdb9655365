'use server';

import { redirect } from 'next/navigation';
import { verifyEmail } from '@/lib/auth/accounts';
import { text, type FormState } from '@/lib/forms';

export async function verifyEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ok = await verifyEmail(text(formData, 'token'));
  if (ok) redirect('/signin?notice=verified');
  return {
    status: 'error',
    message: 'This confirmation link is invalid, already used or expired. Sign in to get a new one.',
    errors: {},
    values: {},
  };
}
