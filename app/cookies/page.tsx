import type { Metadata } from 'next';
import Link from 'next/link';
import { cookieRegistry } from '@/lib/privacy/cookies';
import { secureCookies } from '@/lib/site-url';

export const metadata: Metadata = { title: 'Cookie settings' };

export default function CookieSettingsPage() {
  const cookies = cookieRegistry(secureCookies());
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="page-title">Cookie settings</h1>
      <p className="text-stone-700">
        This site sets only essential cookies, needed to sign you in and to protect forms. There are no preference, analytics
        or advertising cookies, so there is nothing to switch off. Read the <Link href="/policies/cookies">cookie policy</Link>.
      </p>
      <div className="card overflow-x-auto p-0 sm:p-0">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Cookies this site sets</caption>
          <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Name</th>
              <th scope="col" className="px-4 py-2 font-medium">Kind</th>
              <th scope="col" className="px-4 py-2 font-medium">Purpose</th>
              <th scope="col" className="px-4 py-2 font-medium">Set for</th>
              <th scope="col" className="px-4 py-2 font-medium">Expires</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {cookies.map((c) => (
              <tr key={c.name}>
                <td className="px-4 py-2 font-mono text-xs">{c.name}</td>
                <td className="px-4 py-2">{c.essential ? 'Essential' : 'Optional'}</td>
                <td className="px-4 py-2">{c.purpose}</td>
                <td className="px-4 py-2">{c.setFor}</td>
                <td className="px-4 py-2">{c.expiry}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
