'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { verifyEmailAction } from '../actions';

/** Confirmation takes a click, so mail scanners that open links cannot use up the token. */
export function VerifyForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(verifyEmailAction, initialFormState);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText="Confirming…">Confirm my email</SubmitButton>
    </form>
  );
}
