import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import { acquireFolderLock } from './folder-lock';

export type Db = ReturnType<typeof drizzlePostgres<typeof schema>>;

/** What pg-boss and raw SQL helpers need: one SQL statement (or a script when there are no values). */
export interface SqlRunner {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface Database {
  db: Db;
  kind: 'embedded' | 'server';
  runner: SqlRunner;
  /** Connection string for the server mode (pg-boss opens its own pool there). */
  url?: string;
  close(): Promise<void>;
}

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.HEARTH_DATA_DIR || '.data');
}

export function openEmbedded(dir: string | null): Database {
  let release = () => {};
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    release = acquireFolderLock(dir);
  }
  const client = dir ? new PGlite(dir) : new PGlite();
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'embedded',
    runner: {
      async executeSql(text, values) {
        if (values && values.length) {
          const r = await client.query<Record<string, unknown>>(text, values as unknown[]);
          return { rows: r.rows };
        }
        const results = await client.exec(text);
        const last = results[results.length - 1];
        return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
      },
    },
    async close() {
      await client.close();
      release();
    },
  };
}

export function openServer(url: string, max = Number(process.env.DATABASE_POOL_SIZE || 10)): Database {
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema });
  return {
    db,
    kind: 'server',
    url,
    runner: {
      async executeSql(text, values) {
        const rows =
          values && values.length
            ? await client.unsafe(text, values as never[])
            : await client.unsafe(text).simple();
        const last = Array.isArray(rows[0]) ? rows[rows.length - 1] : rows;
        return { rows: [...(last as Iterable<Record<string, unknown>>)] };
      },
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

const globalForDb = globalThis as unknown as { __hearthDatabase?: Database };

/** The process-wide database, opened on first use: PostgreSQL when DATABASE_URL is set, else embedded. */
export function database(): Database {
  if (!globalForDb.__hearthDatabase) {
    if (process.env.NEXT_PHASE === 'phase-production-build') {
      throw new Error('The database is not available while building; mark the page dynamic.');
    }
    const url = process.env.DATABASE_URL;
    globalForDb.__hearthDatabase = url ? openServer(url) : openEmbedded(path.join(dataDir(), 'pglite'));
  }
  return globalForDb.__hearthDatabase;
}

export function getDb(): Db {
  return database().db;
}

/** Tests and scripts install their own database here. */
export function useDatabase(next: Database | undefined): void {
  globalForDb.__hearthDatabase = next;
}

export { schema };
