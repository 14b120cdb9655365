'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextAreaField, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import type { ProfileSettings } from '@/lib/members/profile';
import { saveProfileAction } from '../actions';

export function ProfileForm({ profile }: { profile: ProfileSettings }) {
  const [state, formAction] = useActionState(saveProfileAction, initialFormState);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <TextField name="name" label="Name" state={state} defaultValue={profile.name} autoComplete="name" required maxLength={60} />
      <TextAreaField
        name="bio"
        label="About you (optional)"
        state={state}
        defaultValue={profile.bio ?? ''}
        rows={4}
        maxLength={1000}
        hint="Up to 1000 characters. Leave empty to remove it."
      />
      <TextField name="location" label="Location (optional)" state={state} defaultValue={profile.location ?? ''} maxLength={100} autoComplete="address-level2" />
      <TextField name="website" label="Website (optional)" type="url" state={state} defaultValue={profile.website ?? ''} maxLength={200} placeholder="https://" autoComplete="url" />
      <TextField name="birthday" label="Birthday (optional)" type="date" state={state} defaultValue={profile.birthday ?? ''} hint="Leave empty to remove it." />
      <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
    </form>
  );
}
