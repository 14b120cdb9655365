import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LongDate } from '@/components/long-date';
import { memberForClosure } from '@/lib/privacy/closure';
import { isUuid } from '@/lib/validation';
import { requireAdmin } from '../../require-admin';
import { AdminCloseForm } from './_components/admin-close-form';

export const metadata: Metadata = { title: 'Close an account' };

export default async function AdminCloseAccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const viewer = await requireAdmin('/admin/members');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const member = await memberForClosure(viewer, id);
  const { done } = await searchParams;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href="/admin/members">← Members</Link>
      </p>
      <h1 className="page-title">Close an account</h1>
      {member.closedAt ? (
        <div className="card space-y-1" role={done ? 'status' : undefined}>
          <p className="font-medium text-stone-900">{done ? 'The account is closed.' : 'This account is closed.'}</p>
          <p className="text-sm text-stone-600">
            Closed on <LongDate date={member.closedAt} />. It now shows as @{member.username}; the audit log keeps its id only.
          </p>
        </div>
      ) : (
        <div className="card space-y-4">
          <p className="text-stone-700">
            <strong>@{member.username}</strong> ({member.name}), member since <LongDate date={member.createdAt} />.
            {member.pending?.status === 'cooling_off' ? ' They have asked to close this account themselves and are in the waiting period.' : ''}
          </p>
          {member.role === 'admin' ? (
            <p className="text-stone-700">Administrators cannot be closed. Remove the role on the members page first.</p>
          ) : member.id === viewer.id ? (
            <p className="text-stone-700">You cannot close your own account here.</p>
          ) : (
            <AdminCloseForm userId={member.id} username={member.username} />
          )}
        </div>
      )}
    </div>
  );
}
