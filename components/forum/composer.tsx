'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useCallback, useEffect, useRef, useState } from 'react';
import { FieldError, FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState, type FormState } from '@/lib/forms';
import { useMentionSuggestions } from './mention-suggestions';

interface ComposerProps {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  /** Where the draft is kept in this browser until the post is saved. */
  draftKey: string;
  submitLabel: string;
  hidden?: Record<string, string | number>;
  initialBody?: string;
  initialTitle?: string;
  showTitle?: boolean;
  showReason?: boolean;
  categories?: { id: number; name: string }[];
  initialCategoryId?: number;
  bodyLabel?: string;
  /** A private message: the recipients (usernames) and a subject come before the text. */
  recipients?: { defaultValue: string };
  showSubject?: boolean;
}

/**
 * The post editor for new topics, replies and edits. What is typed is saved as a draft in this
 * browser as you go, survives a failed submit or a closed tab, and is cleared once the post is saved.
 */
export function Composer(props: ComposerProps) {
  const [state, formAction] = useActionState(props.action, initialFormState);
  const router = useRouter();
  const body = useRef<HTMLTextAreaElement>(null);
  const [restored, setRestored] = useState(false);
  const [replyTo, setReplyTo] = useState<{ id: number; label: string } | null>(null);
  const { draftKey } = props;
  const keepDraft = useCallback((value: string) => window.localStorage.setItem(draftKey, value), [draftKey]);
  const mentions = useMentionSuggestions(body, keepDraft);

  useEffect(() => {
    const saved = window.localStorage.getItem(props.draftKey);
    if (saved && body.current && !body.current.value.trim() && !props.initialBody) {
      body.current.value = saved;
      setRestored(true);
    }
  }, [props.draftKey, props.initialBody]);

  useEffect(() => {
    if (state.status === 'success') {
      window.localStorage.removeItem(props.draftKey);
      if (state.values.redirectTo) router.push(state.values.redirectTo);
    }
  }, [state, props.draftKey, router]);

  // "Quote" buttons elsewhere on the page append to the open reply box through this event.
  useEffect(() => {
    const onQuote = (e: Event) => {
      const text = (e as CustomEvent<string>).detail;
      const area = body.current;
      if (!area) return;
      area.value = `${area.value.trim() ? `${area.value.trimEnd()}\n\n` : ''}${text}\n\n`;
      window.localStorage.setItem(props.draftKey, area.value);
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
    };
    const onReplyTo = (e: Event) => {
      setReplyTo((e as CustomEvent<{ id: number; label: string }>).detail);
      body.current?.focus();
    };
    window.addEventListener('hearth:quote', onQuote);
    window.addEventListener('hearth:reply-to', onReplyTo);
    return () => {
      window.removeEventListener('hearth:quote', onQuote);
      window.removeEventListener('hearth:reply-to', onReplyTo);
    };
  }, [props.draftKey]);

  const keptBody = state.status === 'error' ? state.values.body : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state.status === 'success' ? initialFormState : state} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {replyTo ? (
        <p className="flex items-center gap-2 text-sm text-stone-600">
          <input type="hidden" name="replyToPostId" value={replyTo.id} />
          Replying to {replyTo.label}
          <button type="button" className="text-brand-700 underline" onClick={() => setReplyTo(null)}>
            Reply to the topic instead
          </button>
        </p>
      ) : null}
      {props.categories ? (
        <div>
          <label htmlFor="categoryId" className="label">
            Category
          </label>
          <select
            id="categoryId"
            name="categoryId"
            className="input mt-1"
            defaultValue={state.values.categoryId ?? props.initialCategoryId ?? ''}
            aria-invalid={state.errors.categoryId ? true : undefined}
            aria-describedby={state.errors.categoryId ? 'categoryId-error categoryId-hint' : 'categoryId-hint'}
          >
            <option value="">Choose a category…</option>
            {props.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <p id="categoryId-hint" className="hint">
            The category decides who can see your topic.
          </p>
          <FieldError name="categoryId" state={state} />
        </div>
      ) : null}
      {props.recipients ? (
        <TextField
          name="to"
          label="To"
          state={state}
          defaultValue={props.recipients.defaultValue}
          hint="Usernames, separated by spaces or commas."
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
      ) : null}
      {props.showSubject ? <TextField name="subject" label="Subject" state={state} maxLength={200} required /> : null}
      {props.showTitle ? <TextField name="title" label="Title" state={state} defaultValue={props.initialTitle} maxLength={200} required /> : null}
      <div>
        <label htmlFor="body" className="label">
          {props.bodyLabel ?? 'Your post'}
        </label>
        <div className="relative">
          <textarea
            ref={body}
            id="body"
            name="body"
            rows={8}
            className="input mt-1 font-mono text-sm"
            defaultValue={keptBody ?? props.initialBody}
            maxLength={50_000}
            {...mentions.textareaProps}
            onChange={(e) => {
              keepDraft(e.currentTarget.value);
              mentions.onInput();
            }}
            aria-invalid={state.errors.body ? true : undefined}
            aria-describedby={state.errors.body ? 'body-error body-hint' : 'body-hint'}
          />
          {mentions.listbox}
        </div>
        <p id="body-hint" className="hint">
          Markdown works: **bold**, _italic_, `code`, &gt; quotes, lists and links. Mention someone with @ and their name: choose from the list with the arrow keys and Enter.
          {restored ? <span className="ml-1 font-medium text-stone-700">Your unsent draft was restored.</span> : null}
        </p>
        <FieldError name="body" state={state} />
      </div>
      {props.showReason ? (
        <TextField name="reason" label="Reason for the edit (optional)" state={state} maxLength={200} hint="Shown in the post's history." />
      ) : null}
      <SubmitButton pendingText="Saving…">{props.submitLabel}</SubmitButton>
    </form>
  );
}
