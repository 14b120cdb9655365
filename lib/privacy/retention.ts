import 'server-only';
import { database } from '@/db/client';
import { getSettings, type SettingKey } from '@/lib/settings';
import { dataMap, quoteIdent } from './data-map';


/**
 * Applies the retention the data map declares: rows of tables with `expireRows` are deleted once older
 * than their setting's days; columns whose retention is 'setting:KEY' are emptied once their row is
 * older than that. Returns (and logs) how many rows and values each rule removed: counts only.
 */
export async function runRetention(): Promise<Record<string, number>> {
  const settings = await getSettings();
  const { runner } = database();
  const days = (key: string) => {
    const value = settings[key as SettingKey];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`Retention setting ${key} is not a number of days.`);
    return value;
  };
  const counts: Record<string, number> = {};
  const count = async (text: string, params: unknown[]) => {
    const { rows } = await runner.executeSql(`with gone as (${text} returning 1) select count(*)::int as n from gone`, params);
    return Number((rows[0] as { n: number } | undefined)?.n ?? 0);
  };

  for (const [table, policy] of Object.entries(dataMap)) {
    if (policy.expireRows) {
      const { setting, from, where } = policy.expireRows;
      counts[`${table} rows`] = await count(
        `delete from ${quoteIdent(table)} where ${quoteIdent(from)} < now() - make_interval(days => $1::int)${where ? ` and (${where})` : ''}`,
        [days(setting)],
      );
      continue;
    }
    for (const [column, rule] of Object.entries(policy.columns)) {
      if (!rule.retention.startsWith('setting:')) continue;
      counts[`${table}.${column}`] = await count(
        `update ${quoteIdent(table)} set ${quoteIdent(column)} = null where ${quoteIdent(policy.retentionFrom ?? 'created_at')} < now() - make_interval(days => $1::int) and ${quoteIdent(column)} is not null`,
        [days(rule.retention.slice('setting:'.length))],
      );
    }
  }
  console.log('[retention]', JSON.stringify(counts));
  return counts;
}
