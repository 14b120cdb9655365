'use server';

import { revalidatePath } from 'next/cache';
import { requireViewer } from '@/lib/auth/viewer';
import { handleForm, text, type FormState } from '@/lib/forms';
import { sendAnnouncement } from '@/lib/members/marketing';

export async function sendAnnouncementAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const sent = await sendAnnouncement(await requireViewer(), { subject: text(formData, 'subject'), body: text(formData, 'body') });
    return sent === 0 ? 'Nobody receives announcements right now, so nothing was sent.' : `Sent to ${sent} member${sent === 1 ? '' : 's'}.`;
  });
  revalidatePath('/admin/announcements');
  return state;
}
