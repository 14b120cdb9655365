'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { resendVerificationAction } from '../actions';

export function ResendForm({ email }: { email: string }) {
  const [state, formAction] = useActionState(resendVerificationAction, initialFormState);
  return (
    <form action={formAction} className="space-y-3 rounded-md border border-stone-200 p-4">
      <FormMessage state={state} />
      <TextField name="email" label="Email for the new link" type="email" state={state} defaultValue={email} autoComplete="email" required />
      <SubmitButton className="btn-secondary" pendingText="Sending…">
        Send a new confirmation link
      </SubmitButton>
    </form>
  );
}
