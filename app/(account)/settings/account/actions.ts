'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth/config';
import { requireViewer } from '@/lib/auth/viewer';
import { handleForm, text, type FormState } from '@/lib/forms';
import { cancelClosure, confirmClosure, requestClosure } from '@/lib/privacy/closure';

export async function requestClosureAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const { email } = await requestClosure(await requireViewer(), { mode: text(formData, 'mode'), password: text(formData, 'password') });
    return `We sent a confirmation link to ${email}. Nothing happens until you open it.`;
  });
  revalidatePath('/settings/account');
  return state;
}

export async function cancelClosureAction(): Promise<void> {
  await cancelClosure(await requireViewer());
  revalidatePath('/settings/account');
  redirect('/settings/account?cancelled=1');
}

export async function confirmClosureAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let closed = false;
  const state = await handleForm(formData, async () => {
    const result = await confirmClosure(text(formData, 'token'));
    closed = result.closed;
    return result.closed
      ? 'Your account has been closed.'
      : `Confirmed. Your account will be closed on ${result.processAfter.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}. Sign in before then to cancel.`;
  });
  // A closed account has no session left: end the cookie here too.
  if (closed) await signOut({ redirectTo: '/?account-closed=1' });
  return state;
}
