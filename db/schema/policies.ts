import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const policies = pgTable('policies', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  type: text('type', { enum: ['terms', 'privacy', 'cookies', 'third_party', 'other'] }).notNull(),
  title: text('title').notNull(),
  audience: text('audience', { enum: ['everyone', 'members', 'guests'] }).notNull().default('everyone'),
  required: boolean('required').notNull().default(true),
  position: integer('position').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const policyVersions = pgTable(
  'policy_versions',
  {
    id: serial('id').primaryKey(),
    policyId: integer('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'active', 'archived'] }).notNull().default('draft'),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    minorChange: boolean('minor_change').notNull().default(false),
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('policy_versions_policy_version_idx').on(t.policyId, t.version)],
);

export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // 'policy' (with the version accepted), 'marketing_email', or 'guardian' (parent/guardian agreed).
    kind: text('kind', { enum: ['policy', 'marketing_email', 'guardian'] }).notNull(),
    policyVersionId: integer('policy_version_id').references(() => policyVersions.id, { onDelete: 'restrict' }),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('consents_user_idx').on(t.userId)],
);
