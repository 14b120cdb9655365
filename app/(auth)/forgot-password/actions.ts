'use server';

import { requestPasswordReset } from '@/lib/auth/accounts';
import { requestContext } from '@/lib/auth/request';
import { handleForm, text, type FormState } from '@/lib/forms';

export async function forgotPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return handleForm(formData, async () => {
    await requestPasswordReset(text(formData, 'email'), await requestContext());
    return 'If that address has an account, a reset link is on its way. It works once and expires soon.';
  });
}
