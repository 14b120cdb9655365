'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form-fields';
import { initialFormState, type FormState } from '@/lib/forms';

interface RequestStepFormProps {
  requestId: number;
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  /** The text field: its name (unique on the page), label and hint. */
  field: { name: string; label: string; hint: string; required?: boolean };
  submit: string;
  pendingText: string;
  danger?: boolean;
}

/** One officer step on a request (approve, reject, complete, comment): a text for the member and a button; kept when refused. */
export function RequestStepForm({ requestId, action, field, submit, pendingText, danger }: RequestStepFormProps) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <TextAreaField
        name={field.name}
        label={field.label}
        state={state}
        rows={3}
        maxLength={2000}
        required={field.required}
        aria-required={field.required ? 'true' : undefined}
        hint={field.hint}
      />
      <SubmitButton className={danger ? 'btn-danger' : 'btn-primary'} pendingText={pendingText}>
        {submit}
      </SubmitButton>
    </form>
  );
}
