import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, consents, notifications, profiles, users } from '@/db/schema';
import { signUp } from '@/lib/auth/accounts';
import { Forbidden } from '@/lib/errors';
import { likePost } from '@/lib/forum/likes';
import { listNotifications, sendDailyNotificationSummaries, sendImmediateNotificationMails, updateNotificationPreferences } from '@/lib/forum/notifications';
import { reply } from '@/lib/forum/posts';
import { search } from '@/lib/forum/search';
import { createTopic, getTopicPage, listLatest } from '@/lib/forum/topics';
import { mailsTo } from '@/lib/mail/outbox';
import { startConversation } from '@/lib/messages';
import { blockMember } from '@/lib/members/blocks';
import { listDirectory, MEMBERS_PER_PAGE } from '@/lib/members/directory';
import { getMarketingConsent, marketingAudience, marketingAudienceSize, sendAnnouncement, setMarketingEmail } from '@/lib/members/marketing';
import { updatePrivacyChoices } from '@/lib/members/privacy-settings';
import { avatarKeyFor, updateProfile } from '@/lib/members/profile';
import { getPublicProfile } from '@/lib/members/public-profile';
import { isRestricted, liftRestriction, restrictedAmong, restrictProcessing } from '@/lib/members/restriction';
import { suggestMembers, SUGGEST_LIMIT } from '@/lib/members/suggest';
import type { Actor } from '@/lib/permissions';
import { updateSettings } from '@/lib/settings';
import { fieldErrors, makeMember, seedForumCategories, signUpForm, verifiedMember } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

const savedSecret = process.env.AUTH_SECRET;
beforeAll(() => {
  process.env.AUTH_SECRET = 'test-secret-for-privacy-everywhere';
});
afterAll(() => {
  if (savedSecret === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = savedSecret;
});

let cat: Record<'general' | 'feedback' | 'staff' | 'trusted', number>;
let pia: Actor; // keeps things private in most tests
let ben: Actor;
let cleo: Actor;
let admin: Actor;

beforeEach(async () => {
  cat = await seedForumCategories();
  pia = await makeMember('pia', { trustLevel: 1 });
  ben = await makeMember('ben', { trustLevel: 1 });
  cleo = await makeMember('cleo', { trustLevel: 1 });
  const [a] = await getDb().select().from(users).where(eq(users.role, 'admin'));
  admin = { id: a.id, role: a.role, trustLevel: a.trustLevel, suspendedUntil: null };
});

const bylineOf = async (viewer: Actor | null, topicId: number, postNumber = 1) => {
  const page = await getTopicPage(viewer, topicId);
  return page.posts.find((p) => p.postNumber === postNumber)!.author!;
};
const listed = async (viewer: Actor | null, q = '') => (await listDirectory(viewer, { q })).members.map((m) => m.username);
const suggested = async (viewer: Actor, q: string) => (await suggestMembers(viewer, q)).map((m) => m.username);
const setOnlineNow = (member: Actor) => getDb().update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, member.id));
const notificationMails = async (email: string) => (await mailsTo(email)).filter((m) => m.template.startsWith('notification'));
const giveAvatar = (member: Actor) => getDb().update(profiles).set({ avatarKey: `avatars/${member.id}-0a1b2c3d4e5f.png` }).where(eq(profiles.userId, member.id));

describe('a private profile', () => {
  beforeEach(async () => {
    await updatePrivacyChoices(pia, { profileVisibility: 'private' });
  });

  it('is a plain name in bylines for visitors and other members: no link, picture or online dot', async () => {
    await giveAvatar(pia);
    await setOnlineNow(pia);
    const t = await createTopic(pia, { categoryId: cat.general, title: 'Quiet hobbies', body: 'Knitting, mostly.' });
    for (const viewer of [null, ben]) {
      expect(await bylineOf(viewer, t.topicId)).toEqual({ id: pia.id, username: 'pia', name: 'pia Tester', profileVisible: false, avatarUrl: null, online: false });
      const [item] = (await listLatest(viewer)).topics;
      expect(item).toMatchObject({ author: 'pia', authorName: 'pia Tester', authorLinked: false });
    }
    // The picture itself is not served to them either.
    expect(await avatarKeyFor(null, pia.id)).toBeNull();
    expect(await avatarKeyFor(ben, pia.id)).toBeNull();
  });

  it('stays linked, with picture and presence, for staff and for the member', async () => {
    await giveAvatar(pia);
    await setOnlineNow(pia);
    const t = await createTopic(pia, { categoryId: cat.general, title: 'Quiet hobbies', body: 'Knitting, mostly.' });
    for (const viewer of [admin, pia]) {
      expect(await bylineOf(viewer, t.topicId)).toMatchObject({ profileVisible: true, avatarUrl: `/api/avatars/${pia.id}?v=4e5f.png`, online: true });
      expect((await listLatest(viewer)).topics[0].authorLinked).toBe(true);
    }
    expect(await avatarKeyFor(admin, pia.id)).toBe(`avatars/${pia.id}-0a1b2c3d4e5f.png`);
  });

  it('is absent from the directory and from mention suggestions for others, and listed for staff', async () => {
    expect(await listed(null)).not.toContain('pia');
    expect(await listed(ben)).not.toContain('pia');
    expect(await listed(ben)).toEqual(expect.arrayContaining(['ben', 'cleo', 'admin']));
    expect(await listed(ben, 'pia')).toEqual([]);
    expect(await suggested(ben, 'pi')).toEqual([]);

    const forStaff = await listDirectory(admin, { q: 'pia' });
    expect(forStaff.members).toMatchObject([{ username: 'pia', private: true }]);
    expect(await suggested(admin, 'pi')).toEqual(['pia']);
    // The member finds themselves in the directory (never in their own suggestions).
    expect(await listed(pia, 'pia')).toEqual(['pia']);
    expect(await suggested(pia, 'pi')).toEqual([]);
  });

  it('cannot be found through the author filter of search, though the posts themselves can', async () => {
    const t = await createTopic(pia, { categoryId: cat.general, title: 'Lantern festival', body: 'Paper lanterns on the river.' });
    const byWords = await search(ben, { q: 'lantern' });
    expect(byWords.hits.map((h) => h.postId)).toEqual([t.postId]);
    expect(byWords.hits[0].author).toEqual({ username: 'pia', name: 'pia Tester', profileVisible: false });

    for (const viewer of [null, ben]) expect((await search(viewer, { q: 'lantern', author: '@pia' })).hits).toEqual([]);
    expect((await search(admin, { q: 'lantern', author: 'pia' })).hits.map((h) => h.postId)).toEqual([t.postId]);
    expect((await search(pia, { q: 'lantern', author: 'pia' })).hits.map((h) => h.postId)).toEqual([t.postId]);
    expect((await search(admin, { q: 'lantern' })).hits[0].author.profileVisible).toBe(true);
  });
});

describe('a members-only profile', () => {
  beforeEach(async () => {
    await updatePrivacyChoices(pia, { profileVisibility: 'members' });
  });

  it('is hidden from visitors in bylines, the directory and search filters, and shown to members', async () => {
    const t = await createTopic(pia, { categoryId: cat.general, title: 'Members corner', body: 'Tea at four.' });
    expect((await bylineOf(null, t.topicId)).profileVisible).toBe(false);
    expect((await bylineOf(ben, t.topicId)).profileVisible).toBe(true);
    expect(await listed(null)).not.toContain('pia');
    expect(await listed(ben)).toContain('pia');
    expect((await search(null, { q: 'tea', author: 'pia' })).hits).toEqual([]);
    expect((await search(ben, { q: 'tea', author: 'pia' })).hits).toHaveLength(1);
    expect(await suggested(ben, 'pia')).toEqual(['pia']);
    expect(await avatarKeyFor(null, pia.id)).toBeNull();
  });
});

describe('online presence in bylines', () => {
  it('shows only to signed-in members, only when the member shows it, and never to someone they blocked', async () => {
    const t = await createTopic(pia, { categoryId: cat.general, title: 'Who is around?', body: 'Say hi.' });
    await setOnlineNow(pia);
    expect((await bylineOf(null, t.topicId)).online).toBe(false);
    expect((await bylineOf(ben, t.topicId)).online).toBe(true);

    await blockMember(pia, 'ben');
    expect((await bylineOf(ben, t.topicId)).online).toBe(false);
    expect((await bylineOf(cleo, t.topicId)).online).toBe(true);

    await updatePrivacyChoices(pia, { showOnline: false });
    expect((await bylineOf(cleo, t.topicId)).online).toBe(false);
    // Someone seen long ago is not online, whatever they chose.
    await updatePrivacyChoices(pia, { showOnline: true });
    await getDb().update(users).set({ lastSeenAt: new Date(Date.now() - 60 * 60_000) }).where(eq(users.id, pia.id));
    expect((await bylineOf(cleo, t.topicId)).online).toBe(false);
  });
});

describe('the members directory', () => {
  it('shows the email only to signed-in members and only when the member shows it, and the location only when shown', async () => {
    await updateProfile(pia, { name: 'Pia Park', location: 'Lisbon' });
    const row = async (viewer: Actor | null) => (await listDirectory(viewer, { q: 'pia' })).members[0];

    // Defaults: location shown, email hidden.
    expect(await row(ben)).toMatchObject({ name: 'Pia Park', location: 'Lisbon', email: null });
    expect((await getPublicProfile(ben, 'pia')).email).toBeNull();

    await updatePrivacyChoices(pia, { showEmail: true, showLocation: false });
    expect(await row(ben)).toMatchObject({ location: null, email: 'pia@example.com' });
    expect(await row(null)).toMatchObject({ location: null, email: null });
    expect((await getPublicProfile(ben, 'pia')).email).toBe('pia@example.com');

    await updatePrivacyChoices(pia, { showEmail: false });
    expect((await row(ben)).email).toBeNull();
    expect((await row(admin)).email).toBeNull();
    expect(JSON.stringify(await listDirectory(ben, {}))).not.toContain('pia@example.com');
    expect((await getPublicProfile(ben, 'pia')).email).toBeNull();
    // The member sees their own details.
    expect(await row(pia)).toMatchObject({ location: 'Lisbon', email: 'pia@example.com' });
  });

  it('searches names and usernames, never lists unconfirmed or closed accounts, and pages', async () => {
    await updateProfile(cleo, { name: 'Cleopatra Jones' });
    expect(await listed(ben, 'JONES')).toEqual(['cleo']);
    expect(await listed(ben, '@cle')).toEqual(['cleo']);
    expect(await listed(ben, '%')).toEqual([]);

    await signUp(await signUpForm({ username: 'newbie', email: 'newbie@example.com', name: 'New Bie' }), { ip: '192.0.2.99' });
    expect(await listed(admin, 'newbie')).toEqual([]);
    await getDb().update(users).set({ closedAt: new Date() }).where(eq(users.id, cleo.id));
    expect(await listed(ben, 'cleo')).toEqual([]);

    for (let i = 0; i < MEMBERS_PER_PAGE; i++) {
      await getDb().insert(users).values({ username: `filler${i}`, name: `Filler ${i}`, email: `filler${i}@example.com`, passwordHash: 'x', emailVerifiedAt: new Date() });
    }
    const first = await listDirectory(ben, { q: 'filler' });
    expect(first).toMatchObject({ total: MEMBERS_PER_PAGE, page: 1, pageCount: 1 });
    const all = await listDirectory(ben, {});
    expect(all.pageCount).toBe(2);
    const second = await listDirectory(ben, { page: '2' });
    expect(second.page).toBe(2);
    expect(all.members.length + second.members.length).toBe(all.total);
  });

  it('lists no one to visitors on a members-only site', async () => {
    await updateSettings({ membersOnly: true });
    expect(await listDirectory(null, {})).toMatchObject({ notice: 'members-only', members: [] });
    expect(await listed(ben)).toContain('cleo');
  });
});

describe('mention suggestions', () => {
  it('match the start of a username or a name, at most eight, exact username first', async () => {
    await updateProfile(cleo, { name: 'Benedict Clay' });
    expect(await suggested(pia, 'ben')).toEqual(['ben', 'cleo']);
    expect(await suggested(pia, '@BE')).toEqual(['ben', 'cleo']);
    expect(await suggested(pia, 'clay')).toEqual(['cleo']);
    expect(await suggested(pia, 'en')).toEqual([]);
    expect(await suggested(pia, '')).toEqual([]);
    expect(await suggested(pia, '_')).toEqual([]);

    for (let i = 0; i < SUGGEST_LIMIT + 2; i++) {
      await getDb().insert(users).values({ username: `benfan${i}`, name: `Fan ${i}`, email: `benfan${i}@example.com`, passwordHash: 'x', emailVerifiedAt: new Date() });
    }
    const many = await suggested(pia, 'ben');
    expect(many).toHaveLength(SUGGEST_LIMIT);
    expect(many[0]).toBe('ben');
  });

  it('leave out members who blocked the viewer, the viewer, and unconfirmed accounts', async () => {
    await blockMember(cleo, 'ben');
    expect(await suggested(ben, 'cle')).toEqual([]);
    expect(await suggested(pia, 'cle')).toEqual(['cleo']);
    expect(await suggested(ben, 'ben')).toEqual([]);
    await signUp(await signUpForm({ username: 'clementine', email: 'clem@example.com', name: 'Clem' }), { ip: '192.0.2.98' });
    expect(await suggested(pia, 'cle')).toEqual(['cleo']);
  });
});

describe('restricting processing', () => {
  const notificationCount = async (member: Actor) => (await getDb().select().from(notifications).where(eq(notifications.userId, member.id))).length;

  it('needs a confirmation, and can be lifted', async () => {
    expect(await fieldErrors(restrictProcessing(pia, {}))).toEqual({ confirm: 'Confirm that you want to restrict the processing of your data.' });
    expect(await isRestricted(pia.id)).toBe(false);
    const since = await restrictProcessing(pia, { confirm: 'yes' });
    expect(since).toBeInstanceOf(Date);
    expect(await isRestricted(pia.id)).toBe(true);
    expect(await restrictedAmong([pia.id, ben.id])).toEqual(new Set([pia.id]));
    // Restricting again keeps the first date; the other privacy choices are untouched.
    await updatePrivacyChoices(pia, { showEmail: true });
    expect((await restrictProcessing(pia, { confirm: 'yes' })).getTime()).toBe(since.getTime());
    await liftRestriction(pia);
    expect(await isRestricted(pia.id)).toBe(false);
  });

  it('creates no notification for a reply, mention, quote, like or message, and mails nothing', async () => {
    const t = await createTopic(pia, { categoryId: cat.general, title: 'Garden planning', body: 'What to plant?' });
    await restrictProcessing(pia, { confirm: 'yes' });
    const r = await reply(ben, t.topicId, { body: 'Beans, @pia, always beans.' });
    await reply(cleo, t.topicId, { body: `> Beans always.\n> — [ben](/p/${r.postId})\n\nAnd peas.`, replyToPostId: t.postId });
    await likePost(ben, t.postId);
    await startConversation(ben, { to: 'pia cleo', subject: 'Seeds', body: 'Want some bean seeds?' });
    expect(await notificationCount(pia)).toBe(0);
    expect((await listNotifications(pia)).total).toBe(0);
    // Others are told as usual.
    expect(await notificationCount(ben)).toBe(1);
    expect(await notificationCount(cleo)).toBe(1);

    expect(await sendImmediateNotificationMails()).toBe(2);
    expect(await notificationMails('pia@example.com')).toEqual([]);
    // The content stays visible.
    expect((await getTopicPage(null, t.topicId)).posts).toHaveLength(3);

    await liftRestriction(pia);
    await reply(cleo, t.topicId, { body: 'Welcome back, @pia.' });
    expect(await notificationCount(pia)).toBe(1);
  });

  it('drops notices that were waiting for mail, at once or in the daily summary', async () => {
    await updateNotificationPreferences(ben, { reply: 'daily' });
    const forPia = await createTopic(pia, { categoryId: cat.general, title: 'First topic', body: 'Hello.' });
    const forBen = await createTopic(ben, { categoryId: cat.general, title: 'Second topic', body: 'Hello.' });
    await reply(cleo, forPia.topicId, { body: 'Hi pia.' });
    await reply(cleo, forBen.topicId, { body: 'Hi ben.' });
    await restrictProcessing(pia, { confirm: 'yes' });
    await restrictProcessing(ben, { confirm: 'yes' });

    expect(await sendImmediateNotificationMails()).toBe(0);
    expect(await sendDailyNotificationSummaries()).toBe(0);
    expect(await notificationMails('pia@example.com')).toEqual([]);
    expect(await notificationMails('ben@example.com')).toEqual([]);
    // Lifting the restriction does not send what was held back.
    await liftRestriction(pia);
    await liftRestriction(ben);
    expect(await sendImmediateNotificationMails()).toBe(0);
    expect(await sendDailyNotificationSummaries()).toBe(0);
  });
});

describe('notification mails', () => {
  it('carry no detail the author keeps hidden', async () => {
    await updateProfile(pia, { name: 'Pia Park', location: 'Secret Harbour', website: 'https://pia.example.net', birthday: '1990-03-04' });
    await updatePrivacyChoices(pia, { profileVisibility: 'private', showEmail: false, showLocation: false, showWebsite: false });
    const t = await createTopic(ben, { categoryId: cat.general, title: 'Boat repairs', body: 'Hull is leaking.' });
    await reply(pia, t.topicId, { body: 'Try pitch, @cleo knows how.' });
    expect(await sendImmediateNotificationMails()).toBe(2);
    for (const email of ['ben@example.com', 'cleo@example.com']) {
      const [mail] = await notificationMails(email);
      expect(mail.subject).toMatch(/^pia (replied|mentioned you) in “Boat repairs”$/);
      for (const hidden of ['pia@example.com', 'Secret Harbour', 'pia.example.net', '1990', 'March']) expect(mail.textBody).not.toContain(hidden);
    }
  });
});

describe('mail about the community', () => {
  const marketingRows = (member: Actor) => getDb().select().from(consents).where(and(eq(consents.userId, member.id), eq(consents.kind, 'marketing_email')));

  it('is off by default; opting in records a consent, opting out withdraws it', async () => {
    expect(await getMarketingConsent(pia.id)).toEqual({ on: false, since: null });
    expect(await marketingRows(pia)).toEqual([]);

    const on = await setMarketingEmail(pia, { marketingEmail: 'on' });
    expect(on.on).toBe(true);
    let rows = await marketingRows(pia);
    expect(rows).toHaveLength(1);
    expect(rows[0].givenAt).toBeInstanceOf(Date);
    expect(rows[0].withdrawnAt).toBeNull();
    expect(on.since).toEqual(rows[0].givenAt);
    // Saying yes again records nothing new.
    await setMarketingEmail(pia, { marketingEmail: true });
    expect(await marketingRows(pia)).toHaveLength(1);

    expect(await setMarketingEmail(pia, { marketingEmail: false })).toEqual({ on: false, since: null });
    rows = await marketingRows(pia);
    expect(rows).toHaveLength(1);
    expect(rows[0].withdrawnAt).toBeInstanceOf(Date);

    await setMarketingEmail(pia, { marketingEmail: 'on' });
    rows = await marketingRows(pia);
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.withdrawnAt === null)).toHaveLength(1);

    expect(await fieldErrors(setMarketingEmail(pia, { marketingEmail: 'maybe' }))).toHaveProperty('marketingEmail');
  });

  it('reaches only confirmed, open, unrestricted members who opted in (at sign-up or later)', async () => {
    const { user: signedUpYes } = await verifiedMember({ username: 'newsy', email: 'newsy@example.com', name: 'Newsy', marketingEmail: true }, '192.0.2.50');
    await signUp(await signUpForm({ username: 'unconfirmed', email: 'unconfirmed@example.com', name: 'Unconfirmed', marketingEmail: true }), { ip: '192.0.2.51' });
    const dan = await makeMember('dan');
    const eve = await makeMember('eve');
    for (const m of [pia, ben, cleo, dan, eve]) await setMarketingEmail(m, { marketingEmail: true });
    await setMarketingEmail(ben, { marketingEmail: false });
    await restrictProcessing(cleo, { confirm: 'yes' });
    await getDb().update(users).set({ closedAt: new Date() }).where(eq(users.id, dan.id));

    const audience = await marketingAudience();
    expect(audience.map((m) => m.email).sort()).toEqual(['eve@example.com', 'newsy@example.com', 'pia@example.com']);
    expect(audience.find((m) => m.id === signedUpYes.id)).toBeDefined();
    expect(await marketingAudienceSize(admin)).toBe(3);
    await expect(marketingAudienceSize(ben)).rejects.toBeInstanceOf(Forbidden);
  });

  it('sends an announcement to that audience only, with the way to stop, and logs the count', async () => {
    await setMarketingEmail(pia, { marketingEmail: true });
    await setMarketingEmail(cleo, { marketingEmail: true });
    await restrictProcessing(cleo, { confirm: 'yes' });

    await expect(sendAnnouncement(ben, { subject: 'Hi', body: 'Hello' })).rejects.toBeInstanceOf(Forbidden);
    expect(await fieldErrors(sendAnnouncement(admin, { subject: '', body: 'Hello' }))).toEqual({ subject: 'Subject is required.' });
    expect(await fieldErrors(sendAnnouncement(admin, { subject: 'Two\nlines', body: '' }))).toEqual({ subject: 'Keep the subject on one line.', body: 'Message is required.' });

    expect(await sendAnnouncement(admin, { subject: 'Summer meetup', body: 'We meet in the park on 1 July.' })).toBe(1);
    const [mail] = (await mailsTo('pia@example.com')).filter((m) => m.template === 'announcement');
    expect(mail.subject).toBe('Summer meetup');
    expect(mail.textBody).toContain('We meet in the park on 1 July.');
    expect(mail.textBody).toContain('http://localhost:3000/settings/privacy');
    expect(mail.textBody).toMatch(/unsubscribe/i);
    for (const email of ['ben@example.com', 'cleo@example.com']) expect((await mailsTo(email)).filter((m) => m.template === 'announcement')).toEqual([]);

    const entries = await getDb().select().from(auditLog).where(eq(auditLog.action, 'announcement.send'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: admin.id, subjectType: 'site', details: { recipients: 1 } });
    expect(JSON.stringify(entries[0])).not.toContain('pia');
  });
});
