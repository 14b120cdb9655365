'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer, type Viewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { handleForm, text, typedValues, type FormState } from '@/lib/forms';
import { approveRequest, commentOnRequest, completeRequest, rejectRequest } from '@/lib/privacy/requests';

type Done = 'approved' | 'rejected' | 'completed' | 'commented';

/**
 * One officer step on one request. lib checks the viewer, the request's status and the text, records
 * the step, tells the member and writes the audit log; the page then shows what was done.
 */
async function step(formData: FormData, done: Done, field: { lib: string; form: string }, run: (viewer: Viewer, id: number) => Promise<void>): Promise<FormState> {
  const id = Number(text(formData, 'requestId'));
  const gone: FormState = { status: 'error', message: 'This request no longer exists.', errors: {}, values: typedValues(formData) };
  if (!Number.isInteger(id) || id <= 0) return gone;
  let state: FormState;
  try {
    state = await handleForm(formData, async () => run(await requireViewer(), id));
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    return gone;
  }
  if (state.status !== 'success') {
    // lib names the text by what it is (note, reason, body); on the page each form's field has its own name.
    const { [field.lib]: message, ...errors } = state.errors;
    return message ? { ...state, errors: { ...errors, [field.form]: message } } : state;
  }
  revalidatePath('/admin/data-requests');
  revalidatePath(`/admin/data-requests/${id}`);
  redirect(`/admin/data-requests/${id}?done=${done}`);
}

export async function approveAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return step(formData, 'approved', { lib: 'note', form: 'approveNote' }, (viewer, id) => approveRequest(viewer, id, { note: text(formData, 'approveNote') }));
}

export async function rejectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return step(formData, 'rejected', { lib: 'reason', form: 'reason' }, (viewer, id) => rejectRequest(viewer, id, { reason: text(formData, 'reason') }));
}

export async function completeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return step(formData, 'completed', { lib: 'note', form: 'completeNote' }, (viewer, id) => completeRequest(viewer, id, { note: text(formData, 'completeNote') }));
}

export async function commentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return step(formData, 'commented', { lib: 'body', form: 'comment' }, (viewer, id) => commentOnRequest(viewer, id, { body: text(formData, 'comment') }));
}
