import type { Metadata } from 'next';
import Link from 'next/link';
import { tokenIsValid } from '@/lib/auth/tokens';
import { VerifyForm } from './_components/verify-form';

export const metadata: Metadata = { title: 'Confirm your email' };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = '' } = await searchParams;
  const valid = await tokenIsValid(token, 'verify_email');
  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-4">
        <h1 className="page-title">Confirm your email</h1>
        {valid ? (
          <>
            <p>One last step: confirm that this address is yours.</p>
            <VerifyForm token={token} />
          </>
        ) : (
          <p role="alert">
            This confirmation link is invalid, already used or expired. <Link href="/signin">Sign in</Link> to ask for a new one.
          </p>
        )}
      </div>
    </div>
  );
}
