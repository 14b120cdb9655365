'use server';

import { redirect } from 'next/navigation';
import { resetPassword } from '@/lib/auth/accounts';
import { handleForm, text, type FormState } from '@/lib/forms';

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const password = text(formData, 'password');
  if (password !== text(formData, 'confirmPassword')) {
    return { status: 'error', errors: { confirmPassword: 'The two passwords do not match.' }, values: {} };
  }
  const state = await handleForm(formData, () => resetPassword(text(formData, 'token'), password));
  if (state.status === 'success') redirect('/signin?notice=reset');
  return state;
}
