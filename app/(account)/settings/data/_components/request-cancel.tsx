'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { cancelRequestAction } from '../request-actions';

/** Withdraws a pending request; says why when it was answered in the meantime. */
export function CancelRequestForm({ requestId }: { requestId: number }) {
  const [state, formAction] = useActionState(cancelRequestAction, initialFormState);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="requestId" value={requestId} />
      <SubmitButton className="btn-secondary" pendingText="Cancelling…">
        Cancel request<span className="sr-only"> {requestId}</span>
      </SubmitButton>
      {state.status === 'error' && state.message ? (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
