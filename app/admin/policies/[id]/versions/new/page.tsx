import type { Metadata } from 'next';
import Link from 'next/link';
import { renderMarkdown } from '@/lib/markdown';
import { BODY_MAX, draftStartingPoint, getPolicyForAdmin, SUMMARY_MAX } from '@/lib/policies/admin';
import { requireAdmin } from '../../../../require-admin';
import { DraftEditor } from '../../../_components/draft-editor';
import { orNotFound } from '../../../_components/or-not-found';

export const metadata: Metadata = { title: 'New policy version' };

export default async function NewPolicyVersionPage({ params }: { params: Promise<{ id: string }> }) {
  const rawId = (await params).id;
  const viewer = await requireAdmin(`/admin/policies/${encodeURIComponent(rawId)}/versions/new`);
  const policy = await orNotFound(getPolicyForAdmin(viewer, Number(rawId)));
  const start = await draftStartingPoint(viewer, policy.id);
  const active = policy.versions.find((v) => v.status === 'active');
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/admin/policies/${policy.id}`}>← {policy.title}</Link>
      </p>
      <div>
        <h1 className="page-title">New draft of {policy.title}</h1>
        <p className="mt-1 text-sm text-stone-600">
          {active ? `It starts from the active version ${active.version}. ` : ''}Nothing is published until you activate the draft.
        </p>
      </div>
      <DraftEditor policyId={policy.id} initial={start} initialHtml={start.body ? renderMarkdown(start.body, { headingIds: true }) : ''} bodyMax={BODY_MAX} summaryMax={SUMMARY_MAX} />
    </div>
  );
}
