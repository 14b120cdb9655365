import 'server-only';
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { ClosureMode } from '@/db/schema';
import { getSettings } from '@/lib/settings';
import { deleteFile } from '@/lib/storage';
import { dataMap, type ColumnPolicy, type TablePolicy, quoteIdent } from './data-map';

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];


/** An SQL fragment from the data map's text, with every $1 bound to the member's id. */
function withMember(text: string, userId: string): SQL {
  const parts = text.split('$1');
  return sql.join(
    parts.map((p) => sql.raw(p)),
    sql`${userId}`,
  );
}

/** The rows of a table that belong to the member: their owner column, or the map's ownedVia condition. */
function ownedRows(policy: TablePolicy, userId: string): SQL | null {
  const conditions: SQL[] = [];
  if (policy.owner) conditions.push(sql`${sql.raw(quoteIdent(policy.owner))} = ${userId}`);
  if (policy.ownedVia) conditions.push(sql`(${withMember(policy.ownedVia, userId)})`);
  return conditions.length ? sql.join(conditions, sql` or `) : null;
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

/** The anonymous handle an account keeps after closure: stable (derived from the id), tracing back to nothing. */
export function anonymousHandle(userId: string): string {
  return `former-${createHash('sha256').update(userId).digest('hex').slice(0, 10)}`;
}

export const ANONYMOUS_NAME = 'Former member';

export function usernameHash(username: string): string {
  return createHash('sha256').update(username.trim().toLowerCase()).digest('hex');
}

function anonymousValue(rule: ColumnPolicy, handle: string): string | null {
  switch (rule.anonymizeAs) {
    case 'handle':
      return handle;
    case 'name':
      return ANONYMOUS_NAME;
    case 'email':
      return `${handle}@closed.invalid`;
    default:
      return null;
  }
}

interface ColumnInfo {
  nullable: boolean;
  hasDefault: boolean;
  type: string;
}

async function catalog(tx: Tx): Promise<Map<string, ColumnInfo>> {
  const rows = rowsOf(
    await tx.execute(sql`select table_name, column_name, is_nullable, column_default, data_type
      from information_schema.columns where table_schema = 'public'`),
  );
  return new Map(
    rows.map((r) => [
      `${r.table_name}.${r.column_name}`,
      { nullable: r.is_nullable === 'YES', hasDefault: r.column_default !== null, type: String(r.data_type) },
    ]),
  );
}

/** The value that empties a column: null where allowed, else its default, else an empty string. */
function emptied(info: ColumnInfo | undefined, table: string, column: string): SQL {
  if (!info || info.nullable) return sql`null`;
  if (info.hasDefault) return sql`default`;
  if (info.type === 'text' || info.type.startsWith('character')) return sql`''`;
  throw new Error(`Erasure cannot empty ${table}.${column}: not nullable and without a default.`);
}

export interface ErasureReport {
  mode: ClosureMode;
  handle: string;
  /** Per table: rows deleted, rows emptied or tombstoned, rows about the member deleted. */
  tables: Record<string, { deleted: number; updated: number; about: number }>;
  files: number;
}

/**
 * Closes an account by walking the data map, table by table and column by column:
 * - anonymize: identity gone (username and name become a stable anonymous handle, email unusable,
 *   profile, settings, sessions, tokens, mail and activity deleted); contributions (posts with their
 *   versions, topics, messages: their text and dates) stay under the handle.
 * - erase: the same, and contributions go too: posts and messages become tombstones that keep the
 *   thread's shape, every version is deleted, notices to others about the member are deleted.
 * Only columns the map marks 'keep' survive. Files named by the member's rows are deleted from storage.
 */
export async function eraseMember(userId: string, mode: ClosureMode): Promise<ErasureReport> {
  const settings = await getSettings();
  const handle = anonymousHandle(userId);
  const report: ErasureReport = { mode, handle, tables: {}, files: 0 };
  const files: string[] = [];

  await getDb().transaction(async (tx) => {
    const [member] = rowsOf(await tx.execute(sql`select username from users where id = ${userId} for update`));
    if (!member) throw new Error('No such account.');
    const columns = await catalog(tx);
    const tables = Object.entries(dataMap);

    // Rows about the member in others' tables go first, while the identity they may be found by still exists.
    for (const [table, policy] of tables) {
      if (!policy.about?.modes.includes(mode)) continue;
      const deleted = rowsOf(await tx.execute(sql`with gone as (delete from ${sql.raw(quoteIdent(table))} where ${withMember(policy.about.where, userId)} returning 1) select count(*)::int as n from gone`));
      (report.tables[table] ??= { deleted: 0, updated: 0, about: 0 }).about += Number(deleted[0]?.n ?? 0);
    }

    // The users row last: other tables' conditions may still look the member up.
    const ordered = [...tables.filter(([t]) => t !== 'users'), ...tables.filter(([t]) => t === 'users')];
    for (const [table, policy] of ordered) {
      const rows = ownedRows(policy, userId);
      if (!rows) continue;
      const stats = (report.tables[table] ??= { deleted: 0, updated: 0, about: 0 });
      const sets: SQL[] = [];
      const cleared: string[] = [];
      let survivors = 0;
      for (const [column, rule] of Object.entries(policy.columns)) {
        if (!rule.personal) continue;
        if (rule.file) {
          const found = rowsOf(await tx.execute(sql`select ${sql.raw(quoteIdent(column))} as key from ${sql.raw(quoteIdent(table))} where (${rows}) and ${sql.raw(quoteIdent(column))} is not null`));
          files.push(...found.map((f) => String(f.key)));
        }
        if (rule.erase === 'keep') {
          survivors++;
        } else if (rule.erase === 'anonymize') {
          survivors++;
          const value = anonymousValue(rule, handle);
          if (value !== null) sets.push(sql`${sql.raw(quoteIdent(column))} = ${value}`);
        } else if (mode === 'anonymize' && policy.contribution && (rule.category === 'content' || rule.category === 'activity')) {
          survivors++;
        } else {
          cleared.push(column);
        }
      }
      if (mode === 'erase' && policy.tombstone) {
        sets.push(sql`${sql.raw(quoteIdent(policy.tombstone))} = coalesce(${sql.raw(quoteIdent(policy.tombstone))}, now())`);
        survivors++;
      }
      if (table === 'users') {
        sets.push(sql`role = 'member'`, sql`session_version = session_version + 1`, sql`closed_at = now()`, sql`closure = ${mode}`, sql`updated_at = now()`);
      }
      if (survivors === 0) {
        const gone = rowsOf(await tx.execute(sql`with gone as (delete from ${sql.raw(quoteIdent(table))} where ${rows} returning 1) select count(*)::int as n from gone`));
        stats.deleted += Number(gone[0]?.n ?? 0);
      } else if (sets.length || cleared.length) {
        for (const column of cleared) sets.push(sql`${sql.raw(quoteIdent(column))} = ${emptied(columns.get(`${table}.${column}`), table, column)}`);
        const changed = rowsOf(await tx.execute(sql`with changed as (update ${sql.raw(quoteIdent(table))} set ${sql.join(sets, sql`, `)} where ${rows} returning 1) select count(*)::int as n from changed`));
        stats.updated += Number(changed[0]?.n ?? 0);
      }
      if (policy.afterErase && (stats.deleted || stats.updated || stats.about)) await tx.execute(withMember(policy.afterErase, userId));
    }

    if (settings.usernameQuarantineDays > 0) {
      await tx.execute(sql`insert into username_quarantine (username_hash, until)
        values (${usernameHash(String(member.username))}, now() + make_interval(days => ${settings.usernameQuarantineDays}))
        on conflict (username_hash) do update set until = excluded.until`);
    }
  });

  for (const key of new Set(files)) {
    await deleteFile(key);
    report.files++;
  }
  return report;
}

/** Whether a username is held back from new sign-ups because a closed account had it. */
export async function usernameQuarantined(username: string): Promise<boolean> {
  const rows = rowsOf(
    await getDb().execute(sql`select 1 from username_quarantine where username_hash = ${usernameHash(username)} and until > now()`),
  );
  return rows.length > 0;
}

/** Releases usernames whose quarantine has ended. */
export async function releaseQuarantinedUsernames(): Promise<number> {
  const rows = rowsOf(await getDb().execute(sql`with gone as (delete from username_quarantine where until <= now() returning 1) select count(*)::int as n from gone`));
  return Number(rows[0]?.n ?? 0);
}
