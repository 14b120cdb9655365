import type { Metadata } from 'next';
import Link from 'next/link';
import { ResendForm } from '../signin/_components/resend-form';

export const metadata: Metadata = { title: 'Check your email' };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <div className="mx-auto max-w-lg">
      <div className="card space-y-4">
        <h1 className="page-title">Check your email</h1>
        <p>
          We sent a confirmation link to <strong>{email || 'your address'}</strong>. Open it to activate your account, then{' '}
          <Link href="/signin">sign in</Link>.
        </p>
        <p className="text-sm text-stone-600">No mail after a few minutes? Look in your spam folder, or send a new link:</p>
        <ResendForm email={email ?? ''} />
      </div>
    </div>
  );
}
