import 'server-only';
import PgBoss from 'pg-boss';
import { database } from '@/db/client';

type Handler = (data: Record<string, unknown>) => Promise<unknown>;

interface JobDef {
  handler: () => Promise<Handler>;
  retryLimit?: number;
  schedule?: string; // cron, for recurring jobs
}

// Handlers are loaded lazily so lib modules can enqueue without import cycles.
const registry: Record<string, JobDef> = {
  'mail.deliver': {
    retryLimit: 4,
    handler: async () => {
      const { deliverMail } = await import('@/lib/mail/outbox');
      return (data) => deliverMail(Number(data.id));
    },
  },
  'mail.requeue': {
    schedule: '*/5 * * * *',
    handler: async () => {
      const { requeueWaitingMail } = await import('@/lib/mail/outbox');
      return () => requeueWaitingMail();
    },
  },
  'notifications.mail': {
    retryLimit: 4,
    handler: async () => {
      const { sendImmediateNotificationMails } = await import('@/lib/forum/notifications');
      return (data) => sendImmediateNotificationMails(Array.isArray(data.ids) ? data.ids.map(Number).filter(Number.isInteger) : []);
    },
  },
  // Catches notifications whose mail job was never run (written while no job runner was up).
  'notifications.mail-sweep': {
    schedule: '*/5 * * * *',
    handler: async () => {
      const { sendImmediateNotificationMails } = await import('@/lib/forum/notifications');
      return () => sendImmediateNotificationMails();
    },
  },
  'notifications.daily-summary': {
    schedule: '0 7 * * *', // every day at 07:00 UTC
    handler: async () => {
      const { sendDailyNotificationSummaries } = await import('@/lib/forum/notifications');
      return () => sendDailyNotificationSummaries();
    },
  },
  'db.maintenance': {
    // The embedded database has no autovacuum: refresh statistics and reclaim dead rows ourselves.
    schedule: '41 * * * *',
    handler: async () => {
      const { database } = await import('@/db/client');
      return async () => {
        const db = database();
        if (db.kind !== 'embedded') return;
        await db.runner.executeSql(new Date().getUTCHours() === 3 ? 'VACUUM (ANALYZE)' : 'ANALYZE');
      };
    },
  },
  // Deletes what the data map says is kept for a limited time (IPs, old mail, unconfirmed sign-ups).
  'privacy.retention': {
    schedule: '23 * * * *',
    handler: async () => {
      const { runRetention } = await import('@/lib/privacy/retention');
      return () => runRetention();
    },
  },
  'privacy.export': {
    retryLimit: 2,
    handler: async () => {
      const { buildExport } = await import('@/lib/privacy/export');
      return (data) => buildExport(String(data.id));
    },
  },
  // Deletes export files past their expiry (and catches exports whose build job never ran).
  'privacy.export-sweep': {
    schedule: '*/10 * * * *',
    handler: async () => {
      const { sweepExports } = await import('@/lib/privacy/export');
      return () => sweepExports();
    },
  },
  'privacy.close': {
    retryLimit: 3,
    handler: async () => {
      const { processClosure } = await import('@/lib/privacy/closure');
      return (data) => processClosure(Number(data.id));
    },
  },
  // Closures whose cooling-off has ended, inactive-account warnings and closures, usernames released.
  'privacy.closures-due': {
    schedule: '*/10 * * * *',
    handler: async () => {
      const { runDueClosures } = await import('@/lib/privacy/closure');
      return () => runDueClosures();
    },
  },
  'auth.purge-rate-limits': {
    schedule: '17 * * * *',
    handler: async () => {
      const { purgeOldRateLimits } = await import('@/lib/auth/rate-limit');
      return () => purgeOldRateLimits();
    },
  },
};

export type JobName = keyof typeof registry;

const globalForJobs = globalThis as unknown as { __hearthBoss?: PgBoss };

/** Starts pg-boss on the app's database (its own pool on a server, the shared PGlite when embedded). */
export async function startJobs(options: { pollingIntervalSeconds?: number } = {}): Promise<PgBoss> {
  if (globalForJobs.__hearthBoss) return globalForJobs.__hearthBoss;
  const dbase = database();
  const boss =
    dbase.kind === 'server'
      ? new PgBoss({ connectionString: dbase.url!, max: 4, schema: 'pgboss' })
      : new PgBoss({ db: dbase.runner, schema: 'pgboss' });
  boss.on('error', (e) => console.error('[jobs]', e));
  await boss.start();
  globalForJobs.__hearthBoss = boss;
  for (const [name, def] of Object.entries(registry)) {
    await boss.createQueue(name);
    const handler = await def.handler();
    await boss.work(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
      for (const job of jobs) await handler((job.data ?? {}) as Record<string, unknown>);
    });
    if (def.schedule) await boss.schedule(name, def.schedule);
  }
  return boss;
}

export async function stopJobs(): Promise<void> {
  const boss = globalForJobs.__hearthBoss;
  globalForJobs.__hearthBoss = undefined;
  if (boss) await boss.stop({ graceful: false, wait: true });
}

/**
 * Queues a job. Where no runner is started (scripts, unit tests) the work stays recorded in its own
 * table (the outbox for mail) and a scheduled sweep picks it up later.
 */
export async function enqueue(name: JobName, data: Record<string, unknown>): Promise<void> {
  const boss = globalForJobs.__hearthBoss;
  if (!boss) return;
  await boss.send(name, data, { retryLimit: registry[name].retryLimit ?? 2, retryBackoff: true, retryDelay: 5 });
}
