import type { Metadata } from 'next';
import { cache } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Pagination, pageParam } from '@/components/pagination';

import { TopicList } from '@/components/forum/topic-list';
import { getViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { listCategory } from '@/lib/forum/topics';

// generateMetadata and the page share one load per request (React's cache).
const load = cache(async function load(slug: string, page: number) {
  try {
    return await listCategory(await getViewer(), slug, page);
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { category } = await load((await params).slug, 1);
  return { title: category.name };
}

export default async function CategoryPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string }> }) {
  const { slug } = await params;
  const page = pageParam((await searchParams).page);
  const data = await load(slug, page);
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3 border-l-4 pl-4" style={{ borderLeftColor: data.category.color }}>
        <div>
          <h1 className="page-title">{data.category.name}</h1>
          <p className="mt-1 text-stone-600">{data.category.description}</p>
        </div>
        {data.canPost ? (
          <Link href={`/new-topic?category=${data.category.slug}`} className="btn-primary">
            New topic
          </Link>
        ) : null}
      </header>
      <TopicList topics={data.topics} showCategory={false} emptyText={page > 1 ? 'No more topics.' : 'No topics in this category yet.'} />
      <Pagination page={page} hasMore={data.hasMore} href={(p) => `/c/${slug}${p > 1 ? `?page=${p}` : ''}`} />
    </div>
  );
}
