'use client';

import { useActionState, useState } from 'react';
import { FieldError, FormMessage, SubmitButton, TextAreaField } from '@/components/form-fields';
import { initialFormState, type FormState } from '@/lib/forms';
import { fileRequestAction } from '../request-actions';

export interface RequestChoice {
  value: string;
  label: string;
  hint: string;
  disabled?: boolean;
}

interface RequestFormProps {
  kinds: RequestChoice[];
  eraseModes: RequestChoice[];
  detailsMin: number;
  detailsMax: number;
}

/**
 * The form for a new data request: what is asked (and, for erasure, how), and the details. Everything
 * typed is kept when the request is refused; a sent request leaves an empty form.
 */
export function RequestForm(props: RequestFormProps) {
  const [state, formAction] = useActionState(fileRequestAction, initialFormState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {/* Mounted again after each sent request (its message names the new request), so the choices start over. */}
      <RequestFields key={state.status === 'success' ? state.message : 'editing'} state={state} {...props} />
      <SubmitButton pendingText="Sending…">Send request</SubmitButton>
    </form>
  );
}

function RequestFields({ state, kinds, eraseModes, detailsMin, detailsMax }: RequestFormProps & { state: FormState }) {
  // The erasure choices appear once erasure is chosen.
  const [kind, setKind] = useState(state.values.kind ?? '');
  return (
    <>
      <ChoiceGroup name="kind" legend="What are you asking for?" choices={kinds} state={state} onChoose={setKind} />
      {kind === 'erasure' && eraseModes.length ? (
        <ChoiceGroup name="eraseMode" legend="What should happen to what you wrote?" choices={eraseModes} state={state} />
      ) : null}
      <TextAreaField
        name="details"
        label="Details"
        state={state}
        rows={4}
        maxLength={detailsMax}
        hint={`For an other request, say what you need (${detailsMin} to ${detailsMax.toLocaleString('en-GB')} characters). For the others, anything the privacy officer should know (optional).`}
      />
    </>
  );
}

/** Radio buttons with a line of explanation each, and the group's error beside them. */
function ChoiceGroup({ name, legend, choices, state, onChoose }: { name: string; legend: string; choices: RequestChoice[]; state: FormState; onChoose?: (value: string) => void }) {
  const error = state.errors[name];
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="label">{legend}</legend>
      <div className="mt-2 space-y-2">
        {choices.map((c) => (
          <label key={c.value} className={`flex items-start gap-2 text-sm ${c.disabled ? 'opacity-60' : ''}`}>
            <input
              type="radio"
              name={name}
              value={c.value}
              defaultChecked={state.values[name] === c.value}
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
