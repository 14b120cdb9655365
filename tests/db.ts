import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import postgres from 'postgres';
import { openEmbedded, openServer, useDatabase, type Database } from '@/db/client';
import { migrate } from '@/db/migrate';
import { schemaTables } from '@/lib/privacy/schema-tables';

/**
 * Gives the test file its own migrated database: an in-memory PGlite, or, with TEST_DATABASE_URL set,
 * a fresh database on that PostgreSQL server, dropped when the file is done.
 * Tables are emptied before each test unless `reset: false`.
 */
export function useTestDatabase(options: { reset?: boolean } = {}) {
  let current: Database | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      const name = `hearth_test_${randomBytes(6).toString('hex')}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      current = openServer(url.toString(), 4);
      dropDatabase = async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      };
    } else {
      current = openEmbedded(null);
    }
    useDatabase(current);
    await migrate(current);
  });

  if (options.reset !== false) {
    beforeEach(async () => {
      const names = schemaTables().map((t) => `"${t.name}"`).join(', ');
      await current!.runner.executeSql(`TRUNCATE ${names} RESTART IDENTITY CASCADE`);
    });
  }

  afterAll(async () => {
    useDatabase(undefined);
    await current?.close();
    await dropDatabase?.();
  });

  return { get database() { return current!; } };
}
