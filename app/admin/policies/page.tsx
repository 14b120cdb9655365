import type { Metadata } from 'next';
import Link from 'next/link';
import { listPoliciesForAdmin } from '@/lib/policies/admin';
import { requireAdmin } from '../require-admin';
import { AUDIENCE_LABELS, day, TYPE_LABELS } from './_components/labels';
import { PolicyForm } from './_components/policy-form';

export const metadata: Metadata = { title: 'Policies' };

export default async function AdminPoliciesPage() {
  const viewer = await requireAdmin('/admin/policies');
  const rows = await listPoliciesForAdmin(viewer);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">Policies</h1>
        <p className="mt-1 text-sm text-stone-600">
          Every policy keeps each version. Write a draft, check the preview, then activate it: the version before is archived, and members are asked to accept a
          required policy again unless you mark the change as minor.
        </p>
      </div>
      {rows.length === 0 ? (
        <div className="card text-stone-600">
          <p className="font-medium text-stone-800">No policies yet.</p>
          <p>Create one below, then write and activate its first version.</p>
        </div>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Policies, in the order the site shows them</caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Policy</th>
                <th scope="col" className="px-4 py-2 font-medium">Kind</th>
                <th scope="col" className="px-4 py-2 font-medium">For</th>
                <th scope="col" className="px-4 py-2 font-medium">Acceptance</th>
                <th scope="col" className="px-4 py-2 font-medium">Active version</th>
                <th scope="col" className="px-4 py-2 font-medium">Drafts</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100 align-top">
              {rows.map((p) => (
                <tr key={p.id}>
                  <td className="px-4 py-2">
                    <Link href={`/admin/policies/${p.id}`}>{p.title}</Link> <span className="text-stone-500">/policies/{p.slug}</span>
                  </td>
                  <td className="px-4 py-2">{TYPE_LABELS[p.type]}</td>
                  <td className="px-4 py-2">{AUDIENCE_LABELS[p.audience]}</td>
                  <td className="px-4 py-2">{p.required ? 'Required' : 'Optional'}</td>
                  <td className="whitespace-nowrap px-4 py-2">
                    {p.activeVersionId ? (
                      <Link href={`/admin/policies/${p.id}/versions/${p.activeVersionId}`}>
                        Version {p.activeVersion}, from {day(p.activeEffectiveAt!)}
                      </Link>
                    ) : (
                      <span className="text-stone-500">Not published</span>
                    )}
                  </td>
                  <td className="px-4 py-2">
                    {p.drafts.length ? (
                      <ul>
                        {p.drafts.map((d) => (
                          <li key={d.id}>
                            <Link href={`/admin/policies/${p.id}/versions/${d.id}`}>Draft {d.version}</Link>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-stone-500">None</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" aria-labelledby="new-policy">
        <h2 id="new-policy" className="mb-4 font-semibold">
          New policy
        </h2>
        <PolicyForm initial={{ title: '', slug: '', type: 'other', audience: 'everyone', required: true, position: rows.length + 1 }} />
      </section>
    </div>
  );
}
