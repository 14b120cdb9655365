import type { Metadata } from 'next';
import { ForgotForm } from './_components/forgot-form';

export const metadata: Metadata = { title: 'Reset your password' };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title mb-6">Reset your password</h1>
      <div className="card space-y-4">
        <p className="text-sm text-stone-600">Enter the email address of your account and we will send you a link to choose a new password.</p>
        <ForgotForm />
      </div>
    </div>
  );
}
