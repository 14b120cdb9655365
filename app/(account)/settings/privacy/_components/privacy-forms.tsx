'use client';

import { useActionState, useEffect, useRef } from 'react';
import { blockAction, privacyChoicesAction } from '@/app/messages/actions';
import { profileChoicesAction } from '../actions';
import { CheckboxField, FieldError, FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import type { AllowMessagesFrom, PrivacyChoices, ProfileVisibility } from '@/lib/members/privacy-settings';

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
      <RadioGroup name="allowMessagesFrom" legend="Who can send you private messages" choices={CHOICES} value={chosen} />
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

const VISIBILITY: { value: ProfileVisibility; label: string; hint: string }[] = [
  { value: 'everyone', label: 'Everyone', hint: 'Anyone who visits the site, signed in or not.' },
  { value: 'members', label: 'Signed-in members', hint: 'Visitors see only your name.' },
  { value: 'private', label: 'Only me and the staff', hint: 'Others see only your name. Your posts still show your name.' },
];

const SHOW: { name: keyof PrivacyChoices; label: string }[] = [
  { name: 'showEmail', label: 'Show my email address to signed-in members' },
  { name: 'showBirthday', label: 'Show my birthday (day and month, never the year)' },
  { name: 'showLocation', label: 'Show my location' },
  { name: 'showWebsite', label: 'Show my website' },
  { name: 'showOnline', label: 'Show members when I am online' },
];

export function ProfileChoicesForm({ current }: { current: PrivacyChoices }) {
  const [state, formAction] = useActionState(profileChoicesAction, initialFormState);
  const visibility = state.values.profileVisibility ?? current.profileVisibility;
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <RadioGroup name="profileVisibility" legend="Who can see your profile" choices={VISIBILITY} value={visibility} />
      <FieldError name="profileVisibility" state={state} />
      <fieldset className="space-y-2">
        <legend className="label">On your profile</legend>
        {SHOW.map((f) => (
          <CheckboxField key={f.name} name={f.name} state={state} defaultChecked={Boolean(current[f.name])}>
            {f.label}
          </CheckboxField>
        ))}
      </fieldset>
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}

/** A labelled group of radio buttons, each with a line of explanation. */
function RadioGroup({ name, legend, choices, value }: { name: string; legend: string; choices: { value: string; label: string; hint: string }[]; value: string }) {
  return (
    <fieldset>
      <legend className="label">{legend}</legend>
      <div className="mt-2 space-y-2">
        {choices.map((c) => (
          <label key={c.value} className="flex items-start gap-2 text-sm">
            <input type="radio" name={name} value={c.value} defaultChecked={value === c.value} className="mt-1" aria-describedby={`${name}-${c.value}-hint`} />
            <span>
              <span className="font-medium text-stone-900">{c.label}</span>
              <span id={`${name}-${c.value}-hint`} className="block text-stone-600">
                {c.hint}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
