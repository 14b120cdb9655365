'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/form-fields';
import { initialFormState, type FormState } from '@/lib/forms';

interface MemberSettingFormProps {
  userId: string;
  username: string;
  /** The form field: trustLevel or role. */
  name: string;
  /** "Trust level", "Role": read out as "Trust level for @ann". */
  label: string;
  value: string;
  options: { value: string; label: string }[];
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
}

/**
 * One setting of one member (trust level, role), inside a row of the members table: the choice, an
 * optional reason for the audit log, and the outcome beside them. Ids carry the member's id, since
 * fifty rows share the page.
 */
export function MemberSettingForm({ userId, username, name, label, value, options, action }: MemberSettingFormProps) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ids = { level: `${name}-${userId}`, reason: `${name}-reason-${userId}`, status: `${name}-status-${userId}` };
  const errors = { level: state.errors[name], reason: state.errors.reason };
  const fieldErrors = Boolean(errors.level || errors.reason);
  // React resets the form after each submit, and a <select> resets to the option chosen when it mounted:
  // keyed by the value to show, it mounts again whenever that changes, so the reset keeps it.
  const level = state.values[name] ?? value;
  // After a failed save the reason stays as typed; after a successful one it is cleared, as it was logged.
  const reason = state.status === 'error' ? (state.values.reason ?? '') : '';
  return (
    <form action={formAction} noValidate className="space-y-1">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="username" value={username} />
      <div className="flex flex-wrap items-start gap-2">
        <div>
          <label htmlFor={ids.level} className="sr-only">
            {label} for @{username}
          </label>
          <select
            key={level}
            id={ids.level}
            name={name}
            defaultValue={level}
            className="input w-auto py-1.5"
            aria-invalid={errors.level ? true : undefined}
            aria-describedby={errors.level ? `${ids.level}-error` : undefined}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 flex-1">
          <label htmlFor={ids.reason} className="sr-only">
            Reason for the {label.toLowerCase()} of @{username}
          </label>
          <input
            id={ids.reason}
            name="reason"
            type="text"
            className="input min-w-32 py-1.5"
            placeholder="Reason (optional)"
            maxLength={500}
            defaultValue={reason}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${ids.reason}-error` : undefined}
          />
        </div>
        <SubmitButton className="btn-secondary py-1.5" pendingText="Saving…">
          Save<span className="sr-only"> {label.toLowerCase()} for @{username}</span>
        </SubmitButton>
      </div>
      {errors.level ? (
        <p id={`${ids.level}-error`} className="field-error" role="alert">
          {errors.level}
        </p>
      ) : null}
      {errors.reason ? (
        <p id={`${ids.reason}-error`} className="field-error" role="alert">
          {errors.reason}
        </p>
      ) : null}
      {state.status === 'error' && !fieldErrors && state.message ? (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <p id={ids.status} role="status" className="text-sm text-green-800 empty:hidden">
        {state.status === 'success' ? state.message : null}
      </p>
    </form>
  );
}
