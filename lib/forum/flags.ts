import 'server-only';
import { audit } from '@/lib/audit';
import { and, asc, eq, inArray, min, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { categories, flags, posts, topics, users } from '@/db/schema';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { can, type Actor } from '@/lib/permissions';
import { optionalText, parseOrInvalid } from '@/lib/validation';
import { FLAG_NOTE_MAX, FLAG_REASON_TEXT, FLAG_REASONS, STAFF_NOTE_MAX, type FlagReason } from './flag-reasons';
import { notifyStaffAction } from './notifications';
import { excerpt, loadPostInVisibleTopic, type PostState } from './post-access';
import { pageCountOf } from '@/lib/pagination';

export { FLAG_REASONS, type FlagReason } from './flag-reasons';

export const REVIEW_PER_PAGE = 20;

const flagSchema = z
  .object({
    reason: z.enum(FLAG_REASONS, { error: 'Choose why you are reporting this post.' }),
    note: optionalText(FLAG_NOTE_MAX, 'Note'),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Tell the staff what is wrong with this post.' });
  });

/**
 * A member reports a post to the staff. One open report per member and post; never one's own post,
 * nor a post already hidden or deleted. The post's row lock keeps two quick submits from making two reports.
 */
export async function flagPost(viewer: Actor, postId: number, raw: { reason: unknown; note?: unknown }): Promise<{ flagId: number; topicId: number }> {
  const { post, topic, state } = await loadPostInVisibleTopic(viewer, postId);
  if (state === 'hidden') throw new Forbidden('The staff have already hidden this post.');
  if (state !== 'visible') throw new Forbidden('This post was deleted; there is nothing to report.');
  if (!can(viewer, 'post.flag', { ownerId: post.userId })) {
    throw new Forbidden(post.userId === viewer.id ? 'You cannot report your own post.' : 'You cannot report posts right now.');
  }
  const input = parseOrInvalid(flagSchema, raw);
  const flagId = await getDb().transaction(async (tx) => {
    await tx.select({ id: posts.id }).from(posts).where(eq(posts.id, post.id)).for('update');
    const [open] = await tx
      .select({ id: flags.id })
      .from(flags)
      .where(and(eq(flags.postId, post.id), eq(flags.userId, viewer.id), eq(flags.status, 'pending')));
    if (open) throw new Invalid({ form: 'You have already reported this post. The staff will look at it soon.' });
    const [row] = await tx.insert(flags).values({ postId: post.id, userId: viewer.id, reason: input.reason, note: input.note }).returning({ id: flags.id });
    return row.id;
  });
  return { flagId, topicId: topic.id };
}

export interface ReviewFlag {
  id: number;
  reason: FlagReason;
  note: string | null;
  /** The reporter's username, or null when their account is gone. */
  reporter: string | null;
  createdAt: Date;
}

export interface ReviewItem {
  post: { id: number; postNumber: number; excerpt: string; author: string | null; createdAt: Date; state: PostState };
  topic: { id: number; title: string; slug: string };
  category: { name: string; color: string };
  /** Open reports on the post, by reason, in the order of FLAG_REASONS. */
  counts: { reason: FlagReason; count: number }[];
  total: number;
  flags: ReviewFlag[];
  firstFlaggedAt: Date;
}

export interface ReviewQueue {
  items: ReviewItem[];
  page: number;
  pageCount: number;
  /** Posts waiting for a decision. */
  total: number;
}

/** Staff: posts with open reports, oldest report first, each with its reports grouped together. */
export async function reviewQueue(viewer: Actor | null, page = 1): Promise<ReviewQueue> {
  if (!can(viewer, 'review.handle')) throw new Forbidden('The review queue is for moderators and admins.');
  const db = getDb();
  const pending = eq(flags.status, 'pending');
  const [{ total }] = await db.select({ total: sql<number>`count(distinct ${flags.postId})::int` }).from(flags).where(pending);
  const pageCount = pageCountOf(total, REVIEW_PER_PAGE);
  const firstAt = min(flags.createdAt);
  const groups = await db
    .select({ postId: flags.postId, firstAt })
    .from(flags)
    .where(pending)
    .groupBy(flags.postId)
    .orderBy(asc(firstAt), asc(flags.postId))
    .limit(REVIEW_PER_PAGE)
    .offset((page - 1) * REVIEW_PER_PAGE);
  if (!groups.length) return { items: [], page, pageCount, total };
  const ids = groups.map((g) => g.postId);
  const [postRows, flagRows] = await Promise.all([
    db
      .select({
        id: posts.id,
        postNumber: posts.postNumber,
        body: posts.body,
        createdAt: posts.createdAt,
        revisionCount: posts.revisionCount,
        deletedAt: posts.deletedAt,
        hiddenAt: posts.hiddenAt,
        anonymizedAt: posts.anonymizedAt,
        author: users.username,
        topicId: topics.id,
        topicTitle: topics.title,
        topicSlug: topics.slug,
        topicDeletedAt: topics.deletedAt,
        categoryName: categories.name,
        categoryColor: categories.color,
      })
      .from(posts)
      .innerJoin(topics, eq(topics.id, posts.topicId))
      .innerJoin(categories, eq(categories.id, topics.categoryId))
      .leftJoin(users, eq(users.id, posts.userId))
      .where(inArray(posts.id, ids)),
    db
      .select({ id: flags.id, postId: flags.postId, reason: flags.reason, note: flags.note, reporter: users.username, createdAt: flags.createdAt })
      .from(flags)
      .leftJoin(users, eq(users.id, flags.userId))
      .where(and(pending, inArray(flags.postId, ids)))
      .orderBy(asc(flags.createdAt), asc(flags.id)),
  ]);
  const byPost = new Map(postRows.map((p) => [p.id, p]));
  const items = groups.flatMap((g): ReviewItem[] => {
    const p = byPost.get(g.postId);
    if (!p) return [];
    const reports = flagRows.filter((f) => f.postId === p.id);
    const state: PostState = p.deletedAt && p.revisionCount === 0 ? 'erased' : p.deletedAt || p.topicDeletedAt ? 'deleted' : p.hiddenAt ? 'hidden' : 'visible';
    return [
      {
        post: { id: p.id, postNumber: p.postNumber, excerpt: excerpt(p.body, 600), author: p.anonymizedAt ? null : p.author, createdAt: p.createdAt, state },
        topic: { id: p.topicId, title: p.topicTitle, slug: p.topicSlug },
        category: { name: p.categoryName, color: p.categoryColor },
        counts: FLAG_REASONS.map((reason) => ({ reason, count: reports.filter((f) => f.reason === reason).length })).filter((c) => c.count > 0),
        total: reports.length,
        flags: reports.map((f) => ({ id: f.id, reason: f.reason, note: f.note, reporter: f.reporter, createdAt: f.createdAt })),
        firstFlaggedAt: g.firstAt ?? p.createdAt,
      },
    ];
  });
  return { items, page, pageCount, total };
}

export const REVIEW_DECISIONS = ['agree', 'disagree', 'delete'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

const decisionSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS, { error: 'Choose what to do with this post.' }),
  note: optionalText(STAFF_NOTE_MAX, 'Note'),
});

const STATUS: Record<ReviewDecision, 'agreed' | 'disagreed' | 'deleted'> = { agree: 'agreed', disagree: 'disagreed', delete: 'deleted' };

/** The reason most members gave (ties go to the one listed first). */
function mainReason(reasons: FlagReason[]): FlagReason {
  return FLAG_REASONS.reduce((best, r) => (reasons.filter((x) => x === r).length > reasons.filter((x) => x === best).length ? r : best), reasons[0]);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export interface ReviewOutcome {
  decision: ReviewDecision;
  closed: number;
  topicId: number;
  /** What the author was told, when they were. */
  message: string | null;
}

/**
 * Staff decide on a reported post, closing every open report on it:
 * agree hides the post and tells its author why; disagree leaves it as it is;
 * delete soft-deletes it (a tombstone staff can restore) and tells its author.
 */
export async function decideFlags(viewer: Actor, postId: number, raw: { decision: unknown; note?: unknown }): Promise<ReviewOutcome> {
  if (!can(viewer, 'review.handle')) throw new Forbidden('Only moderators and admins can handle reports.');
  if (!Number.isInteger(postId) || postId <= 0) throw new NotFound();
  const input = parseOrInvalid(decisionSchema, raw);
  const db = getDb();
  const result = await db.transaction(async (tx) => {
    const [post] = await tx
      .select({ id: posts.id, topicId: posts.topicId, postNumber: posts.postNumber, userId: posts.userId, deletedAt: posts.deletedAt })
      .from(posts)
      .where(eq(posts.id, postId))
      .for('update');
    if (!post) throw new NotFound();
    const closed = await tx
      .update(flags)
      .set({ status: STATUS[input.decision], handledBy: viewer.id, handledAt: sql`now()` })
      .where(and(eq(flags.postId, post.id), eq(flags.status, 'pending')))
      .returning({ reason: flags.reason });
    if (!closed.length) throw new Invalid({ form: 'These reports were already handled, perhaps by another moderator.' });
    const reason = mainReason(closed.map((c) => c.reason));
    const why = `${FLAG_REASON_TEXT[reason].reported}${input.note ? `. Staff note: ${input.note}` : ''}`;
    // A post its author deleted (or erased) meanwhile is left as it is; the reports are closed all the same.
    if (post.deletedAt) return { post, closed: closed.length, message: null };
    if (input.decision === 'agree') {
      await tx
        .update(posts)
        .set({ hiddenAt: sql`coalesce(${posts.hiddenAt}, now())`, hiddenReason: why })
        .where(eq(posts.id, post.id));
      return { post, closed: closed.length, message: `Your post was hidden by the staff. ${sentence(why)}` };
    }
    if (input.decision === 'delete') {
      await tx.update(posts).set({ deletedAt: sql`now()`, deletedBy: viewer.id }).where(eq(posts.id, post.id));
      // As with any deletion, deleting the opening post deletes the topic.
      if (post.postNumber === 1) await tx.update(topics).set({ deletedAt: sql`now()` }).where(eq(topics.id, post.topicId));
      return { post, closed: closed.length, message: `Your post was deleted by the staff. ${sentence(why)}` };
    }
    return { post, closed: closed.length, message: null };
  });
  if (result.message && result.post.userId) await notifyStaffAction(viewer.id, result.post.id, result.message);
  await audit(viewer, 'flags.decide', { type: 'post', id: postId }, input.note || null, { decision: input.decision, reportsClosed: result.closed });
  return { decision: input.decision, closed: result.closed, topicId: result.post.topicId, message: result.message };
}
