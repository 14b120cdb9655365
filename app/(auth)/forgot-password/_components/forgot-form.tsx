'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { forgotPasswordAction } from '../actions';

export function ForgotForm() {
  const [state, formAction] = useActionState(forgotPasswordAction, initialFormState);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <TextField name="email" label="Email" type="email" state={state} autoComplete="email" required />
      <SubmitButton pendingText="Sending…">Send reset link</SubmitButton>
    </form>
  );
}
