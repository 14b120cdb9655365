'use client';

import { useActionState, useEffect, useRef } from 'react';
import { blockAction, privacyChoicesAction } from '@/app/messages/actions';
import { FieldError, FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import type { AllowMessagesFrom } from '@/lib/members/privacy-settings';

const CHOICES: { value: AllowMessagesFrom; label: string; hint: string }[] = [
  { value: 'everyone', label: 'Every member', hint: 'Members with enough trust to send messages (set by the community).' },
  { value: 'previous', label: 'Only members I have written to', hint: 'Members in a conversation where you have written before.' },
  { value: 'nobody', label: 'Nobody', hint: 'Staff can still reach you about your account or your posts.' },
];

export function MessagesFromForm({ current }: { current: AllowMessagesFrom }) {
  const [state, formAction] = useActionState(privacyChoicesAction, initialFormState);
  const chosen = state.values.allowMessagesFrom ?? current;
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <fieldset aria-describedby={state.errors.allowMessagesFrom ? 'allowMessagesFrom-error' : undefined}>
        <legend className="label">Who can send you private messages</legend>
        <div className="mt-2 space-y-2">
          {CHOICES.map((c) => (
            <label key={c.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="allowMessagesFrom" value={c.value} defaultChecked={chosen === c.value} className="mt-1" aria-describedby={`from-${c.value}-hint`} />
              <span>
                <span className="font-medium text-stone-900">{c.label}</span>
                <span id={`from-${c.value}-hint`} className="block text-stone-600">
                  {c.hint}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <FieldError name="allowMessagesFrom" state={state} />
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}

export function BlockForm() {
  const [state, formAction] = useActionState(blockAction, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === 'success') form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <TextField name="username" label="Block a member" state={state} hint="Their username, for example @ada." autoComplete="off" autoCapitalize="none" spellCheck={false} />
      <SubmitButton className="btn-secondary" pendingText="Blocking…">
        Block
      </SubmitButton>
    </form>
  );
}
