import type { Metadata } from 'next';
import { getEditableSettings } from '@/lib/admin/site-settings';
import { requireAdmin } from '../require-admin';
import { SettingsForm } from './_components/settings-form';

export const metadata: Metadata = { title: 'Community settings' };

export default async function AdminSettingsPage() {
  const settings = await getEditableSettings(await requireAdmin('/admin/settings'));
  return (
    <div className="space-y-6">
      <h1 className="page-title">Community settings</h1>
      <section className="card">
        <SettingsForm initial={settings} />
      </section>
    </div>
  );
}
