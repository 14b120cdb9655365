'use client';

import { useActionState } from 'react';
import { CheckboxField, FieldError, FormMessage, SubmitButton, TextAreaField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { adminCloseAccountAction } from '../actions';

export function AdminCloseForm({ userId, username }: { userId: string; username: string }) {
  const [state, formAction] = useActionState(adminCloseAccountAction, initialFormState);
  const mode = state.values.mode ?? '';
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={userId} />
      <fieldset>
        <legend className="label">What happens to @{username}’s posts and messages</legend>
        <div className="mt-2 space-y-2">
          <label className="flex gap-3">
            <input type="radio" name="mode" value="anonymize" defaultChecked={mode === 'anonymize'} className="mt-1" />
            <span>
              <span className="font-medium">Anonymize</span> — they stay, under an anonymous name; the identity is deleted.
            </span>
          </label>
          <label className="flex gap-3">
            <input type="radio" name="mode" value="erase" defaultChecked={mode === 'erase'} className="mt-1" />
            <span>
              <span className="font-medium">Erase</span> — posts become placeholders, versions are deleted, messages they sent are removed.
            </span>
          </label>
        </div>
        <FieldError name="mode" state={state} />
      </fieldset>
      <TextAreaField name="reason" label="Reason" state={state} rows={3} hint="Kept in the audit log with the account’s id (never its name or email). At least 10 characters." />
      <CheckboxField name="understood" state={state}>
        I understand this happens at once and cannot be undone. The member gets a last mail.
      </CheckboxField>
      <SubmitButton className="btn-danger" pendingText="Closing…">
        Close the account
      </SubmitButton>
    </form>
  );
}
