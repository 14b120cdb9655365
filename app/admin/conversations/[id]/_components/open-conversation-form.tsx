'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { openConversationAction } from '../actions';

/** The reason an administrator gives before reading a private conversation; kept when it is refused. */
export function OpenConversationForm({ conversationId }: { conversationId: number }) {
  const [state, formAction] = useActionState(openConversationAction, initialFormState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="conversationId" value={conversationId} />
      <TextAreaField
        name="reason"
        label="Reason"
        state={state}
        rows={3}
        minLength={10}
        maxLength={500}
        required
        aria-required="true"
        hint="At least 10 characters. Shown to the participants."
      />
      <SubmitButton pendingText="Opening…">Open conversation</SubmitButton>
    </form>
  );
}
