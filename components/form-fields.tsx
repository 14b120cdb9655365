'use client';

import { useFormStatus } from 'react-dom';
import type { FormState } from '@/lib/forms';
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

type Common = { name: string; label: string; state: FormState; hint?: ReactNode };

function describedBy(name: string, state: FormState, hint?: ReactNode) {
  return [state.errors[name] ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(' ') || undefined;
}

export function FieldError({ name, state }: { name: string; state: FormState }) {
  const message = state.errors[name];
  return message ? (
    <p id={`${name}-error`} className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** The hint under a field, then its error. */
function FieldHelp({ name, state, hint }: { name: string; state: FormState; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError name={name} state={state} />
    </>
  );
}

/** A labelled input that shows its error beside it and keeps what was typed after a failed submit. */
export function TextField({ name, label, state, hint, defaultValue, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const kept = rest.type === 'password' ? undefined : (state.values[name] ?? defaultValue);
  return (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      <input
        id={name}
        name={name}
        className="input mt-1"
        defaultValue={kept}
        aria-invalid={state.errors[name] ? true : undefined}
        aria-describedby={describedBy(name, state, hint)}
        {...rest}
      />
      <FieldHelp name={name} state={state} hint={hint} />
    </div>
  );
}

export function TextAreaField({ name, label, state, hint, defaultValue, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      <textarea
        id={name}
        name={name}
        className="input mt-1"
        defaultValue={state.values[name] ?? defaultValue}
        aria-invalid={state.errors[name] ? true : undefined}
        aria-describedby={describedBy(name, state, hint)}
        {...rest}
      />
      <FieldHelp name={name} state={state} hint={hint} />
    </div>
  );
}

export function CheckboxField({
  name,
  state,
  children,
  defaultChecked,
  ...rest
}: { name: string; state: FormState; children: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const wasSubmitted = state.status !== 'idle';
  const isChecked = wasSubmitted ? state.values[name] === 'on' : defaultChecked;
  return (
    <div>
      <div className="flex items-start gap-3">
        <input
          id={name}
          name={name}
          type="checkbox"
          className="mt-1 size-4 shrink-0 accent-brand-700"
          defaultChecked={isChecked}
          aria-invalid={state.errors[name] ? true : undefined}
          aria-describedby={state.errors[name] ? `${name}-error` : undefined}
          {...rest}
        />
        <label htmlFor={name} className="text-sm text-stone-800">
          {children}
        </label>
      </div>
      <FieldError name={name} state={state} />
    </div>
  );
}

export function SubmitButton({ children, pendingText, className = 'btn-primary' }: { children: ReactNode; pendingText?: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending}>
      {pending ? (pendingText ?? 'Working…') : children}
    </button>
  );
}

/** The form-level message: an error summary, or a success note. */
export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  const isError = state.status === 'error';
  return (
    <div
      role={isError ? 'alert' : 'status'}
      aria-live="polite"
      className={`rounded-md border px-4 py-3 text-sm ${isError ? 'border-red-200 bg-red-50 text-red-800' : 'border-green-200 bg-green-50 text-green-800'}`}
    >
      {state.message}
    </div>
  );
}

export interface RadioChoice {
  value: string;
  label: string;
  hint: ReactNode;
  disabled?: boolean;
}

/**
 * Radio buttons with a line of explanation each, and the group's error beside them. The choice comes
 * from what was sent (so it survives a refused submit), else `value`.
 */
export function RadioGroupField({
  name,
  legend,
  choices,
  state,
  value,
  onChoose,
}: {
  name: string;
  legend: string;
  choices: RadioChoice[];
  state: FormState;
  value?: string;
  onChoose?: (value: string) => void;
}) {
  const error = state.errors[name];
  const chosen = state.values[name] ?? value;
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="label">{legend}</legend>
      <div className="mt-2 space-y-2">
        {choices.map((c) => (
          <label key={c.value} className={`flex items-start gap-2 text-sm ${c.disabled ? 'opacity-60' : ''}`}>
            <input
              // Remounted when the choice sent changes, since a form action resets the form afterwards.
              key={chosen}
              type="radio"
              name={name}
              value={c.value}
              defaultChecked={chosen === c.value}
              disabled={c.disabled}
              onChange={() => onChoose?.(c.value)}
              className="mt-1"
              aria-describedby={`${name}-${c.value}-hint`}
              aria-invalid={error ? true : undefined}
            />
            <span>
              <span className="font-medium text-stone-900">{c.label}</span>
              <span id={`${name}-${c.value}-hint`} className="block text-stone-600">
                {c.hint}
              </span>
            </span>
          </label>
        ))}
      </div>
      <FieldError name={name} state={state} />
    </fieldset>
  );
}
