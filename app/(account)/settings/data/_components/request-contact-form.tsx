'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextAreaField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { contactOfficerAction, type ContactState } from '@/app/(account)/settings/privacy/contact-actions';

const initial: ContactState = initialFormState;

/** The message box of "Contact the privacy officer"; once sent, a link to the request it became. */
export function ContactOfficerForm({ detailsMin, detailsMax }: { detailsMin: number; detailsMax: number }) {
  const [state, formAction] = useActionState(contactOfficerAction, initial);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === 'success' && state.requestId ? (
        <div role="status" aria-live="polite" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">
          Sent to the privacy officer as request {state.requestId}.{' '}
          <Link href={`/settings/data#request-${state.requestId}`}>Follow it on Your data</Link>.
        </div>
      ) : (
        <FormMessage state={state} />
      )}
      <TextAreaField
        // A sent message clears the box.
        key={state.requestId ?? 'message'}
        name="details"
        label="Your message"
        state={state}
        rows={5}
        maxLength={detailsMax}
        hint={`${detailsMin} to ${detailsMax.toLocaleString('en-GB')} characters.`}
      />
      <SubmitButton pendingText="Sending…">Send to the privacy officer</SubmitButton>
    </form>
  );
}
