import type { Metadata } from 'next';
import Link from 'next/link';
import { tokenIsValid } from '@/lib/auth/tokens';
import { ResetForm } from './_components/reset-form';

export const metadata: Metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = '' } = await searchParams;
  const valid = await tokenIsValid(token, 'reset_password');
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title mb-6">Choose a new password</h1>
      <div className="card">
        {valid ? (
          <ResetForm token={token} />
        ) : (
          <p role="alert">
            This reset link is invalid, already used or expired. <Link href="/forgot-password">Ask for a new one</Link>.
          </p>
        )}
      </div>
    </div>
  );
}
