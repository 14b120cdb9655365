import 'server-only';
import { and, eq, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { categories, topics } from '@/db/schema';
import { isStaff, type Actor } from '@/lib/permissions';
import type { Settings } from '@/lib/settings';

/**
 * The SQL condition for categories the viewer may see: the same rules as can(viewer, 'category.view'),
 * for use inside list, search, profile and notification queries so hidden things never leak.
 * On a members-only site a visitor sees no category at all.
 */
export function visibleCategories(viewer: Actor | null, settings: Pick<Settings, 'membersOnly'>): SQL {
  if (!viewer) return settings.membersOnly ? sql`false` : eq(categories.visibility, 'everyone');
  if (isStaff(viewer)) return sql`true`;
  return or(
    eq(categories.visibility, 'everyone'),
    eq(categories.visibility, 'members'),
    and(eq(categories.visibility, 'trust'), lte(categories.minTrustLevel, viewer.trustLevel)),
  )!;
}

/** Topics the viewer may see: in a visible category and not deleted (staff also see deleted topics). */
export function visibleTopics(viewer: Actor | null, settings: Pick<Settings, 'membersOnly'>): SQL {
  const category = visibleCategories(viewer, settings);
  return isStaff(viewer) ? category : and(category, isNull(topics.deletedAt))!;
}
