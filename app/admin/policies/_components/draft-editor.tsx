'use client';

import { useActionState, useEffect, useState } from 'react';
import { CheckboxField, FieldError, FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { previewPolicyAction, saveDraftAction } from '../actions';

export interface DraftValues {
  summary: string;
  body: string;
  effectiveAt: string;
  minorChange: boolean;
}

const PREVIEW_DELAY_MS = 400;

type Preview = { source: string; html: string; error?: undefined } | { source: string; error: string; html?: undefined };

/**
 * Writes a new draft (no versionId) or changes one, with the text rendered beside it as the policy
 * page will show it, refreshed a moment after typing stops.
 */
export function DraftEditor({ policyId, versionId, initial, initialHtml, bodyMax, summaryMax }: { policyId: number; versionId?: number; initial: DraftValues; initialHtml: string; bodyMax: number; summaryMax: number }) {
  const [state, formAction] = useActionState(saveDraftAction, initialFormState);
  // Controlled, so it survives the form reset after every submit, refused or not.
  const [body, setBody] = useState(initial.body);
  const [preview, setPreview] = useState<Preview>({ source: initial.body, html: initialHtml });

  useEffect(() => {
    if (body === preview.source) return;
    let current = true;
    const timer = setTimeout(() => {
      previewPolicyAction(body)
        .then((result) => {
          if (current) setPreview('html' in result ? { source: body, html: result.html } : { source: body, error: result.error });
        })
        .catch(() => {
          if (current) setPreview({ source: body, error: 'The preview could not be loaded. Your text is kept; the preview tries again when you type.' });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body, preview.source]);

  const bodyError = state.errors.body;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form action={formAction} className="min-w-0 space-y-4" noValidate>
        <FormMessage state={state} />
        <input type="hidden" name="policyId" value={policyId} />
        {versionId ? <input type="hidden" name="versionId" value={versionId} /> : null}
        <TextField name="summary" label="Summary" state={state} defaultValue={initial.summary} maxLength={summaryMax} required hint="One or two sentences: what this version says or what changed. Members see it when asked to accept." />
        <div>
          <label htmlFor="body" className="label">
            Text (Markdown)
          </label>
          <textarea
            id="body"
            name="body"
            rows={18}
            className="input mt-1 font-mono text-sm"
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            maxLength={bodyMax}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={['body-hint', bodyError ? 'body-error' : null].filter(Boolean).join(' ')}
          />
          <p id="body-hint" className="hint">
            Use ## for section headings; they make the table of contents. Raw HTML is shown as text.
          </p>
          <FieldError name="body" state={state} />
        </div>
        <TextField name="effectiveAt" label="Effective date" type="date" state={state} defaultValue={initial.effectiveAt} required hint="The date the policy page shows this version applies from." />
        <CheckboxField name="minorChange" state={state} defaultChecked={initial.minorChange}>
          Minor change (typos, wording, layout): members who accepted the version before are not asked to accept again.
        </CheckboxField>
        <SubmitButton pendingText="Saving…">{versionId ? 'Save draft' : 'Create draft'}</SubmitButton>
      </form>
      <section aria-labelledby="preview-heading" className="min-w-0">
        <h2 id="preview-heading" className="label">
          Preview
        </h2>
        <div className="card mt-1 max-h-[40rem] overflow-y-auto">
          {preview.error ? (
            <p className="text-sm text-red-800">{preview.error}</p>
          ) : preview.html ? (
            <div className="prose-doc" dangerouslySetInnerHTML={{ __html: preview.html }} />
          ) : (
            <p className="text-sm text-stone-500">The text appears here as you write it.</p>
          )}
        </div>
      </section>
    </div>
  );
}
