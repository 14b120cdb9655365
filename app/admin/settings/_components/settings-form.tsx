'use client';

import { useActionState } from 'react';
import { CheckboxField, FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { saveSettingsAction } from '../actions';

export function SettingsForm({ initial }: { initial: Record<string, string | number | boolean> }) {
  const [state, formAction] = useActionState(saveSettingsAction, initialFormState);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <TextField name="siteName" label="Community name" state={state} defaultValue={String(initial.siteName)} maxLength={60} required />
      <TextField name="siteDescription" label="Short description" state={state} defaultValue={String(initial.siteDescription)} maxLength={300} />
      <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
        <legend className="px-1 text-sm font-semibold">Access</legend>
        <CheckboxField name="membersOnly" state={state} defaultChecked={Boolean(initial.membersOnly)}>
          Members only: visitors see just a welcome page, sign-in, sign-up and the policies.
        </CheckboxField>
        <CheckboxField name="signupsOpen" state={state} defaultChecked={Boolean(initial.signupsOpen)}>
          Anyone may sign up.
        </CheckboxField>
        <TextField
          name="digitalConsentAge"
          label="Age of digital consent"
          type="number"
          min={13}
          max={21}
          state={state}
          defaultValue={String(initial.digitalConsentAge)}
          hint="Younger members need a parent or guardian to agree when they sign up."
        />
      </fieldset>
      <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
        <legend className="px-1 text-sm font-semibold">Posts</legend>
        <CheckboxField name="historiesPublic" state={state} defaultChecked={Boolean(initial.historiesPublic)}>
          Everyone who can read a post can see its edit history (otherwise only its author and staff, unless an admin publishes it).
        </CheckboxField>
        <CheckboxField name="allowPostAnonymize" state={state} defaultChecked={Boolean(initial.allowPostAnonymize)}>
          Authors may remove their name from a single post.
        </CheckboxField>
        <CheckboxField name="allowPostErase" state={state} defaultChecked={Boolean(initial.allowPostErase)}>
          Authors may erase a single post together with its history.
        </CheckboxField>
      </fieldset>
      <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
        <legend className="px-1 text-sm font-semibold">Private messages</legend>
        <TextField
          name="messagesMinTrustLevel"
          label="Trust level needed to start conversations"
          type="number"
          inputMode="numeric"
          min={0}
          max={4}
          state={state}
          defaultValue={String(initial.messagesMinTrustLevel)}
          hint="From 0 (every member) to 4. Members below it can still reply in conversations they were added to; staff can always start one."
        />
        <TextField
          name="messagesMaxParticipants"
          label="Most members in one conversation"
          type="number"
          inputMode="numeric"
          min={2}
          max={100}
          state={state}
          defaultValue={String(initial.messagesMaxParticipants)}
          hint="From 2 to 100, counting the member who starts it."
        />
        <TextField
          name="messagesPerDay"
          label="New conversations per member per day"
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          state={state}
          defaultValue={String(initial.messagesPerDay)}
          hint="From 1 to 1000, counted over the last 24 hours. Replies are not limited, and staff are not limited."
        />
      </fieldset>
      <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
    </form>
  );
}
