'use server';

import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { Invalid } from '@/lib/errors';
import { checked, handleForm, text, type FormState } from '@/lib/forms';
import { adminCloseAccount, adminCloseSchema } from '@/lib/privacy/closure';
import { issuesByField } from '@/lib/validation';

export async function adminCloseAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const id = text(formData, 'userId');
  const input = { mode: text(formData, 'mode'), reason: text(formData, 'reason') };
  const state = await handleForm(formData, async () => {
    if (!checked(formData, 'understood')) {
      // Every problem at once: the reason's too, if any.
      const parsed = adminCloseSchema.safeParse(input);
      throw new Invalid({ ...(parsed.success ? {} : issuesByField(parsed.error)), understood: 'Tick this to confirm: the closure cannot be undone.' });
    }
    await adminCloseAccount(await requireViewer(), id, input);
  });
  if (state.status === 'success') redirect(`/admin/close-account/${id}?done=1`);
  return state;
}
