import Link from 'next/link';
import { CookieSettingsLink } from '@/components/cookie-settings-link';
import { TextSizeControl } from '@/components/cookie-preferences';
import type { ActivePolicy } from '@/lib/policies';

export function SiteFooter({ siteName, policies }: { siteName: string; policies: readonly Pick<ActivePolicy, 'slug' | 'title'>[] }) {
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-col gap-4 px-4 py-6 text-sm text-stone-600">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p>{siteName} · a community that keeps your data yours</p>
          <nav aria-label="Policies" className="flex flex-wrap gap-x-4 gap-y-2">
            {policies.map((p) => (
              <Link key={p.slug} href={`/policies/${p.slug}`}>
                {p.title}
              </Link>
            ))}
            <CookieSettingsLink />
          </nav>
        </div>
        <TextSizeControl />
      </div>
    </footer>
  );
}
