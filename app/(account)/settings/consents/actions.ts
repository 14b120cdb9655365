'use server';

import { revalidatePath } from 'next/cache';
import { requireViewer } from '@/lib/auth/viewer';
import { handleForm, text, type FormState } from '@/lib/forms';
import { acceptPolicies, withdrawPolicy } from '@/lib/policies/consent';

/** Accepts (choice=accept) or withdraws (choice=withdraw) one optional policy. */
export async function optionalConsentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    const viewer = await requireViewer();
    if (text(formData, 'choice') === 'withdraw') {
      await withdrawPolicy(viewer, Number(text(formData, 'policyId')));
      return 'Withdrawn. It no longer applies to you; you can accept it again here.';
    }
    await acceptPolicies(viewer, [text(formData, 'versionId')]);
    return 'Accepted. You can withdraw it here at any time.';
  });
  revalidatePath('/settings/consents');
  return state;
}
