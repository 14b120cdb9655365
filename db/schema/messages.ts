import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** A private conversation between two or more members. Only its participants can read it. */
export const conversations = pgTable(
  'conversations',
  {
    id: serial('id').primaryKey(),
    subject: text('subject').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    messageCount: integer('message_count').notNull().default(0),
  },
  // The daily limit counts a member's new conversations.
  (t) => [index('conversations_created_by_idx').on(t.createdBy, t.createdAt)],
);

export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    // Messages up to this id have been read (message ids grow).
    lastReadMessageId: integer('last_read_message_id').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    // A member who left no longer sees the conversation and gets nothing new from it.
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('conversation_participants_user_idx').on(t.userId)],
);

export const messages = pgTable(
  'messages',
  {
    id: serial('id').primaryKey(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    senderId: uuid('sender_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Set when the sender's account is erased: the text is gone, a "removed" marker keeps the thread readable.
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [index('messages_conversation_idx').on(t.conversationId, t.id), index('messages_sender_idx').on(t.senderId)],
);

/** Members a member has blocked: they cannot message or mention them, nor see their online presence. */
export const userBlocks = pgTable(
  'user_blocks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedUserId: uuid('blocked_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.blockedUserId] }), index('user_blocks_blocked_idx').on(t.blockedUserId)],
);

export const ALLOW_MESSAGES_FROM = ['everyone', 'previous', 'nobody'] as const;
export const PROFILE_VISIBILITY = ['everyone', 'members', 'private'] as const;

/** A member's privacy choices (defaults apply while there is no row). */
export const privacySettings = pgTable('privacy_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // everyone; previous: only members they have messaged before; nobody (staff can still write).
  allowMessagesFrom: text('allow_messages_from', { enum: ALLOW_MESSAGES_FROM }).notNull().default('everyone'),
  // Who sees the profile page: everyone; members (signed in); private (only the member and staff).
  profileVisibility: text('profile_visibility', { enum: PROFILE_VISIBILITY }).notNull().default('everyone'),
  // Optional profile details are shown only when the member says so.
  showEmail: boolean('show_email').notNull().default(false),
  showBirthday: boolean('show_birthday').notNull().default(false),
  showLocation: boolean('show_location').notNull().default(true),
  showWebsite: boolean('show_website').notNull().default(true),
  showOnline: boolean('show_online').notNull().default(true),
  // Mail about the community (announcements), only when the member asks for it.
  marketingEmail: boolean('marketing_email').notNull().default(false),
  // GDPR art. 18: while set, no new processing (notifications, mail, trust recompute, marketing).
  restrictedAt: timestamp('restricted_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What staff did, for accountability: who (their account id), what, to what, and why. Entries name
 * accounts by id only, so an erased member's entries keep no name or email.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.createdAt),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_created_idx').on(t.createdAt),
  ],
);
