'use client';

import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { STAFF_NOTE_MAX } from '@/lib/forum/flag-reasons';
import { initialFormState } from '@/lib/forms';
import { decideReportsAction } from '../actions';

function DecisionButton({ value, className, children }: { value: string; className: string; children: React.ReactNode }) {
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get('decision') === value;
  return (
    <button type="submit" name="decision" value={value} className={className} disabled={pending} aria-disabled={pending}>
      {mine ? 'Working…' : children}
    </button>
  );
}

/** Agree (hide), disagree (keep) or delete, with an optional note the author sees when their post is hidden or deleted. */
export function DecisionForm({ postId, page, postGone }: { postId: number; page: number; postGone: boolean }) {
  const [state, formAction] = useActionState(decideReportsAction, initialFormState);
  const noteId = `review-${postId}-note`;
  const noteError = state.errors.note ?? state.errors.decision;
  const describedBy = [`${noteId}-hint`, noteError ? `${noteId}-error` : null].filter(Boolean).join(' ');
  return (
    <form action={formAction} className="space-y-3 border-t border-stone-100 pt-3" noValidate>
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="page" value={page} />
      {state.status === 'error' && state.message && !noteError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <div>
        <label htmlFor={noteId} className="label">
          Note to the author (optional)
        </label>
        <textarea
          id={noteId}
          name="note"
          rows={2}
          maxLength={STAFF_NOTE_MAX}
          defaultValue={state.values.note ?? ''}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={describedBy}
          className="input mt-1"
        />
        <p id={`${noteId}-hint`} className="hint">
          {postGone
            ? 'The post is already gone; any decision only closes these reports.'
            : `Shown to the author, after the reason, when you hide or delete the post. Up to ${STAFF_NOTE_MAX} characters.`}
        </p>
        {noteError ? (
          <p id={`${noteId}-error`} className="field-error" role="alert">
            {noteError}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <DecisionButton value="agree" className="btn-primary">
          Agree: hide post
        </DecisionButton>
        <DecisionButton value="disagree" className="btn-secondary">
          Disagree: keep post
        </DecisionButton>
        <DecisionButton value="delete" className="btn-danger">
          Delete post
        </DecisionButton>
      </div>
    </form>
  );
}
