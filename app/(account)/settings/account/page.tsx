import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LongDate } from '@/components/long-date';
import { getViewer } from '@/lib/auth/viewer';
import { allowedModes, pendingClosure } from '@/lib/privacy/closure';
import { getSettings } from '@/lib/settings';
import { cancelClosureAction } from './actions';
import { CloseAccountForm, type ModeChoice } from './_components/closure-forms';

export const metadata: Metadata = { title: 'Account' };

const MODES: Record<ModeChoice['value'], ModeChoice> = {
  anonymize: {
    value: 'anonymize',
    label: 'Anonymize',
    hint: 'Your posts and messages stay so conversations still make sense, shown under an anonymous name. Everything that identifies you is deleted.',
  },
  erase: {
    value: 'erase',
    label: 'Erase',
    hint: 'Your posts become “deleted” placeholders, every earlier version is deleted, and messages you sent are replaced by a “removed” note. Everything that identifies you is deleted.',
  },
};

export default async function AccountSettingsPage({ searchParams }: { searchParams: Promise<{ closing?: string; cancelled?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/settings/account');
  const { closing, cancelled } = await searchParams;
  const [pending, settings] = await Promise.all([pendingClosure(viewer.id), getSettings()]);
  const modes = allowedModes(settings).map((m) => MODES[m]);

  return (
    <div className="space-y-6">
      <div>
        <h2 className="page-title">Account</h2>
        <p className="mt-1 text-sm text-stone-600">
          Closing your account, and what happens to what you wrote. Before you go, you can{' '}
          <Link href="/settings/data">
            download a copy of your data
          </Link>
          .
        </p>
      </div>

      {cancelled ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
          The closure is cancelled. Your account stays open and nothing was deleted.
        </p>
      ) : null}

      <section className="card" aria-labelledby="close-heading">
        <h3 id="close-heading" className="mb-4 font-semibold">
          Close your account
        </h3>
        {pending?.status === 'cooling_off' && pending.processAfter ? (
          <div className={`space-y-3 rounded-md border p-4 ${closing ? 'border-amber-400 bg-amber-50' : 'border-stone-200'}`} role={closing ? 'alert' : undefined}>
            <p className="text-stone-800">
              Your account will be {pending.mode === 'erase' ? 'erased' : 'anonymized'} on <LongDate date={pending.processAfter} />. Until then
              everything stays as it is.
            </p>
            <form action={cancelClosureAction}>
              <button type="submit" className="btn-primary">
                Cancel the closure and keep my account
              </button>
            </form>
          </div>
        ) : pending?.status === 'processing' ? (
          <p className="text-stone-700">Your account is being closed now.</p>
        ) : modes.length === 0 ? (
          <p className="text-stone-700">
            This site does not let members close their account themselves. Ask the privacy officer on{' '}
            <Link href="/settings/data">
              Your data
            </Link>
            .
          </p>
        ) : (
          <div className="space-y-4">
            {pending?.status === 'unconfirmed' ? (
              <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
                <p>We mailed you a confirmation link. Open it to go ahead, or ask for a new one below.</p>
                <form action={cancelClosureAction}>
                  <button type="submit" className="btn-secondary">
                    Cancel
                  </button>
                </form>
              </div>
            ) : null}
            <CloseAccountForm modes={modes} coolingOffDays={settings.closureCoolingOffDays} />
          </div>
        )}
      </section>
    </div>
  );
}
