import type { Metadata } from 'next';
import Link from 'next/link';
import { describeConfirmation } from '@/lib/privacy/closure';
import { ConfirmClosureForm } from '../_components/closure-forms';

export const metadata: Metadata = { title: 'Confirm closing your account', robots: { index: false } };

/** Opened from the mailed link. The link alone changes nothing: the member presses the button. */
export default async function ConfirmClosurePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = (await searchParams).token ?? '';
  const closure = await describeConfirmation(token);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h2 className="page-title">Close your account</h2>
      {closure ? (
        <div className="card">
          <ConfirmClosureForm
            token={token}
            summary={`Your account will be ${closure.mode === 'erase' ? 'erased: your posts become placeholders and the messages you sent are removed' : 'anonymized: your posts stay under an anonymous name'}, and everything that identifies you is deleted. ${
              closure.coolingOffDays > 0
                ? `You have ${closure.coolingOffDays} day${closure.coolingOffDays === 1 ? '' : 's'} after confirming to change your mind.`
                : 'This happens at once and cannot be undone.'
            }`}
          />
        </div>
      ) : (
        <div className="card space-y-2">
          <p className="text-stone-800">This link is not valid any more: it was used, replaced by a newer one, or is older than 24 hours.</p>
          <p>
            <Link href="/settings/account">
              Ask for a new link
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}
