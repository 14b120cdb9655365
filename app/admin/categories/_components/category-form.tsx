'use client';

import { useActionState, useState } from 'react';
import { FieldError, FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { deleteCategoryAction, saveCategoryAction } from '../actions';

export interface CategoryFormValues {
  id?: number;
  name: string;
  slug: string;
  description: string;
  color: string;
  position: number;
  visibility: 'everyone' | 'members' | 'trust' | 'staff';
  minTrustLevel: number;
}

const visibilityText = {
  everyone: 'Everyone, including visitors',
  members: 'Signed-in members',
  trust: 'Members from a trust level',
  staff: 'Staff only',
};

export function CategoryForm({ initial }: { initial: CategoryFormValues }) {
  const [state, formAction] = useActionState(saveCategoryAction, initialFormState);
  const [visibility, setVisibility] = useState(state.values.visibility ?? initial.visibility);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label="Name" state={state} defaultValue={initial.name} maxLength={50} required />
        <TextField name="slug" label="Slug (address)" state={state} defaultValue={initial.slug} maxLength={40} required hint="Appears in the address: /c/slug" />
      </div>
      <TextField name="description" label="Description" state={state} defaultValue={initial.description} maxLength={300} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField name="color" label="Colour" type="color" state={state} defaultValue={initial.color} className="input mt-1 h-10 p-1" />
        <TextField name="position" label="Order" type="number" min={0} max={1000} state={state} defaultValue={String(initial.position)} hint="Lower numbers come first." />
      </div>
      <div>
        <label htmlFor="visibility" className="label">
          Who can see it
        </label>
        <select
          id="visibility"
          name="visibility"
          className="input mt-1"
          defaultValue={visibility}
          onChange={(e) => setVisibility(e.currentTarget.value as CategoryFormValues['visibility'])}
          aria-describedby="visibility-hint"
        >
          {Object.entries(visibilityText).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <p id="visibility-hint" className="hint">
          Topics in a hidden category never appear to those who may not see it: not in lists, search, profiles or notifications.
        </p>
        <FieldError name="visibility" state={state} />
      </div>
      {visibility === 'trust' ? (
        <TextField name="minTrustLevel" label="Lowest trust level" type="number" min={0} max={4} state={state} defaultValue={String(initial.minTrustLevel || 1)} />
      ) : null}
      <SubmitButton pendingText="Saving…">{initial.id ? 'Save category' : 'Create category'}</SubmitButton>
    </form>
  );
}

export function DeleteCategoryForm({ id }: { id: number }) {
  const [state, formAction] = useActionState(deleteCategoryAction, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-stone-600">Only an empty category can be deleted.</p>
      <SubmitButton className="btn-danger" pendingText="Deleting…">
        Delete category
      </SubmitButton>
    </form>
  );
}
