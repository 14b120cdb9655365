'use client';

import { useActionState } from 'react';
import { CheckboxField, FieldError, FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState, type FormState } from '@/lib/forms';
import { saveSettingsAction } from '../actions';

type Initial = Record<string, string | number | boolean>;

function NumberField({ name, label, min, max, state, initial, hint }: { name: string; label: string; min: number; max: number; state: FormState; initial: Initial; hint?: string }) {
  return <TextField name={name} label={label} type="number" inputMode="numeric" min={min} max={max} state={state} defaultValue={String(initial[name])} hint={hint} />;
}

function SelectField({ name, label, state, initial, options }: { name: string; label: string; state: FormState; initial: Initial; options: { value: string; label: string }[] }) {
  const current = state.status === 'idle' ? String(initial[name]) : (state.values[name] ?? String(initial[name]));
  return (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      <select
        id={name}
        name={name}
        defaultValue={current}
        key={current}
        className="input mt-1"
        aria-invalid={state.errors[name] ? true : undefined}
        aria-describedby={state.errors[name] ? `${name}-error` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError name={name} state={state} />
    </div>
  );
}

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
      <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
        <legend className="px-1 text-sm font-semibold">Privacy</legend>
        <TextField
          name="privacyOfficerEmail"
          label="Privacy officer’s email"
          type="email"
          state={state}
          defaultValue={String(initial.privacyOfficerEmail)}
          hint="Shown on the privacy page and notice; new data requests are mailed here. Empty: they go to every admin and privacy officer."
        />
        <TextField name="hostingRegion" label="Where the data is stored" state={state} defaultValue={String(initial.hostingRegion)} hint="Shown in the privacy notice, e.g. “the European Union”." />
        <NumberField name="dataRequestDays" label="Days to answer a data request" min={1} max={90} state={state} initial={initial} hint="The deadline shown to members and privacy officers (the law usually allows 30)." />
        <CheckboxField name="autoApproveExports" state={state} defaultChecked={Boolean(initial.autoApproveExports)}>
          Approve export requests at once (the member gets the download without waiting for an officer).
        </CheckboxField>
        <CheckboxField name="autoApproveErasures" state={state} defaultChecked={Boolean(initial.autoApproveErasures)}>
          Approve erasure requests at once (otherwise a privacy officer decides).
        </CheckboxField>
        <NumberField name="exportExpiryDays" label="Days a data export can be downloaded" min={1} max={30} state={state} initial={initial} hint="Then the file is deleted." />
        <NumberField
          name="cookieBannerVersion"
          label="Cookie banner version"
          min={1}
          max={1000}
          state={state}
          initial={initial}
          hint="Raise it after changing which cookies the site sets: every visitor is asked again."
        />
      </fieldset>
      <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
        <legend className="px-1 text-sm font-semibold">Closing accounts</legend>
        <CheckboxField name="allowAccountAnonymize" state={state} defaultChecked={Boolean(initial.allowAccountAnonymize)}>
          Members may close their account by anonymizing it (their posts stay under an anonymous name).
        </CheckboxField>
        <CheckboxField name="allowAccountErase" state={state} defaultChecked={Boolean(initial.allowAccountErase)}>
          Members may close their account by erasing it (their posts become placeholders).
        </CheckboxField>
        <NumberField name="closureCoolingOffDays" label="Days to change their mind" min={0} max={30} state={state} initial={initial} hint="After confirming, the account stays open this long; 0 closes it at once." />
        <NumberField name="usernameQuarantineDays" label="Days before a closed account’s username is free again" min={0} max={365} state={state} initial={initial} />
      </fieldset>
      <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
        <legend className="px-1 text-sm font-semibold">Retention</legend>
        <NumberField name="ipRetentionDays" label="Days network addresses and browser names are kept" min={1} max={365} state={state} initial={initial} />
        <NumberField name="outboxRetentionDays" label="Days sent mail is kept in the outbox" min={1} max={365} state={state} initial={initial} />
        <NumberField name="unverifiedAccountDays" label="Days an unconfirmed sign-up is kept" min={1} max={90} state={state} initial={initial} />
        <NumberField
          name="inactiveAccountYears"
          label="Close accounts inactive for this many years"
          min={0}
          max={20}
          state={state}
          initial={initial}
          hint="0 never closes them. Members are mailed 30 and 7 days before; administrators’ accounts are never closed."
        />
        <SelectField
          name="inactiveAccountFrom"
          label="Count inactivity from"
          state={state}
          initial={initial}
          options={[
            { value: 'activity', label: 'Last sign-in or activity (signing in resets the clock)' },
            { value: 'signup', label: 'Sign-up (a fixed term)' },
          ]}
        />
        <SelectField
          name="inactiveAccountMode"
          label="Inactive accounts are"
          state={state}
          initial={initial}
          options={[
            { value: 'anonymize', label: 'Anonymized (posts stay)' },
            { value: 'erase', label: 'Erased (posts become placeholders)' },
          ]}
        />
      </fieldset>
      <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
    </form>
  );
}
