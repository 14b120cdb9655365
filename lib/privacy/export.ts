import 'server-only';
import { and, desc, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { dataExports, users, type ExportStatus } from '@/db/schema';
import { Invalid, NotFound } from '@/lib/errors';
import { notifyAccount } from '@/lib/forum/notifications';
import { enqueue } from '@/lib/jobs';
import { queueMail } from '@/lib/mail/outbox';
import type { Actor } from '@/lib/permissions';
import { getSettings } from '@/lib/settings';
import { siteUrl } from '@/lib/site-url';
import { deleteFile, putFile, readFile } from '@/lib/storage';
import { isUuid } from '@/lib/validation';
import { collectMemberData } from './export-collect';
import { exportReadyMail, longDate } from './export-mail';
import { buildZip } from './export-render';
import { advanceRequest } from './requests';

export { collectMemberData } from './export-collect';

const DAY_MS = 86_400_000;
/** How many of their exports a member sees on the page. */
export const EXPORTS_SHOWN = 5;
/** A build still running after this long has stopped (its process died); the sweep marks it failed. */
const STALLED_MINUTES = 60;

const RUNNING: ExportStatus[] = ['queued', 'building'];

const refuse = (message: string): never => {
  throw new Invalid({ export: message }, message);
};

/**
 * Queues an export of everything the site holds about the member. One a day: refused while one is
 * being prepared, or when one was asked for in the last 24 hours and did not fail. An export that
 * answers a data request (`requestId`, started by a privacy officer) skips the daily limit, never a
 * running build.
 */
export async function requestExport(member: { id: string }, options: { requestId?: number } = {}): Promise<{ id: string }> {
  const id = await getDb().transaction(async (tx) => {
    // The member's row lock makes two quick requests one export.
    const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.id, member.id)).for('update');
    if (!exists) throw new NotFound();
    const recent = await tx
      .select({ status: dataExports.status, createdAt: dataExports.createdAt })
      .from(dataExports)
      .where(
        and(
          eq(dataExports.userId, member.id),
          or(inArray(dataExports.status, RUNNING), and(gt(dataExports.createdAt, sql`now() - interval '24 hours'`), ne(dataExports.status, 'failed'))),
        ),
      )
      .orderBy(desc(dataExports.createdAt));
    if (recent.some((r) => RUNNING.includes(r.status))) {
      refuse('Your data export is already being prepared. This page shows how far it is, and you will get a notice and an email when it is ready.');
    }
    if (recent.length && options.requestId === undefined) {
      refuse(`You can ask for one export a day. You can ask again from ${longDate(new Date(recent[0].createdAt.getTime() + DAY_MS))}.`);
    }
    const [row] = await tx
      .insert(dataExports)
      .values({ userId: member.id, requestId: options.requestId ?? null })
      .returning({ id: dataExports.id });
    return row.id;
  });
  try {
    await enqueue('privacy.export', { id });
  } catch (e) {
    // The export is recorded as queued; the sweep builds it.
    console.error('[exports] could not queue the build; the sweep will run it', e);
  }
  return { id };
}

async function setProgress(id: string, progress: number): Promise<void> {
  await getDb().update(dataExports).set({ progress }).where(eq(dataExports.id, id));
}

/**
 * Builds the export's zip (run by the 'privacy.export' job, and by the sweep for exports whose job never
 * ran): gathers the member's data, stores the zip, and tells the member. A failure marks the export
 * failed and is rethrown so the job is retried; a failed export can be built again.
 */
export async function buildExport(id: string): Promise<void> {
  if (!isUuid(id)) return;
  const db = getDb();
  // Claiming it first means a second job for the same export finds nothing to do.
  const [claimed] = await db
    .update(dataExports)
    .set({ status: 'building', progress: 0, error: null })
    .where(and(eq(dataExports.id, id), inArray(dataExports.status, ['queued', 'failed'])))
    .returning({ userId: dataExports.userId, requestId: dataExports.requestId });
  if (!claimed) return;

  let ready: { username: string; name: string; email: string; expiresAt: Date };
  try {
    const [member] = await db.select({ username: users.username, name: users.name, email: users.email }).from(users).where(eq(users.id, claimed.userId));
    if (!member) throw new Error('The member no longer exists.');
    const settings = await getSettings();
    let shown = 0;
    const data = await collectMemberData(claimed.userId, async (fraction) => {
      const progress = Math.round(fraction * 90);
      if (progress > shown) {
        shown = progress;
        await setProgress(id, progress);
      }
    });
    const takenAt = new Date();
    const expiresAt = new Date(takenAt.getTime() + settings.exportExpiryDays * DAY_MS);
    const zip = buildZip(data, { siteName: settings.siteName, username: member.username, takenAt, expiresAt, settingsUrl: siteUrl('/settings/data') });
    await setProgress(id, 95);
    const fileKey = `exports/${id}.zip`;
    await putFile(fileKey, zip);
    await db
      .update(dataExports)
      .set({ status: 'ready', progress: 100, fileKey, sizeBytes: zip.byteLength, readyAt: new Date(), expiresAt, error: null })
      .where(eq(dataExports.id, id));
    ready = { ...member, expiresAt };
  } catch (e) {
    try {
      await db
        .update(dataExports)
        .set({ status: 'failed', error: String(e instanceof Error ? e.message : e).slice(0, 500) })
        .where(eq(dataExports.id, id));
    } catch (recordError) {
      console.error('[exports] could not record the failure', recordError);
    }
    throw e;
  }

  // The file is ready and the page shows it; telling the member must not undo that.
  const settings = await getSettings();
  const steps: [string, () => Promise<unknown>][] = [
    ['notice', () => notifyAccount(claimed.userId, 'export_ready', `download it from your data settings until ${longDate(ready.expiresAt)}.`)],
    [
      'mail',
      () =>
        queueMail(
          { email: ready.email, userId: claimed.userId },
          'export_ready',
          exportReadyMail({ siteName: settings.siteName, name: ready.name, link: siteUrl('/settings/data'), expiresAt: ready.expiresAt }),
        ),
    ],
  ];
  if (claimed.requestId !== null) steps.push(['data request', () => advanceRequest(claimed.requestId!, 'download_ready')]);
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (e) {
      console.error(`[exports] export ${id} is ready, but the ${what} failed`, e);
    }
  }
}

/**
 * Deletes the files of exports past their expiry, marks builds that stopped as failed, and builds
 * exports still queued after two minutes (their job never ran). Returns counts.
 */
export async function sweepExports(): Promise<{ expired: number; stalled: number; built: number; failed: number }> {
  const db = getDb();
  const counts = { expired: 0, stalled: 0, built: 0, failed: 0 };

  const due = await db
    .select({ id: dataExports.id, fileKey: dataExports.fileKey, requestId: dataExports.requestId })
    .from(dataExports)
    .where(and(eq(dataExports.status, 'ready'), lt(dataExports.expiresAt, sql`now()`)))
    .limit(500);
  for (const e of due) {
    // The file goes first: an export is never marked expired while its file is still stored.
    if (e.fileKey) await deleteFile(e.fileKey);
    const [done] = await db
      .update(dataExports)
      .set({ status: 'expired', fileKey: null })
      .where(and(eq(dataExports.id, e.id), eq(dataExports.status, 'ready')))
      .returning({ id: dataExports.id });
    if (!done) continue;
    counts.expired += 1;
    if (e.requestId !== null) {
      try {
        await advanceRequest(e.requestId, 'expired');
      } catch (err) {
        console.error(`[exports] export ${e.id} expired, but its data request was not updated`, err);
      }
    }
  }

  const stalled = await db
    .update(dataExports)
    .set({ status: 'failed', error: 'The build stopped before it finished.' })
    .where(and(eq(dataExports.status, 'building'), lt(dataExports.createdAt, sql`now() - make_interval(mins => ${STALLED_MINUTES}::int)`)))
    .returning({ id: dataExports.id });
  counts.stalled = stalled.length;

  const waiting = await db
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(and(eq(dataExports.status, 'queued'), lt(dataExports.createdAt, sql`now() - interval '2 minutes'`)))
    .orderBy(dataExports.createdAt)
    .limit(20);
  for (const w of waiting) {
    try {
      await buildExport(w.id);
      counts.built += 1;
    } catch (e) {
      counts.failed += 1;
      console.error(`[exports] building export ${w.id} failed`, e);
    }
  }
  if (counts.expired || counts.stalled || counts.built || counts.failed) console.log('[exports]', JSON.stringify(counts));
  return counts;
}

export interface ExportSummary {
  id: string;
  /** 'expired' also for a ready export past its expiry that the sweep has not reached yet. */
  status: ExportStatus;
  progress: number;
  createdAt: Date;
  readyAt: Date | null;
  expiresAt: Date | null;
  sizeBytes: number | null;
  downloadedAt: Date | null;
}

/** The member's latest exports for the data page, and from when they may ask for another one. */
export async function exportOverview(viewer: Pick<Actor, 'id'>): Promise<{ exports: ExportSummary[]; nextRequestAt: Date | null; expiryDays: number }> {
  const rows = await getDb()
    .select({
      id: dataExports.id,
      status: dataExports.status,
      progress: dataExports.progress,
      createdAt: dataExports.createdAt,
      readyAt: dataExports.readyAt,
      expiresAt: dataExports.expiresAt,
      sizeBytes: dataExports.sizeBytes,
      downloadedAt: dataExports.downloadedAt,
    })
    .from(dataExports)
    .where(eq(dataExports.userId, viewer.id))
    .orderBy(desc(dataExports.createdAt))
    .limit(EXPORTS_SHOWN);
  const now = Date.now();
  const exports = rows.map((r) => (r.status === 'ready' && r.expiresAt && r.expiresAt.getTime() <= now ? { ...r, status: 'expired' as const } : r));
  const counted = rows.find((r) => r.status !== 'failed' && r.createdAt.getTime() > now - DAY_MS);
  const nextRequestAt = counted ? new Date(counted.createdAt.getTime() + DAY_MS) : null;
  return { exports, nextRequestAt, expiryDays: (await getSettings()).exportExpiryDays };
}

export type ExportDownload = { kind: 'file'; bytes: Uint8Array; filename: string } | { kind: 'expired' };

/**
 * The zip for its owner while it is ready. Anyone else, and an id that names nothing, gets NotFound,
 * so nothing tells them the export exists. Records when it was downloaded.
 */
export async function openExportDownload(viewer: Pick<Actor, 'id'>, id: string): Promise<ExportDownload> {
  if (!isUuid(id)) throw new NotFound();
  const db = getDb();
  const [row] = await db
    .select({
      status: dataExports.status,
      fileKey: dataExports.fileKey,
      expiresAt: dataExports.expiresAt,
      readyAt: dataExports.readyAt,
      username: users.username,
    })
    .from(dataExports)
    .innerJoin(users, eq(users.id, dataExports.userId))
    .where(and(eq(dataExports.id, id), eq(dataExports.userId, viewer.id)));
  if (!row) throw new NotFound();
  if (row.status === 'expired' || (row.status === 'ready' && (!row.expiresAt || row.expiresAt.getTime() <= Date.now()))) return { kind: 'expired' };
  if (row.status !== 'ready' || !row.fileKey) throw new NotFound();
  const bytes = await readFile(row.fileKey);
  if (!bytes) throw new NotFound();
  await db.update(dataExports).set({ downloadedAt: new Date() }).where(eq(dataExports.id, id));
  const day = (row.readyAt ?? new Date()).toISOString().slice(0, 10);
  const name = row.username.replace(/[^A-Za-z0-9._-]/g, '_');
  return { kind: 'file', bytes: new Uint8Array(bytes), filename: `hearth-export-${name}-${day}.zip` };
}
