import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { getDb } from '@/db/client';
import { seed } from '@/db/seed';
import { dataExports, dataRequestEvents, dataRequests, notifications } from '@/db/schema';
import { setTrustLevel } from '@/lib/admin/members';
import { Invalid, NotFound } from '@/lib/errors';
import { bookmarkPost } from '@/lib/forum/bookmarks';
import { flagPost } from '@/lib/forum/flags';
import { likePost } from '@/lib/forum/likes';
import { notifyAccount } from '@/lib/forum/notifications';
import { editPost } from '@/lib/forum/posts';
import { createTopic } from '@/lib/forum/topics';
import { mailsTo } from '@/lib/mail/outbox';
import { setAvatar, updateProfile } from '@/lib/members/profile';
import { sendMessage, startConversation } from '@/lib/messages';
import type { Actor } from '@/lib/permissions';
import { buildExport, collectMemberData, openExportDownload, requestExport, sweepExports } from '@/lib/privacy/export';
import { readFile } from '@/lib/storage';
import { makeMember, seedForumCategories, verifiedMember } from './helpers';
import { useTestDatabase } from './db';

// The download route reads the signed-in member from the request's cookie; here the test says who it is.
const signedIn = vi.hoisted(() => ({ viewer: null as null | { id: string } }));
vi.mock('@/lib/auth/viewer', () => ({
  getViewer: async () => signedIn.viewer,
  requireViewer: async () => signedIn.viewer,
}));
const { GET: download } = await import('@/app/api/exports/[id]/route');

useTestDatabase();

const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-export-test-'));
beforeAll(() => {
  process.env.HEARTH_UPLOADS_DIR = uploadsDir;
});
afterAll(() => {
  delete process.env.HEARTH_UPLOADS_DIR;
  fs.rmSync(uploadsDir, { recursive: true, force: true });
});

/** A 1×1 pixel PNG. */
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);

/** Strings that occur nowhere else, one in each personal field. */
const MARK = {
  name: 'Quillon Markwright',
  username: 'quill_mk7',
  email: 'quill.marker7@example.com',
  bio: 'Bio marker Zanzibar <script>alert(1)</script>',
  location: 'Location marker Thule',
  website: 'https://website-marker.example/qm7',
  birthday: '1984-02-29',
  topicTitle: 'Topic title marker Alderaan',
  postOriginal: 'Original body marker Bespin',
  postEdited: 'Edited body marker Coruscant',
  editReason: 'Edit reason marker Dagobah',
  flagNote: 'Flag note marker Endor',
  subject: 'Conversation subject marker Hoth',
  messageSent: 'Sent message marker Felucia',
  messageReceived: 'Received message marker Geonosis',
  notice: 'Notice marker Ilum',
  requestDetails: 'Request details marker Jakku',
  requestEvent: 'Request event marker Kamino',
  trustReason: 'Trust reason marker Lothal',
};

type Zip = Record<string, Uint8Array>;

async function unzipExport(id: string): Promise<Zip> {
  const bytes = await readFile(`exports/${id}.zip`);
  expect(bytes, 'the zip is stored').not.toBeNull();
  return unzipSync(new Uint8Array(bytes!));
}

const textOf = (zip: Zip) =>
  Object.entries(zip)
    .filter(([name]) => !name.startsWith('uploads/'))
    .map(([, bytes]) => strFromU8(bytes))
    .join('\n');

const jsonOf = (zip: Zip, table: string) => JSON.parse(strFromU8(zip[`data/${table}.json`])) as { purpose: string; columns: Record<string, string>; rows: Record<string, unknown>[] };

async function exportRow(id: string) {
  const [row] = await getDb().select().from(dataExports).where(eq(dataExports.id, id));
  return row;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

let general: number;

beforeEach(async () => {
  ({ general } = await seedForumCategories());
  signedIn.viewer = null;
});

/** The member with something in every personal field, and two others who keep their own secrets. */
async function populatedMember() {
  const { user } = await verifiedMember({ name: 'Quillon at sign-up', username: MARK.username, email: MARK.email });
  const admin = await makeMember('boss', { role: 'admin', trustLevel: 1 });
  await setTrustLevel(admin, user.id, { trustLevel: 1, reason: MARK.trustReason });
  const quill: Actor = { id: user.id, role: 'member', trustLevel: 1, suspendedUntil: null };
  const ben = await makeMember('ben', { trustLevel: 1 });
  const cleo = await makeMember('cleo', { trustLevel: 1 });

  await updateProfile(quill, { name: MARK.name, bio: MARK.bio, location: MARK.location, website: MARK.website, birthday: MARK.birthday });
  await setAvatar(quill, { size: PNG.length, bytes: async () => PNG });

  const own = await createTopic(quill, { categoryId: general, title: MARK.topicTitle, body: MARK.postOriginal });
  await editPost(quill, own.postId, { body: MARK.postEdited, title: MARK.topicTitle, reason: MARK.editReason });
  const bens = await createTopic(ben, { categoryId: general, title: 'Ben asks about seeds', body: 'Which tomatoes grow best in shade?' });
  await flagPost(quill, bens.postId, { reason: 'other', note: MARK.flagNote });
  await likePost(quill, bens.postId);
  await bookmarkPost(quill, bens.postId);
  // Ben's bookmark of Quill's post is Ben's, not Quill's.
  await bookmarkPost(ben, own.postId);

  const { conversationId } = await startConversation(quill, { to: '@ben', subject: MARK.subject, body: MARK.messageSent });
  await sendMessage(ben, conversationId, { body: MARK.messageReceived });
  await startConversation(ben, { to: '@cleo', subject: 'Surprise party for Quill', body: 'Keep it secret: Saturday at eight.' });
  await notifyAccount(user.id, 'data_request', MARK.notice);

  const [request] = await getDb()
    .insert(dataRequests)
    .values({ userId: user.id, kind: 'other', details: MARK.requestDetails, dueAt: sql`now() + interval '30 days'` })
    .returning({ id: dataRequests.id });
  await getDb().insert(dataRequestEvents).values({ requestId: request.id, actorId: user.id, status: 'pending', body: MARK.requestEvent });

  return { quill, admin, ben, cleo, ownPostId: own.postId, bensPostId: bens.postId, conversationId };
}

describe('the complete export', () => {
  it('holds every personal field of the member, their files and their conversations, and nothing private of anyone else', async () => {
    const { quill, admin, ben, cleo, ownPostId, bensPostId } = await populatedMember();
    const { id } = await requestExport(quill);
    expect((await exportRow(id)).status).toBe('queued');

    await buildExport(id);
    const row = await exportRow(id);
    expect(row).toMatchObject({ status: 'ready', progress: 100, fileKey: `exports/${id}.zip` });
    const stored = await readFile(`exports/${id}.zip`);
    expect(row.sizeBytes).toBe(stored!.byteLength);
    const days = (row.expiresAt!.getTime() - row.readyAt!.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);

    const zip = await unzipExport(id);
    const all = textOf(zip);
    const missing = Object.entries(MARK).filter(([, marker]) => !all.includes(marker));
    expect(missing.map(([field]) => field), 'fields missing from the export').toEqual([]);

    // The earlier version of the edited post and the reason for the edit are both kept.
    const revisions = jsonOf(zip, 'post_revisions').rows;
    expect(revisions.map((r) => r.body)).toEqual(expect.arrayContaining([MARK.postOriginal, MARK.postEdited]));
    expect(jsonOf(zip, 'likes').rows).toEqual([expect.objectContaining({ post_id: bensPostId })]);
    expect(jsonOf(zip, 'bookmarks').rows).toEqual([expect.objectContaining({ post_id: bensPostId })]);
    expect(jsonOf(zip, 'flags').rows).toEqual([expect.objectContaining({ reason: 'other', note: MARK.flagNote })]);

    // Consents name the policy and the version accepted.
    const consents = jsonOf(zip, 'consents').rows;
    expect(consents.length).toBeGreaterThan(0);
    for (const c of consents) {
      expect(c.policy_title).toEqual(expect.any(String));
      expect(c.policy_version).toBe(1);
      expect(c.policy_effective_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }

    // Every table file says what it holds and what each column means.
    const posts = jsonOf(zip, 'posts');
    expect(posts.purpose).toBe('Posts and replies');
    expect(posts.columns.body).toBe('what you wrote');
    expect(posts.columns).not.toHaveProperty('body_html');

    // index.html: a page to browse, linking every JSON file, with every value escaped.
    const index = strFromU8(zip['index.html']);
    const jsonFiles = Object.keys(zip).filter((n) => /^data\/[a-z_]+\.json$/.test(n));
    expect(jsonFiles.length).toBeGreaterThan(20);
    for (const file of jsonFiles) expect(index).toContain(`href="${file}"`);
    expect(index).toContain('<h2 id="h-posts">Posts and replies</h2>');
    expect(index).toContain('Bio marker Zanzibar &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(index).not.toContain('<script>');
    expect(strFromU8(zip['README.txt'])).toContain('index.html');

    // The CSV files start with a header row.
    const postsCsv = strFromU8(zip['data/posts.csv']).replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(postsCsv[0].split(',')).toEqual(expect.arrayContaining(['id', 'topic_id', 'topic_title', 'body', 'created_at']));
    expect(postsCsv.some((l) => l.includes(MARK.postEdited))).toBe(true);
    const messagesCsv = strFromU8(zip['data/messages.csv']).replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(messagesCsv[0].split(',')).toEqual(expect.arrayContaining(['sender_username', 'body', 'conversation_subject', 'created_at']));
    expect(messagesCsv.find((l) => l.includes(MARK.messageReceived))).toContain(',ben,');
    expect(messagesCsv.find((l) => l.includes(MARK.messageSent))).toContain(`,${MARK.username},`);

    // The avatar, byte for byte, linked from the profile.
    const avatars = Object.keys(zip).filter((n) => n.startsWith('uploads/avatars/'));
    expect(avatars).toHaveLength(1);
    expect(Buffer.from(zip[avatars[0]]).equals(Buffer.from(PNG))).toBe(true);
    expect(jsonOf(zip, 'profiles').rows[0].avatar_key).toBe(avatars[0]);
    expect(index).toContain(`<img src="${avatars[0]}"`);

    // Nothing private of other members: Ben's bookmark, a conversation Quill is not in, emails, names, account ids.
    expect(jsonOf(zip, 'bookmarks').rows.some((b) => b.post_id === ownPostId)).toBe(false);
    for (const secret of ['Surprise party for Quill', 'Keep it secret', 'ben@example.com', 'cleo@example.com', 'boss@example.com', 'ben Tester', 'cleo Tester']) {
      expect(all.includes(secret), `“${secret}” stays out`).toBe(false);
    }
    for (const other of [ben.id, cleo.id, admin.id]) expect(all.includes(other), 'other members’ account ids stay out').toBe(false);
    // The trust-level change made by the admin is there, without naming the admin.
    const audit = jsonOf(zip, 'audit_log').rows;
    expect(audit).toEqual([expect.objectContaining({ reason: MARK.trustReason, actor_id: null, subject_id: quill.id })]);

    // The member hears of it: a notice and a mail with the link and the expiry, and none of the data.
    const [notice] = await getDb().select().from(notifications).where(eq(notifications.kind, 'export_ready'));
    expect(notice.userId).toBe(quill.id);
    const [mail] = (await mailsTo(MARK.email)).filter((m) => m.template === 'export_ready');
    expect(mail.subject).toMatch(/data export is ready/);
    expect(mail.textBody).toContain('/settings/data');
    expect(mail.textBody).toMatch(/works until \d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC/);
    expect(mail.textBody).not.toContain('Bespin');
  });

  it('reports its progress table by table while gathering', async () => {
    const member = await makeMember('ann');
    const seen: number[] = [];
    const data = await collectMemberData(member.id, async (f) => {
      seen.push(f);
    });
    expect(seen.length).toBe(data.tables.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1);
    expect(data.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['users', 'posts', 'messages', 'consents', 'audit_log', 'data_request_events']));
    expect(data.tables.map((t) => t.name)).not.toContain('rate_limits');
  });
});

describe('asking for an export', () => {
  it('allows one a day, says when the next one is possible, and never two at once', async () => {
    const ann = await makeMember('ann');
    const { id } = await requestExport(ann);

    const running = await rejection(requestExport(ann));
    expect(running).toBeInstanceOf(Invalid);
    expect((running as Invalid).fields.export).toMatch(/already being prepared/);

    await buildExport(id);
    const limited = await rejection(requestExport(ann));
    expect(limited).toBeInstanceOf(Invalid);
    const expected = new Date((await exportRow(id)).createdAt.getTime() + 86_400_000);
    const day = expected.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect((limited as Invalid).fields.export).toBe(`You can ask for one export a day. You can ask again from ${day}, ${expected.toISOString().slice(11, 16)} UTC.`);

    // A privacy officer answering a request may go past the daily limit, but not past a running build.
    const forRequest = await requestExport(ann, { requestId: 41 });
    expect((await exportRow(forRequest.id)).requestId).toBe(41);
    expect(((await rejection(requestExport(ann, { requestId: 42 }))) as Invalid).fields.export).toMatch(/already being prepared/);
    await buildExport(forRequest.id);

    // A day later the member may ask again.
    await getDb().update(dataExports).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(dataExports.userId, ann.id));
    await expect(requestExport(ann)).resolves.toEqual({ id: expect.any(String) });
  });

  it('marks a failed build failed, lets it be rebuilt, and does not count it against the member', async () => {
    const ann = await makeMember('ann');
    const { id } = await requestExport(ann);
    // Storage that cannot be written to: the build fails.
    const blocked = path.join(uploadsDir, 'not-a-folder');
    fs.writeFileSync(blocked, 'x');
    process.env.HEARTH_UPLOADS_DIR = blocked;
    try {
      await expect(buildExport(id)).rejects.toThrow();
    } finally {
      process.env.HEARTH_UPLOADS_DIR = uploadsDir;
    }
    const failed = await exportRow(id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBeTruthy();
    expect(failed.fileKey).toBeNull();

    // The job's retry builds it.
    await buildExport(id);
    expect(await exportRow(id)).toMatchObject({ status: 'ready', error: null, progress: 100 });

    // A failed export leaves the member free to ask again.
    const bob = await makeMember('bob');
    const first = await requestExport(bob);
    await getDb().update(dataExports).set({ status: 'failed' }).where(eq(dataExports.id, first.id));
    await expect(requestExport(bob)).resolves.toEqual({ id: expect.any(String) });
  });
});

describe('sweeping exports', () => {
  it('deletes expired files, marks them expired, and the download then says so', async () => {
    const ann = await makeMember('ann');
    const { id } = await requestExport(ann);
    await buildExport(id);
    expect(await readFile(`exports/${id}.zip`)).not.toBeNull();

    expect((await sweepExports()).expired).toBe(0);
    await getDb().update(dataExports).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(dataExports.id, id));
    expect(await sweepExports()).toMatchObject({ expired: 1 });
    expect(await readFile(`exports/${id}.zip`)).toBeNull();
    expect(await exportRow(id)).toMatchObject({ status: 'expired', fileKey: null });
    expect(await openExportDownload(ann, id)).toEqual({ kind: 'expired' });
  });

  it('builds exports whose job never ran, once they have waited two minutes', async () => {
    const ann = await makeMember('ann');
    const bob = await makeMember('bob');
    const late = await requestExport(ann);
    const fresh = await requestExport(bob);
    await getDb().update(dataExports).set({ createdAt: sql`now() - interval '3 minutes'` }).where(eq(dataExports.id, late.id));
    expect(await sweepExports()).toMatchObject({ built: 1, failed: 0 });
    expect((await exportRow(late.id)).status).toBe('ready');
    expect((await exportRow(fresh.id)).status).toBe('queued');
  });
});

describe('downloading', () => {
  it('gives the zip to its owner only, as an attachment that is not cached; others get not found', async () => {
    const ann = await makeMember('ann');
    const bob = await makeMember('bob');
    const { id } = await requestExport(ann);
    const get = (exportId: string) => download(new Request(`http://localhost/api/exports/${exportId}`), { params: Promise.resolve({ id: exportId }) });

    // Not ready yet: nothing to download.
    signedIn.viewer = ann;
    expect((await get(id)).status).toBe(404);
    await buildExport(id);

    const res = await get(id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="hearth-export-ann-${today}.zip"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(strFromU8(zip['index.html'])).toContain('@ann');
    expect((await exportRow(id)).downloadedAt).toBeInstanceOf(Date);

    // Another member and a visitor learn nothing: the same answer as for an export that does not exist.
    for (const viewer of [bob, null]) {
      signedIn.viewer = viewer;
      const other = await get(id);
      expect(other.status).toBe(404);
      expect(await other.text()).toBe('Not found');
    }
    signedIn.viewer = bob;
    expect((await get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('../../etc/passwd')).status).toBe(404);
    await expect(openExportDownload(bob, id)).rejects.toBeInstanceOf(NotFound);

    // Once expired, the owner is told it is gone.
    signedIn.viewer = ann;
    await getDb().update(dataExports).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(dataExports.id, id));
    const gone = await get(id);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toMatch(/expired/);
  });
});
