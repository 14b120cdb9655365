'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { resetPasswordAction } from '../actions';

export function ResetForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(resetPasswordAction, initialFormState);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField name="password" label="New password" type="password" state={state} autoComplete="new-password" required minLength={10} hint="At least 10 characters." />
      <TextField name="confirmPassword" label="New password again" type="password" state={state} autoComplete="new-password" required />
      <SubmitButton pendingText="Saving…">Set new password</SubmitButton>
    </form>
  );
}
