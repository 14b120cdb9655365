'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { CheckboxField, FieldError, FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { signUpAction } from '../actions';

interface PolicyOption {
  versionId: number;
  slug: string;
  title: string;
  summary: string;
}

function yearsSince(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [y, m, d] = date.split('-').map(Number);
  const now = new Date();
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) age -= 1;
  return age;
}

export function SignUpForm({ policies, digitalConsentAge, minimumAge }: { policies: PolicyOption[]; digitalConsentAge: number; minimumAge: number }) {
  const [state, formAction] = useActionState(signUpAction, initialFormState);
  const [dob, setDob] = useState(state.values.dateOfBirth ?? '');
  const age = yearsSince(state.values.dateOfBirth ?? dob);
  const showGuardian = Boolean(state.errors.guardianConsent) || (age !== null && age >= minimumAge && age < digitalConsentAge);

  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <TextField name="name" label="Name" state={state} autoComplete="name" required maxLength={60} hint="Shown on your profile and posts." />
      <TextField
        name="username"
        label="Username"
        state={state}
        autoComplete="username"
        required
        maxLength={20}
        hint="3–20 letters, digits, dots, dashes or underscores. Others mention you with @username."
      />
      <TextField name="email" label="Email" type="email" state={state} autoComplete="email" required maxLength={254} hint="Never shown to other members unless you choose to." />
      <TextField
        name="password"
        label="Password"
        type="password"
        state={state}
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={128}
        hint="At least 10 characters. A few unrelated words make a strong password."
      />
      <TextField
        name="dateOfBirth"
        label="Date of birth"
        type="date"
        state={state}
        required
        onChange={(e) => setDob(e.currentTarget.value)}
        hint="Used only to check the age rules; we do not keep it."
      />
      {showGuardian ? (
        <CheckboxField name="guardianConsent" state={state}>
          I am under {digitalConsentAge}, and my parent or guardian has read the policies below and agrees that I join.
        </CheckboxField>
      ) : null}

      <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
        <legend className="px-1 text-sm font-semibold">Required to join</legend>
        {policies.map((p) => {
          const key = `policy_${p.slug}`;
          const submitted = state.status !== 'idle';
          return (
            <div key={p.versionId}>
              <div className="flex items-start gap-3">
                <input
                  id={key}
                  name="policy"
                  value={p.versionId}
                  type="checkbox"
                  className="mt-1 size-4 shrink-0 accent-brand-700"
                  defaultChecked={submitted ? state.values[`policy:${p.versionId}`] === 'on' : false}
                  aria-invalid={state.errors[key] ? true : undefined}
                  aria-describedby={state.errors[key] ? `${key}-error` : `${key}-summary`}
                />
                <div className="text-sm">
                  <label htmlFor={key} className="text-stone-800">
                    I have read and accept the{' '}
                  </label>
                  <Link href={`/policies/${p.slug}`} target="_blank" rel="noopener">
                    {p.title}
                  </Link>
                  <p id={`${key}-summary`} className="mt-0.5 text-stone-500">
                    {p.summary}
                  </p>
                </div>
              </div>
              <FieldError name={key} state={state} />
            </div>
          );
        })}
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
        <legend className="px-1 text-sm font-semibold">Optional</legend>
        <CheckboxField name="marketingEmail" state={state}>
          Send me occasional news about this community by email. You can stop this at any time.
        </CheckboxField>
      </fieldset>

      <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
      <p className="text-sm text-stone-600">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </form>
  );
}
