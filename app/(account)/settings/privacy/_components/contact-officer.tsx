import Link from 'next/link';
import type { Actor } from '@/lib/permissions';
import { ContactOfficerForm } from '@/app/(account)/settings/data/_components/request-contact-form';
import { DETAILS_MAX, DETAILS_MIN, requestFormFacts } from '@/lib/privacy/requests';

/** "Contact the privacy officer": files a data request of kind 'other'. */
export async function ContactOfficerSection({ viewer }: { viewer: Actor }) {
  const facts = await requestFormFacts(viewer);
  return (
    <section className="card space-y-4" aria-labelledby="contact-officer-heading">
      <div>
        <h3 id="contact-officer-heading" className="font-semibold">
          Contact the privacy officer
        </h3>
        <p className="mt-1 text-sm text-stone-600">
          A question about your data, something to correct, or a use of it you object to? Write to the privacy officer here. Your message is filed as a
          request: the answer is due within {facts.days} days, and you follow it on <Link href="/settings/data#my-requests-heading">Your data</Link>.
        </p>
        {facts.officerEmail ? (
          <p className="mt-1 text-sm text-stone-600">
            You can also write to <a href={`mailto:${facts.officerEmail}`}>{facts.officerEmail}</a>.
          </p>
        ) : null}
      </div>
      <ContactOfficerForm detailsMin={DETAILS_MIN} detailsMax={DETAILS_MAX} />
    </section>
  );
}
