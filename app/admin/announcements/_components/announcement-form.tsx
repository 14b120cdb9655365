'use client';

import { useActionState, useEffect, useState } from 'react';
import { FormMessage, SubmitButton, TextAreaField, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { sendAnnouncementAction } from '../actions';

const SUBJECT_MAX = 150;
const BODY_MAX = 20_000;

/** Subject and message, then a second step that names how many members the mail goes to. */
export function AnnouncementForm({ audience }: { audience: number }) {
  const [state, formAction] = useActionState(sendAnnouncementAction, initialFormState);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setConfirming(false), [state]);
  const sent = state.status === 'success';
  // After a send the fields start empty again; after an error they keep what was typed.
  const fields = sent ? initialFormState : state;
  const recipients = `${audience} member${audience === 1 ? '' : 's'}`;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <div key={sent ? state.message : 'draft'} className="space-y-4">
        <TextField name="subject" label="Subject" state={fields} maxLength={SUBJECT_MAX} required />
        <TextAreaField name="body" label="Message" state={fields} rows={10} maxLength={BODY_MAX} required hint="Plain text. Each mail starts with the member's name and ends with how to stop these mails." />
      </div>
      {confirming ? (
        <div role="group" aria-labelledby="confirm-send" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3">
          <p id="confirm-send" className="text-sm text-amber-950">
            Send this announcement to {recipients} now? It cannot be called back.
          </p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingText="Sending…">Send to {recipients}</SubmitButton>
            <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn-primary" onClick={() => setConfirming(true)}>
          Review and send…
        </button>
      )}
    </form>
  );
}
