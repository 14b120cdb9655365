import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { seed } from '@/db/seed';
import { accountClosures, auditLog, dataExports, dataRequestEvents, dataRequests, notifications, users } from '@/db/schema';
import { listMembers, setPrivacyOfficer } from '@/lib/admin/members';
import { withPrivacyOfficer } from '@/lib/auth/viewer';
import { Forbidden, NotFound } from '@/lib/errors';
import { mailsTo } from '@/lib/mail/outbox';
import { can, type Actor } from '@/lib/permissions';
import { buildExport, requestExport } from '@/lib/privacy/export';
import {
  advanceRequest,
  approveRequest,
  cancelRequest,
  commentOnRequest,
  completeRequest,
  deadlineOf,
  fileRequest,
  getRequest,
  listMyRequests,
  listRequests,
  rejectRequest,
} from '@/lib/privacy/requests';
import { updateSettings } from '@/lib/settings';
import { fieldErrors, makeMember } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-requests-test-'));
beforeAll(() => {
  process.env.HEARTH_UPLOADS_DIR = uploadsDir;
});
afterAll(() => {
  delete process.env.HEARTH_UPLOADS_DIR;
  fs.rmSync(uploadsDir, { recursive: true, force: true });
});

type Member = Actor & { username: string; email: string };

let ann: Member;
let ben: Member;
let mod: Member;
let boss: Member;

const DAY = 86_400_000;

async function named(username: string, changes: Parameters<typeof makeMember>[1] = {}): Promise<Member> {
  return { ...(await makeMember(username, changes)), username, email: `${username}@example.com` };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** The data-request mails sent to an address, oldest first. */
async function requestMails(email: string) {
  return (await mailsTo(email)).filter((m) => m.template.startsWith('data_request')).reverse();
}

async function notices(userId: string) {
  return getDb()
    .select({ message: notifications.message })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'data_request')))
    .orderBy(notifications.id);
}

async function requestRow(id: number) {
  const [row] = await getDb().select().from(dataRequests).where(eq(dataRequests.id, id));
  return row;
}

async function events(id: number) {
  return getDb()
    .select({ actorId: dataRequestEvents.actorId, status: dataRequestEvents.status, body: dataRequestEvents.body })
    .from(dataRequestEvents)
    .where(eq(dataRequestEvents.requestId, id))
    .orderBy(dataRequestEvents.id);
}

/** Ben, made privacy officer by the admin, as the next request after that change would see him. */
async function benAsOfficer(): Promise<Member> {
  await setPrivacyOfficer(boss, ben.id, { privacyOfficer: 'yes', reason: 'Handles our GDPR mail' });
  return { ...(await withPrivacyOfficer(ben)) };
}

beforeEach(async () => {
  await seed();
  ann = await named('ann');
  ben = await named('ben');
  mod = await named('mod', { role: 'moderator' });
  boss = await named('boss', { role: 'admin' });
});

describe('filing a request', () => {
  it('an export is approved at once and its export is queued; every step is recorded, and the member hears once where it stands', async () => {
    const { id, status } = await fileRequest(ann, { kind: 'export', details: '' });
    expect(status).toBe('processing');

    const request = await requestRow(id);
    const [exported] = await getDb().select().from(dataExports).where(eq(dataExports.userId, ann.id));
    expect(exported).toMatchObject({ requestId: id, status: 'queued' });
    expect(request).toMatchObject({ kind: 'export', status: 'processing', exportId: exported.id, decidedBy: null });
    expect(request.decidedAt).not.toBeNull();

    expect(await events(id)).toEqual([
      { actorId: ann.id, status: 'pending', body: null },
      { actorId: null, status: 'approved', body: null },
      { actorId: null, status: 'processing', body: null },
    ]);
    const mails = await requestMails(ann.email);
    expect(mails.map((m) => m.subject)).toEqual(['Your request for a copy of your data: in progress']);
    expect(mails[0].textBody).toMatch(/\/settings\/data/);
    expect((await notices(ann.id)).map((n) => n.message)).toEqual([`Copy of data (request ${id}): In progress`]);

    // The export job finishes: the request's download is ready, then it expires.
    await buildExport(exported.id);
    expect((await requestRow(id)).status).toBe('download_ready');
    await advanceRequest(id, 'expired');
    expect((await requestRow(id)).status).toBe('expired');
    // The export's own mail says the download is ready; the request adds a notice, and a mail when it expires.
    expect((await requestMails(ann.email)).map((m) => m.subject).slice(1)).toEqual(['Your request for a copy of your data: expired']);
    expect((await notices(ann.id)).map((n) => n.message)).toContain(`Copy of data (request ${id}): Ready to download`);
  });

  it('an export request made while an export is being built is answered with the reason', async () => {
    await requestExport(ann);
    const { id, status } = await fileRequest(ann, { kind: 'export' });
    expect(status).toBe('rejected');
    const [mine] = await listMyRequests(ann);
    expect(mine).toMatchObject({ id, status: 'rejected', decisionReason: expect.stringMatching(/already being prepared/) });
    expect(await getDb().select().from(dataExports).where(eq(dataExports.requestId, id))).toEqual([]);
  });

  it('an erasure request waits for an officer while auto-approval of erasures is off (the default)', async () => {
    const { id, status } = await fileRequest(ann, { kind: 'erasure', eraseMode: 'anonymize', details: 'Please remove me.' });
    expect(status).toBe('pending');
    expect(await requestRow(id)).toMatchObject({ kind: 'erasure', eraseMode: 'anonymize', details: 'Please remove me.', status: 'pending' });
    expect(await getDb().select().from(accountClosures)).toEqual([]);
    const [account] = await getDb().select({ closedAt: users.closedAt }).from(users).where(eq(users.id, ann.id));
    expect(account.closedAt).toBeNull();
    expect((await requestMails(ann.email)).map((m) => m.subject)).toEqual(['Your request to erase your account: pending']);
  });

  it('an erasure request is carried out at once when the site approves erasures automatically', async () => {
    await updateSettings({ autoApproveErasures: true });
    const { id } = await fileRequest(ann, { kind: 'erasure', eraseMode: 'erase' });
    expect(await requestRow(id)).toMatchObject({ status: 'complete' });
    expect((await events(id)).map((e) => e.status)).toEqual(['pending', 'approved', 'processing', 'complete']);
    const [closure] = await getDb().select().from(accountClosures).where(eq(accountClosures.userId, ann.id));
    expect(closure).toMatchObject({ mode: 'erase', source: 'request', requestId: id, status: 'done' });
    const [account] = await getDb().select({ closedAt: users.closedAt }).from(users).where(eq(users.id, ann.id));
    expect(account.closedAt).not.toBeNull();
  });

  it('an other request keeps what the member wrote and waits for an officer', async () => {
    const { id, status } = await fileRequest(ann, { kind: 'other', details: '  My birthday on file is wrong; it is 3 March.  ' });
    expect(status).toBe('pending');
    expect(await requestRow(id)).toMatchObject({ kind: 'other', details: 'My birthday on file is wrong; it is 3 March.', eraseMode: null });
    const [mine] = await listMyRequests(ann);
    expect(mine).toMatchObject({ id, kind: 'other', status: 'pending', steps: [{ status: 'pending', by: 'member' }] });
    // No mail carries what the member wrote.
    for (const mail of await mailsTo(ann.email)) expect(mail.textBody).not.toMatch(/birthday/);
  });

  it('allows one open request of each kind at a time, with the message beside the choice', async () => {
    await updateSettings({ autoApproveExports: false });
    const first = await fileRequest(ann, { kind: 'export' });
    const errors = await fieldErrors(fileRequest(ann, { kind: 'export', details: 'Again' }));
    expect(errors.kind).toMatch(new RegExp(`already have an open request for a copy of your data \\(request ${first.id}, made on `));
    // Other kinds are still open to her, and other members are not affected.
    await fileRequest(ann, { kind: 'other', details: 'Please stop using my posts in newsletters.' });
    await fileRequest(ben, { kind: 'export' });
    expect(await fieldErrors(fileRequest(ann, { kind: 'other', details: 'Another question about my data.' }))).toHaveProperty('kind');
    // Once the first is answered, she may ask again.
    await rejectRequest(boss, first.id, { reason: 'You downloaded a copy yesterday.' });
    await expect(fileRequest(ann, { kind: 'export' })).resolves.toMatchObject({ status: 'pending' });
    expect(await getDb().select().from(dataRequests).where(eq(dataRequests.userId, ann.id))).toHaveLength(3);
  });

  it('explains each mistake beside its field and stores nothing', async () => {
    expect(await fieldErrors(fileRequest(ann, {}))).toEqual({ kind: 'Choose what you are asking for.' });
    expect(await fieldErrors(fileRequest(ann, { kind: 'other', details: 'Too short' }))).toEqual({
      details: 'Describe your request in at least 10 characters.',
    });
    expect(await fieldErrors(fileRequest(ann, { kind: 'other', details: 'x'.repeat(2001) }))).toEqual({
      details: 'Keep your request under 2,000 characters.',
    });
    expect(await fieldErrors(fileRequest(ann, { kind: 'export', details: 'x'.repeat(2001) }))).toEqual({
      details: 'Keep the details under 2,000 characters.',
    });
    expect(await fieldErrors(fileRequest(ann, { kind: 'erasure' }))).toEqual({ eraseMode: 'Choose how your account should be erased.' });
    expect((await fieldErrors(fileRequest(boss, { kind: 'erasure', eraseMode: 'anonymize' }))).kind).toMatch(/Administrators cannot have their own account erased/);
    await updateSettings({ allowAccountErase: false });
    expect(await fieldErrors(fileRequest(ann, { kind: 'erasure', eraseMode: 'erase' }))).toEqual({ eraseMode: 'Choose how your account should be erased.' });
    await updateSettings({ allowAccountAnonymize: false });
    expect((await fieldErrors(fileRequest(ann, { kind: 'erasure', eraseMode: 'anonymize' }))).kind).toMatch(/does not take erasure requests/);
    expect(await getDb().select().from(dataRequests)).toEqual([]);
  });

  it('sets the deadline from the site’s answer time', async () => {
    await updateSettings({ dataRequestDays: 10 });
    const { id } = await fileRequest(ann, { kind: 'other', details: 'Which cookies do you set?' });
    const request = await requestRow(id);
    expect(request.dueAt.getTime() - request.createdAt.getTime()).toBe(10 * DAY);
    expect(deadlineOf(request.dueAt, request.status, new Date(request.createdAt.getTime() + 3 * DAY))).toEqual({ overdue: false, text: '7 days left' });
    expect(deadlineOf(request.dueAt, request.status, new Date(request.dueAt.getTime() + 2.5 * DAY))).toEqual({ overdue: true, text: 'Overdue by 2 days' });
    // An answered request has no deadline running.
    expect(deadlineOf(request.dueAt, 'rejected', new Date(request.dueAt.getTime() + DAY))).toBeNull();
  });

  it('mails new requests to every admin and privacy officer, or to the privacy officer’s address when set, without the member’s name', async () => {
    await setPrivacyOfficer(boss, ben.id, { privacyOfficer: 'yes' });
    const { id } = await fileRequest(ann, { kind: 'other', details: 'Please correct my location.' });
    for (const email of [boss.email, ben.email]) {
      const [mail] = (await mailsTo(email)).filter((m) => m.template === 'data_request.new');
      expect(mail.subject).toBe(`New data request ${id}: other request`);
      expect(mail.textBody).toMatch(new RegExp(`/admin/data-requests/${id}`));
      expect(mail.textBody).not.toMatch(/\bann\b|location/i);
    }
    expect((await mailsTo(mod.email)).filter((m) => m.template === 'data_request.new')).toEqual([]);

    await updateSettings({ privacyOfficerEmail: 'privacy@example.org' });
    await fileRequest(ben, { kind: 'other', details: 'Who can see my email address?' });
    expect((await mailsTo('privacy@example.org')).map((m) => m.template)).toEqual(['data_request.new']);
    expect((await mailsTo(boss.email)).filter((m) => m.template === 'data_request.new')).toHaveLength(1);
  });
});

describe('cancelling', () => {
  it('a member cancels their own pending request, and only that', async () => {
    const { id } = await fileRequest(ann, { kind: 'other', details: 'Please correct my location.' });
    expect(await rejection(cancelRequest(ben, id))).toBeInstanceOf(NotFound);
    await cancelRequest(ann, id);
    expect((await requestRow(id)).status).toBe('cancelled');
    expect((await events(id)).at(-1)).toEqual({ actorId: ann.id, status: 'cancelled', body: null });
    expect((await requestMails(ann.email)).at(-1)?.subject).toBe('Your request about your data: cancelled');

    const exported = await fileRequest(ann, { kind: 'export' });
    expect((await fieldErrors(cancelRequest(ann, exported.id))).form).toMatch(/Only a pending request can be cancelled/);
  });
});

describe('privacy officers', () => {
  it('only admins and privacy officers may work the queue; only admins name officers, and that is audit-logged', async () => {
    const { id } = await fileRequest(ann, { kind: 'other', details: 'Please correct my location.' });
    for (const outsider of [ann, mod, ben]) {
      expect(can(outsider, 'data_requests.handle')).toBe(false);
      expect(await rejection(listRequests(outsider))).toBeInstanceOf(Forbidden);
      expect(await rejection(getRequest(outsider, id))).toBeInstanceOf(Forbidden);
      expect(await rejection(rejectRequest(outsider, id, { reason: 'No.' }))).toBeInstanceOf(Forbidden);
    }
    expect(await rejection(setPrivacyOfficer(mod, ben.id, { privacyOfficer: 'yes' }))).toBeInstanceOf(Forbidden);
    expect(await withPrivacyOfficer(ben)).toMatchObject({ privacyOfficer: false });

    const officer = await benAsOfficer();
    expect(officer.privacyOfficer).toBe(true);
    expect((await listMembers(boss, { q: 'ben' })).members[0]).toMatchObject({ username: 'ben', privacyOfficer: true });
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, 'member.privacy_officer'));
    expect(entry).toMatchObject({ actorId: boss.id, subjectType: 'member', subjectId: ben.id, reason: 'Handles our GDPR mail', details: { from: false, to: true } });

    for (const handler of [officer, boss]) {
      expect(can(handler, 'data_requests.handle')).toBe(true);
      const list = await listRequests(handler);
      expect(list.requests.map((r) => ({ id: r.id, username: r.username, kind: r.kind }))).toEqual([{ id, username: 'ann', kind: 'other' }]);
      expect(await getRequest(handler, id)).toMatchObject({ username: 'ann', details: 'Please correct my location.', canDecide: true, canComplete: true });
    }
    // An officer is still a member elsewhere in the admin area.
    expect(can(officer, 'admin.access')).toBe(false);

    await setPrivacyOfficer(boss, ben.id, { privacyOfficer: 'no' });
    expect(await withPrivacyOfficer(ben)).toMatchObject({ privacyOfficer: false });
  });

  it('rejecting needs a reason, which the member reads on their page but not in the mail', async () => {
    const officer = await benAsOfficer();
    const { id } = await fileRequest(ann, { kind: 'erasure', eraseMode: 'anonymize' });
    expect(await fieldErrors(rejectRequest(officer, id, { reason: '   ' }))).toEqual({ reason: 'Give the reason: the member will read it.' });
    expect((await requestRow(id)).status).toBe('pending');

    await rejectRequest(officer, id, { reason: 'You still owe an invoice, which we must keep under tax law.' });
    const [mine] = await listMyRequests(ann);
    expect(mine).toMatchObject({ status: 'rejected', decisionReason: 'You still owe an invoice, which we must keep under tax law.' });
    expect(mine.steps.at(-1)).toMatchObject({ status: 'rejected', by: 'officer', officer: null, body: 'You still owe an invoice, which we must keep under tax law.' });
    const mail = (await requestMails(ann.email)).at(-1)!;
    expect(mail.subject).toBe('Your request to erase your account: rejected');
    expect(mail.textBody).not.toMatch(/invoice/);
    expect((await notices(ann.id)).at(-1)?.message).toBe(`Account erasure (request ${id}): Rejected`);

    // The officers see who did it; the audit log names only ids.
    expect((await getRequest(boss, id)).steps.at(-1)).toMatchObject({ by: 'officer', officer: 'ben' });
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, 'data_request.reject'));
    expect(entry).toMatchObject({ actorId: ben.id, subjectType: 'data_request', subjectId: String(id), reason: null, details: { kind: 'erasure' } });

    // A decided request cannot be decided again.
    expect((await fieldErrors(approveRequest(boss, id))).form).toMatch(/already rejected/);
  });

  it('approving an export starts it; approving an erasure closes the account and completes the request', async () => {
    await updateSettings({ autoApproveExports: false });
    const exported = await fileRequest(ann, { kind: 'export' });
    expect(exported.status).toBe('pending');
    expect(await getDb().select().from(dataExports)).toEqual([]);
    await approveRequest(boss, exported.id, { note: 'Here you go.' });
    const [row] = await getDb().select().from(dataExports).where(eq(dataExports.requestId, exported.id));
    expect(await requestRow(exported.id)).toMatchObject({ status: 'processing', exportId: row.id, decidedBy: boss.id });
    expect((await events(exported.id)).slice(1)).toEqual([
      { actorId: boss.id, status: 'approved', body: 'Here you go.' },
      { actorId: null, status: 'processing', body: null },
    ]);

    const erasure = await fileRequest(ben, { kind: 'erasure', eraseMode: 'anonymize' });
    await approveRequest(boss, erasure.id);
    expect(await requestRow(erasure.id)).toMatchObject({ status: 'complete' });
    const [account] = await getDb().select({ closedAt: users.closedAt, closure: users.closure }).from(users).where(eq(users.id, ben.id));
    expect(account).toMatchObject({ closure: 'anonymize' });
    expect(account.closedAt).not.toBeNull();

    const audited = await getDb().select({ subjectId: auditLog.subjectId }).from(auditLog).where(eq(auditLog.action, 'data_request.approve'));
    expect(audited.map((a) => a.subjectId).sort()).toEqual([String(exported.id), String(erasure.id)].sort());
  });

  it('comments reach the member; an other request is marked complete with an optional note', async () => {
    const { id } = await fileRequest(ann, { kind: 'other', details: 'Please correct my location to Lyon.' });
    expect(await fieldErrors(commentOnRequest(boss, id, { body: '' }))).toEqual({ body: 'Write the comment.' });
    await commentOnRequest(boss, id, { body: 'Lyon, France, or Lyon, Georgia?' });
    await completeRequest(boss, id, { note: 'Corrected to Lyon, France.' });

    const [mine] = await listMyRequests(ann);
    expect(mine.status).toBe('complete');
    expect(mine.completedAt).not.toBeNull();
    expect(mine.steps.map((s) => ({ status: s.status, by: s.by, body: s.body }))).toEqual([
      { status: 'pending', by: 'member', body: null },
      { status: null, by: 'officer', body: 'Lyon, France, or Lyon, Georgia?' },
      { status: 'complete', by: 'officer', body: 'Corrected to Lyon, France.' },
    ]);
    const mails = await requestMails(ann.email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Your request about your data: pending',
      'Your request about your data: a comment from the privacy officer',
      'Your request about your data: complete',
    ]);
    for (const m of mails) expect(m.textBody).not.toMatch(/Lyon/);

    // Exports and erasures complete by themselves.
    const exported = await fileRequest(ann, { kind: 'export' });
    expect((await fieldErrors(completeRequest(boss, exported.id))).form).toMatch(/complete by themselves/);
  });

  it('the queue shows open requests by default, nearest deadline first, a page at a time', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 30 }, (_, i) => ({
      userId: ann.id,
      kind: 'other' as const,
      details: `Question number ${i}`,
      status: i % 10 === 0 ? ('rejected' as const) : ('pending' as const),
      // Request 1 is due first (overdue), the rest one day apart.
      dueAt: new Date(now + (i - 1) * DAY),
    }));
    await getDb().insert(dataRequests).values(rows.reverse());

    const first = await listRequests(boss);
    expect(first).toMatchObject({ total: 27, page: 1, pageCount: 2, counts: { open: 27, pending: 27, rejected: 3, all: 30 } });
    expect(first.requests).toHaveLength(25);
    const due = first.requests.map((r) => r.dueAt.getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(first.requests.every((r) => r.status === 'pending')).toBe(true);
    expect(deadlineOf(first.requests[0].dueAt, 'pending')?.overdue).toBe(true);
    expect((await listRequests(boss, { page: 2 })).requests).toHaveLength(2);
    expect((await listRequests(boss, { filter: 'rejected' })).requests.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await listRequests(boss, { filter: 'complete' })).total).toBe(0);
  });
});

describe('advanceRequest, for the export and closure jobs', () => {
  it('records each step once, tells the member, and ignores a step the request cannot take', async () => {
    await updateSettings({ autoApproveExports: false });
    const { id } = await fileRequest(ann, { kind: 'other', details: 'Please correct my location.' });
    await approveRequest(boss, id);
    await advanceRequest(id, 'complete', 'Done by the support team.');
    await advanceRequest(id, 'complete');
    await advanceRequest(id, 'processing');
    await advanceRequest(999_999, 'complete');
    expect((await events(id)).map((e) => e.status)).toEqual(['pending', 'approved', 'complete']);
    expect((await events(id)).at(-1)).toEqual({ actorId: null, status: 'complete', body: 'Done by the support team.' });
    expect((await requestMails(ann.email)).map((m) => m.subject).at(-1)).toBe('Your request about your data: complete');
  });

  it('sends no mail to a closed account, but still records the step and the notice', async () => {
    const { id } = await fileRequest(ann, { kind: 'other', details: 'Please correct my location.' });
    await getDb().update(users).set({ closedAt: sql`now()` }).where(eq(users.id, ann.id));
    const before = (await requestMails(ann.email)).length;
    await approveRequest(boss, id);
    expect(await requestMails(ann.email)).toHaveLength(before);
    expect((await notices(ann.id)).at(-1)?.message).toBe(`Other request (request ${id}): Approved`);
    expect((await requestRow(id)).status).toBe('approved');
  });
});
