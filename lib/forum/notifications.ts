import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, notifications, topics, users } from '@/db/schema';
import { can } from '@/lib/permissions';

export type NotificationKind = (typeof notifications.$inferSelect)['kind'];

const CONTENT_KINDS = new Set<NotificationKind>(['mention', 'quote', 'reply']);

export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  actorId: string | null;
  topicId: number;
  postId?: number | null;
  message?: string | null;
}

/**
 * Records notifications, one per member and post. Members are never told about their own actions,
 * nor about anything in a category they may not see.
 */
export async function notify(drafts: NotificationDraft[]): Promise<number[]> {
  const wanted = drafts.filter((d) => d.userId !== d.actorId);
  if (!wanted.length) return [];
  const db = getDb();
  const recipients = await db
    .select({ id: users.id, role: users.role, trustLevel: users.trustLevel, suspendedUntil: users.suspendedUntil })
    .from(users)
    .where(inArray(users.id, [...new Set(wanted.map((d) => d.userId))]));
  const topicIds = [...new Set(wanted.map((d) => d.topicId))];
  const topicCategories = await db
    .select({ topicId: topics.id, visibility: categories.visibility, minTrustLevel: categories.minTrustLevel })
    .from(topics)
    .innerJoin(categories, eq(categories.id, topics.categoryId))
    .where(inArray(topics.id, topicIds));
  const byUser = new Map(recipients.map((r) => [r.id, r]));
  const byTopic = new Map(topicCategories.map((t) => [t.topicId, t]));
  const seen = new Set<string>();
  const rows = wanted.filter((d) => {
    const recipient = byUser.get(d.userId);
    const category = byTopic.get(d.topicId);
    // One notice per member for a new post, even when it both replies to and mentions them (callers list mentions first).
    const key = `${d.userId}:${d.postId ?? ''}:${CONTENT_KINDS.has(d.kind) ? 'content' : d.kind}`;
    if (!recipient || !category || seen.has(key)) return false;
    seen.add(key);
    return can(recipient, 'category.view', category);
  });
  if (!rows.length) return [];
  const inserted = await db
    .insert(notifications)
    .values(rows.map((d) => ({ userId: d.userId, kind: d.kind, actorId: d.actorId, topicId: d.topicId, postId: d.postId ?? null, message: d.message ?? null })))
    .returning({ id: notifications.id });
  return inserted.map((r) => r.id);
}
