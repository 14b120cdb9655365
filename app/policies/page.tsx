import type { Metadata } from 'next';
import Link from 'next/link';
import { listActivePolicies } from '@/lib/policies';

export const metadata: Metadata = { title: 'Policies' };

const audienceText = { everyone: 'Everyone', members: 'Members', guests: 'Visitors' } as const;

export default async function PoliciesPage() {
  const policies = await listActivePolicies();
  return (
    <div className="space-y-6">
      <h1 className="page-title">Policies</h1>
      <ul className="space-y-3">
        {policies.map((p) => (
          <li key={p.slug} className="card">
            <h2 className="text-lg font-semibold">
              <Link href={`/policies/${p.slug}`}>{p.title}</Link>
            </h2>
            <p className="mt-1 text-stone-700">{p.summary}</p>
            <p className="mt-2 text-xs text-stone-500">
              For: {audienceText[p.audience as keyof typeof audienceText] ?? p.audience} · {p.required ? 'Consent required' : 'Optional'} · Version {p.version}, effective{' '}
              {p.effectiveAt.toISOString().slice(0, 10)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
