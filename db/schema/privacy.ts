import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const DATA_REQUEST_KINDS = ['export', 'erasure', 'other'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const DATA_REQUEST_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'processing',
  'complete',
  'download_ready',
  'expired',
  'cancelled',
] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];
export const CLOSURE_MODES = ['anonymize', 'erase'] as const;
export type ClosureMode = (typeof CLOSURE_MODES)[number];

/** Requests members make about their data (export, erasure, anything else), worked by a privacy officer. */
export const dataRequests = pgTable(
  'data_requests',
  {
    id: serial('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DATA_REQUEST_KINDS }).notNull(),
    // For erasure requests: what the member asked for.
    eraseMode: text('erase_mode', { enum: CLOSURE_MODES }),
    details: text('details'),
    status: text('status', { enum: DATA_REQUEST_STATUSES }).notNull().default('pending'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    exportId: uuid('export_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('data_requests_user_idx').on(t.userId), index('data_requests_status_idx').on(t.status, t.dueAt)],
);

/** Each change of status and each comment on a data request, in order. */
export const dataRequestEvents = pgTable(
  'data_request_events',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => dataRequests.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: DATA_REQUEST_STATUSES }),
    body: text('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('data_request_events_request_idx').on(t.requestId)],
);

export const EXPORT_STATUSES = ['queued', 'building', 'ready', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** A member's data export: built by a job into a zip on storage, downloadable by them until it expires. */
export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requestId: integer('request_id'),
    status: text('status', { enum: EXPORT_STATUSES }).notNull().default('queued'),
    // 0–100 while building.
    progress: integer('progress').notNull().default(0),
    fileKey: text('file_key'),
    sizeBytes: integer('size_bytes'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    downloadedAt: timestamp('downloaded_at', { withTimezone: true }),
  },
  (t) => [index('data_exports_user_idx').on(t.userId, t.createdAt)],
);

export const CLOSURE_STATUSES = ['unconfirmed', 'cooling_off', 'processing', 'done', 'cancelled'] as const;
export type ClosureStatus = (typeof CLOSURE_STATUSES)[number];

/**
 * Account closures: asked by the member (confirmed by password and a mailed link, then a cooling-off
 * period) or applied by an admin. The row outlives the account's identity as the record it was done.
 */
export const accountClosures = pgTable(
  'account_closures',
  {
    id: serial('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: CLOSURE_MODES }).notNull(),
    status: text('status', { enum: CLOSURE_STATUSES }).notNull().default('unconfirmed'),
    // 'member' (self-service), 'admin', 'request' (an approved data request), 'inactivity' (retention).
    source: text('source', { enum: ['member', 'admin', 'request', 'inactivity'] }).notNull(),
    // The data request it answers, when there is one.
    requestId: integer('request_id'),
    tokenHash: text('token_hash'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    processAfter: timestamp('process_after', { withTimezone: true }),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [index('account_closures_user_idx').on(t.userId), index('account_closures_due_idx').on(t.status, t.processAfter)],
);

/** Usernames of closed accounts, as one-way hashes, held back from new sign-ups until the quarantine ends. */
export const usernameQuarantine = pgTable('username_quarantine', {
  usernameHash: text('username_hash').primaryKey(),
  until: timestamp('until', { withTimezone: true }).notNull(),
});

/**
 * Cookie choices, recorded under an anonymous consent id (the id lives in the visitor's consent cookie;
 * nothing links it to an account or a network address).
 */
export const cookieConsents = pgTable(
  'cookie_consents',
  {
    id: serial('id').primaryKey(),
    consentId: uuid('consent_id').notNull(),
    categories: jsonb('categories').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    bannerVersion: integer('banner_version').notNull(),
    // 'banner' (a choice made), 'gpc' (the browser's Global Privacy Control signal).
    source: text('source', { enum: ['banner', 'gpc'] }).notNull(),
    globalPrivacyControl: boolean('global_privacy_control').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cookie_consents_consent_idx').on(t.consentId)],
);
