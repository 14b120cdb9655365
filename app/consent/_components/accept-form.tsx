'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { acceptConsentAction } from '../actions';

export function AcceptForm({ versionIds, callbackUrl, label }: { versionIds: number[]; callbackUrl: string; label: string }) {
  const [state, formAction] = useActionState(acceptConsentAction, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      {versionIds.map((id) => (
        <input key={id} type="hidden" name="versionId" value={id} />
      ))}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <SubmitButton pendingText="Saving…">{label}</SubmitButton>
    </form>
  );
}
