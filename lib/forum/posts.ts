import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { posts, postRevisions, topicReads, topics, users } from '@/db/schema';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { can, isStaff, type Actor } from '@/lib/permissions';
import { getSettings } from '@/lib/settings';
import { issuesByField, optionalText } from '@/lib/validation';
import { notify, type NotificationDraft } from './notifications';
import { quotedPostIds, renderPost, resolveMentions } from './render';
import { loadPostInVisibleTopic, postState } from './post-access';
import { bodyField, loadVisibleTopic, titleField } from './topics';

const replySchema = z.object({ body: bodyField, replyToPostId: z.coerce.number().int().positive().optional() });

/** A visible post's Markdown, for quoting it (fetched when Quote is pressed, not sent with every page). */
export async function quoteSource(viewer: Actor | null, postId: number): Promise<string> {
  const { post, state } = await loadPostInVisibleTopic(viewer, postId);
  if (state !== 'visible') throw new NotFound();
  return post.body;
}

/** Adds a reply; the post number comes from the topic's row lock, so two replies never share one. */
export async function reply(viewer: Actor, topicId: number, raw: { body: string; replyToPostId?: unknown }) {
  const parsed = replySchema.safeParse({ ...raw, replyToPostId: raw.replyToPostId || undefined });
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  const input = parsed.data;
  const { topic } = await loadVisibleTopic(viewer, topicId);
  if (!can(viewer, 'post.reply', topic.category)) throw new Forbidden('You cannot reply right now.');
  if (topic.deletedAt) throw new Forbidden('This topic was deleted.');
  if (topic.closedAt && !isStaff(viewer)) throw new Forbidden('This topic is closed: it no longer accepts replies.');
  const db = getDb();
  let replyTo: { id: number; userId: string | null } | undefined;
  if (input.replyToPostId) {
    [replyTo] = await db
      .select({ id: posts.id, userId: posts.userId })
      .from(posts)
      .where(and(eq(posts.id, input.replyToPostId), eq(posts.topicId, topic.id)));
  }
  const mentions = await resolveMentions(input.body);
  const bodyHtml = renderPost(input.body, mentions);
  const created = await db.transaction(async (tx) => {
    const [counter] = await tx
      .update(topics)
      .set({ postCount: sql`${topics.postCount} + 1`, lastPostedAt: sql`now()`, lastPostUserId: viewer.id })
      .where(eq(topics.id, topic.id))
      .returning({ postCount: topics.postCount });
    const [post] = await tx
      .insert(posts)
      .values({ topicId: topic.id, userId: viewer.id, postNumber: counter.postCount, body: input.body, bodyHtml, replyToPostId: replyTo?.id ?? null })
      .returning({ id: posts.id, postNumber: posts.postNumber });
    await tx.insert(postRevisions).values({ postId: post.id, revision: 1, body: input.body, editorId: viewer.id });
    await tx
      .insert(topicReads)
      .values({ userId: viewer.id, topicId: topic.id, lastReadPostNumber: post.postNumber })
      .onConflictDoUpdate({ target: [topicReads.userId, topicReads.topicId], set: { lastReadPostNumber: post.postNumber, updatedAt: sql`now()` } });
    return post;
  });

  // Mentions first: a member both mentioned and replied to hears about it once, as a mention.
  const drafts: NotificationDraft[] = mentions.map((m) => ({ userId: m.id, kind: 'mention', actorId: viewer.id, topicId: topic.id, postId: created.id }));
  const quoted = quotedPostIds(input.body);
  if (quoted.length) {
    const quotedAuthors = await db
      .select({ userId: posts.userId })
      .from(posts)
      .where(and(inArray(posts.id, quoted), isNull(posts.anonymizedAt)));
    for (const q of quotedAuthors) if (q.userId) drafts.push({ userId: q.userId, kind: 'quote', actorId: viewer.id, topicId: topic.id, postId: created.id });
  }
  if (replyTo?.userId) drafts.push({ userId: replyTo.userId, kind: 'reply', actorId: viewer.id, topicId: topic.id, postId: created.id });
  if (topic.userId) drafts.push({ userId: topic.userId, kind: 'reply', actorId: viewer.id, topicId: topic.id, postId: created.id });
  await notify(drafts);
  return { postId: created.id, postNumber: created.postNumber, topicId: topic.id, slug: topic.slug };
}

async function loadPost(viewer: Actor | null, postId: number) {
  const { post, topic, settings } = await loadPostInVisibleTopic(viewer, postId);
  const erased = postState(post) === 'erased';
  return { post, topic, settings, erased, subject: { ownerId: post.userId, historyPublic: post.historyPublic || settings.historiesPublic } };
}

const editSchema = z.object({ body: bodyField, title: titleField.optional(), reason: optionalText(200, 'Reason') });

/** What the edit form starts from; NotFound unless the viewer may edit the post. */
export async function getPostForEdit(viewer: Actor, postId: number) {
  const { post, topic, erased, subject } = await loadPost(viewer, postId);
  if (erased || post.deletedAt || !can(viewer, 'post.edit', subject)) throw new NotFound();
  return { id: post.id, body: post.body, postNumber: post.postNumber, topic: { id: topic.id, title: topic.title, slug: topic.slug } };
}

/** Saves an edit as a new version: full text, editor, time and reason. Every version is kept. */
export async function editPost(viewer: Actor, postId: number, raw: { body: string; title?: string; reason?: string }) {
  const { post, topic, erased, subject } = await loadPost(viewer, postId);
  if (erased || post.deletedAt) throw new NotFound();
  if (!can(viewer, 'post.edit', subject)) throw new Forbidden('You cannot edit this post.');
  const isOpening = post.postNumber === 1;
  const parsed = editSchema.safeParse({ ...raw, title: isOpening ? raw.title : undefined });
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  const input = parsed.data;
  const title = isOpening ? (input.title ?? topic.title) : null;
  if (input.body === post.body && (!isOpening || title === topic.title)) throw new Invalid({ body: 'Nothing changed: edit the text or the title first.' });
  const mentions = await resolveMentions(input.body);
  const bodyHtml = renderPost(input.body, mentions);
  const revision = await getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(posts)
      .set({ body: input.body, bodyHtml, revisionCount: sql`${posts.revisionCount} + 1`, editedAt: sql`now()` })
      .where(eq(posts.id, post.id))
      .returning({ revisionCount: posts.revisionCount });
    await tx.insert(postRevisions).values({ postId: post.id, revision: updated.revisionCount, body: input.body, title, editorId: viewer.id, reason: input.reason });
    if (isOpening && title && title !== topic.title) await tx.update(topics).set({ title }).where(eq(topics.id, topic.id));
    return updated.revisionCount;
  });
  // Only members newly mentioned by this edit hear about it.
  const before = new Set((await resolveMentions(post.body)).map((m) => m.id));
  await notify(mentions.filter((m) => !before.has(m.id)).map((m) => ({ userId: m.id, kind: 'mention' as const, actorId: viewer.id, topicId: topic.id, postId: post.id })));
  return { revision };
}

export interface HistoryVersion {
  revision: number;
  body: string;
  title: string | null;
  editor: string | null;
  reason: string | null;
  createdAt: Date;
  hidden: boolean;
}

/** Every version of a post, for those allowed to see its history; hidden versions only for staff. */
export async function getPostHistory(viewer: Actor | null, postId: number) {
  const { post, topic, erased, subject } = await loadPost(viewer, postId);
  if (erased || (post.deletedAt && !isStaff(viewer)) || !can(viewer, 'post.history', subject)) throw new NotFound();
  const staff = isStaff(viewer);
  const rows = await getDb()
    .select({
      revision: postRevisions.revision,
      body: postRevisions.body,
      title: postRevisions.title,
      editor: users.username,
      reason: postRevisions.reason,
      createdAt: postRevisions.createdAt,
      hiddenAt: postRevisions.hiddenAt,
    })
    .from(postRevisions)
    .leftJoin(users, eq(users.id, postRevisions.editorId))
    .where(eq(postRevisions.postId, post.id))
    .orderBy(asc(postRevisions.revision));
  const versions: HistoryVersion[] = rows
    .filter((r) => staff || r.hiddenAt === null)
    .map((r) => ({ revision: r.revision, body: r.body, title: r.title, editor: r.editor, reason: r.reason, createdAt: r.createdAt, hidden: r.hiddenAt !== null }));
  return {
    post: { id: post.id, postNumber: post.postNumber, historyPublic: post.historyPublic },
    topic: { id: topic.id, title: topic.title, slug: topic.slug },
    versions,
    canPublish: can(viewer, 'post.history.publish'),
    canHide: can(viewer, 'revision.hide'),
  };
}

/** Admin: make one post's history visible to everyone who can see the post, or private again. */
export async function setHistoryPublic(viewer: Actor, postId: number, isPublic: boolean) {
  if (!can(viewer, 'post.history.publish')) throw new Forbidden();
  await loadPost(viewer, postId);
  await getDb().update(posts).set({ historyPublic: isPublic }).where(eq(posts.id, postId));
}

/** Admin: hide (or show again) one version; hidden versions are staff-only. */
export async function setRevisionHidden(viewer: Actor, postId: number, revision: number, hidden: boolean) {
  if (!can(viewer, 'revision.hide')) throw new Forbidden();
  await loadPost(viewer, postId);
  await getDb()
    .update(postRevisions)
    .set({ hiddenAt: hidden ? new Date() : null })
    .where(and(eq(postRevisions.postId, postId), eq(postRevisions.revision, revision)));
}

/** Author or staff: delete a post, leaving a tombstone that staff can restore. */
export async function deletePost(viewer: Actor, postId: number) {
  const { post, subject } = await loadPost(viewer, postId);
  if (!can(viewer, 'post.delete', subject)) throw new Forbidden('You cannot delete this post.');
  if (post.deletedAt) return;
  await getDb().update(posts).set({ deletedAt: new Date(), deletedBy: viewer.id }).where(eq(posts.id, post.id));
  if (post.postNumber === 1) await getDb().update(topics).set({ deletedAt: new Date() }).where(eq(topics.id, post.topicId));
}

/** Staff: bring back a deleted post (not an erased one: its text is gone). */
export async function restorePost(viewer: Actor, postId: number) {
  if (!can(viewer, 'post.restore')) throw new Forbidden();
  const { post, erased } = await loadPost(viewer, postId);
  if (erased) throw new Invalid({ form: 'This post was erased by its author; there is nothing to restore.' });
  await getDb().update(posts).set({ deletedAt: null, deletedBy: null }).where(eq(posts.id, post.id));
  if (post.postNumber === 1) await getDb().update(topics).set({ deletedAt: null }).where(eq(topics.id, post.topicId));
}

/**
 * Author: detach their name from one post. The post stays, shown as by an anonymous member, and no
 * longer links to the account (so its author cannot edit or delete it afterwards either).
 */
export async function anonymizePost(viewer: Actor, postId: number) {
  const { post, subject } = await loadPost(viewer, postId);
  const settings = await getSettings();
  if (!settings.allowPostAnonymize) throw new Forbidden('This site does not allow detaching your name from posts.');
  if (subject.ownerId !== viewer.id) throw new Forbidden('Only the author can do this.');
  await getDb().transaction(async (tx) => {
    await tx.update(posts).set({ userId: null, anonymizedAt: new Date() }).where(eq(posts.id, post.id));
    await tx.update(postRevisions).set({ editorId: null }).where(and(eq(postRevisions.postId, post.id), eq(postRevisions.editorId, viewer.id)));
    if (post.postNumber === 1) await tx.update(topics).set({ userId: null }).where(eq(topics.id, post.topicId));
  });
}

/** Author: erase one post and every version of it. A tombstone keeps the thread's numbering. */
export async function erasePost(viewer: Actor, postId: number) {
  const { post, subject } = await loadPost(viewer, postId);
  const settings = await getSettings();
  if (!settings.allowPostErase) throw new Forbidden('This site does not allow erasing posts.');
  if (subject.ownerId !== viewer.id && !(viewer.role === 'admin')) throw new Forbidden('Only the author can erase this post.');
  await getDb().transaction(async (tx) => {
    await tx.delete(postRevisions).where(eq(postRevisions.postId, post.id));
    await tx
      .update(posts)
      .set({ body: '', bodyHtml: '', revisionCount: 0, userId: null, deletedAt: new Date(), deletedBy: null, hiddenReason: null, editedAt: null })
      .where(eq(posts.id, post.id));
    if (post.postNumber === 1) await tx.update(topics).set({ userId: null }).where(eq(topics.id, post.topicId));
  });
}
