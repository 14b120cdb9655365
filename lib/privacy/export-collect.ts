import 'server-only';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { database } from '@/db/client';
import * as schema from '@/db/schema';
import { readFile } from '@/lib/storage';
import { dataMap, type TablePolicy, quoteIdent } from './data-map';

/** One table of the member's data as it goes into the export. */
export interface ExportTable {
  /** The table's name, also the name of its file (data/<name>.json). */
  name: string;
  /** What the table holds, in words (the heading of its section). */
  purpose: string;
  /** Each column in the export, with what it is for. */
  columns: Record<string, string>;
  rows: Record<string, unknown>[];
  /** Columns whose values are paths of files included in the export (uploads/…). */
  fileColumns: string[];
  /** The member has at most one row here (their account, their profile, their settings). */
  single: boolean;
}

export interface ExportFile {
  path: string;
  bytes: Uint8Array;
}

export interface MemberData {
  tables: ExportTable[];
  files: ExportFile[];
}

/**
 * Rows that are about the member although the data map links them to someone else: the staff log's
 * entries whose subject is the member (trust level and role changes) or one of their conversations
 * (every administrator access, which participants are owed).
 */
const ABOUT_MEMBER: Record<string, string> = {
  audit_log:
    "(subject_type = 'member' and subject_id = $1::uuid::text) or " +
    "(subject_type = 'conversation' and subject_id in (select conversation_id::text from conversation_participants where user_id = $1))",
};

/** Facts from tables that hold no personal data, added so a row reads on its own. */
const CONTEXT: Record<string, { name: string; purpose: string; sql: string }[]> = {
  consents: [
    { name: 'policy_title', purpose: 'the policy you accepted', sql: '(select p.title from policy_versions v join policies p on p.id = v.policy_id where v.id = consents.policy_version_id)' },
    { name: 'policy_version', purpose: 'the version number of that policy', sql: '(select v.version from policy_versions v where v.id = consents.policy_version_id)' },
    {
      name: 'policy_effective_at',
      purpose: 'when that version took effect',
      sql: `(select to_char(v.effective_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from policy_versions v where v.id = consents.policy_version_id)`,
    },
  ],
  posts: [{ name: 'topic_title', purpose: 'the title of the topic the post is in', sql: '(select t.title from topics t where t.id = posts.topic_id)' }],
  messages: [{ name: 'conversation_subject', purpose: 'the subject of the conversation', sql: '(select c.subject from conversations c where c.id = messages.conversation_id)' }],
};

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

interface ColumnFacts {
  primary: boolean;
  timestamp: boolean;
  /** The column holds the id of an account (a foreign key to users). */
  account: boolean;
}

function schemaFacts(): Map<string, Map<string, ColumnFacts>> {
  const facts = new Map<string, Map<string, ColumnFacts>>();
  for (const table of Object.values(schema)) {
    if (!(table instanceof PgTable)) continue;
    const config = getTableConfig(table);
    const accounts = new Set<string>();
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      if (getTableConfig(ref.foreignTable).name === 'users' && ref.columns.length === 1) accounts.add(ref.columns[0].name);
    }
    facts.set(
      config.name,
      new Map(config.columns.map((c) => [c.name, { primary: c.primary, timestamp: c.getSQLType().includes('with time zone'), account: accounts.has(c.name) }])),
    );
  }
  return facts;
}

/** The export's name for an account column shown as a username: sender_id → sender_username. */
export const usernameColumn = (column: string) => `${column.replace(/_id$/, '')}_username`;

interface TableQuery {
  text: string;
  single: boolean;
  columns: Record<string, string>;
  fileColumns: { exported: string; original: string }[];
}

/**
 * The query for one table: its exportable columns, of the rows that are the member's (owner column,
 * ownedVia), shared with them (sharedWith) or about them. Ids of other accounts never leave: the author
 * of shared rows is shown by username, any other account column only when it is the member's own id.
 */
function tableQuery(name: string, policy: TablePolicy, facts: Map<string, ColumnFacts> | undefined): TableQuery | null {
  const exported = Object.entries(policy.columns).filter(([, c]) => c.export);
  if (!exported.length) return null;
  const conditions: string[] = [];
  if (policy.owner) conditions.push(`${quoteIdent(policy.owner)} = $1`);
  if (policy.ownedVia) conditions.push(`(${policy.ownedVia})`);
  if (policy.sharedWith) {
    const { table, column, match } = policy.sharedWith;
    conditions.push(`exists (select 1 from ${quoteIdent(table)} where ${quoteIdent(column)} = $1 and (${match}))`);
  }
  if (ABOUT_MEMBER[name]) conditions.push(`(${ABOUT_MEMBER[name]})`);
  if (!conditions.length) return null;

  const qualified = (column: string) => `${quoteIdent(name)}.${quoteIdent(column)}`;
  const columns: Record<string, string> = {};
  const pairs: string[] = [];
  const fileColumns: TableQuery['fileColumns'] = [];
  for (const [column, rule] of exported) {
    const fact = facts?.get(column);
    let key = column;
    let expression = qualified(column);
    let purpose = rule.purpose;
    if (fact?.account && policy.sharedWith && column === policy.owner) {
      key = usernameColumn(column);
      expression = `(select u.username from users u where u.id = ${qualified(column)})`;
      purpose = `${rule.purpose}: the member’s username`;
    } else if (fact?.account) {
      expression = `case when ${qualified(column)} = $1 then ${qualified(column)} end`;
      purpose = `${rule.purpose}: your account id where it is you; other members are not named`;
    } else if (fact?.timestamp) {
      expression = `to_char(${qualified(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
    }
    if (rule.file) fileColumns.push({ exported: key, original: column });
    columns[key] = purpose;
    pairs.push(`${literal(key)}, ${expression}`);
  }
  for (const extra of CONTEXT[name] ?? []) {
    columns[extra.name] = extra.purpose;
    pairs.push(`${literal(extra.name)}, ${extra.sql}`);
  }
  const order = facts?.has('created_at') ? ` order by ${qualified('created_at')}` : '';
  return {
    text: `select json_build_object(${pairs.join(', ')}) as row from ${quoteIdent(name)} where ${conditions.join(' or ')}${order}`,
    columns,
    fileColumns,
    single: Boolean(policy.owner && facts?.get(policy.owner)?.primary && !policy.ownedVia && !policy.sharedWith && !ABOUT_MEMBER[name]),
  };
}

/** The tables an export covers, in the data map's order, with their headings. */
export function exportTables(): { name: string; purpose: string }[] {
  const facts = schemaFacts();
  return Object.entries(dataMap)
    .filter(([name, policy]) => tableQuery(name, policy, facts.get(name)) !== null)
    .map(([name, policy]) => ({ name, purpose: policy.purpose }));
}

/**
 * Everything the data map says is the member's to take away: for every table, the exportable columns
 * of their rows, rows shared with them and rows about them, plus the stored files those rows name.
 * `onTable` hears after each table how far the walk is (0–1).
 */
export async function collectMemberData(userId: string, onTable?: (fraction: number) => Promise<void>): Promise<MemberData> {
  const { runner } = database();
  const facts = schemaFacts();
  const queries = Object.entries(dataMap).flatMap(([name, policy]) => {
    const query = tableQuery(name, policy, facts.get(name));
    return query ? [{ name, purpose: policy.purpose, query }] : [];
  });
  const tables: ExportTable[] = [];
  const files: ExportFile[] = [];
  let done = 0;
  for (const { name, purpose, query } of queries) {
    const { rows } = await runner.executeSql(query.text, [userId]);
    const parsed = rows.map((r) => (typeof r.row === 'string' ? JSON.parse(r.row) : r.row) as Record<string, unknown>);
    for (const { exported } of query.fileColumns) {
      for (const row of parsed) {
        const key = row[exported];
        if (typeof key !== 'string' || !key) continue;
        const bytes = await readFile(key);
        if (!bytes) continue;
        const path = `uploads/${key}`;
        if (!files.some((f) => f.path === path)) files.push({ path, bytes: new Uint8Array(bytes) });
        row[exported] = path;
      }
    }
    tables.push({ name, purpose, columns: query.columns, rows: parsed, fileColumns: query.fileColumns.map((f) => f.exported), single: query.single });
    done += 1;
    await onTable?.(done / queries.length);
  }
  return { tables, files };
}
