import type { Metadata } from 'next';
import Link from 'next/link';
import { listCategoriesForAdmin } from '@/lib/forum/categories';
import { requireAdmin } from '../require-admin';
import { CategoryForm } from './_components/category-form';

export const metadata: Metadata = { title: 'Categories' };

const visibilityText = { everyone: 'Everyone', members: 'Members', trust: 'Trust level', staff: 'Staff' } as const;

export default async function AdminCategoriesPage({ searchParams }: { searchParams: Promise<{ created?: string; deleted?: string }> }) {
  const viewer = await requireAdmin('/admin/categories');
  const rows = await listCategoriesForAdmin(viewer);
  const params = await searchParams;
  return (
    <div className="space-y-6">
      <h1 className="page-title">Categories</h1>
      {params.created || params.deleted ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">
          {params.created ? 'Category created.' : 'Category deleted.'}
        </p>
      ) : null}
      <div className="card overflow-x-auto p-0 sm:p-0">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Order</th>
              <th scope="col" className="px-4 py-2 font-medium">Name</th>
              <th scope="col" className="px-4 py-2 font-medium">Who can see it</th>
              <th scope="col" className="px-4 py-2 font-medium">Topics</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.map((c) => (
              <tr key={c.id}>
                <td className="px-4 py-2">{c.position}</td>
                <td className="px-4 py-2">
                  <span className="mr-2 inline-block size-3 rounded-sm align-middle" style={{ backgroundColor: c.color }} aria-hidden="true" />
                  <Link href={`/admin/categories/${c.id}`}>{c.name}</Link> <span className="text-stone-500">/c/{c.slug}</span>
                </td>
                <td className="px-4 py-2">
                  {visibilityText[c.visibility]}
                  {c.visibility === 'trust' ? ` ≥ ${c.minTrustLevel}` : ''}
                </td>
                <td className="px-4 py-2">{c.topicCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="new-category">
        <h2 id="new-category" className="mb-4 font-semibold">
          New category
        </h2>
        <CategoryForm initial={{ name: '', slug: '', description: '', color: '#b45309', position: rows.length + 1, visibility: 'everyone', minTrustLevel: 0 }} />
      </section>
    </div>
  );
}
