import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import { policiesForSignUp } from '@/lib/policies';
import { getSettings } from '@/lib/settings';
import { SignUpForm } from './_components/signup-form';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage() {
  if (await getViewer()) redirect('/');
  const [settings, policies] = await Promise.all([getSettings(), policiesForSignUp()]);
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="page-title mb-6">Create your account</h1>
      <div className="card">
        {settings.signupsOpen ? (
          <SignUpForm
            policies={policies.map((p) => ({ versionId: p.versionId, slug: p.slug, title: p.title, summary: p.summary }))}
            digitalConsentAge={settings.digitalConsentAge}
            minimumAge={settings.minimumAge}
          />
        ) : (
          <p>Sign-ups are closed on this site at the moment.</p>
        )}
      </div>
    </div>
  );
}
