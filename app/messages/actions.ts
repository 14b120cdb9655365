'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { handleForm, text, type FormState } from '@/lib/forms';
import { blockMember, unblockMember } from '@/lib/members/blocks';
import { updatePrivacyChoices } from '@/lib/members/privacy-settings';
import { leaveConversation, sendMessage, setArchived, startConversation } from '@/lib/messages';
import { safeCallbackPath } from '@/lib/auth/request';


function conversationId(formData: FormData): number {
  const id = Number(text(formData, 'conversationId'));
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export async function startConversationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let url = '';
  const state = await handleForm(formData, async () => {
    const { conversationId } = await startConversation(await requireViewer(), {
      to: text(formData, 'to'),
      subject: text(formData, 'subject'),
      body: text(formData, 'body'),
    });
    url = `/messages/${conversationId}`;
  });
  if (state.status === 'success') {
    revalidatePath('/messages');
    return { status: 'success', errors: {}, values: { redirectTo: url } };
  }
  return state;
}

export async function sendMessageAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const id = conversationId(formData);
  let messageId = 0;
  const state = await handleForm(formData, async () => {
    ({ messageId } = await sendMessage(await requireViewer(), id, { body: text(formData, 'body') }));
  });
  if (state.status === 'success') {
    revalidatePath(`/messages/${id}`);
    revalidatePath('/messages');
    return { status: 'success', errors: {}, values: { redirectTo: `/messages/${id}#message-${messageId}` } };
  }
  return state;
}

/** Archive, move back to the inbox, or leave (the form says which). */
export async function conversationCommandAction(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const id = conversationId(formData);
  const command = text(formData, 'command');
  try {
    if (command === 'leave') await leaveConversation(viewer, id);
    else await setArchived(viewer, id, command === 'archive');
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
  revalidatePath('/messages');
  if (command === 'leave') redirect('/messages?left=1');
  if (command === 'archive') redirect('/messages?archived=1');
  redirect(`/messages/${id}`);
}

export async function blockAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const blocked = await blockMember(await requireViewer(), text(formData, 'username'));
    return `@${blocked.username} is blocked.`;
  });
  if (state.status === 'success') {
    revalidatePath('/settings/privacy');
    revalidatePath(`/u/${text(formData, 'username').replace(/^@/, '')}`);
    // The block form on the privacy page starts empty again.
    return { ...state, values: {} };
  }
  return state;
}

export async function unblockAction(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const userId = text(formData, 'userId');
  try {
    await unblockMember(viewer, userId);
  } catch (e) {
    // Not blocked (any more): nothing to do.
    if (!(e instanceof NotFound)) throw e;
  }
  revalidatePath('/settings/privacy');
  const back = safeCallbackPath(text(formData, 'back'), '');
  if (back) redirect(back);
}

export async function privacyChoicesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return handleForm(formData, async () => {
    await updatePrivacyChoices(await requireViewer(), { allowMessagesFrom: text(formData, 'allowMessagesFrom') });
    return 'Saved.';
  });
}

/** The Block button on a profile (hidden for staff and for oneself, so a refusal here is a stale page). */
export async function blockFromProfileAction(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const username = text(formData, 'username');
  await blockMember(viewer, username);
  revalidatePath(`/u/${username}`);
  redirect(`/u/${encodeURIComponent(username)}?blocked=1`);
}
