import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Composer } from '@/components/forum/composer';
import { getViewer } from '@/lib/auth/viewer';
import { startRefusal } from '@/lib/messages';
import { getSettings } from '@/lib/settings';
import { startConversationAction } from '../actions';

export const metadata: Metadata = { title: 'New message' };

export default async function NewMessagePage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const { to } = await searchParams;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(`/messages/new${to ? `?to=${encodeURIComponent(to)}` : ''}`)}`);
  const refusal = startRefusal(viewer, await getSettings());
  const recipient = (to ?? '').replace(/[^\w.,@ -]/g, '').slice(0, 200);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/messages">← Messages</Link>
      </p>
      <h1 className="page-title">New message</h1>
      <div className="card">
        {refusal ? (
          <p role="status" className="text-stone-700">
            {refusal}
          </p>
        ) : (
          <Composer
            action={startConversationAction}
            draftKey="hearth:draft:message:new"
            submitLabel="Send message"
            recipients={{ defaultValue: recipient ? recipient.split(/[\s,]+/).filter(Boolean).map((n) => (n.startsWith('@') ? n : `@${n}`)).join(' ') : '' }}
            showSubject
            bodyLabel="Message"
          />
        )}
      </div>
      <p className="text-sm text-stone-600">
        Only the members you write to can read the conversation. Administrators can open it only by stating a reason, which everyone in it
        then sees.
      </p>
    </div>
  );
}
