import 'server-only';
import { asc } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories } from '@/db/schema';
import { can, type Actor } from '@/lib/permissions';

export interface CategorySummary {
  id: number;
  slug: string;
  name: string;
  description: string;
  color: string;
  visibility: 'everyone' | 'members' | 'trust' | 'staff';
}

/** The categories this viewer may see, in the admin's order. */
export async function listCategories(viewer: Actor | null): Promise<CategorySummary[]> {
  const rows = await getDb()
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      color: categories.color,
      visibility: categories.visibility,
      minTrustLevel: categories.minTrustLevel,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.id));
  return rows.filter((c) => can(viewer, 'category.view', c)).map(({ minTrustLevel: _m, ...c }) => c);
}
