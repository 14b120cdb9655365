import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getOutboxMail } from '@/lib/mail/outbox';
import { requireAdmin } from '../../require-admin';

export const metadata: Metadata = { title: 'Mail' };

/** Turns the links in a plain-text mail into clickable links, leaving the rest as text. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="break-all">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default async function OutboxMailPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireAdmin('/admin/outbox');
  const id = Number((await params).id);
  const mail = Number.isInteger(id) ? await getOutboxMail(viewer, id) : null;
  if (!mail) notFound();
  return (
    <article className="space-y-4">
      <p className="text-sm">
        <Link href="/admin/outbox">← Back to the outbox</Link>
      </p>
      <h1 className="page-title">{mail.subject}</h1>
      <dl className="grid grid-cols-[7rem_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-stone-500">To</dt>
        <dd>{mail.toAddress}</dd>
        <dt className="text-stone-500">Status</dt>
        <dd>
          {mail.status}
          {mail.lastError ? ` — last error: ${mail.lastError}` : ''}
        </dd>
        <dt className="text-stone-500">Written</dt>
        <dd>{mail.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</dd>
      </dl>
      <pre className="card whitespace-pre-wrap break-words font-sans text-sm">{linkify(mail.textBody)}</pre>
    </article>
  );
}
