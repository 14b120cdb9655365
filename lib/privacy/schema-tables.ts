import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '@/db/schema';

/** Every table the drizzle schema declares, with its column names as stored in the database. */
export function schemaTables(source: Record<string, unknown> = schema): { name: string; columns: string[] }[] {
  return Object.values(source)
    .filter((v): v is PgTable => v instanceof PgTable)
    .map((t) => {
      const cfg = getTableConfig(t);
      return { name: cfg.name, columns: cfg.columns.map((c) => c.name) };
    });
}
