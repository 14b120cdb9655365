import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import Link from 'next/link';
import { CONSENT_COOKIE, COOKIE_CATEGORIES, cookieCategoryInfo, cookiesByCategory } from '@/lib/privacy/cookies';
import { globalPrivacyControlHeader } from '@/lib/privacy/cookie-consent';
import { getSettings } from '@/lib/settings';
import { secureCookies } from '@/lib/site-url';
import { CurrentChoice } from './_components/current-choice';

export const metadata: Metadata = { title: 'Cookie settings' };

export default async function CookieSettingsPage() {
  const [jar, requestHeaders, settings] = await Promise.all([cookies(), headers(), getSettings()]);
  const byCategory = cookiesByCategory(secureCookies());
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="space-y-3">
        <h1 className="page-title">Cookie settings</h1>
        <p className="text-stone-700">
          Necessary cookies sign you in, protect forms and remember your cookie choice; they are set without asking. Everything
          else waits for your permission, and none of it is advertising or tracking. Read the{' '}
          <Link href="/policies/cookies">cookie policy</Link>.
        </p>
      </div>

      <section aria-labelledby="choice-heading" className="card space-y-3">
        <h2 id="choice-heading" className="text-lg font-semibold">
          Your choice
        </h2>
        <CurrentChoice
          initialCookie={jar.get(CONSENT_COOKIE)?.value ?? null}
          initialGpc={globalPrivacyControlHeader(requestHeaders.get('sec-gpc'))}
          bannerVersion={settings.cookieBannerVersion}
        />
      </section>

      {COOKIE_CATEGORIES.map((category) => {
        const info = cookieCategoryInfo[category];
        const list = byCategory[category];
        const headingId = `category-${category}`;
        return (
          <section key={category} aria-labelledby={headingId} className="space-y-2">
            <h2 id={headingId} className="text-lg font-semibold">
              {info.label}
            </h2>
            <p className="text-stone-700">{info.explanation}</p>
            {list.length ? (
              <div className="card overflow-x-auto p-0 sm:p-0">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">{info.label} cookies this site sets</caption>
                  <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
                    <tr>
                      <th scope="col" className="px-4 py-2 font-medium">Name</th>
                      <th scope="col" className="px-4 py-2 font-medium">Purpose</th>
                      <th scope="col" className="px-4 py-2 font-medium">Set for</th>
                      <th scope="col" className="px-4 py-2 font-medium">Expires</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {list.map((c) => (
                      <tr key={c.name}>
                        <th scope="row" className="px-4 py-2 font-mono text-xs font-normal break-all">
                          {c.name}
                        </th>
                        <td className="px-4 py-2">{c.purpose}</td>
                        <td className="px-4 py-2">{c.setFor}</td>
                        <td className="px-4 py-2">{c.expiry}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="card text-stone-600">No {info.label.toLowerCase()} cookies are in use.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
