import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Pagination, pageParam } from '@/components/pagination';
import { renderMarkdown } from '@/lib/markdown';
import { BODY_MAX, consentReport, getVersionForAdmin, SUMMARY_MAX, type ConsentReport } from '@/lib/policies/admin';
import { requireAdmin } from '../../../../require-admin';
import { DraftEditor } from '../../../_components/draft-editor';
import { day, STATUS_LABELS, STATUS_STYLES } from '../../../_components/labels';
import { orNotFound } from '../../../_components/or-not-found';
import { ActivateForm, DeleteDraftForm } from '../../../_components/version-actions';

export const metadata: Metadata = { title: 'Policy version' };

type Version = Awaited<ReturnType<typeof getVersionForAdmin>>;

function activationHint(v: Version): string {
  const base = v.policy.audience === 'guests' ? 'Activating publishes it for visitors; members are never asked to accept it.' : v.minorChange
    ? 'This is marked as a minor change: members who accepted the version before are not asked again.'
    : v.policy.required
      ? 'Members will be asked to accept it at their next sign-in, and see a notice on every page until they do.'
      : 'It is optional: members who accepted the version before see it as not accepted until they accept it again in their settings.';
  return `${base} The version active now is archived. Save your changes first: the saved draft is what gets published.`;
}

function Count({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    <div className="rounded-md border border-stone-200 bg-white px-4 py-3">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="text-2xl font-semibold text-stone-900">{value}</dd>
      {hint ? <dd className="text-xs text-stone-500">{hint}</dd> : null}
    </div>
  );
}

function Report({ version, report, pageHref }: { version: Version; report: ConsentReport; pageHref: (page: number) => string }) {
  const notYetLabel = version.policy.required ? 'Not yet accepted' : 'Not accepted (optional)';
  return (
    <section aria-labelledby="report-heading" className="space-y-4">
      <h2 id="report-heading" className="text-lg font-semibold">
        Consents
      </h2>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Count label="Accepted" value={report.accepted} hint="Members whose acceptance of this version stands." />
        {version.minorChange ? <Count label="Accepted an earlier version" value={report.coveredByEarlier} hint="Still counts: this version is a minor change." /> : null}
        {report.notYet ? <Count label={notYetLabel} value={report.notYet.total} hint="Confirmed members with an open account." /> : null}
        <Count label="Withdrawn" value={report.withdrawn} hint="Accepted, then withdrew, and have not accepted again." />
      </dl>
      {report.notYet ? (
        report.notYet.total === 0 ? (
          <p className="card text-sm text-stone-600">Every member has accepted this version{version.minorChange ? ' or one it keeps' : ''}.</p>
        ) : (
          <div>
            <div className="card overflow-x-auto p-0 sm:p-0">
              <table className="w-full text-left text-sm">
                <caption className="px-4 py-2 text-left font-medium text-stone-800">
                  {version.policy.required ? 'Members who must accept but have not yet' : 'Members who have not accepted'} ({report.notYet.total})
                </caption>
                <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">Member</th>
                    <th scope="col" className="px-4 py-2 font-medium">Name</th>
                    <th scope="col" className="px-4 py-2 font-medium">Joined</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {report.notYet.members.map((m) => (
                    <tr key={m.id}>
                      <td className="px-4 py-2">
                        <Link href={`/u/${encodeURIComponent(m.username)}`}>@{m.username}</Link>
                      </td>
                      <td className="px-4 py-2">{m.name}</td>
                      <td className="whitespace-nowrap px-4 py-2">{day(m.joinedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={report.notYet.page} pageCount={report.notYet.pageCount} href={pageHref} />
          </div>
        )
      ) : (
        <p className="text-sm text-stone-600">
          {version.status === 'archived'
            ? 'This version is archived: members are asked to accept only the active version.'
            : 'This policy is for visitors: members are not asked to accept it.'}
        </p>
      )}
    </section>
  );
}

export default async function PolicyVersionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; versionId: string }>;
  searchParams: Promise<{ done?: string; page?: string }>;
}) {
  const { id: rawId, versionId: rawVersionId } = await params;
  const path = `/admin/policies/${encodeURIComponent(rawId)}/versions/${encodeURIComponent(rawVersionId)}`;
  const viewer = await requireAdmin(path);
  const version = await orNotFound(getVersionForAdmin(viewer, Number(rawVersionId)));
  if (String(version.policy.id) !== rawId) notFound();
  const { done, page } = await searchParams;
  const isDraft = version.status === 'draft';
  const report = isDraft ? null : await consentReport(viewer, version.id, pageParam(page));
  const html = renderMarkdown(version.body, { headingIds: true });
  const publicHref = version.status === 'active' ? `/policies/${version.policy.slug}` : `/policies/${version.policy.slug}/v/${version.version}`;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/admin/policies/${version.policy.id}`}>← {version.policy.title}</Link>
      </p>
      <div>
        <h1 className="page-title">
          {version.policy.title}, version {version.version}{' '}
          <span className={`ml-1 rounded border px-1.5 py-0.5 align-middle text-sm font-medium ${STATUS_STYLES[version.status]}`}>{STATUS_LABELS[version.status]}</span>
        </h1>
        <p className="mt-1 text-sm text-stone-600">
          Effective {day(version.effectiveAt)} · {version.minorChange ? 'minor change' : 'full change'}
          {isDraft ? null : (
            <>
              {' '}
              · <Link href={publicHref}>Public page</Link>
            </>
          )}
        </p>
      </div>
      {done === 'created' ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">
          Draft created. Keep editing, or activate it below when it is ready.
        </p>
      ) : null}

      {isDraft ? (
        <>
          <DraftEditor
            policyId={version.policy.id}
            versionId={version.id}
            initial={{ summary: version.summary, body: version.body, effectiveAt: day(version.effectiveAt), minorChange: version.minorChange }}
            initialHtml={html}
            bodyMax={BODY_MAX}
            summaryMax={SUMMARY_MAX}
          />
          <section className="card" aria-labelledby="activate-heading">
            <h2 id="activate-heading" className="mb-2 font-semibold">
              Activate
            </h2>
            <ActivateForm versionId={version.id} version={version.version} hint={activationHint(version)} />
          </section>
          <section className="card" aria-labelledby="delete-heading">
            <h2 id="delete-heading" className="mb-2 font-semibold">
              Delete this draft
            </h2>
            <DeleteDraftForm versionId={version.id} />
          </section>
        </>
      ) : (
        <>
          {report ? <Report version={version} report={report} pageHref={(p) => (p > 1 ? `${path}?page=${p}` : path)} /> : null}
          <section className="card space-y-3" aria-labelledby="text-heading">
            <h2 id="text-heading" className="font-semibold">
              Text
            </h2>
            <p className="rounded-md bg-brand-50 px-3 py-2 text-sm">
              <span className="font-medium">In short: </span>
              {version.summary}
            </p>
            <div className="prose-doc" dangerouslySetInnerHTML={{ __html: html }} />
          </section>
        </>
      )}
    </div>
  );
}
