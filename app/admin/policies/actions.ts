'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { Forbidden } from '@/lib/errors';
import { checked, handleForm, text, type FormState } from '@/lib/forms';
import { activateVersion, createDraft, createPolicy, deleteDraft, previewPolicyMarkdown, updateDraft, updatePolicySettings } from '@/lib/policies/admin';

const settingsFrom = (formData: FormData) => ({
  title: text(formData, 'title'),
  type: text(formData, 'type') as never,
  audience: text(formData, 'audience') as never,
  required: checked(formData, 'required'),
  position: text(formData, 'position'),
});

const draftFrom = (formData: FormData) => ({
  summary: text(formData, 'summary'),
  body: text(formData, 'body'),
  effectiveAt: text(formData, 'effectiveAt'),
  minorChange: checked(formData, 'minorChange'),
});

export async function createPolicyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let id = 0;
  const state = await handleForm(formData, async () => {
    id = await createPolicy(await requireViewer(), { ...settingsFrom(formData), slug: text(formData, 'slug') });
  });
  if (state.status === 'success') redirect(`/admin/policies/${id}?done=created`);
  return state;
}

export async function updatePolicyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await handleForm(formData, async () => {
    await updatePolicySettings(await requireViewer(), Number(text(formData, 'policyId')), settingsFrom(formData));
    return 'Policy settings saved.';
  });
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}

/** Creates a draft (no versionId) or saves changes to one. */
export async function saveDraftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const policyId = Number(text(formData, 'policyId'));
  const versionId = text(formData, 'versionId');
  let createdId = 0;
  const state = await handleForm(formData, async () => {
    const viewer = await requireViewer();
    if (versionId) {
      await updateDraft(viewer, Number(versionId), draftFrom(formData));
      return 'Draft saved. It is not published until you activate it.';
    }
    createdId = (await createDraft(viewer, policyId, draftFrom(formData))).id;
  });
  if (state.status === 'success' && createdId) redirect(`/admin/policies/${policyId}/versions/${createdId}?done=created`);
  if (state.status === 'success') revalidatePath('/admin/policies', 'layout');
  return state;
}

/** The preview beside the editor: the Markdown rendered as the policy page will show it. */
export async function previewPolicyAction(body: string): Promise<{ html: string } | { error: string }> {
  try {
    return { html: await previewPolicyMarkdown(await requireViewer(), typeof body === 'string' ? body : '') };
  } catch (e) {
    if (e instanceof Forbidden) return { error: e.message };
    throw e;
  }
}

export async function activateVersionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const activated: { policyId?: number; version?: number } = {};
  const state = await handleForm(formData, async () => {
    Object.assign(activated, await activateVersion(await requireViewer(), Number(text(formData, 'versionId'))));
  });
  if (state.status === 'success') {
    const { policyId, version } = activated;
    revalidatePath('/', 'layout');
    redirect(`/admin/policies/${policyId}?done=activated&version=${version}`);
  }
  return state;
}

export async function deleteDraftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let policyId = 0;
  const state = await handleForm(formData, async () => {
    policyId = (await deleteDraft(await requireViewer(), Number(text(formData, 'versionId')))).policyId;
  });
  if (state.status === 'success') redirect(`/admin/policies/${policyId}?done=deleted`);
  return state;
}
