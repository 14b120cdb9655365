import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/request';
import { getViewer } from '@/lib/auth/viewer';
import { SignInForm } from './_components/signin-form';

export const metadata: Metadata = { title: 'Sign in' };

const notices: Record<string, string> = {
  verified: 'Your email is confirmed. Sign in to continue.',
  reset: 'Your password was changed and every other session was signed out. Sign in with the new password.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; notice?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title mb-6">Sign in</h1>
      <div className="card">
        <SignInForm callbackUrl={callbackUrl} notice={params.notice ? notices[params.notice] : undefined} />
      </div>
      <p className="mt-4 text-center text-sm text-stone-600">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </div>
  );
}
