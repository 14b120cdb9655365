import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listCategoriesForAdmin } from '@/lib/forum/categories';
import { requireAdmin } from '../../require-admin';
import { CategoryForm, DeleteCategoryForm } from '../_components/category-form';

export const metadata: Metadata = { title: 'Edit category' };

export default async function EditCategoryPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireAdmin('/admin/categories');
  const id = Number((await params).id);
  const category = (await listCategoriesForAdmin(viewer)).find((c) => c.id === id);
  if (!category) notFound();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/categories">← All categories</Link>
      </p>
      <h1 className="page-title">{category.name}</h1>
      <section className="card">
        <CategoryForm initial={category} />
      </section>
      {category.topicCount === 0 ? (
        <section className="card">
          <DeleteCategoryForm id={category.id} />
        </section>
      ) : null}
    </div>
  );
}
