import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { categories, topics } from '@/db/schema';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { parseOrInvalid, requiredText } from '@/lib/validation';
import { can, type Actor } from '@/lib/permissions';

export interface CategorySummary {
  id: number;
  slug: string;
  name: string;
  description: string;
  color: string;
  visibility: 'everyone' | 'members' | 'trust' | 'staff';
}

const categoryColumns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  description: categories.description,
  color: categories.color,
  visibility: categories.visibility,
};

/** The categories this viewer may see, in the admin's order. */
export async function listCategories(viewer: Actor | null): Promise<CategorySummary[]> {
  const rows = await getDb()
    .select({ ...categoryColumns, minTrustLevel: categories.minTrustLevel })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.id));
  return rows.filter((c) => can(viewer, 'category.view', c)).map(({ minTrustLevel: _m, ...c }) => c);
}

const categorySchema = z.object({
  name: requiredText(50, 'Name'),
  slug: z
    .string()
    .trim()
    .min(2, 'Slug needs at least 2 characters.')
    .max(40, 'Slug can be at most 40 characters.')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single dashes, like "help-desk".'),
  description: z.string().trim().max(300, 'Description can be at most 300 characters.'),
  color: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'Pick a colour like #b45309.'),
  position: z.coerce.number({ error: 'Order must be a number.' }).int('Order must be a whole number.').min(0).max(1000),
  visibility: z.enum(['everyone', 'members', 'trust', 'staff'], { error: 'Choose who can see the category.' }),
  minTrustLevel: z.coerce.number().int().min(0, 'Trust levels go from 0 to 4.').max(4, 'Trust levels go from 0 to 4.'),
});

export type CategoryInput = z.input<typeof categorySchema>;

export interface CategoryAdminRow extends CategorySummary {
  position: number;
  minTrustLevel: number;
  topicCount: number;
}

/** Admin: every category with its settings and number of topics. */
export async function listCategoriesForAdmin(viewer: Actor): Promise<CategoryAdminRow[]> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  return getDb()
    .select({
      ...categoryColumns,
      position: categories.position,
      minTrustLevel: categories.minTrustLevel,
      topicCount: sql<number>`(select count(*)::int from ${topics} where ${topics.categoryId} = ${categories.id})`,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.id));
}

/** Admin: create a category (no id) or change one. */
export async function saveCategory(viewer: Actor, id: number | null, raw: CategoryInput): Promise<void> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const input = parseOrInvalid(categorySchema, raw);
  const values = { ...input, minTrustLevel: input.visibility === 'trust' ? input.minTrustLevel : 0 };
  const db = getDb();
  const [clash] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, input.slug));
  if (clash && clash.id !== id) throw new Invalid({ slug: 'Another category already uses this slug.' });
  if (id === null) await db.insert(categories).values(values);
  else {
    const updated = await db.update(categories).set(values).where(eq(categories.id, id)).returning({ id: categories.id });
    if (!updated.length) throw new NotFound();
  }
  // The table is tiny and changes rarely, so autovacuum never refreshes its statistics on its own.
  await db.execute(sql`analyze categories`);
}

/** Admin: delete an empty category; one with topics must be emptied first. */
export async function deleteCategory(viewer: Actor, id: number): Promise<void> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const [used] = await getDb().select({ id: topics.id }).from(topics).where(eq(topics.categoryId, id)).limit(1);
  if (used) throw new Invalid({ form: 'This category still has topics. Move or delete them first.' });
  await getDb().delete(categories).where(eq(categories.id, id));
}
