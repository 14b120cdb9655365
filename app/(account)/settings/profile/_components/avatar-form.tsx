'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton, FieldError } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { avatarAction } from '../actions';

export function AvatarForm({ avatarUrl, initial }: { avatarUrl: string | null; initial: string }) {
  const [state, formAction] = useActionState(avatarAction, initialFormState);
  return (
    <form action={formAction} className="space-y-4" encType="multipart/form-data">
      <FormMessage state={state} />
      <div className="flex items-center gap-4">
        {avatarUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={avatarUrl} alt="Your current picture" className="size-20 rounded-full border border-stone-200 object-cover" />
        ) : (
          <span className="flex size-20 items-center justify-center rounded-full bg-brand-100 text-2xl font-semibold text-brand-800" aria-label="No picture yet">
            {initial}
          </span>
        )}
        <div className="min-w-0 flex-1">
          <label htmlFor="avatar" className="label">
            Profile picture
          </label>
          <input
            id="avatar"
            name="avatar"
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm"
            aria-invalid={state.errors.avatar ? true : undefined}
            aria-describedby={state.errors.avatar ? 'avatar-error avatar-hint' : 'avatar-hint'}
          />
          <p id="avatar-hint" className="hint">
            PNG, JPEG, GIF or WebP, up to 2 MB.
          </p>
          <FieldError name="avatar" state={state} />
        </div>
      </div>
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingText="Uploading…">Upload picture</SubmitButton>
        {avatarUrl ? (
          <button type="submit" name="intent" value="remove" className="btn-danger">
            Remove picture
          </button>
        ) : null}
      </div>
    </form>
  );
}
