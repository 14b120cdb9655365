import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { seed } from '@/db/seed';
import { auditLog, categories, users } from '@/db/schema';
import { Forbidden, NotFound } from '@/lib/errors';
import { listNotifications, sendImmediateNotificationMails, unreadNotificationCount } from '@/lib/forum/notifications';
import { createTopic } from '@/lib/forum/topics';
import { mailsTo } from '@/lib/mail/outbox';
import { blockMember, unblockMember } from '@/lib/members/blocks';
import { updatePrivacyChoices } from '@/lib/members/privacy-settings';
import { getPublicProfile } from '@/lib/members/public-profile';
import {
  adminAccessesForMember,
  adminListConversations,
  adminOpenConversation,
  adminViewConversation,
  getConversation,
  leaveConversation,
  listConversations,
  messageOffer,
  sendMessage,
  setArchived,
  startConversation,
  unreadConversationCount,
} from '@/lib/messages';
import type { Actor } from '@/lib/permissions';
import { updateSettings } from '@/lib/settings';
import { fieldErrors, makeMember } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

type Member = Actor & { username: string };

let ann: Member;
let ben: Member;
let cleo: Member;
let mod: Member;
let admin: Member;

async function named(username: string, changes: Parameters<typeof makeMember>[1] = { trustLevel: 1 }): Promise<Member> {
  return { ...(await makeMember(username, changes)), username };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

async function annWritesToBen(subject = 'Meeting on Saturday') {
  return (await startConversation(ann, { to: '@ben', subject, body: 'Shall we meet at **ten**?' })).conversationId;
}

beforeEach(async () => {
  await seed();
  ann = await named('ann');
  ben = await named('ben');
  cleo = await named('cleo');
  mod = await named('mod', { role: 'moderator', trustLevel: 1 });
  admin = await named('boss', { role: 'admin', trustLevel: 1 });
});

describe('who may start a conversation', () => {
  it('refuses a member at trust level 0 under the default setting, with a clear message', async () => {
    const newcomer = await named('newbie', { trustLevel: 0 });
    const errors = await fieldErrors(startConversation(newcomer, { to: 'ben', subject: 'Hello there', body: 'Hi!' }));
    expect(errors.form).toMatch(/from trust level 1; you are at level 0/);
    expect(await messageOffer(newcomer, 'ben')).toMatchObject({ allowed: false, reason: expect.stringMatching(/trust level 1/) });
    // Staff may always write, and the setting can open messaging to everyone.
    const staff = await named('helper', { role: 'moderator', trustLevel: 0 });
    await expect(startConversation(staff, { to: 'ben', subject: 'Welcome', body: 'Hi!' })).resolves.toMatchObject({ conversationId: expect.any(Number) });
    await updateSettings({ messagesMinTrustLevel: 0 });
    await expect(startConversation(newcomer, { to: 'ben', subject: 'Hello there', body: 'Hi!' })).resolves.toBeTruthy();
  });

  it('names each problem beside the field it belongs to', async () => {
    expect(await fieldErrors(startConversation(ann, { to: '', subject: '', body: '' }))).toMatchObject({
      to: 'Add at least one other member.',
      subject: 'Subject is required.',
      body: 'Message is required.',
    });
    expect((await fieldErrors(startConversation(ann, { to: 'ben nobody', subject: 'Hi', body: 'Hi' }))).to).toBe('No member is called @nobody.');
    expect((await fieldErrors(startConversation(ann, { to: 'ann', subject: 'Hi', body: 'Hi' }))).to).toBe('Add at least one other member.');
  });

  it('limits the members in one conversation and the new conversations a day (settings)', async () => {
    await updateSettings({ messagesMaxParticipants: 3, messagesPerDay: 2 });
    expect((await fieldErrors(startConversation(ann, { to: 'ben cleo mod', subject: 'All of us', body: 'Hi' }))).to).toBe(
      'A conversation can have at most 3 members, you included.',
    );
    await startConversation(ann, { to: 'ben, cleo', subject: 'One', body: 'Hi' });
    await startConversation(ann, { to: 'ben', subject: 'Two', body: 'Hi' });
    const errors = await fieldErrors(startConversation(ann, { to: 'cleo', subject: 'Three', body: 'Hi' }));
    expect(errors.form).toMatch(/started 2 conversations in the last 24 hours/);
  });

  it('follows each member’s "allow messages from" choice; staff still reach them', async () => {
    await updatePrivacyChoices(ben, { allowMessagesFrom: 'nobody' });
    expect((await fieldErrors(startConversation(ann, { to: 'ben', subject: 'Hi', body: 'Hi' }))).to).toBe('@ben does not accept private messages.');
    await expect(startConversation(mod, { to: 'ben', subject: 'From the staff', body: 'Hi' })).resolves.toBeTruthy();

    await updatePrivacyChoices(ben, { allowMessagesFrom: 'previous' });
    expect((await fieldErrors(startConversation(ann, { to: 'ben', subject: 'Hi', body: 'Hi' }))).to).toMatch(/only from members they have written to before/);
    // Once Ben has written to Ann, she may write to him.
    await startConversation(ben, { to: 'ann', subject: 'Question', body: 'Are you coming?' });
    await expect(startConversation(ann, { to: 'ben', subject: 'Answer', body: 'Yes' })).resolves.toBeTruthy();
  });
});

describe('a conversation between two members', () => {
  it('notifies the recipient in the app and by mail (without the text), and tracks unread state both ways', async () => {
    const id = await annWritesToBen();
    expect(await unreadNotificationCount(ben)).toBe(1);
    const notices = await listNotifications(ben);
    expect(notices.items[0]).toMatchObject({ kind: 'message', actor: 'ann', title: 'Meeting on Saturday', target: `/messages/${id}` });

    expect(await sendImmediateNotificationMails()).toBe(1);
    const [mail] = await mailsTo('ben@example.com');
    expect(mail.subject).toContain('ann sent you a message');
    expect(mail.textBody).toContain(`/messages/${id}`);
    expect(mail.textBody).not.toContain('ten');

    const inbox = await listConversations(ben);
    expect(inbox.conversations).toEqual([expect.objectContaining({ id, subject: 'Meeting on Saturday', with: ['ann'], unread: 1 })]);
    expect(inbox.unreadConversations).toBe(1);

    const opened = await getConversation(ben, id);
    expect(opened.messages).toEqual([expect.objectContaining({ sender: { username: 'ann', name: 'ann Tester' }, unread: true })]);
    expect(opened.messages[0].bodyHtml).toContain('<strong>ten</strong>');
    expect((await listConversations(ben)).conversations[0].unread).toBe(0);
    expect(await unreadNotificationCount(ben)).toBe(0);

    await sendMessage(ben, id, { body: 'Ten is fine.' });
    expect(await unreadConversationCount(ann)).toBe(1);
    expect((await listConversations(ann)).conversations[0].unread).toBe(1);
    const annView = await getConversation(ann, id);
    expect(annView.messages.map((m) => [m.sender?.username, m.unread])).toEqual([
      ['ann', false],
      ['ben', true],
    ]);
    expect(await unreadConversationCount(ann)).toBe(0);
  });

  it('gathers unread message notices of one conversation into one', async () => {
    const id = await annWritesToBen();
    await sendMessage(ann, id, { body: 'And bring the map.' });
    await sendMessage(ann, id, { body: 'Please.' });
    expect((await listNotifications(ben)).items.filter((i) => i.kind === 'message')).toHaveLength(1);
  });

  it('archives, brings back with a new message, and lets a member leave for good', async () => {
    const id = await annWritesToBen();
    await setArchived(ben, id, true);
    expect((await listConversations(ben)).conversations).toEqual([]);
    expect((await listConversations(ben, { archived: true })).conversations.map((c) => c.id)).toEqual([id]);
    await sendMessage(ann, id, { body: 'Still on?' });
    expect((await listConversations(ben)).conversations.map((c) => c.id)).toEqual([id]);

    await leaveConversation(ben, id);
    expect(await rejection(getConversation(ben, id))).toBeInstanceOf(NotFound);
    expect((await listConversations(ben)).conversations).toEqual([]);
    const annView = await getConversation(ann, id);
    expect(annView.participants).toEqual(expect.arrayContaining([{ username: 'ben', name: 'ben Tester', left: true }]));
    expect(annView.replyRefusal).toBe('Everyone else has left this conversation.');
  });
});

describe('only participants', () => {
  it('every way into a conversation refuses someone who is not in it, staff included', async () => {
    const id = await annWritesToBen();
    for (const outsider of [cleo, mod, admin]) {
      expect(await rejection(getConversation(outsider, id))).toBeInstanceOf(NotFound);
      expect(await rejection(sendMessage(outsider, id, { body: 'Hi' }))).toBeInstanceOf(NotFound);
      expect(await rejection(setArchived(outsider, id, true))).toBeInstanceOf(NotFound);
      expect(await rejection(leaveConversation(outsider, id))).toBeInstanceOf(NotFound);
      expect((await listConversations(outsider)).conversations).toEqual([]);
      expect(await unreadConversationCount(outsider)).toBe(0);
      expect((await listNotifications(outsider)).items).toEqual([]);
    }
    expect(await rejection(getConversation(ann, id + 1000))).toBeInstanceOf(NotFound);
  });

  it('a member who left no longer sees the notice about it', async () => {
    const id = await annWritesToBen();
    expect(await unreadNotificationCount(ben)).toBe(1);
    await leaveConversation(ben, id);
    expect((await listNotifications(ben)).items).toEqual([]);
  });
});

describe('blocking', () => {
  it('a blocked member can no longer message or mention you', async () => {
    const id = await annWritesToBen();
    await blockMember(ben, '@ann');

    const errors = await fieldErrors(sendMessage(ann, id, { body: 'Hello?' }));
    expect(errors.form).toBe('You cannot send messages here: @ben does not accept messages from you.');
    expect((await getConversation(ann, id)).replyRefusal).toMatch(/@ben does not accept messages from you/);
    expect((await fieldErrors(startConversation(ann, { to: 'ben', subject: 'Again', body: 'Hi' }))).to).toBe('@ben does not accept messages from you.');
    expect(await messageOffer(ann, 'ben')).toEqual({ allowed: false, reason: '@ben does not accept messages from you.' });
    // Ben can still write.
    await expect(sendMessage(ben, id, { body: 'Please stop.' })).resolves.toBeTruthy();

    const [general] = await getDb().select({ id: categories.id }).from(categories).where(eq(categories.slug, 'general'));
    await createTopic(ann, { categoryId: general.id, title: 'Hello @ben and @cleo', body: 'Hi @ben and @cleo, welcome!' });
    const benNotices = (await listNotifications(ben)).items.map((i) => i.kind);
    const cleoNotices = (await listNotifications(cleo)).items.map((i) => i.kind);
    expect(benNotices).not.toContain('mention');
    expect(cleoNotices).toContain('mention');

    await unblockMember(ben, ann.id);
    await expect(sendMessage(ann, id, { body: 'Sorry.' })).resolves.toBeTruthy();
  });

  it('hides your online presence from a member you blocked', async () => {
    await getDb().update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, ben.id));
    expect((await getPublicProfile(ann, 'ben')).online).toBe(true);
    await blockMember(ben, 'ann');
    expect((await getPublicProfile(ann, 'ben')).online).toBeNull();
    expect((await getPublicProfile(cleo, 'ben')).online).toBe(true);
    expect((await getPublicProfile(null, 'ben')).online).toBeNull();
  });

  it('staff cannot be blocked, nor can you block yourself or nobody', async () => {
    expect((await fieldErrors(blockMember(ann, 'mod'))).username).toMatch(/on the staff/);
    expect((await fieldErrors(blockMember(ann, 'ann'))).username).toBe('You cannot block yourself.');
    expect((await fieldErrors(blockMember(ann, 'ghost'))).username).toBe('No member is called @ghost.');
  });
});

describe('administrator access', () => {
  it('needs a reason, is written to the audit log, and is shown to the participants', async () => {
    const id = await annWritesToBen();
    expect(await rejection(adminOpenConversation(mod, id, 'Checking a report of harassment'))).toBeInstanceOf(Forbidden);
    expect((await fieldErrors(adminOpenConversation(admin, id, 'because'))).reason).toMatch(/at least 10 characters/);
    expect(await rejection(adminViewConversation(admin, id, 999))).toBeInstanceOf(Forbidden);
    expect(await rejection(adminViewConversation(admin, id + 1000, 999))).toBeInstanceOf(NotFound);

    // The admin list shows who and when, never what.
    const list = await adminListConversations(admin);
    expect(list.conversations).toEqual([expect.objectContaining({ id, participants: ['ann', 'ben'], messageCount: 1 })]);
    expect(JSON.stringify(list)).not.toContain('Meeting on Saturday');
    expect(await rejection(adminListConversations(mod))).toBeInstanceOf(Forbidden);

    const { accessId } = await adminOpenConversation(admin, id, 'Checking a report of harassment');
    const seen = await adminViewConversation(admin, id, accessId);
    expect(seen.messages.map((m) => m.sender?.username)).toEqual(['ann']);
    // Another admin cannot use someone else's access.
    const other = await named('chief', { role: 'admin', trustLevel: 1 });
    expect(await rejection(adminViewConversation(other, id, accessId))).toBeInstanceOf(Forbidden);

    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.id, accessId));
    expect(entry).toMatchObject({ actorId: admin.id, action: 'conversation.admin_view', subjectType: 'conversation', subjectId: String(id), reason: 'Checking a report of harassment' });
    // Opening it the admin way marks nothing read for the participants.
    expect((await listConversations(ben)).conversations[0].unread).toBe(1);

    for (const participant of [ann, ben]) {
      expect((await getConversation(participant, id)).accesses).toEqual([{ at: entry.createdAt, reason: 'Checking a report of harassment' }]);
      expect(await adminAccessesForMember(participant)).toEqual([{ conversationId: id, subject: 'Meeting on Saturday', at: entry.createdAt, reason: 'Checking a report of harassment', left: false }]);
    }
    expect(await adminAccessesForMember(cleo)).toEqual([]);
  });
});
