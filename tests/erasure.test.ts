import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { database, getDb } from '@/db/client';
import { accountClosures, dataRequestEvents, dataRequests, notifications, posts, sessions, users } from '@/db/schema';
import { authenticate, signUp } from '@/lib/auth/accounts';
import { createSession } from '@/lib/auth/sessions';
import { flagPost } from '@/lib/forum/flags';
import { likePost } from '@/lib/forum/likes';
import { bookmarkPost } from '@/lib/forum/bookmarks';
import { editPost, reply } from '@/lib/forum/posts';
import { createTopic } from '@/lib/forum/topics';
import { sendImmediateNotificationMails } from '@/lib/forum/notifications';
import { sendMessage, startConversation } from '@/lib/messages';
import { setAvatar, updateProfile } from '@/lib/members/profile';
import { type ClosureMode } from '@/db/schema';
import { dataMap } from '@/lib/privacy/data-map';
import { adminCloseAccount } from '@/lib/privacy/closure';
import { anonymousHandle, eraseMember } from '@/lib/privacy/erasure';
import { buildExport, requestExport } from '@/lib/privacy/export';
import { updateSettings } from '@/lib/settings';
import type { Actor } from '@/lib/permissions';
import { fieldErrors, makeMember, seedForumCategories, signUpForm, STRONG_PASSWORD } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

let uploads: string;
beforeAll(async () => {
  uploads = await fs.mkdtemp(path.join(os.tmpdir(), 'hearth-erasure-'));
  process.env.HEARTH_UPLOADS_DIR = uploads;
});
afterAll(async () => {
  delete process.env.HEARTH_UPLOADS_DIR;
  await fs.rm(uploads, { recursive: true, force: true });
});

let categoryId: number;
beforeEach(async () => {
  await fs.rm(uploads, { recursive: true, force: true });
  await fs.mkdir(uploads, { recursive: true });
  categoryId = (await seedForumCategories()).general;
  await updateSettings({ messagesMinTrustLevel: 0 });
});

/** Marker strings, unique enough that finding one anywhere means it came from this member. */
const identity = {
  name: 'Zorblaxname',
  username: 'zorblaxuser',
  email: 'zorblaxmail',
  bio: 'Zorblaxbio',
  location: 'Zorblaxlocation',
  website: 'zorblaxwebsite',
};
const content = {
  title: 'Zorblaxtitle',
  post: 'Zorblaxpost',
  reply: 'Zorblaxreply',
  edit: 'Zorblaxedit',
  editReason: 'Zorblaxeditreason',
  subject: 'Zorblaxsubject',
  message: 'Zorblaxmessage',
};
const personal = {
  flagNote: 'Zorblaxflagnote',
  request: 'Zorblaxrequest',
  avatar: 'Zorblaxavatar',
};

/** A tiny PNG whose bytes carry the marker after the image data. */
const png = () =>
  new Uint8Array([
    ...Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e90000000049454e44ae426082', 'hex'),
    ...Buffer.from(personal.avatar),
  ]);

/** Builds a member with markers in every personal field and traces in every part of the forum. */
async function markedMember() {
  const other = await makeMember('bea');
  const form = await signUpForm({ username: identity.username, name: identity.name, email: `${identity.email}@example.com` });
  await signUp(form, { ip: '203.0.113.77' });
  const [row] = await getDb().select().from(users).where(eq(users.username, identity.username));
  await getDb().update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, row.id));
  const member: Actor = { id: row.id, role: 'member', trustLevel: 1, suspendedUntil: null };
  await createSession(member.id, row.sessionVersion, { ip: '203.0.113.77', userAgent: 'Zorblax browser' });

  await updateProfile(member, { name: identity.name, bio: identity.bio, location: identity.location, website: `https://${identity.website}.example`, birthday: '1971-03-17' });
  const image = png();
  await setAvatar(member, { size: image.length, bytes: async () => image });

  // Their topic, edited with a reason; a reply to the other member's topic, which notifies them.
  const topic = await createTopic(member, { categoryId, title: `${content.title} about gardens`, body: `${content.post} opening words` });
  await editPost(member, topic.postId, { body: `${content.edit} changed words`, title: `${content.title} about gardens`, reason: content.editReason });
  const theirs = await createTopic(other, { categoryId, title: 'Bea asks about soil', body: 'What soil do you use?' });
  const answer = await reply(member, theirs.topicId, { body: `${content.reply} loam, @bea` });
  // The other member replies to theirs, likes and reports it (their report is about the member's post).
  await reply(other, topic.topicId, { body: 'Lovely garden.' });
  await likePost(other, topic.postId);
  await likePost(member, theirs.postId);
  await bookmarkPost(member, theirs.postId);
  await flagPost(member, theirs.postId, { reason: 'other', note: `${personal.flagNote} please look` });
  await flagPost(other, answer.postId, { reason: 'other', note: 'This reply looks like an advert' });

  // A conversation both ways.
  const { conversationId } = await startConversation(member, { to: 'bea', subject: content.subject, body: `${content.message} hello` });
  await sendMessage(other, conversationId, { body: 'Hello back' });

  // A data request with a step, and the notification mails to the other member (they name the member).
  const [request] = await getDb()
    .insert(dataRequests)
    .values({ userId: member.id, kind: 'other', details: `${personal.request} please correct`, dueAt: new Date(Date.now() + 30 * 86_400_000) })
    .returning();
  await getDb().insert(dataRequestEvents).values({ requestId: request.id, actorId: member.id, status: 'pending', body: `${personal.request} comment` });
  await sendImmediateNotificationMails();
  // A copy of their data, waiting to be downloaded.
  await buildExport((await requestExport(member)).id);

  return { member, other, topic, theirs, answer, conversationId, form };
}

/** Every text, json and bytea column of every table, from the catalog. */
async function scannableColumns() {
  const { rows } = await database().runner.executeSql(
    `select c.table_schema, c.table_name, c.column_name, c.data_type
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema not in ('pg_catalog', 'information_schema')
        and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea') or c.udt_name in ('_text', '_varchar'))`,
  );
  return rows as { table_schema: string; table_name: string; column_name: string; data_type: string }[];
}

/** Where each marker is still found: "table.column" for every column holding it. */
async function findMarkers(markers: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const c of await scannableColumns()) {
    const col = `"${c.column_name}"`;
    const from = `"${c.table_schema}"."${c.table_name}"`;
    for (const marker of markers) {
      const test =
        c.data_type === 'bytea'
          ? `position(convert_to($1, 'UTF8') in ${col}) > 0`
          : `strpos(lower(${col}::text), lower($1)) > 0`;
      const { rows } = await database().runner.executeSql(`select count(*)::int as n from ${from} where ${test}`, [marker]);
      if (Number(rows[0].n) > 0) (found[marker] ??= []).push(`${c.table_name}.${c.column_name}`);
    }
  }
  return found;
}

async function filesHolding(marker: string): Promise<string[]> {
  const hits: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if ((await fs.readFile(full)).includes(Buffer.from(marker))) hits.push(path.relative(uploads, full));
    }
  };
  await walk(uploads);
  return hits;
}

const keptColumns = new Set(
  Object.entries(dataMap).flatMap(([table, policy]) =>
    Object.entries(policy.columns)
      .filter(([, rule]) => rule.erase === 'keep')
      .map(([column]) => `${table}.${column}`),
  ),
);

const contentStays = new Set(
  Object.entries(dataMap)
    .filter(([, policy]) => policy.contribution)
    .flatMap(([table, policy]) =>
      Object.entries(policy.columns)
        .filter(([, rule]) => rule.personal && rule.category === 'content')
        .map(([column]) => `${table}.${column}`),
    ),
);

describe('closing an account leaves nothing behind', () => {
  it('the markers are everywhere before (the scan can find them)', async () => {
    await markedMember();
    const found = await findMarkers([...Object.values(identity), ...Object.values(content), personal.flagNote, personal.request]);
    for (const marker of [...Object.values(identity), ...Object.values(content), personal.flagNote, personal.request]) {
      expect(found[marker], marker).toBeDefined();
    }
    expect(found[identity.username]).toContain('mail_outbox.text_body');
    // The avatar, and the export zip that carries a copy of it.
    expect((await filesHolding(personal.avatar)).sort()).toEqual([expect.stringMatching(/^avatars\//), expect.stringMatching(/^exports\/.+\.zip$/)]);
  });

  it('erase: no marker survives outside columns the data map keeps, and no file holds one', async () => {
    const { member, other, topic, conversationId } = await markedMember();
    await eraseMember(member.id, 'erase');

    const found = await findMarkers([...Object.values(identity), ...Object.values(content), ...Object.values(personal)]);
    const outsideKept = Object.fromEntries(
      Object.entries(found)
        .map(([marker, columns]) => [marker, columns.filter((c) => !keptColumns.has(c))])
        .filter(([, columns]) => columns.length),
    );
    expect(outsideKept).toEqual({});
    // Only the topic title and the conversation subject stay (the map says why); no identity at all.
    for (const marker of Object.values(identity)) expect(found[marker], marker).toBeUndefined();
    expect(await filesHolding(personal.avatar)).toEqual([]);
    expect(await fs.readdir(path.join(uploads, 'exports'))).toEqual([]);

    // Thread structure stays: the opening post is a tombstone, the other member's reply is untouched.
    const thread = await getDb().select({ number: posts.postNumber, body: posts.body, deletedAt: posts.deletedAt, revisions: posts.revisionCount }).from(posts).where(eq(posts.topicId, topic.topicId)).orderBy(posts.postNumber);
    expect(thread).toHaveLength(2);
    expect(thread[0]).toMatchObject({ number: 1, body: '', revisions: 0 });
    expect(thread[0].deletedAt).not.toBeNull();
    expect(thread[1].body).toBe('Lovely garden.');
    // Their message is a removed marker in the other member's conversation; the other's message stays.
    const { rows: msgs } = await database().runner.executeSql('select body, removed_at from messages where conversation_id = $1 order by id', [conversationId]);
    expect(msgs.map((m) => [m.body, m.removed_at !== null])).toEqual([['', true], ['Hello back', false]]);
    // Likes the member gave are gone from the counts; notices to the other member about them are gone.
    const { rows: likeCounts } = await database().runner.executeSql('select like_count from posts where user_id = $1 and post_number = 1', [other.id]);
    expect(Number(likeCounts[0].like_count)).toBe(0);
    expect(await getDb().select().from(notifications).where(eq(notifications.actorId, member.id))).toEqual([]);
    // Reports about their posts went with them (a report may quote what it reports).
    const { rows: reports } = await database().runner.executeSql("select count(*)::int as n from flags where note = 'This reply looks like an advert'");
    expect(Number(reports[0].n)).toBe(0);
    // The account is an empty anonymous shell that can never sign in again.
    const [shell] = await getDb().select().from(users).where(eq(users.id, member.id));
    expect(shell).toMatchObject({ username: anonymousHandle(member.id), name: 'Former member', passwordHash: '', emailVerifiedAt: null, closure: 'erase' });
    expect(shell.closedAt).not.toBeNull();
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, member.id))).toEqual([]);
  });

  it('anonymize: content stays only where the map keeps contributions; no identity marker anywhere', async () => {
    const { member, topic } = await markedMember();
    await eraseMember(member.id, 'anonymize');

    const found = await findMarkers([...Object.values(identity), ...Object.values(content), ...Object.values(personal)]);
    for (const marker of Object.values(identity)) expect(found[marker], marker).toBeUndefined();
    for (const [marker, columns] of Object.entries(found)) {
      for (const column of columns) expect(contentStays.has(column) || keptColumns.has(column), `${marker} in ${column}`).toBe(true);
    }
    // Posts and their versions stay, under the anonymous handle.
    expect(found[content.edit]).toEqual(expect.arrayContaining(['posts.body', 'post_revisions.body']));
    expect(found[content.message]).toEqual(expect.arrayContaining(['messages.body']));
    expect(found[personal.flagNote]).toBeUndefined();
    expect(found[personal.request]).toBeUndefined();
    expect(await filesHolding(personal.avatar)).toEqual([]);
    const [opening] = await getDb().select({ userId: posts.userId, deletedAt: posts.deletedAt }).from(posts).where(eq(posts.id, topic.postId));
    expect(opening).toEqual({ userId: member.id, deletedAt: null });
    const [shell] = await getDb().select({ username: users.username, name: users.name }).from(users).where(eq(users.id, member.id));
    expect(shell).toEqual({ username: anonymousHandle(member.id), name: 'Former member' });
  });
});

describe('after closure', () => {
  it.each<ClosureMode>(['anonymize', 'erase'])('%s: the member cannot sign in and the username is held back, then released', async (mode) => {
    const { member, form } = await markedMember();
    await eraseMember(member.id, mode);
    await expect(authenticate(form.email, STRONG_PASSWORD, { ip: '203.0.113.9', userAgent: null })).rejects.toMatchObject({ code: 'invalid' });

    const again = await signUpForm({ username: identity.username, email: 'newcomer@example.com' });
    expect((await fieldErrors(signUp(again, { ip: '198.51.100.99' }))).username).toMatch(/taken/);
    await database().runner.executeSql("update username_quarantine set until = now() - interval '1 minute'");
    await signUp(again, { ip: '198.51.100.99' });
  });

  it('an admin closes an account with a reason; the log keeps the id, not the name or email', async () => {
    const admin = await makeMember('root', { role: 'admin' });
    const { member } = await markedMember();
    expect(await fieldErrors(adminCloseAccount(admin, member.id, { mode: 'erase', reason: 'short' }))).toHaveProperty('reason');
    await expect(adminCloseAccount(member, admin.id, { mode: 'erase', reason: 'not allowed to do this' })).rejects.toThrow();

    await adminCloseAccount(admin, member.id, { mode: 'erase', reason: 'Court order 2026/114 to remove the account' });
    const { rows } = await database().runner.executeSql("select actor_id, subject_id, reason, details::text as details from audit_log where action = 'member.close'");
    expect(rows).toEqual([{ actor_id: admin.id, subject_id: member.id, reason: 'Court order 2026/114 to remove the account', details: '{"mode": "erase"}' }]);
    const [closure] = await getDb().select().from(accountClosures).where(eq(accountClosures.userId, member.id));
    expect(closure).toMatchObject({ status: 'done', source: 'admin', mode: 'erase' });
    expect(await findMarkers(Object.values(identity))).toEqual({});
    // The final mail was written and then deleted with the address.
    const { rows: mail } = await database().runner.executeSql('select count(*)::int as n from mail_outbox where user_id = $1', [member.id]);
    expect(Number(mail[0].n)).toBe(0);
  });
});

