import type { Actor } from '@/lib/permissions';

export async function RequestsSection({ viewer: _viewer }: { viewer: Actor }) {
  return null;
}
