'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { blockAction, privacyChoicesAction } from '@/app/messages/actions';
import { liftRestrictionAction, marketingEmailAction, profileChoicesAction, restrictProcessingAction } from '../actions';
import { CheckboxField, FormMessage, RadioGroupField, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import type { AllowMessagesFrom, PrivacyChoices, ProfileVisibility } from '@/lib/members/privacy-settings';

const CHOICES: { value: AllowMessagesFrom; label: string; hint: string }[] = [
  { value: 'everyone', label: 'Every member', hint: 'Members with enough trust to send messages (set by the community).' },
  { value: 'previous', label: 'Only members I have written to', hint: 'Members in a conversation where you have written before.' },
  { value: 'nobody', label: 'Nobody', hint: 'Staff can still reach you about your account or your posts.' },
];

export function MessagesFromForm({ current }: { current: AllowMessagesFrom }) {
  const [state, formAction] = useActionState(privacyChoicesAction, initialFormState);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <RadioGroupField name="allowMessagesFrom" legend="Who can send you private messages" choices={CHOICES} state={state} value={current} />
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
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <RadioGroupField name="profileVisibility" legend="Who can see your profile" choices={VISIBILITY} state={state} value={current.profileVisibility} />
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

/** Mail about the community: off until the member asks for it; `since` is when they said yes. */
export function MarketingEmailForm({ on, since }: { on: boolean; since: string | null }) {
  const [state, formAction] = useActionState(marketingEmailAction, initialFormState);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <p className="text-sm text-stone-700">
        {on ? `You get mail about the community${since ? ` (you said yes on ${since})` : ''}.` : 'You get no mail about the community.'}
      </p>
      <CheckboxField name="marketingEmail" state={state} defaultChecked={on}>
        Mail about the community
        <span className="block text-stone-600">Occasional announcements from the administrators. You can turn this off here, or from the link in every such mail.</span>
      </CheckboxField>
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}

/** Restricting processing takes two steps: the button opens a confirmation that must be ticked. */
export function RestrictProcessingForm() {
  const [state, formAction] = useActionState(restrictProcessingAction, initialFormState);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="btn-secondary" onClick={() => setConfirming(true)}>
        Restrict processing…
      </button>
    );
  }
  return (
    <form action={formAction} className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3" noValidate>
      <FormMessage state={state} />
      <p className="text-sm text-amber-950">
        From now on you will get no notifications and no mail about activity or the community, until you lift the restriction. Your posts and messages stay where they are.
      </p>
      <CheckboxField name="confirm" value="yes" state={state} autoFocus>
        I understand, and I want to restrict the processing of my data.
      </CheckboxField>
      <div className="flex flex-wrap gap-2">
        <SubmitButton className="btn-danger" pendingText="Restricting…">
          Restrict processing
        </SubmitButton>
        <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function LiftRestrictionForm() {
  const [state, formAction] = useActionState(liftRestrictionAction, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton className="btn-secondary" pendingText="Lifting…">
        Lift the restriction
      </SubmitButton>
    </form>
  );
}
