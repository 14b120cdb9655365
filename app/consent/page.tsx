import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { signOutAction } from '@/app/_actions/sign-out';
import { getViewer } from '@/lib/auth/viewer';
import { pendingConsents } from '@/lib/policies/consent';
import { afterConsentPath } from './after-consent';
import { AcceptForm } from './_components/accept-form';

export const metadata: Metadata = { title: 'Policies to accept' };

/** After sign-in, while a required policy has a version the member has not accepted: read, then accept or sign out. */
export default async function ConsentPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl: raw } = await searchParams;
  const callbackUrl = afterConsentPath(raw);
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/consent?callbackUrl=${encodeURIComponent(callbackUrl)}`)}`);
  const pending = await pendingConsents(viewer.id);
  if (!pending.length) redirect(callbackUrl);
  const several = pending.length > 1;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="page-title">Before you continue</h1>
        <p className="mt-2 text-stone-700">
          {several ? 'These policies have' : 'This policy has'} a version you have not accepted yet. Read what changed, open the full text if you want, and accept to
          keep taking part.
        </p>
      </div>
      <ul className="space-y-4">
        {pending.map((p) => (
          <li key={p.versionId} className="card space-y-2">
            <h2 className="text-lg font-semibold">{p.title}</h2>
            <p className="text-sm text-stone-500">
              Version {p.version}, effective {p.effectiveAt.toISOString().slice(0, 10)}
            </p>
            <p>{p.summary}</p>
            <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              <Link href={`/policies/${p.slug}`}>Read the full {p.title}</Link>
              {p.previousVersion !== null ? (
                <Link href={`/policies/${p.slug}/v/${p.previousVersion}`}>What changed since version {p.previousVersion}</Link>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      <div className="card space-y-4">
        <AcceptForm versionIds={pending.map((p) => p.versionId)} callbackUrl={callbackUrl} label={several ? 'Accept these policies' : `Accept the ${pending[0].title}`} />
        <form action={signOutAction} className="border-t border-stone-200 pt-4">
          <p className="mb-2 text-sm text-stone-600">Not ready? You can sign out and decide later; nothing changes until you accept.</p>
          <button type="submit" className="btn-secondary">
            Not now — sign out
          </button>
        </form>
      </div>
    </div>
  );
}
