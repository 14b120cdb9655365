import type { Actor } from '@/lib/permissions';

export async function ExportSection({ viewer: _viewer }: { viewer: Actor }) {
  return null;
}
