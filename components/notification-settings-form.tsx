'use client';

import { useActionState } from 'react';
import { saveNotificationSettingsAction } from '@/app/notifications/actions';
import { FieldError, FormMessage, SubmitButton } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import type { EmailFrequency, MailableKind as NotificationKind, NotificationPreferences } from '@/lib/forum/notifications';

const KINDS: { kind: NotificationKind; label: string; hint: string }[] = [
  { kind: 'mention', label: 'Mentions', hint: 'Someone writes @ and your username in a post.' },
  { kind: 'reply', label: 'Replies', hint: 'Someone replies to your topic or to one of your posts.' },
  { kind: 'quote', label: 'Quotes', hint: 'Someone quotes one of your posts.' },
  { kind: 'like', label: 'Likes', hint: 'Someone likes one of your posts.' },
  { kind: 'message', label: 'Private messages', hint: 'Someone sends you a private message. The mail names the sender and subject, never the text.' },
  { kind: 'staff_action', label: 'Moderation of your posts', hint: 'Staff hide or delete one of your posts, and say why.' },
];

const FREQUENCIES: { value: EmailFrequency; label: string }[] = [
  { value: 'immediately', label: 'Immediately' },
  { value: 'daily', label: 'Daily summary' },
  { value: 'never', label: 'Never' },
];

/**
 * How each kind of notification reaches the member by email. Used signed in (settings) and from the
 * link in every notification mail, which passes its token instead of a session.
 */
export function NotificationSettingsForm({ preferences, token }: { preferences: NotificationPreferences; token?: string }) {
  const [state, formAction] = useActionState(saveNotificationSettingsAction, initialFormState);
  const current = (kind: NotificationKind) => state.values[kind] ?? preferences[kind];
  return (
    <form action={formAction} className="space-y-5">
      <FormMessage state={state} />
      {token ? <input type="hidden" name="token" value={token} /> : null}
      {KINDS.map(({ kind, label, hint }) => (
        <fieldset
          key={kind}
          className="border-b border-stone-100 pb-5 last-of-type:border-0"
          aria-describedby={[`${kind}-hint`, state.errors[kind] ? `${kind}-error` : null].filter(Boolean).join(' ')}
        >
          <legend className="label">{label}</legend>
          <p id={`${kind}-hint`} className="hint">
            {hint}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            {FREQUENCIES.map((f) => (
              <label
                key={f.value}
                className="flex cursor-pointer items-center gap-2 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm text-stone-800 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
              >
                <input
                  type="radio"
                  name={kind}
                  value={f.value}
                  defaultChecked={current(kind) === f.value}
                  className="size-4 accent-brand-700"
                />
                {f.label}
              </label>
            ))}
          </div>
          <FieldError name={kind} state={state} />
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">Save email settings</SubmitButton>
        <button type="submit" name="intent" value="all-off" className="btn-secondary">
          Turn off all notification mail
        </button>
      </div>
    </form>
  );
}
