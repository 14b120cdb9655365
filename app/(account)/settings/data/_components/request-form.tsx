'use client';

import { useActionState, useState } from 'react';
import { FormMessage, RadioGroupField, SubmitButton, TextAreaField, type RadioChoice } from '@/components/form-fields';
import { initialFormState, type FormState } from '@/lib/forms';
import { fileRequestAction } from '../request-actions';

export type RequestChoice = RadioChoice;

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
      <RadioGroupField name="kind" legend="What are you asking for?" choices={kinds} state={state} onChoose={setKind} />
      {kind === 'erasure' && eraseModes.length ? (
        <RadioGroupField name="eraseMode" legend="What should happen to what you wrote?" choices={eraseModes} state={state} />
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
