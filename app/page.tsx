import Link from 'next/link';
import { getViewer } from '@/lib/auth/viewer';
import { listCategories } from '@/lib/forum/categories';
import { getSettings } from '@/lib/settings';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ 'signed-out'?: string }> }) {
  const [viewer, settings, params] = await Promise.all([getViewer(), getSettings(), searchParams]);
  const categories = await listCategories(viewer);
  return (
    <div className="space-y-8">
      {params['signed-out'] ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">
          You have signed out.
        </p>
      ) : null}
      <section className="card bg-gradient-to-br from-brand-50 to-white">
        <h1 className="page-title">{viewer ? `Welcome back, ${viewer.name}` : `Welcome to ${settings.siteName}`}</h1>
        <p className="mt-2 max-w-2xl text-stone-700">{settings.siteDescription}</p>
        {!viewer ? (
          <div className="mt-4 flex flex-wrap gap-3">
            <Link href="/signup" className="btn-primary">
              Join the community
            </Link>
            <Link href="/signin" className="btn-secondary">
              Sign in
            </Link>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="mb-3 text-lg font-semibold">
          Categories
        </h2>
        {categories.length === 0 ? (
          <p className="card text-stone-600">There are no categories you can see yet.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {categories.map((c) => (
              <li key={c.id} className="card border-l-4" style={{ borderLeftColor: c.color }}>
                <h3 className="font-semibold">{c.name}</h3>
                <p className="mt-1 text-sm text-stone-600">{c.description}</p>
                {c.visibility !== 'everyone' ? (
                  <p className="mt-2 text-xs font-medium uppercase tracking-wide text-stone-500">
                    {c.visibility === 'staff' ? 'Staff only' : c.visibility === 'members' ? 'Members only' : 'Trusted members'}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
