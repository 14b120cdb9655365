'use server';

import { redirect } from 'next/navigation';
import { signUp } from '@/lib/auth/accounts';
import { requestContext } from '@/lib/auth/request';
import { checked, handleForm, text, type FormState } from '@/lib/forms';

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let email = '';
  const state = await handleForm(formData, async () => {
    const acceptedVersionIds = formData
      .getAll('policy')
      .map((v) => Number(v))
      .filter(Number.isInteger);
    const result = await signUp(
      {
        name: text(formData, 'name'),
        username: text(formData, 'username'),
        email: text(formData, 'email'),
        password: text(formData, 'password'),
        dateOfBirth: text(formData, 'dateOfBirth'),
        acceptedVersionIds,
        marketingEmail: checked(formData, 'marketingEmail'),
        guardianConsent: checked(formData, 'guardianConsent'),
      },
      await requestContext(),
    );
    email = result.email;
  });
  if (state.status === 'success') redirect(`/check-email?email=${encodeURIComponent(email)}`);
  // Policy boxes share one name; report each box's state under its own key so it stays ticked.
  for (const v of formData.getAll('policy')) state.values[`policy:${v}`] = 'on';
  return state;
}
