import 'server-only';
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import {
  DATA_REQUEST_KINDS,
  DATA_REQUEST_STATUSES,
  dataRequestEvents,
  dataRequests,
  users,
  type ClosureMode,
  type DataRequestKind,
  type DataRequestStatus,
} from '@/db/schema';
import { audit } from '@/lib/audit';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { notifyAccount } from '@/lib/forum/notifications';
import { queueMail } from '@/lib/mail/outbox';
import { footer, type MailContent } from '@/lib/mail/templates';
import { pageWindow } from '@/lib/pagination';
import { can, type Actor } from '@/lib/permissions';
import { allowedModes, closeForRequest } from '@/lib/privacy/closure';
import { requestExport } from '@/lib/privacy/export';
import { getSettings, type Settings } from '@/lib/settings';
import { siteUrl } from '@/lib/site-url';

/**
 * Data requests: a member asks for a copy of their data, for their account to be erased, or anything
 * else about their data; a privacy officer (an admin, or a member an admin named) answers by the
 * deadline. Every change of status and every comment is a step the member sees, with a notice and a
 * mail that names only the kind of request and its status.
 */

export const DATA_REQUESTS_PER_PAGE = 25;
export const DETAILS_MIN = 10;
export const DETAILS_MAX = 2000;
const DAY_MS = 86_400_000;

/** Requests still waiting for an answer: one of each kind at a time per member, and the officers' queue. */
export const OPEN_STATUSES = ['pending', 'approved', 'processing'] as const satisfies readonly DataRequestStatus[];

export const KIND_LABELS: Record<DataRequestKind, string> = {
  export: 'Copy of data',
  erasure: 'Account erasure',
  other: 'Other request',
};

export const STATUS_LABELS: Record<DataRequestStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  processing: 'In progress',
  complete: 'Complete',
  download_ready: 'Ready to download',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

/** Where each status may go next; anything else is refused (officers) or ignored (jobs retrying). */
const NEXT: Record<DataRequestStatus, readonly DataRequestStatus[]> = {
  pending: ['approved', 'rejected', 'cancelled', 'complete'],
  // Rejected after approval only by the site, when the work cannot start (an export is already being built).
  approved: ['processing', 'download_ready', 'complete', 'rejected'],
  processing: ['download_ready', 'complete'],
  download_ready: ['expired', 'complete'],
  rejected: [],
  complete: [],
  expired: [],
  cancelled: [],
};

export function isOpen(status: DataRequestStatus): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How the deadline stands: null once the request is answered; otherwise days left, or overdue. */
export function deadlineOf(dueAt: Date, status: DataRequestStatus, now = new Date()): { overdue: boolean; text: string } | null {
  if (!isOpen(status)) return null;
  const ms = dueAt.getTime() - now.getTime();
  if (ms < 0) {
    const late = Math.floor(-ms / DAY_MS);
    return { overdue: true, text: late === 0 ? 'Overdue since today' : `Overdue by ${plural(late, 'day')}` };
  }
  return { overdue: false, text: `${plural(Math.ceil(ms / DAY_MS), 'day')} left` };
}

/** "12 June 2026", as notices people may quote show dates. */
function longDay(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// ---------------------------------------------------------------------------------------------------
// Mail

/** How each kind is named in a sentence to the member. */
const KIND_PHRASES: Record<DataRequestKind, string> = {
  export: 'request for a copy of your data',
  erasure: 'request to erase your account',
  other: 'request about your data',
};

function statusSentence(kind: DataRequestKind, status: DataRequestStatus, days: number): string {
  const phrase = KIND_PHRASES[kind];
  switch (status) {
    case 'pending':
      return `We received your ${phrase}. The privacy officer answers within ${plural(days, 'day')}.`;
    case 'approved':
      return `Your ${phrase} was approved.`;
    case 'rejected':
      return `Your ${phrase} was declined. The privacy officer gave a reason, which you can read on your data page.`;
    case 'processing':
      if (kind === 'export') return 'Your copy is being prepared; we will tell you when it is ready to download.';
      if (kind === 'erasure') return 'Your account is being closed as you asked.';
      return `The privacy officer is working on your ${phrase}.`;
    case 'download_ready':
      return 'Your copy is ready to download from your data page.';
    case 'expired':
      return 'The download of your copy has expired and the file was deleted. You can ask for a new copy at any time.';
    case 'complete':
      return `Your ${phrase} is complete.`;
    case 'cancelled':
      return `You cancelled your ${phrase}.`;
  }
}

export const requestMail = {
  /** A change of status, to the member: the kind and the status, nothing else. */
  update: (p: { siteName: string; kind: DataRequestKind; status: DataRequestStatus; days: number }): MailContent => ({
    subject: `Your ${KIND_PHRASES[p.kind]}: ${STATUS_LABELS[p.status].toLowerCase()}`,
    text: `Hello,\n\n${statusSentence(p.kind, p.status, p.days)}\n\nSee it on your data page: ${siteUrl('/settings/data')}` + footer(p.siteName),
  }),
  /** A comment from the privacy officer, to the member (the comment itself is read on the site). */
  comment: (p: { siteName: string; kind: DataRequestKind }): MailContent => ({
    subject: `Your ${KIND_PHRASES[p.kind]}: a comment from the privacy officer`,
    text:
      `Hello,\n\nThe privacy officer added a comment to your ${KIND_PHRASES[p.kind]}.\n\nRead it on your data page: ${siteUrl('/settings/data')}` +
      footer(p.siteName),
  }),
  /** A new request, to whoever handles them; no name, no details: those are read on the site. */
  filed: (p: { siteName: string; id: number; kind: DataRequestKind; status: DataRequestStatus; dueAt: Date }): MailContent => ({
    subject: `New data request ${p.id}: ${KIND_LABELS[p.kind].toLowerCase()}`,
    text:
      `Hello,\n\nA member filed a data request on ${p.siteName}.\n\n` +
      `Kind: ${KIND_LABELS[p.kind]}\nStatus: ${STATUS_LABELS[p.status]}\nAnswer due by: ${longDay(p.dueAt)}\n\n` +
      `Open it: ${siteUrl(`/admin/data-requests/${p.id}`)}` +
      `\n\n-- \n${p.siteName}\nYou received this because you handle data requests at ${siteUrl('/admin/data-requests')}.`,
  }),
};

/** The member's address, unless the account is closed (a closed account gets no mail). */
async function memberAddress(userId: string): Promise<string | null> {
  const [row] = await getDb().select({ email: users.email, closedAt: users.closedAt }).from(users).where(eq(users.id, userId));
  return row && row.closedAt === null ? row.email : null;
}

/**
 * Tells the member about a step: a notice on the site, and a mail while the account is open (unless
 * another mail already says it, as the export's own "ready" mail does).
 */
async function tellMember(
  request: { id: number; userId: string; kind: DataRequestKind },
  step: { status: DataRequestStatus } | 'comment',
  { mail = true }: { mail?: boolean } = {},
) {
  const settings = await getSettings();
  const what = step === 'comment' ? 'new comment from the privacy officer' : STATUS_LABELS[step.status];
  await notifyAccount(request.userId, 'data_request', `${KIND_LABELS[request.kind]} (request ${request.id}): ${what}`);
  const email = mail ? await memberAddress(request.userId) : null;
  if (!email) return;
  if (step === 'comment') {
    await queueMail({ email, userId: request.userId }, 'data_request.comment', requestMail.comment({ siteName: settings.siteName, kind: request.kind }));
  } else {
    await queueMail(
      { email, userId: request.userId },
      'data_request.update',
      requestMail.update({ siteName: settings.siteName, kind: request.kind, status: step.status, days: settings.dataRequestDays }),
    );
  }
}

/** Who hears of new requests: the privacy officer's address when the site has one, else every admin and privacy officer. */
async function officerAddresses(settings: Pick<Settings, 'privacyOfficerEmail'>): Promise<{ email: string; userId: string | null }[]> {
  const shared = settings.privacyOfficerEmail.trim();
  if (shared) return [{ email: shared, userId: null }];
  const rows = await getDb()
    .select({ email: users.email, userId: users.id })
    .from(users)
    .where(and(or(eq(users.role, 'admin'), eq(users.privacyOfficer, true)), isNull(users.closedAt)))
    .orderBy(asc(users.createdAt));
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Steps

type RequestRow = typeof dataRequests.$inferSelect;

interface Step {
  /** Who made the change; null for the site itself (automatic approval, the export and closure jobs). */
  actorId: string | null;
  body?: string | null;
  /** Move only from these statuses (a step that raced with another is then skipped). */
  from?: readonly DataRequestStatus[];
}

/**
 * Moves a request to `to` and records the step, under a row lock so two officers (or an officer and
 * a job) never both move it. Returns the request as it was before, or null when the move is not allowed.
 */
async function move(requestId: number, to: DataRequestStatus, step: Step): Promise<RequestRow | null> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select().from(dataRequests).where(eq(dataRequests.id, requestId)).for('update');
    if (!row) return null;
    if (!NEXT[row.status].includes(to) || (step.from && !step.from.includes(row.status))) return null;
    const decided = to === 'approved' || to === 'rejected';
    await tx
      .update(dataRequests)
      .set({
        status: to,
        updatedAt: sql`now()`,
        ...(decided ? { decidedBy: step.actorId, decidedAt: sql`now()`, decisionReason: to === 'rejected' ? (step.body ?? null) : null } : {}),
        ...(to === 'complete' ? { completedAt: sql`now()` } : {}),
      })
      .where(eq(dataRequests.id, requestId));
    await tx.insert(dataRequestEvents).values({ requestId, actorId: step.actorId, status: to, body: step.body ?? null });
    return row;
  });
}

/**
 * Moves a request and tells the member; false when the move was not allowed. Steps the system takes
 * on its own straight after another (approval on filing, work starting) are recorded but not announced:
 * the member hears once, with where the request ended up.
 */
async function moveAndTell(requestId: number, to: DataRequestStatus, step: Step, tell: 'all' | 'notice' | 'none' = 'all'): Promise<boolean> {
  const before = await move(requestId, to, step);
  if (!before) return false;
  if (tell !== 'none') await tellMember(before, { status: to }, { mail: tell === 'all' });
  return true;
}

/**
 * After approval: starts the export or the closure, then marks the request in progress (unless the
 * work already moved it on). Other requests wait for the officer to mark them complete.
 */
async function startWork(request: RequestRow): Promise<void> {
  if (request.kind === 'export') {
    let exportId: string;
    try {
      ({ id: exportId } = await requestExport({ id: request.userId }, { requestId: request.id }));
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      await moveAndTell(request.id, 'rejected', { actorId: null, body: e.message, from: ['approved'] });
      return;
    }
    await getDb().update(dataRequests).set({ exportId }).where(eq(dataRequests.id, request.id));
    await moveAndTell(request.id, 'processing', { actorId: null, from: ['approved'] }, 'none');
  } else if (request.kind === 'erasure') {
    await moveAndTell(request.id, 'processing', { actorId: null, from: ['approved'] }, 'none');
    await closeForRequest(request.userId, request.eraseMode ?? 'anonymize', request.id);
  }
}

/**
 * Moves a data request to a new status from other parts of the system (the export job, the closure
 * job), recording the step and mailing the member. A step the request cannot take (it was already
 * taken, say by a job that ran twice) changes nothing.
 */
export async function advanceRequest(requestId: number, status: DataRequestStatus, note?: string): Promise<void> {
  if (!Number.isInteger(requestId) || requestId <= 0 || !(DATA_REQUEST_STATUSES as readonly string[]).includes(status)) return;
  // The export's own mail says when the download is ready.
  await moveAndTell(requestId, status, { actorId: null, body: note?.trim() || null }, status === 'download_ready' ? 'notice' : 'all');
}

// ---------------------------------------------------------------------------------------------------
// Members

const kindField = z.enum(DATA_REQUEST_KINDS, { error: 'Choose what you are asking for.' });
const otherDetails = z
  .string({ error: `Describe your request in at least ${DETAILS_MIN} characters.` })
  .trim()
  .min(DETAILS_MIN, `Describe your request in at least ${DETAILS_MIN} characters.`)
  .max(DETAILS_MAX, `Keep your request under ${DETAILS_MAX.toLocaleString('en-GB')} characters.`);
const optionalDetails = z
  .string()
  .trim()
  .max(DETAILS_MAX, `Keep the details under ${DETAILS_MAX.toLocaleString('en-GB')} characters.`)
  .optional()
  .transform((v) => v || null);

/** What the request form needs: the erasure modes offered, the answer time, and the kinds already open. */
export async function requestFormFacts(viewer: Pick<Actor, 'id'>) {
  const settings = await getSettings();
  const open = await getDb()
    .select({ kind: dataRequests.kind })
    .from(dataRequests)
    .where(and(eq(dataRequests.userId, viewer.id), inArray(dataRequests.status, [...OPEN_STATUSES])));
  return {
    eraseModes: allowedModes(settings),
    days: settings.dataRequestDays,
    openKinds: [...new Set(open.map((o) => o.kind))],
    officerEmail: settings.privacyOfficerEmail.trim() || null,
  };
}

/**
 * Files a request. One open request of each kind at a time; the deadline is the site's answer time from
 * now. Exports (and erasures, when the site says so) are approved and started at once.
 */
export async function fileRequest(viewer: Actor, raw: { kind?: unknown; eraseMode?: unknown; details?: unknown }): Promise<{ id: number; status: DataRequestStatus }> {
  const settings = await getSettings();
  const errors: Record<string, string> = {};
  const kind = kindField.safeParse(raw.kind);
  if (!kind.success) errors.kind = kind.error.issues[0].message;
  const details = (kind.success && kind.data === 'other' ? otherDetails : optionalDetails).safeParse(raw.details ?? '');
  if (!details.success) errors.details = details.error.issues[0].message;
  let eraseMode: ClosureMode | null = null;
  if (kind.success && kind.data === 'erasure') {
    const modes = allowedModes(settings);
    if (viewer.role === 'admin') errors.kind = 'Administrators cannot have their own account erased. Ask another administrator to remove your role first.';
    else if (!modes.length) errors.kind = 'This site does not take erasure requests here. Choose “Other request” to write to the privacy officer.';
    else if (!(modes as readonly unknown[]).includes(raw.eraseMode)) errors.eraseMode = 'Choose how your account should be erased.';
    else eraseMode = raw.eraseMode as ClosureMode;
  }
  if (Object.keys(errors).length || !kind.success || !details.success) throw new Invalid(errors);

  const now = new Date();
  const dueAt = new Date(now.getTime() + settings.dataRequestDays * DAY_MS);
  const request = await getDb().transaction(async (tx) => {
    // One filing at a time per member, so two quick submissions cannot both pass the check below.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, viewer.id)).for('update');
    const [open] = await tx
      .select({ id: dataRequests.id, createdAt: dataRequests.createdAt })
      .from(dataRequests)
      .where(and(eq(dataRequests.userId, viewer.id), eq(dataRequests.kind, kind.data), inArray(dataRequests.status, [...OPEN_STATUSES])));
    if (open) {
      throw new Invalid({
        kind: `You already have an open ${KIND_PHRASES[kind.data]} (request ${open.id}, made on ${longDay(open.createdAt)}). Wait for its answer, or cancel it while it is pending, before making another.`,
      });
    }
    const [row] = await tx
      .insert(dataRequests)
      .values({ userId: viewer.id, kind: kind.data, eraseMode, details: details.data, dueAt, createdAt: now, updatedAt: now })
      .returning();
    await tx.insert(dataRequestEvents).values({ requestId: row.id, actorId: viewer.id, status: 'pending', body: null, createdAt: now });
    return row;
  });
  const automatic = (request.kind === 'export' && settings.autoApproveExports) || (request.kind === 'erasure' && settings.autoApproveErasures);
  if (automatic && (await moveAndTell(request.id, 'approved', { actorId: null, from: ['pending'] }, 'none'))) await startWork(request);

  const status = (await currentStatus(request.id)) ?? request.status;
  // One word to the member about where the request stands now (an erasure done at once has no one left to tell).
  if (status !== 'complete') await tellMember(request, { status });
  for (const to of await officerAddresses(settings)) {
    await queueMail(to, 'data_request.new', requestMail.filed({ siteName: settings.siteName, id: request.id, kind: request.kind, status, dueAt }));
  }
  return { id: request.id, status };
}

/** A member withdraws a request that no one has looked at yet. */
export async function cancelRequest(viewer: Pick<Actor, 'id'>, requestId: number): Promise<void> {
  await ownRequest(viewer, requestId);
  if (!(await moveAndTell(requestId, 'cancelled', { actorId: viewer.id, from: ['pending'] }))) {
    throw new Invalid({ form: 'Only a pending request can be cancelled; this one is already being handled.' });
  }
}

async function ownRequest(viewer: Pick<Actor, 'id'>, requestId: number) {
  if (!Number.isInteger(requestId) || requestId <= 0) throw new NotFound();
  const [row] = await getDb()
    .select()
    .from(dataRequests)
    .where(and(eq(dataRequests.id, requestId), eq(dataRequests.userId, viewer.id)));
  if (!row) throw new NotFound();
  return row;
}

export interface TimelineStep {
  id: number;
  at: Date;
  /** The status the step moved to; null for a comment. */
  status: DataRequestStatus | null;
  body: string | null;
  /** 'member' (the one who asked), 'officer', or 'site' (automatic: approval by setting, the export and closure jobs). */
  by: 'member' | 'officer' | 'site';
  /** The officer's username, for officers only (members see "the privacy officer"). */
  officer: string | null;
}

async function timelines(requests: { id: number; userId: string }[], withOfficerNames: boolean): Promise<Map<number, TimelineStep[]>> {
  const out = new Map<number, TimelineStep[]>(requests.map((r) => [r.id, []]));
  if (!requests.length) return out;
  const owner = new Map(requests.map((r) => [r.id, r.userId]));
  const actor = alias(users, 'actor');
  const rows = await getDb()
    .select({
      id: dataRequestEvents.id,
      requestId: dataRequestEvents.requestId,
      at: dataRequestEvents.createdAt,
      status: dataRequestEvents.status,
      body: dataRequestEvents.body,
      actorId: dataRequestEvents.actorId,
      actorUsername: actor.username,
    })
    .from(dataRequestEvents)
    .leftJoin(actor, eq(actor.id, dataRequestEvents.actorId))
    .where(inArray(dataRequestEvents.requestId, requests.map((r) => r.id)))
    .orderBy(asc(dataRequestEvents.createdAt), asc(dataRequestEvents.id));
  for (const r of rows) {
    const by = r.actorId === null ? 'site' : r.actorId === owner.get(r.requestId) ? 'member' : 'officer';
    out.get(r.requestId)?.push({
      id: r.id,
      at: r.at,
      status: r.status,
      body: r.body,
      by,
      officer: withOfficerNames && by === 'officer' ? (r.actorUsername ?? null) : null,
    });
  }
  return out;
}

/** The member's own requests, newest first, each with its steps and comments. */
export async function listMyRequests(viewer: Pick<Actor, 'id'>) {
  const rows = await getDb()
    .select({
      id: dataRequests.id,
      userId: dataRequests.userId,
      kind: dataRequests.kind,
      eraseMode: dataRequests.eraseMode,
      details: dataRequests.details,
      status: dataRequests.status,
      dueAt: dataRequests.dueAt,
      decisionReason: dataRequests.decisionReason,
      createdAt: dataRequests.createdAt,
      completedAt: dataRequests.completedAt,
    })
    .from(dataRequests)
    .where(eq(dataRequests.userId, viewer.id))
    .orderBy(sql`${dataRequests.createdAt} desc`, sql`${dataRequests.id} desc`);
  const steps = await timelines(rows, false);
  return rows.map(({ userId: _userId, ...r }) => ({ ...r, steps: steps.get(r.id) ?? [] }));
}

export type MyRequest = Awaited<ReturnType<typeof listMyRequests>>[number];

// ---------------------------------------------------------------------------------------------------
// Privacy officers

export const QUEUE_FILTERS = ['open', ...DATA_REQUEST_STATUSES, 'all'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export function queueFilter(value: string | undefined): QueueFilter {
  return (QUEUE_FILTERS as readonly string[]).includes(value ?? '') ? (value as QueueFilter) : 'open';
}

function filterWhere(filter: QueueFilter): SQL | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'open') return inArray(dataRequests.status, [...OPEN_STATUSES]);
  return eq(dataRequests.status, filter);
}

function requireOfficer(viewer: Actor): void {
  if (!can(viewer, 'data_requests.handle')) throw new Forbidden();
}

/** The queue: requests in the chosen status (open ones by default), the nearest deadline first. */
export async function listRequests(viewer: Actor, { filter = 'open', page = 1 }: { filter?: QueueFilter; page?: number } = {}) {
  requireOfficer(viewer);
  const db = getDb();
  const where = filterWhere(filter);
  const counted = await db
    .select({ status: dataRequests.status, n: sql<number>`count(*)::int` })
    .from(dataRequests)
    .groupBy(dataRequests.status);
  const counts = Object.fromEntries(QUEUE_FILTERS.map((f) => [f, 0])) as Record<QueueFilter, number>;
  for (const c of counted) {
    counts[c.status] = c.n;
    counts.all += c.n;
    if (isOpen(c.status)) counts.open += c.n;
  }
  const total = counts[filter];
  const window = pageWindow(total, page, DATA_REQUESTS_PER_PAGE);
  const rows = await db
    .select({
      id: dataRequests.id,
      kind: dataRequests.kind,
      status: dataRequests.status,
      createdAt: dataRequests.createdAt,
      dueAt: dataRequests.dueAt,
      username: users.username,
    })
    .from(dataRequests)
    .innerJoin(users, eq(users.id, dataRequests.userId))
    .where(where)
    .orderBy(asc(dataRequests.dueAt), asc(dataRequests.id))
    .limit(DATA_REQUESTS_PER_PAGE)
    .offset(window.offset);
  return { requests: rows, counts, filter, total, page: window.page, pageCount: window.pageCount };
}

/** One request for an officer: the member, what they asked, the deadline, and every step. */
export async function getRequest(viewer: Actor, requestId: number) {
  requireOfficer(viewer);
  if (!Number.isInteger(requestId) || requestId <= 0) throw new NotFound();
  const decider = alias(users, 'decider');
  const [row] = await getDb()
    .select({
      id: dataRequests.id,
      userId: dataRequests.userId,
      kind: dataRequests.kind,
      eraseMode: dataRequests.eraseMode,
      details: dataRequests.details,
      status: dataRequests.status,
      dueAt: dataRequests.dueAt,
      createdAt: dataRequests.createdAt,
      decidedAt: dataRequests.decidedAt,
      decisionReason: dataRequests.decisionReason,
      decidedBy: decider.username,
      completedAt: dataRequests.completedAt,
      exportId: dataRequests.exportId,
      username: users.username,
      memberClosed: sql<boolean>`${users.closedAt} is not null`,
    })
    .from(dataRequests)
    .innerJoin(users, eq(users.id, dataRequests.userId))
    .leftJoin(decider, eq(decider.id, dataRequests.decidedBy))
    .where(eq(dataRequests.id, requestId));
  if (!row) throw new NotFound();
  const steps = (await timelines([row], true)).get(row.id) ?? [];
  const { userId: _userId, ...request } = row;
  return {
    ...request,
    steps,
    canDecide: row.status === 'pending',
    canComplete: row.kind === 'other' && isOpen(row.status),
  };
}

export type OfficerRequest = Awaited<ReturnType<typeof getRequest>>;

const noteField = z
  .string()
  .trim()
  .max(DETAILS_MAX, `Keep the note under ${DETAILS_MAX.toLocaleString('en-GB')} characters.`)
  .optional()
  .transform((v) => v || null);
const reasonField = z
  .string({ error: 'Give the reason: the member will read it.' })
  .trim()
  .min(1, 'Give the reason: the member will read it.')
  .max(DETAILS_MAX, `Keep the reason under ${DETAILS_MAX.toLocaleString('en-GB')} characters.`);
const commentField = z
  .string({ error: 'Write the comment.' })
  .trim()
  .min(1, 'Write the comment.')
  .max(DETAILS_MAX, `Keep the comment under ${DETAILS_MAX.toLocaleString('en-GB')} characters.`);

function parseField<T extends z.ZodType>(schema: T, name: string, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Invalid({ [name]: parsed.error.issues[0].message });
  return parsed.data;
}

async function requestForOfficer(viewer: Actor, requestId: number): Promise<RequestRow> {
  requireOfficer(viewer);
  if (!Number.isInteger(requestId) || requestId <= 0) throw new NotFound();
  const [row] = await getDb().select().from(dataRequests).where(eq(dataRequests.id, requestId));
  if (!row) throw new NotFound();
  return row;
}

async function currentStatus(requestId: number): Promise<DataRequestStatus | null> {
  const [row] = await getDb().select({ status: dataRequests.status }).from(dataRequests).where(eq(dataRequests.id, requestId));
  return row?.status ?? null;
}

/** The refusal when someone else moved the request first (or it was never in a state to take this step). */
async function alreadyAnswered(requestId: number): Promise<Invalid> {
  const status = await currentStatus(requestId);
  return new Invalid({ form: `This request is already ${status ? STATUS_LABELS[status].toLowerCase() : 'closed'}; its steps below show what happened.` });
}

/** Approves a pending request (with an optional note the member reads) and starts the export or the closure. */
export async function approveRequest(viewer: Actor, requestId: number, raw: { note?: unknown } = {}): Promise<void> {
  const request = await requestForOfficer(viewer, requestId);
  const note = parseField(noteField, 'note', raw.note ?? '');
  if (!(await moveAndTell(requestId, 'approved', { actorId: viewer.id, body: note, from: ['pending'] }))) throw await alreadyAnswered(requestId);
  await audit(viewer, 'data_request.approve', { type: 'data_request', id: requestId }, null, { kind: request.kind });
  await startWork(request);
}

/** Declines a pending request; the reason is shown to the member. */
export async function rejectRequest(viewer: Actor, requestId: number, raw: { reason?: unknown }): Promise<void> {
  const request = await requestForOfficer(viewer, requestId);
  const reason = parseField(reasonField, 'reason', raw.reason ?? '');
  if (!(await moveAndTell(requestId, 'rejected', { actorId: viewer.id, body: reason, from: ['pending'] }))) throw await alreadyAnswered(requestId);
  await audit(viewer, 'data_request.reject', { type: 'data_request', id: requestId }, null, { kind: request.kind });
}

/** A comment on the request, shown to the member in its steps. */
export async function commentOnRequest(viewer: Actor, requestId: number, raw: { body?: unknown }): Promise<void> {
  const request = await requestForOfficer(viewer, requestId);
  const body = parseField(commentField, 'body', raw.body ?? '');
  await getDb().insert(dataRequestEvents).values({ requestId, actorId: viewer.id, status: null, body });
  await getDb().update(dataRequests).set({ updatedAt: sql`now()` }).where(eq(dataRequests.id, requestId));
  await tellMember(request, 'comment');
  await audit(viewer, 'data_request.comment', { type: 'data_request', id: requestId }, null, { kind: request.kind });
}

/** Marks an 'other' request done (its work happens outside the site), with an optional note to the member. */
export async function completeRequest(viewer: Actor, requestId: number, raw: { note?: unknown } = {}): Promise<void> {
  const request = await requestForOfficer(viewer, requestId);
  const note = parseField(noteField, 'note', raw.note ?? '');
  if (request.kind !== 'other') throw new Invalid({ form: 'Exports and erasures complete by themselves once the site has done the work.' });
  if (!(await moveAndTell(requestId, 'complete', { actorId: viewer.id, body: note, from: OPEN_STATUSES }))) throw await alreadyAnswered(requestId);
  await audit(viewer, 'data_request.complete', { type: 'data_request', id: requestId }, null, { kind: request.kind });
}
