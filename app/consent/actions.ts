'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { handleForm, text, type FormState } from '@/lib/forms';
import { acceptPolicies, pendingConsents } from '@/lib/policies/consent';
import { afterConsentPath } from './after-consent';

export async function acceptConsentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const viewer = await requireViewer();
    await acceptPolicies(viewer, formData.getAll('versionId'));
    if ((await pendingConsents(viewer.id)).length) {
      return 'Thank you. Another policy changed in the meantime: please read it below as well.';
    }
  });
  revalidatePath('/', 'layout');
  if (state.status === 'success' && !state.message) redirect(afterConsentPath(text(formData, 'callbackUrl')));
  return state;
}
