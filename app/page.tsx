import Link from 'next/link';
import { Pagination, pageParam } from '@/components/pagination';

import { TopicList } from '@/components/forum/topic-list';
import { getViewer } from '@/lib/auth/viewer';
import { listCategories } from '@/lib/forum/categories';
import { listLatest } from '@/lib/forum/topics';
import { getSettings } from '@/lib/settings';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ 'signed-out'?: string; page?: string }> }) {
  const [viewer, settings, params] = await Promise.all([getViewer(), getSettings(), searchParams]);
  const page = pageParam(params.page);
  const welcome = (
    <section className="card bg-gradient-to-br from-brand-50 to-white">
      <h1 className="page-title">{viewer ? `Welcome back, ${viewer.name}` : `Welcome to ${settings.siteName}`}</h1>
      <p className="mt-2 max-w-2xl text-stone-700">{settings.siteDescription}</p>
      {!viewer ? (
        <>
          {settings.membersOnly ? <p className="mt-2 text-stone-700">This community is open to members only. Sign in or join to read it.</p> : null}
          <div className="mt-4 flex flex-wrap gap-3">
            <Link href="/signup" className="btn-primary">
              Join the community
            </Link>
            <Link href="/signin" className="btn-secondary">
              Sign in
            </Link>
          </div>
        </>
      ) : null}
    </section>
  );
  const signedOut = params['signed-out'] ? (
    <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">
      You have signed out.
    </p>
  ) : null;
  if (!viewer && settings.membersOnly) {
    return (
      <div className="space-y-6">
        {signedOut}
        {welcome}
      </div>
    );
  }
  const [latest, categories] = await Promise.all([listLatest(viewer, page), listCategories(viewer)]);
  return (
    <div className="space-y-6">
      {signedOut}
      {page === 1 ? welcome : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_16rem]">
        <section aria-labelledby="latest-heading" className="min-w-0">
          <div className="mb-3 flex items-center justify-between gap-3">
            <h2 id="latest-heading" className="text-lg font-semibold">
              Latest
            </h2>
            {viewer ? (
              <Link href="/new-topic" className="btn-primary">
                New topic
              </Link>
            ) : null}
          </div>
          <TopicList
            topics={latest.topics}
            emptyText={page > 1 ? 'No more topics.' : viewer ? 'No topics yet. Start the first conversation!' : 'No topics yet. Join to start the first conversation.'}
          />
          <Pagination page={page} hasMore={latest.hasMore} href={(p) => (p === 1 ? '/' : `/?page=${p}`)} />
        </section>
        <aside aria-labelledby="categories-heading">
          <h2 id="categories-heading" className="mb-3 text-lg font-semibold">
            Categories
          </h2>
          {categories.length === 0 ? (
            <p className="card text-stone-600">There are no categories you can see yet.</p>
          ) : (
            <ul className="space-y-2">
              {categories.map((c) => (
                <li key={c.id}>
                  <Link href={`/c/${c.slug}`} className="card block border-l-4 py-3 no-underline hover:bg-stone-50 sm:py-3" style={{ borderLeftColor: c.color }}>
                    <span className="font-semibold text-stone-900">{c.name}</span>
                    {c.visibility !== 'everyone' ? (
                      <span className="ml-2 text-xs font-medium uppercase tracking-wide text-stone-500">
                        {c.visibility === 'staff' ? 'Staff only' : c.visibility === 'members' ? 'Members only' : 'Trusted members'}
                      </span>
                    ) : null}
                    <span className="mt-0.5 block text-sm text-stone-600">{c.description}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </div>
  );
}
