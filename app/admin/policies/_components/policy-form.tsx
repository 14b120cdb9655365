'use client';

import { useActionState } from 'react';
import { CheckboxField, FieldError, FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState, type FormState } from '@/lib/forms';
import type { PolicyAudience, PolicyType } from '@/lib/policies/admin';
import { createPolicyAction, updatePolicyAction } from '../actions';
import { AUDIENCE_HINTS, AUDIENCE_LABELS, TYPE_LABELS } from './labels';

export interface PolicySettingsValues {
  id?: number;
  title: string;
  slug: string;
  type: PolicyType;
  audience: PolicyAudience;
  required: boolean;
  position: number;
}

function SelectField({ name, label, options, state, value, hint }: { name: string; label: string; options: Record<string, string>; state: FormState; value: string; hint?: string }) {
  const chosen = state.values[name] ?? value;
  const described = [state.errors[name] ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      {/* Remounted when the value sent changes, since a form action resets the form afterwards. */}
      <select key={chosen} id={name} name={name} defaultValue={chosen} className="input mt-1" aria-invalid={state.errors[name] ? true : undefined} aria-describedby={described}>
        {Object.entries(options).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError name={name} state={state} />
    </div>
  );
}

const audienceOptions = Object.fromEntries(Object.entries(AUDIENCE_LABELS).map(([v, label]) => [v, `${label}: ${AUDIENCE_HINTS[v as PolicyAudience]}`]));

/** A new policy (no id) or an existing policy's settings. */
export function PolicyForm({ initial }: { initial: PolicySettingsValues }) {
  const isNew = initial.id === undefined;
  const [state, formAction] = useActionState(isNew ? createPolicyAction : updatePolicyAction, initialFormState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {isNew ? null : <input type="hidden" name="policyId" value={initial.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="title" label="Title" state={state} defaultValue={initial.title} maxLength={120} required />
        {isNew ? (
          <TextField name="slug" label="Slug (address)" state={state} defaultValue={initial.slug} maxLength={60} required hint="The page is at /policies/slug. It cannot be changed later." />
        ) : (
          <div>
            <p className="label">Address</p>
            <p className="mt-2 text-sm text-stone-700">/policies/{initial.slug}</p>
          </div>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="type" label="Kind" options={TYPE_LABELS} state={state} value={initial.type} />
        <TextField name="position" label="Order" type="number" min={0} max={1000} state={state} defaultValue={String(initial.position)} hint="Lower numbers come first in the footer and lists." />
      </div>
      <SelectField name="audience" label="Who it is for" options={audienceOptions} state={state} value={initial.audience} />
      <CheckboxField name="required" state={state} defaultChecked={initial.required}>
        Required: members must accept it to take part. Leave unticked for an optional policy members can accept or withdraw in their settings.
      </CheckboxField>
      <SubmitButton pendingText="Saving…">{isNew ? 'Create policy' : 'Save settings'}</SubmitButton>
    </form>
  );
}
