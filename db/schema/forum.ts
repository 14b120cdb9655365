import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { conversations } from './messages';
import { categories } from './site';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const topics = pgTable(
  'topics',
  {
    id: serial('id').primaryKey(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    pinnedAt: timestamp('pinned_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    // Kept in step by the post functions so lists never count rows.
    postCount: integer('post_count').notNull().default(0),
    lastPostedAt: timestamp('last_posted_at', { withTimezone: true }).notNull().defaultNow(),
    lastPostUserId: uuid('last_post_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    titleSearch: tsvector('title_search').generatedAlwaysAs(sql`to_tsvector('english', title)`),
  },
  (t) => [
    // NULLS FIRST is what `ORDER BY … DESC` means (drizzle's desc()); an index built DESC NULLS LAST (the
    // default for .desc() here) cannot serve that order, and PostgreSQL then sorts the whole table.
    index('topics_latest_idx').on(t.lastPostedAt.desc().nullsFirst()),
    // A category page: pinned topics first, then the latest, read in this order one page at a time.
    index('topics_category_pinned_latest_idx').on(t.categoryId, sql`(${t.pinnedAt} is null)`, t.lastPostedAt.desc().nullsFirst()),
    index('topics_user_idx').on(t.userId),
    index('topics_last_post_user_idx').on(t.lastPostUserId),
    index('topics_title_search_idx').using('gin', t.titleSearch),
  ],
);

export const posts = pgTable(
  'posts',
  {
    id: serial('id').primaryKey(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    postNumber: integer('post_number').notNull(),
    body: text('body').notNull(),
    // The body rendered by the one safe Markdown renderer, cached at write time.
    bodyHtml: text('body_html').notNull(),
    replyToPostId: integer('reply_to_post_id'),
    revisionCount: integer('revision_count').notNull().default(1),
    likeCount: integer('like_count').notNull().default(0),
    historyPublic: boolean('history_public').notNull().default(false),
    // An author may detach their name from a single post.
    anonymizedAt: timestamp('anonymized_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    bodySearch: tsvector('body_search').generatedAlwaysAs(sql`to_tsvector('english', body)`),
  },
  (t) => [
    uniqueIndex('posts_topic_number_idx').on(t.topicId, t.postNumber),
    index('posts_user_created_idx').on(t.userId, t.createdAt.desc()),
    index('posts_body_search_idx').using('gin', t.bodySearch),
  ],
);

export const postRevisions = pgTable(
  'post_revisions',
  {
    id: serial('id').primaryKey(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    body: text('body').notNull(),
    // The topic title as of this version, on the opening post's revisions.
    title: text('title'),
    editorId: uuid('editor_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason'),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('post_revisions_post_revision_idx').on(t.postId, t.revision), index('post_revisions_editor_idx').on(t.editorId)],
);

export const likes = pgTable(
  'likes',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index('likes_user_idx').on(t.userId)],
);

export const bookmarks = pgTable(
  'bookmarks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.postId] }), index('bookmarks_post_idx').on(t.postId)],
);

export const flags = pgTable(
  'flags',
  {
    id: serial('id').primaryKey(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason', { enum: ['spam', 'inappropriate', 'off_topic', 'other'] }).notNull(),
    note: text('note'),
    status: text('status', { enum: ['pending', 'agreed', 'disagreed', 'deleted'] }).notNull().default('pending'),
    handledBy: uuid('handled_by').references(() => users.id, { onDelete: 'set null' }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('flags_status_idx').on(t.status, t.createdAt), index('flags_post_idx').on(t.postId), index('flags_user_idx').on(t.userId)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['reply', 'mention', 'quote', 'like', 'staff_action', 'message', 'export_ready', 'data_request'] }).notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'cascade' }),
    postId: integer('post_id').references(() => posts.id, { onDelete: 'cascade' }),
    // Notices of private messages point at the conversation instead of a topic.
    conversationId: integer('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    // Short text shown in the list (e.g. why a post was hidden); never a copy of the post.
    message: text('message'),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    // Foreign keys: deleting a post, topic or member must not scan every notification.
    index('notifications_post_idx').on(t.postId),
    index('notifications_topic_idx').on(t.topicId),
    index('notifications_actor_idx').on(t.actorId),
    index('notifications_conversation_idx').on(t.conversationId),
  ],
);

export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // Per kind of notification: how it reaches the member by email.
  email: jsonb('email').$type<Record<string, 'immediately' | 'daily' | 'never'>>().notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const topicReads = pgTable(
  'topic_reads',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    lastReadPostNumber: integer('last_read_post_number').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] }), index('topic_reads_topic_idx').on(t.topicId)],
);
