import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, redirect } from 'next/navigation';
import { adminOverview } from '@/lib/admin/overview';
import { getViewer } from '@/lib/auth/viewer';
import { can } from '@/lib/permissions';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminHome() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/admin');
  // Moderators share the staff area for the review queue only, privacy officers for the data requests.
  if (!can(viewer, 'admin.access')) {
    if (can(viewer, 'review.handle')) redirect('/admin/review');
    if (can(viewer, 'data_requests.handle')) redirect('/admin/data-requests');
    forbidden();
  }
  const o = await adminOverview(viewer);
  return (
    <div className="space-y-6">
      <h1 className="page-title">Overview</h1>
      <dl className="grid gap-3 sm:grid-cols-3">
        <div className="card">
          <dt className="text-sm text-stone-500">Members</dt>
          <dd className="text-2xl font-semibold">{o.members}</dd>
          <dd className="text-xs text-stone-500">{o.verified} with a confirmed email</dd>
        </div>
        <div className="card">
          <dt className="text-sm text-stone-500">Mail waiting</dt>
          <dd className="text-2xl font-semibold">{o.queued}</dd>
          <dd className="text-xs text-stone-500">
            {o.failed} failed · <Link href="/admin/outbox">open the outbox</Link>
          </dd>
        </div>
        <div className="card">
          <dt className="text-sm text-stone-500">Database</dt>
          <dd className="text-2xl font-semibold">{o.database === 'embedded' ? 'Embedded' : 'PostgreSQL server'}</dd>
        </div>
      </dl>
      <section className="card">
        <h2 className="mb-3 font-semibold">Outside services</h2>
        <ul className="divide-y divide-stone-100">
          {o.services.map((s) => (
            <li key={s.name} className="py-3">
              <p className="font-medium">
                {s.name}:{' '}
                <span className={s.configured ? 'text-green-700' : 'text-amber-700'}>{s.configured ? 'configured' : 'not configured'}</span>
              </p>
              {!s.configured ? <p className="text-sm text-stone-600">{s.howTo}</p> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
