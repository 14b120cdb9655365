import type { Metadata } from 'next';
import { getEditableSettings } from '@/lib/admin/site-settings';
import { getViewer } from '@/lib/auth/viewer';
import { SettingsForm } from './_components/settings-form';

export const metadata: Metadata = { title: 'Community settings' };

export default async function AdminSettingsPage() {
  const settings = await getEditableSettings((await getViewer())!);
  return (
    <div className="space-y-6">
      <h1 className="page-title">Community settings</h1>
      <section className="card">
        <SettingsForm initial={settings} />
      </section>
    </div>
  );
}
