import 'server-only';
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { bookmarks, categories, posts, topics, users } from '@/db/schema';
import { Forbidden, NotFound } from '@/lib/errors';
import { can, isStaff, type Actor } from '@/lib/permissions';
import { getSettings } from '@/lib/settings';
import { excerpt, loadPostInVisibleTopic } from './post-access';
import { visibleTopics } from './visibility';
import { pageCountOf } from '@/lib/pagination';

export const BOOKMARKS_PER_PAGE = 20;

/** Keeps a post in the member's private bookmarks; keeping it twice changes nothing. */
export async function bookmarkPost(viewer: Actor, postId: number): Promise<{ bookmarked: true; topicId: number }> {
  const { post, topic, state } = await loadPostInVisibleTopic(viewer, postId);
  if (state !== 'visible') throw new Forbidden('This post is no longer shown, so it cannot be bookmarked.');
  if (!can(viewer, 'post.bookmark')) throw new Forbidden('Sign in to bookmark posts.');
  await getDb().insert(bookmarks).values({ userId: viewer.id, postId: post.id }).onConflictDoNothing();
  return { bookmarked: true, topicId: topic.id };
}

/**
 * Removes a bookmark. It is the member's own data, so this works even for a post they can no longer see;
 * the topic id (for refreshing pages) is given only when they can still see it.
 */
export async function removeBookmark(viewer: Actor, postId: number): Promise<{ bookmarked: false; topicId: number | null }> {
  if (!Number.isInteger(postId) || postId <= 0) return { bookmarked: false, topicId: null };
  await getDb()
    .delete(bookmarks)
    .where(and(eq(bookmarks.userId, viewer.id), eq(bookmarks.postId, postId)));
  try {
    return { bookmarked: false, topicId: (await loadPostInVisibleTopic(viewer, postId)).topic.id };
  } catch (e) {
    if (e instanceof NotFound) return { bookmarked: false, topicId: null };
    throw e;
  }
}

export interface BookmarkItem {
  postId: number;
  postNumber: number;
  topic: { id: number; title: string; slug: string };
  category: { slug: string; name: string; color: string };
  /** The author's username, or null for an anonymous post. */
  author: string | null;
  excerpt: string;
  postedAt: Date;
  bookmarkedAt: Date;
  /** Hidden by staff: listed only for its author and for staff. */
  hidden: boolean;
}

export interface BookmarkPage {
  items: BookmarkItem[];
  page: number;
  pageCount: number;
  total: number;
}

/**
 * The member's own bookmarks, newest first, limited to posts they can still see: a post deleted since,
 * hidden by staff (unless it is their own), or in a category now closed to them drops out of the list.
 */
export async function listBookmarks(viewer: Actor, page = 1): Promise<BookmarkPage> {
  const settings = await getSettings();
  const where = and(
    eq(bookmarks.userId, viewer.id),
    visibleTopics(viewer, settings),
    isNull(topics.deletedAt),
    isNull(posts.deletedAt),
    isStaff(viewer) ? undefined : or(isNull(posts.hiddenAt), eq(posts.userId, viewer.id)),
  );
  const db = getDb();
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(bookmarks)
    .innerJoin(posts, eq(posts.id, bookmarks.postId))
    .innerJoin(topics, eq(topics.id, posts.topicId))
    .innerJoin(categories, eq(categories.id, topics.categoryId))
    .where(where);
  const pageCount = pageCountOf(total, BOOKMARKS_PER_PAGE);
  const rows = await db
    .select({
      postId: posts.id,
      postNumber: posts.postNumber,
      body: posts.body,
      postedAt: posts.createdAt,
      hiddenAt: posts.hiddenAt,
      anonymizedAt: posts.anonymizedAt,
      author: users.username,
      topicId: topics.id,
      topicTitle: topics.title,
      topicSlug: topics.slug,
      categorySlug: categories.slug,
      categoryName: categories.name,
      categoryColor: categories.color,
      bookmarkedAt: bookmarks.createdAt,
    })
    .from(bookmarks)
    .innerJoin(posts, eq(posts.id, bookmarks.postId))
    .innerJoin(topics, eq(topics.id, posts.topicId))
    .innerJoin(categories, eq(categories.id, topics.categoryId))
    .leftJoin(users, eq(users.id, posts.userId))
    .where(where)
    .orderBy(desc(bookmarks.createdAt), desc(bookmarks.postId))
    .limit(BOOKMARKS_PER_PAGE)
    .offset((page - 1) * BOOKMARKS_PER_PAGE);
  return {
    items: rows.map((r) => ({
      postId: r.postId,
      postNumber: r.postNumber,
      topic: { id: r.topicId, title: r.topicTitle, slug: r.topicSlug },
      category: { slug: r.categorySlug, name: r.categoryName, color: r.categoryColor },
      author: r.anonymizedAt ? null : r.author,
      excerpt: excerpt(r.body),
      postedAt: r.postedAt,
      bookmarkedAt: r.bookmarkedAt,
      hidden: r.hiddenAt !== null,
    })),
    page,
    pageCount,
    total,
  };
}
