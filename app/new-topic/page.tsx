import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { createTopicAction } from '@/app/_actions/forum';
import { Composer } from '@/components/forum/composer';
import { getViewer } from '@/lib/auth/viewer';
import { postableCategories } from '@/lib/forum/topics';

export const metadata: Metadata = { title: 'New topic' };

export default async function NewTopicPage({ searchParams }: { searchParams: Promise<{ category?: string }> }) {
  const viewer = await getViewer();
  const { category } = await searchParams;
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/new-topic${category ? `?category=${category}` : ''}`)}`);
  const categories = await postableCategories(viewer);
  const initial = categories.find((c) => c.slug === category)?.id;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">Start a new topic</h1>
      <div className="card">
        {categories.length === 0 ? (
          <p>You cannot start topics right now.</p>
        ) : (
          <Composer
            action={createTopicAction}
            draftKey="hearth:draft:new-topic"
            submitLabel="Create topic"
            showTitle
            categories={categories.map((c) => ({ id: c.id, name: c.name }))}
            initialCategoryId={initial}
          />
        )}
      </div>
    </div>
  );
}
