import type { Metadata } from 'next';
import Link from 'next/link';
import { marketingAudienceSize } from '@/lib/members/marketing';
import { requireAdmin } from '../require-admin';
import { AnnouncementForm } from './_components/announcement-form';

export const metadata: Metadata = { title: 'Announcements' };

export default async function AnnouncementsPage() {
  const audience = await marketingAudienceSize(await requireAdmin('/admin/announcements'));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">Announcements</h1>
        <p className="mt-1 text-sm text-stone-600">
          Mail about the community goes only to members who asked for it in their privacy settings, whose address is confirmed, whose account is open and who have not restricted the processing of their data.
          Each mail ends with how to stop receiving them. Sending is recorded in the <Link href="/admin/audit?action=announcement.send">audit log</Link> with the number of recipients.
        </p>
      </div>
      <section className="card space-y-4" aria-labelledby="audience-heading">
        <h2 id="audience-heading" className="font-semibold">
          {audience === 0 ? 'No member receives announcements yet' : `${audience} member${audience === 1 ? '' : 's'} will receive this`}
        </h2>
        {audience === 0 ? (
          <p className="text-sm text-stone-600">Members can ask for mail about the community on their privacy settings page, or when they sign up.</p>
        ) : (
          <AnnouncementForm audience={audience} />
        )}
      </section>
    </div>
  );
}
