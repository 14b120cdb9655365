'use client';

import { useActionState } from 'react';
import { FormMessage, RadioGroupField, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { confirmClosureAction, requestClosureAction } from '../actions';

export interface ModeChoice {
  value: 'anonymize' | 'erase';
  label: string;
  hint: string;
}

export function CloseAccountForm({ modes, coolingOffDays }: { modes: ModeChoice[]; coolingOffDays: number }) {
  const [state, formAction] = useActionState(requestClosureAction, initialFormState);
  if (state.status === 'success') {
    return (
      <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
        {state.message} The link works for 24 hours.
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <RadioGroupField name="mode" legend="What happens to your posts" choices={modes} state={state} value={modes.length === 1 ? modes[0].value : undefined} />
      <TextField name="password" type="password" label="Your password" state={state} autoComplete="current-password" hint="To make sure it is you." />
      <p className="text-sm text-stone-600">
        We then mail you a link to confirm.{' '}
        {coolingOffDays > 0
          ? `After you confirm, the account stays open for ${coolingOffDays} day${coolingOffDays === 1 ? '' : 's'}; sign in during that time to cancel.`
          : 'The account is closed as soon as you confirm.'}
      </p>
      <SubmitButton className="btn-danger" pendingText="Sending…">
        Send the confirmation link
      </SubmitButton>
    </form>
  );
}

export function ConfirmClosureForm({ token, summary }: { token: string; summary: string }) {
  const [state, formAction] = useActionState(confirmClosureAction, initialFormState);
  if (state.status === 'success') {
    return (
      <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
        {state.message}
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <p className="text-stone-700">{summary}</p>
      <SubmitButton className="btn-danger" pendingText="Confirming…">
        Confirm: close my account
      </SubmitButton>
    </form>
  );
}
