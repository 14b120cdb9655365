'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextField } from '@/components/form-fields';
import { initialFormState } from '@/lib/forms';
import { signInAction } from '../actions';
import { ResendForm } from './resend-form';

export function SignInForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string }) {
  const [state, formAction] = useActionState(signInAction, initialFormState);
  return (
    <div className="space-y-6">
      {notice && state.status === 'idle' ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">
          {notice}
        </p>
      ) : null}
      <form action={formAction} className="space-y-5" noValidate>
        <FormMessage state={state} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextField name="email" label="Email" type="email" state={state} autoComplete="email" required autoFocus />
        <TextField name="password" label="Password" type="password" state={state} autoComplete="current-password" required />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
          <Link href="/forgot-password" className="text-sm">
            Forgot your password?
          </Link>
        </div>
      </form>
      {state.values.reason === 'unverified' ? <ResendForm email={state.values.email ?? ''} /> : null}
    </div>
  );
}
