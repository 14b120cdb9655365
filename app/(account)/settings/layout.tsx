import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/settings/profile');
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Settings" className="no-print">
        <h1 className="mb-3 text-sm font-semibold uppercase tracking-wide text-stone-500">Settings</h1>
        <ul className="flex gap-2 md:flex-col">
          <li>
            <Link href="/settings/profile" className="block rounded-md px-3 py-2 text-sm font-medium text-stone-800 no-underline hover:bg-stone-100">
              Profile
            </Link>
          </li>
        </ul>
      </nav>
      <div>{children}</div>
    </div>
  );
}
