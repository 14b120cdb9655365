import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import { ExportSection } from './_components/export-section';
import { RequestsSection } from './_components/requests-section';

export const metadata: Metadata = { title: 'Your data' };

export default async function DataSettingsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/settings/data');
  return (
    <div className="space-y-6">
      <div>
        <h2 className="page-title">Your data</h2>
        <p className="mt-1 text-sm text-stone-600">Download a copy of everything the site holds about you, or ask the privacy officer to act on it.</p>
      </div>
      <ExportSection viewer={viewer} />
      <RequestsSection viewer={viewer} />
    </div>
  );
}
