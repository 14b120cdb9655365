'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { activateVersionAction, deleteDraftAction } from '../actions';

export function ActivateForm({ versionId, version, hint }: { versionId: number; version: number; hint: string }) {
  const [state, formAction] = useActionState(activateVersionAction, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="versionId" value={versionId} />
      <p id="activate-hint" className="text-sm text-stone-700">
        {hint}
      </p>
      <SubmitButton pendingText="Activating…">Activate version {version}</SubmitButton>
    </form>
  );
}

export function DeleteDraftForm({ versionId }: { versionId: number }) {
  const [state, formAction] = useActionState(deleteDraftAction, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="versionId" value={versionId} />
      <p className="text-sm text-stone-600">Deleting a draft cannot be undone. Published versions are never deleted.</p>
      <SubmitButton className="btn-danger" pendingText="Deleting…">
        Delete draft
      </SubmitButton>
    </form>
  );
}
