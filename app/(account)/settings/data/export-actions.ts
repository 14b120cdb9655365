'use server';

import { revalidatePath } from 'next/cache';
import { requireViewer } from '@/lib/auth/viewer';
import { handleForm, type FormState } from '@/lib/forms';
import { requestExport } from '@/lib/privacy/export';

/** "Download my data": queues an export of the signed-in member's data (refused more than once a day). */
export async function requestExportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    await requestExport(await requireViewer());
    return 'We are gathering your data. This page shows how far it is, and you will get a notice and an email when it is ready.';
  });
  if (state.status === 'success') revalidatePath('/settings/data');
  return state;
}
