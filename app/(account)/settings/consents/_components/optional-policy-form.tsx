'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { optionalConsentAction } from '../actions';

/** Accept or withdraw one optional policy. */
export function OptionalPolicyForm({ policyId, versionId, title, accepted }: { policyId: number; versionId: number; title: string; accepted: boolean }) {
  const [state, formAction] = useActionState(optionalConsentAction, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="policyId" value={policyId} />
      <input type="hidden" name="versionId" value={versionId} />
      <input type="hidden" name="choice" value={accepted ? 'withdraw' : 'accept'} />
      {accepted ? (
        <SubmitButton className="btn-secondary" pendingText="Withdrawing…">
          Withdraw <span className="sr-only">{title}</span>
        </SubmitButton>
      ) : (
        <SubmitButton pendingText="Saving…">
          Accept <span className="sr-only">{title}</span>
        </SubmitButton>
      )}
    </form>
  );
}
