import Link from 'next/link';
import { forbidden, redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import { can } from '@/lib/permissions';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/admin');
  if (!can(viewer, 'admin.access')) forbidden();
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Admin" className="no-print">
        <p className="mb-3 text-sm font-semibold uppercase tracking-wide text-stone-500">Admin</p>
        <ul className="flex flex-wrap gap-2 md:flex-col">
          <li>
            <Link href="/admin" className="block rounded-md px-3 py-2 text-sm font-medium text-stone-800 no-underline hover:bg-stone-100">
              Overview
            </Link>
          </li>
          <li>
            <Link href="/admin/outbox" className="block rounded-md px-3 py-2 text-sm font-medium text-stone-800 no-underline hover:bg-stone-100">
              Mail outbox
            </Link>
          </li>
        </ul>
      </nav>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
