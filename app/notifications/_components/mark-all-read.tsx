'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { markAllReadAction } from '../actions';

export function MarkAllRead({ unread }: { unread: number }) {
  const [state, formAction] = useActionState(markAllReadAction, initialFormState);
  return (
    <div className="space-y-2">
      {unread > 0 ? (
        <form action={formAction}>
          <SubmitButton className="btn-secondary" pendingText="Marking…">
            Mark all read
          </SubmitButton>
        </form>
      ) : null}
      <FormMessage state={state} />
    </div>
  );
}
