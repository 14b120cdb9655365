'use client';

import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { initialFormState } from '@/lib/forms';
import { requestExportAction } from '../export-actions';

function RequestButton({ describedBy }: { describedBy?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="btn-primary" disabled={pending} aria-disabled={pending} aria-describedby={describedBy}>
      {pending ? 'Asking…' : 'Download my data'}
    </button>
  );
}

/** The "Download my data" button, with the reason beside it when the request is refused (such as the daily limit). */
export function ExportRequestForm({ hint }: { hint?: string }) {
  const [state, formAction] = useActionState(requestExportAction, initialFormState);
  const error = state.errors.export ?? (state.status === 'error' ? state.message : undefined);
  const describedBy = [error ? 'export-error' : null, hint ? 'export-hint' : null].filter(Boolean).join(' ') || undefined;
  return (
    <form action={formAction} className="space-y-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-3">
        <RequestButton describedBy={describedBy} />
        {hint ? (
          <p id="export-hint" className="text-sm text-stone-600">
            {hint}
          </p>
        ) : null}
      </div>
      {error ? (
        <p id="export-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {state.status === 'success' && state.message ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
