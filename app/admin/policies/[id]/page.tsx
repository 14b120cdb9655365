import type { Metadata } from 'next';
import Link from 'next/link';
import { getPolicyForAdmin } from '@/lib/policies/admin';
import { requireAdmin } from '../../require-admin';
import { AUDIENCE_LABELS, day, STATUS_LABELS, STATUS_STYLES, TYPE_LABELS } from '../_components/labels';
import { orNotFound } from '../_components/or-not-found';
import { PolicyForm } from '../_components/policy-form';

export const metadata: Metadata = { title: 'Policy' };

function doneMessage(done: string | undefined, version: string | undefined): string | null {
  switch (done) {
    case 'created':
      return 'Policy created. Write its first version below; it is published when you activate it.';
    case 'activated':
      return /^\d+$/.test(version ?? '') ? `Version ${version} is now active; the version before it is archived.` : 'The version is now active.';
    case 'deleted':
      return 'Draft deleted.';
    default:
      return null;
  }
}

export default async function AdminPolicyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string; version?: string }> }) {
  const rawId = (await params).id;
  const viewer = await requireAdmin(`/admin/policies/${encodeURIComponent(rawId)}`);
  const policy = await orNotFound(getPolicyForAdmin(viewer, Number(rawId)));
  const { done, version } = await searchParams;
  const message = doneMessage(done, version);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/policies">← All policies</Link>
      </p>
      <div>
        <h1 className="page-title">{policy.title}</h1>
        <p className="mt-1 text-sm text-stone-600">
          {TYPE_LABELS[policy.type]} · for {AUDIENCE_LABELS[policy.audience].toLowerCase()} · {policy.required ? 'required' : 'optional'} ·{' '}
          <Link href={`/policies/${policy.slug}`}>/policies/{policy.slug}</Link>
        </p>
      </div>
      {message ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">
          {message}
        </p>
      ) : null}

      <section aria-labelledby="versions-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="versions-heading" className="text-lg font-semibold">
            Versions
          </h2>
          <Link href={`/admin/policies/${policy.id}/versions/new`} className="btn-primary">
            New draft version
          </Link>
        </div>
        {policy.versions.length === 0 ? (
          <div className="card text-stone-600">No versions yet: this policy is not shown anywhere until a first version is activated.</div>
        ) : (
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Versions of {policy.title}, newest first</caption>
              <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Version</th>
                  <th scope="col" className="px-4 py-2 font-medium">Status</th>
                  <th scope="col" className="px-4 py-2 font-medium">Effective</th>
                  <th scope="col" className="px-4 py-2 font-medium">Change</th>
                  <th scope="col" className="px-4 py-2 font-medium">Summary</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100 align-top">
                {policy.versions.map((v) => (
                  <tr key={v.id}>
                    <td className="whitespace-nowrap px-4 py-2">
                      <Link href={`/admin/policies/${policy.id}/versions/${v.id}`}>
                        {v.status === 'draft' ? `Edit draft ${v.version}` : v.status === 'active' ? `Version ${v.version} and its consents` : `Version ${v.version}`}
                      </Link>
                    </td>
                    <td className="px-4 py-2">
                      <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[v.status]}`}>{STATUS_LABELS[v.status]}</span>
                    </td>
                    <td className="whitespace-nowrap px-4 py-2">{day(v.effectiveAt)}</td>
                    <td className="px-4 py-2">{v.minorChange ? 'Minor' : 'Full'}</td>
                    <td className="min-w-48 px-4 py-2">{v.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="mb-4 font-semibold">
          Settings
        </h2>
        <PolicyForm initial={{ id: policy.id, title: policy.title, slug: policy.slug, type: policy.type, audience: policy.audience, required: policy.required, position: policy.position }} />
      </section>
    </div>
  );
}
