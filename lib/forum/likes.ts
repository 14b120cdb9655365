import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { bookmarks, likes, posts, users } from '@/db/schema';
import { Forbidden, NotFound } from '@/lib/errors';
import { can, isStaff, type Actor } from '@/lib/permissions';
import { notifyLike } from './notifications';
import { loadPostInVisibleTopic, type PostState } from './post-access';

/** How many names "who liked" lists; the total is always given. */
export const LIKERS_SHOWN = 100;

export interface LikeResult {
  liked: boolean;
  likeCount: number;
  topicId: number;
}

function refuseUnlikeable(state: PostState): void {
  if (state === 'hidden') throw new Forbidden('The staff hid this post, so it cannot be liked.');
  if (state !== 'visible') throw new Forbidden('This post was deleted, so it cannot be liked.');
}

/** Likes a post the viewer can see (not their own). Liking twice changes nothing; like_count moves with the row. */
export async function likePost(viewer: Actor, postId: number): Promise<LikeResult> {
  const { post, topic, state } = await loadPostInVisibleTopic(viewer, postId);
  refuseUnlikeable(state);
  if (!can(viewer, 'post.like', { ownerId: post.userId })) {
    throw new Forbidden(post.userId === viewer.id ? 'You cannot like your own post.' : 'You cannot like posts right now.');
  }
  const { added, likeCount } = await getDb().transaction(async (tx) => {
    const inserted = await tx.insert(likes).values({ postId: post.id, userId: viewer.id }).onConflictDoNothing().returning({ postId: likes.postId });
    if (inserted.length) {
      const [row] = await tx
        .update(posts)
        .set({ likeCount: sql`${posts.likeCount} + 1` })
        .where(eq(posts.id, post.id))
        .returning({ likeCount: posts.likeCount });
      return { added: true, likeCount: row.likeCount };
    }
    const [row] = await tx.select({ likeCount: posts.likeCount }).from(posts).where(eq(posts.id, post.id));
    return { added: false, likeCount: row.likeCount };
  });
  if (added) await notifyLike(viewer.id, post.id);
  return { liked: true, likeCount, topicId: topic.id };
}

/** Takes a like back; taking back a like that is not there changes nothing. */
export async function unlikePost(viewer: Actor, postId: number): Promise<LikeResult> {
  const { post, topic } = await loadPostInVisibleTopic(viewer, postId);
  const likeCount = await getDb().transaction(async (tx) => {
    const removed = await tx
      .delete(likes)
      .where(and(eq(likes.postId, post.id), eq(likes.userId, viewer.id)))
      .returning({ postId: likes.postId });
    if (removed.length) {
      const [row] = await tx
        .update(posts)
        .set({ likeCount: sql`greatest(${posts.likeCount} - 1, 0)` })
        .where(eq(posts.id, post.id))
        .returning({ likeCount: posts.likeCount });
      return row.likeCount;
    }
    const [row] = await tx.select({ likeCount: posts.likeCount }).from(posts).where(eq(posts.id, post.id));
    return row.likeCount;
  });
  return { liked: false, likeCount, topicId: topic.id };
}

export interface Likers {
  /** Usernames, earliest like first (at most LIKERS_SHOWN). */
  usernames: string[];
  total: number;
}

/** Who liked a post: for signed-in members only. A post the viewer cannot see does not exist for them. */
export async function whoLiked(viewer: Actor | null, postId: number): Promise<Likers> {
  const { post, state } = await loadPostInVisibleTopic(viewer, postId);
  if (!can(viewer, 'post.likers')) throw new Forbidden('Sign in to see who liked this post.');
  if (state !== 'visible' && !isStaff(viewer)) throw new NotFound();
  const db = getDb();
  const rows = await db
    .select({ username: users.username })
    .from(likes)
    .innerJoin(users, eq(users.id, likes.userId))
    .where(eq(likes.postId, post.id))
    .orderBy(asc(likes.createdAt), asc(users.username))
    .limit(LIKERS_SHOWN);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(likes).where(eq(likes.postId, post.id));
  return { usernames: rows.map((r) => r.username), total };
}

export interface Reactions {
  liked: Set<number>;
  bookmarked: Set<number>;
}

/** Which of these posts the viewer liked and bookmarked (the viewer's own marks only; empty for visitors). */
export async function reactionsFor(viewer: Actor | null, postIds: number[]): Promise<Reactions> {
  const ids = [...new Set(postIds.filter((id) => Number.isInteger(id) && id > 0))];
  if (!viewer || !ids.length) return { liked: new Set(), bookmarked: new Set() };
  const db = getDb();
  // One round trip for both.
  const rows = await db
    .select({ postId: likes.postId, bookmark: sql<boolean>`false` })
    .from(likes)
    .where(and(eq(likes.userId, viewer.id), inArray(likes.postId, ids)))
    .unionAll(db.select({ postId: bookmarks.postId, bookmark: sql<boolean>`true` }).from(bookmarks).where(and(eq(bookmarks.userId, viewer.id), inArray(bookmarks.postId, ids))));
  return {
    liked: new Set(rows.filter((r) => !r.bookmark).map((r) => r.postId)),
    bookmarked: new Set(rows.filter((r) => r.bookmark).map((r) => r.postId)),
  };
}

/**
 * What the reaction buttons under one post may offer this viewer, from the post as the topic page has it.
 * (Hidden, deleted and erased posts offer none: there is nothing to like, keep or report.)
 */
export function reactionAbilities(viewer: Actor | null, post: { state: PostState; author: { id: string } | null }) {
  const open = post.state === 'visible';
  const subject = { ownerId: post.author?.id ?? null };
  return {
    signedIn: viewer !== null,
    canLike: open && can(viewer, 'post.like', subject),
    canBookmark: open && can(viewer, 'post.bookmark'),
    canFlag: open && can(viewer, 'post.flag', subject),
  };
}
