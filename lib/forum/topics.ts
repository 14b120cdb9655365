import 'server-only';
import { audit } from '@/lib/audit';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { categories, notifications, posts, postRevisions, privacySettings, profiles, topicReads, topics, userBlocks, users } from '@/db/schema';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import type { ProfileVisibility } from '@/lib/members/privacy-settings';
import { avatarUrlOf, canSeeProfile, isOnline } from '@/lib/members/profile-visibility';
import { can, isStaff, type Actor } from '@/lib/permissions';
import { getSettings } from '@/lib/settings';
import { issuesByField, requiredText } from '@/lib/validation';
import { notify } from './notifications';
import { postState } from './post-state';
import { renderPost, resolveMentions } from './render';
import { visibleTopics } from './visibility';
import { pageCountOf } from '@/lib/pagination';

export const TOPICS_PER_PAGE = 30;
export const POSTS_PER_PAGE = 20;

export const titleField = requiredText(200, 'Title').refine((t) => t.length >= 5, 'Title needs at least 5 characters.');
export const bodyField = requiredText(50_000, 'Post');

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'topic';
}

export interface TopicListItem {
  id: number;
  title: string;
  slug: string;
  category: { slug: string; name: string; color: string };
  /** The author's username; null for an anonymous or erased opening post. */
  author: string | null;
  authorName: string | null;
  /** Whether the viewer may open the author's profile (else the name is shown without a link). */
  authorLinked: boolean;
  replies: number;
  lastPostedAt: Date;
  pinned: boolean;
  closed: boolean;
  deleted: boolean;
  /** For signed-in members: posts they have not read yet (null for visitors). */
  unreadPosts: number | null;
  /** For signed-in members: a topic they have never opened. */
  isNew: boolean;
}

function listColumns(viewer: Actor | null) {
  return {
    id: topics.id,
    title: topics.title,
    slug: topics.slug,
    categorySlug: categories.slug,
    categoryName: categories.name,
    categoryColor: categories.color,
    authorId: users.id,
    author: users.username,
    authorName: users.name,
    authorVisibility: privacySettings.profileVisibility,
    postCount: topics.postCount,
    lastPostedAt: topics.lastPostedAt,
    pinnedAt: topics.pinnedAt,
    closedAt: topics.closedAt,
    deletedAt: topics.deletedAt,
    lastRead: viewer ? topicReads.lastReadPostNumber : sql<number | null>`null`,
  };
}

type ListRow = Awaited<ReturnType<typeof baseList>>[number];

function baseList(viewer: Actor | null, where: ReturnType<typeof and>, order: ReturnType<typeof desc>[], page: number) {
  const db = getDb();
  let q = db
    .select(listColumns(viewer))
    .from(topics)
    .innerJoin(categories, eq(categories.id, topics.categoryId))
    .leftJoin(users, eq(users.id, topics.userId))
    .leftJoin(privacySettings, eq(privacySettings.userId, topics.userId))
    .$dynamic();
  if (viewer) q = q.leftJoin(topicReads, and(eq(topicReads.topicId, topics.id), eq(topicReads.userId, viewer.id)));
  return q
    .where(where)
    .orderBy(...order)
    .limit(TOPICS_PER_PAGE + 1)
    .offset((page - 1) * TOPICS_PER_PAGE);
}

function toItem(viewer: Actor | null, r: ListRow): TopicListItem {
  return {
    id: r.id,
    title: r.title,
    slug: r.slug,
    category: { slug: r.categorySlug, name: r.categoryName, color: r.categoryColor },
    author: r.author,
    authorName: r.authorName,
    authorLinked: r.authorId !== null && canSeeProfile(viewer, r.authorId, r.authorVisibility),
    replies: Math.max(0, r.postCount - 1),
    lastPostedAt: r.lastPostedAt,
    pinned: r.pinnedAt !== null,
    closed: r.closedAt !== null,
    deleted: r.deletedAt !== null,
    unreadPosts: viewer ? Math.max(0, r.postCount - (r.lastRead ?? 0)) : null,
    isNew: viewer !== null && r.lastRead === null,
  };
}

export interface TopicList {
  topics: TopicListItem[];
  page: number;
  hasMore: boolean;
}

/** The newest activity across every category the viewer may see. */
export async function listLatest(viewer: Actor | null, page = 1): Promise<TopicList> {
  const settings = await getSettings();
  const rows = await baseList(viewer, and(visibleTopics(viewer, settings)), [desc(topics.lastPostedAt)], page);
  return { topics: rows.slice(0, TOPICS_PER_PAGE).map((r) => toItem(viewer, r)), page, hasMore: rows.length > TOPICS_PER_PAGE };
}

/** One category's topics, pinned first; notFound for a category the viewer may not see. */
export async function listCategory(viewer: Actor | null, slug: string, page = 1) {
  const settings = await getSettings();
  const [category] = await getDb()
    .select({ id: categories.id, slug: categories.slug, name: categories.name, description: categories.description, color: categories.color, visibility: categories.visibility, minTrustLevel: categories.minTrustLevel })
    .from(categories)
    .where(eq(categories.slug, slug));
  if (!category || !can(viewer, 'category.view', category) || (!viewer && settings.membersOnly)) throw new NotFound();
  const rows = await baseList(
    viewer,
    and(eq(topics.categoryId, category.id), visibleTopics(viewer, settings)),
    [sql`${topics.pinnedAt} is null`, desc(topics.lastPostedAt)] as never,
    page,
  );
  return {
    category,
    canPost: can(viewer, 'topic.create', category),
    topics: rows.slice(0, TOPICS_PER_PAGE).map((r) => toItem(viewer, r)),
    page,
    hasMore: rows.length > TOPICS_PER_PAGE,
  };
}

const newTopicSchema = z.object({ categoryId: z.coerce.number({ error: 'Choose a category.' }).int().positive('Choose a category.'), title: titleField, body: bodyField });

/** Starts a topic with its opening post (version 1 of that post recorded). */
export async function createTopic(viewer: Actor, raw: { categoryId: unknown; title: string; body: string }) {
  const parsed = newTopicSchema.safeParse(raw);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  const input = parsed.data;
  const db = getDb();
  const [category] = await db
    .select({ id: categories.id, visibility: categories.visibility, minTrustLevel: categories.minTrustLevel })
    .from(categories)
    .where(eq(categories.id, input.categoryId));
  if (!category || !can(viewer, 'category.view', category)) throw new Invalid({ categoryId: 'Choose a category.' });
  if (!can(viewer, 'topic.create', category)) throw new Forbidden('You cannot start topics right now.');
  const mentions = await resolveMentions(input.body);
  const bodyHtml = renderPost(input.body, mentions);
  const result = await db.transaction(async (tx) => {
    const [topic] = await tx
      .insert(topics)
      .values({ categoryId: category.id, userId: viewer.id, title: input.title, slug: slugify(input.title), postCount: 1, lastPostUserId: viewer.id })
      .returning({ id: topics.id, slug: topics.slug });
    const [post] = await tx
      .insert(posts)
      .values({ topicId: topic.id, userId: viewer.id, postNumber: 1, body: input.body, bodyHtml })
      .returning({ id: posts.id });
    await tx.insert(postRevisions).values({ postId: post.id, revision: 1, body: input.body, title: input.title, editorId: viewer.id });
    await tx
      .insert(topicReads)
      .values({ userId: viewer.id, topicId: topic.id, lastReadPostNumber: 1 })
      .onConflictDoNothing();
    return { topicId: topic.id, slug: topic.slug, postId: post.id };
  });
  await notify(mentions.map((m) => ({ userId: m.id, kind: 'mention' as const, actorId: viewer.id, topicId: result.topicId, postId: result.postId })));
  return result;
}

/** Loads a topic the viewer may see, or throws NotFound (also for hidden categories: they do not exist to this viewer). */
export async function loadVisibleTopic(viewer: Actor | null, topicId: number) {
  if (!Number.isInteger(topicId) || topicId <= 0) throw new NotFound();
  const settings = await getSettings();
  const [topic] = await getDb()
    .select({
      id: topics.id,
      title: topics.title,
      slug: topics.slug,
      userId: topics.userId,
      postCount: topics.postCount,
      pinnedAt: topics.pinnedAt,
      closedAt: topics.closedAt,
      deletedAt: topics.deletedAt,
      createdAt: topics.createdAt,
      category: { id: categories.id, slug: categories.slug, name: categories.name, color: categories.color, visibility: categories.visibility, minTrustLevel: categories.minTrustLevel },
    })
    .from(topics)
    .innerJoin(categories, eq(categories.id, topics.categoryId))
    .where(and(eq(topics.id, topicId), visibleTopics(viewer, settings)));
  if (!topic) throw new NotFound();
  return { topic, settings };
}

/**
 * Who wrote a post, as this viewer may see them. When the member's profile is hidden from the viewer,
 * the byline is the plain name: no profile link, no picture, no online dot.
 */
export interface Byline {
  id: string;
  username: string;
  name: string;
  profileVisible: boolean;
  avatarUrl: string | null;
  /** Shown only to signed-in members the author shows their presence to (never to someone they blocked). */
  online: boolean;
}

export interface PostView {
  id: number;
  postNumber: number;
  author: Byline | null;
  anonymous: boolean;
  bodyHtml: string;
  createdAt: Date;
  editedAt: Date | null;
  versions: number;
  likeCount: number;
  replyToPostId: number | null;
  state: 'visible' | 'deleted' | 'erased' | 'hidden';
  hiddenReason: string | null;
  canEdit: boolean;
  canDelete: boolean;
  canRestore: boolean;
  canSeeHistory: boolean;
}

/** A page of a topic: 20 posts by position, tombstones kept so permalinks stay stable. */
export async function getTopicPage(viewer: Actor | null, topicId: number, page = 1) {
  const { topic, settings } = await loadVisibleTopic(viewer, topicId);
  const pageCount = pageCountOf(topic.postCount, POSTS_PER_PAGE);
  if (page > pageCount) throw new NotFound();
  const from = (page - 1) * POSTS_PER_PAGE + 1;
  // The byline's privacy choices come in the same query: one join each, never a query per post.
  let query = getDb()
    .select({
      id: posts.id,
      postNumber: posts.postNumber,
      userId: posts.userId,
      username: users.username,
      name: users.name,
      lastSeenAt: users.lastSeenAt,
      avatarKey: profiles.avatarKey,
      profileVisibility: privacySettings.profileVisibility,
      showOnline: privacySettings.showOnline,
      blocksViewer: viewer ? sql<boolean>`${userBlocks.userId} is not null` : sql<boolean>`false`,
      bodyHtml: posts.bodyHtml,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      revisionCount: posts.revisionCount,
      likeCount: posts.likeCount,
      replyToPostId: posts.replyToPostId,
      historyPublic: posts.historyPublic,
      anonymizedAt: posts.anonymizedAt,
      deletedAt: posts.deletedAt,
      hiddenAt: posts.hiddenAt,
      hiddenReason: posts.hiddenReason,
    })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.userId))
    .leftJoin(profiles, eq(profiles.userId, posts.userId))
    .leftJoin(privacySettings, eq(privacySettings.userId, posts.userId))
    .$dynamic();
  if (viewer) query = query.leftJoin(userBlocks, and(eq(userBlocks.userId, posts.userId), eq(userBlocks.blockedUserId, viewer.id)));
  const rows = await query
    .where(and(eq(posts.topicId, topic.id), sql`${posts.postNumber} between ${from} and ${from + POSTS_PER_PAGE - 1}`))
    .orderBy(asc(posts.postNumber));
  const staff = isStaff(viewer);
  const now = Date.now();
  const postViews: PostView[] = rows.map((r) => {
    const subject = { ownerId: r.userId, historyPublic: r.historyPublic || settings.historiesPublic };
    const state = postState(r);
    const owner = viewer !== null && r.userId === viewer.id;
    // Deleted and hidden posts show their text only to staff (and a hidden post to its author).
    const showText = state === 'visible' || (state !== 'erased' && staff) || (state === 'hidden' && owner);
    return {
      id: r.id,
      postNumber: r.postNumber,
      author: r.userId && r.username && !r.anonymizedAt ? byline(viewer, { ...r, userId: r.userId, username: r.username }, now) : null,
      anonymous: r.anonymizedAt !== null || r.userId === null,
      bodyHtml: showText ? r.bodyHtml : '',
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      versions: r.revisionCount,
      likeCount: r.likeCount,
      replyToPostId: r.replyToPostId,
      state,
      hiddenReason: owner || staff ? r.hiddenReason : null,
      canEdit: state !== 'erased' && state !== 'deleted' && can(viewer, 'post.edit', subject),
      canDelete: state !== 'erased' && state !== 'deleted' && can(viewer, 'post.delete', subject),
      canRestore: state === 'deleted' && can(viewer, 'post.restore'),
      canSeeHistory: state !== 'erased' && r.revisionCount > 1 && can(viewer, 'post.history', subject),
    };
  });
  const canReply = can(viewer, 'post.reply', topic.category) && (!topic.closedAt || staff) && !topic.deletedAt;
  if (viewer && postViews.length) await markPageRead(viewer, topic.id, postViews);
  return {
    topic: { id: topic.id, title: topic.title, slug: topic.slug, pinned: topic.pinnedAt !== null, closed: topic.closedAt !== null, deleted: topic.deletedAt !== null, postCount: topic.postCount, category: topic.category },
    posts: postViews,
    page,
    pageCount,
    canReply,
    canModerate: can(viewer, 'topic.moderate'),
  };
}

function byline(
  viewer: Actor | null,
  r: { userId: string; username: string; name: string | null; avatarKey: string | null; lastSeenAt: Date | null; profileVisibility: ProfileVisibility | null; showOnline: boolean | null; blocksViewer: boolean },
  now: number,
): Byline {
  const name = r.name ?? r.username;
  if (!canSeeProfile(viewer, r.userId, r.profileVisibility)) return { id: r.userId, username: r.username, name, profileVisible: false, avatarUrl: null, online: false };
  const self = viewer?.id === r.userId;
  const presenceShown = viewer !== null && (self || ((r.showOnline ?? true) && !r.blocksViewer));
  return { id: r.userId, username: r.username, name, profileVisible: true, avatarUrl: avatarUrlOf(r.userId, r.avatarKey), online: presenceShown && isOnline(r.lastSeenAt, now) };
}

/**
 * The member has seen these posts: remember how far they have read (never moving backwards: re-reading
 * an older page writes nothing) and mark notices about these posts read. One round trip.
 */
async function markPageRead(viewer: Actor, topicId: number, pagePosts: { id: number; postNumber: number }[]): Promise<void> {
  const lastRead = Math.max(...pagePosts.map((p) => p.postNumber));
  const postIds = pagePosts.map((p) => p.id);
  const db = getDb();
  const read = db.$with('read').as(
    db
      .insert(topicReads)
      .values({ userId: viewer.id, topicId, lastReadPostNumber: lastRead })
      .onConflictDoUpdate({
        target: [topicReads.userId, topicReads.topicId],
        set: { lastReadPostNumber: sql`excluded.last_read_post_number`, updatedAt: sql`now()` },
        setWhere: sql`${topicReads.lastReadPostNumber} < excluded.last_read_post_number`,
      })
      .returning({ topicId: topicReads.topicId }),
  );
  await db
    .with(read)
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, viewer.id), eq(notifications.topicId, topicId), isNull(notifications.readAt), inArray(notifications.postId, postIds)));
}

/** Staff: pin or unpin, close or reopen a topic. */
export async function moderateTopic(viewer: Actor, topicId: number, change: { pinned?: boolean; closed?: boolean }) {
  if (!can(viewer, 'topic.moderate')) throw new Forbidden();
  await loadVisibleTopic(viewer, topicId);
  const set: Partial<typeof topics.$inferInsert> = {};
  if (change.pinned !== undefined) set.pinnedAt = change.pinned ? new Date() : null;
  if (change.closed !== undefined) set.closedAt = change.closed ? new Date() : null;
  if (!Object.keys(set).length) return;
  await getDb().update(topics).set(set).where(eq(topics.id, topicId));
  await audit(viewer, 'topic.moderate', { type: 'topic', id: topicId }, null, change);
}

/** Where a post lives, for /p/ID permalinks. */
export async function locatePost(viewer: Actor | null, postId: number) {
  if (!Number.isInteger(postId) || postId <= 0) throw new NotFound();
  const [row] = await getDb().select({ topicId: posts.topicId, postNumber: posts.postNumber }).from(posts).where(eq(posts.id, postId));
  if (!row) throw new NotFound();
  const { topic } = await loadVisibleTopic(viewer, row.topicId);
  return { topicId: topic.id, slug: topic.slug, postNumber: row.postNumber, page: Math.ceil(row.postNumber / POSTS_PER_PAGE) };
}

/** Categories the viewer may start a topic in, for the new-topic form. */
export async function postableCategories(viewer: Actor) {
  const rows = await getDb()
    .select({ id: categories.id, slug: categories.slug, name: categories.name, visibility: categories.visibility, minTrustLevel: categories.minTrustLevel })
    .from(categories)
    .orderBy(asc(categories.position));
  return rows.filter((c) => can(viewer, 'topic.create', c)).map((c) => ({ id: c.id, slug: c.slug, name: c.name }));
}
