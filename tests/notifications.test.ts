import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, notifications, posts, users } from '@/db/schema';
import { seed } from '@/db/seed';
import { signUp } from '@/lib/auth/accounts';
import { Forbidden, NotFound } from '@/lib/errors';
import { anonymizePost, deletePost, reply } from '@/lib/forum/posts';
import { createTopic } from '@/lib/forum/topics';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  getNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  memberForSettingsToken,
  notificationSettingsToken,
  notifyLike,
  notifyStaffAction,
  openNotification,
  sendDailyNotificationSummaries,
  sendImmediateNotificationMails,
  unreadNotificationCount,
  updateNotificationPreferences,
  updateNotificationPreferencesWithToken,
} from '@/lib/forum/notifications';
import { startJobs, stopJobs } from '@/lib/jobs';
import { mailsTo } from '@/lib/mail/outbox';
import type { Actor } from '@/lib/permissions';
import { fieldErrors, signUpForm, verifiedMember } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

const savedSecret = process.env.AUTH_SECRET;
beforeAll(() => {
  process.env.AUTH_SECRET = 'test-secret-for-notification-links';
});
afterAll(() => {
  if (savedSecret === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = savedSecret;
});

type UserRow = typeof users.$inferSelect;
const actor = (u: UserRow): Actor => ({ id: u.id, role: u.role, trustLevel: u.trustLevel, suspendedUntil: u.suspendedUntil });

let ada: UserRow;
let bob: UserRow;
let carol: UserRow;
let admin: UserRow;
let general: number;

async function categoryId(slug: string) {
  const [c] = await getDb().select({ id: categories.id }).from(categories).where(eq(categories.slug, slug));
  return c.id;
}

async function member(username: string, ip: string) {
  const { user } = await verifiedMember({ username, name: username[0].toUpperCase() + username.slice(1), email: `${username}@example.com` }, ip);
  return user;
}

beforeEach(async () => {
  await seed();
  ada = await member('ada', '203.0.113.1');
  bob = await member('bob', '203.0.113.2');
  carol = await member('carol', '203.0.113.3');
  [admin] = await getDb().select().from(users).where(eq(users.role, 'admin'));
  general = await categoryId('general');
});

/** The member's notifications as kind and post, oldest first. */
async function kinds(u: UserRow) {
  const { items } = await listNotifications(actor(u));
  return items.map((i) => ({ kind: i.kind, postId: i.post?.id ?? null })).reverse();
}

async function notificationRows(u: UserRow) {
  return getDb().select().from(notifications).where(eq(notifications.userId, u.id));
}

describe('notifications for new posts', () => {
  it('tells the topic author about a reply, and the author of the post replied to', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Favourite teas', body: 'Mine is oolong.' });
    const bobs = await reply(actor(bob), topic.topicId, { body: 'Rooibos, every day.' });
    expect(await kinds(ada)).toEqual([{ kind: 'reply', postId: bobs.postId }]);

    const carols = await reply(actor(carol), topic.topicId, { body: 'Rooibos is not a tea!', replyToPostId: bobs.postId });
    expect(await kinds(bob)).toEqual([{ kind: 'reply', postId: carols.postId }]);
    expect(await kinds(ada)).toEqual([
      { kind: 'reply', postId: bobs.postId },
      { kind: 'reply', postId: carols.postId },
    ]);
    expect(await kinds(carol)).toEqual([]);

    const [latest] = (await listNotifications(actor(ada))).items;
    expect(latest).toMatchObject({
      actor: 'carol',
      read: false,
      title: 'Favourite teas',
      post: { id: carols.postId, number: 3, permalink: `/p/${carols.postId}` },
      target: `/p/${carols.postId}`,
      summary: 'carol replied in “Favourite teas”',
    });
  });

  it('tells a mentioned member, in a new topic and in a reply', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Planning the meetup', body: 'What do you think, @bob?' });
    const carols = await reply(actor(carol), topic.topicId, { body: 'Let us ask @Bob and @nobody-here too.' });
    expect(await kinds(bob)).toEqual([
      { kind: 'mention', postId: topic.postId },
      { kind: 'mention', postId: carols.postId },
    ]);
    expect((await listNotifications(actor(bob))).items[1].summary).toBe('ada mentioned you in “Planning the meetup”');
  });

  it('tells the author of a quoted post', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Best editor', body: 'Vim, obviously.' });
    const bobs = await reply(actor(bob), topic.topicId, { body: 'Emacs has everything.' });
    const carols = await reply(actor(carol), topic.topicId, { body: `> Emacs has everything.\n> — [bob](/p/${bobs.postId})\n\nExcept a good editor.` });
    expect(await kinds(bob)).toEqual([{ kind: 'quote', postId: carols.postId }]);
    expect((await listNotifications(actor(bob))).items[0].summary).toBe('carol quoted you in “Best editor”');
  });

  it('sends one notice to a member who is both mentioned and replied to', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Garden club', body: 'Who is in?' });
    const bobs = await reply(actor(bob), topic.topicId, { body: 'I am, @ada.' });
    expect(await kinds(ada)).toEqual([{ kind: 'mention', postId: bobs.postId }]);
    expect(await notificationRows(ada)).toHaveLength(1);
  });

  it('never tells members about their own posts', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Notes to self', body: 'Remember this, @ada.' });
    const first = await reply(actor(ada), topic.topicId, { body: 'And this.' });
    await reply(actor(ada), topic.topicId, { body: `> And this.\n> [ada](/p/${first.postId})\n\nIndeed, @ada.`, replyToPostId: first.postId });
    expect(await notificationRows(ada)).toHaveLength(0);
    expect(await unreadNotificationCount(actor(ada))).toBe(0);
  });

  it('never tells a member about a category they cannot see', async () => {
    await createTopic(actor(admin), { categoryId: await categoryId('staff'), title: 'Moderator rota', body: 'Should we ask @bob to help?' });
    expect(await notificationRows(bob)).toHaveLength(0);

    const [trusted] = await getDb()
      .insert(categories)
      .values({ slug: 'lounge', name: 'Lounge', visibility: 'trust', minTrustLevel: 2, position: 5 })
      .returning({ id: categories.id });
    await getDb().update(users).set({ trustLevel: 2 }).where(eq(users.id, ada.id));
    ada = { ...ada, trustLevel: 2 };
    const lounge = await createTopic(actor(ada), { categoryId: trusted.id, title: 'Regulars only', body: 'Hello @bob and @carol.' });
    expect(await notificationRows(bob)).toHaveLength(0);
    expect(await notificationRows(carol)).toHaveLength(0);

    // Staff can see both, so they are told.
    await reply(actor(ada), lounge.topicId, { body: 'And @admin, of course.' });
    expect((await kinds(admin)).map((k) => k.kind)).toEqual(['mention']);
  });

  it('hides a notification when its category later becomes hidden from the member', async () => {
    const feedback = await categoryId('feedback');
    await createTopic(actor(ada), { categoryId: feedback, title: 'Dark mode please', body: 'What do you say, @bob?' });
    expect(await unreadNotificationCount(actor(bob))).toBe(1);

    await getDb().update(categories).set({ visibility: 'staff' }).where(eq(categories.id, feedback));
    expect(await unreadNotificationCount(actor(bob))).toBe(0);
    expect(await listNotifications(actor(bob))).toMatchObject({ items: [], total: 0, unread: 0 });
    const [row] = await notificationRows(bob);
    await expect(openNotification(actor(bob), row.id)).rejects.toBeInstanceOf(NotFound);

    // Nothing of it goes out by mail either.
    expect(await sendImmediateNotificationMails()).toBe(0);
    expect(await mailsTo(bob.email)).toHaveLength(1); // only the address confirmation
  });

  it('hides notifications about a topic that was deleted', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Short lived', body: 'Hi @bob.' });
    expect(await unreadNotificationCount(actor(bob))).toBe(1);
    await deletePost(actor(admin), topic.postId);
    expect(await unreadNotificationCount(actor(bob))).toBe(0);
  });

  it('does not name the author of a post they later made anonymous', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Sensitive subject', body: 'Thoughts?' });
    const bobs = await reply(actor(bob), topic.topicId, { body: 'A candid answer.' });
    await anonymizePost(actor(bob), bobs.postId);
    const [item] = (await listNotifications(actor(ada))).items;
    expect(item.actor).toBeNull();
    expect(item.summary).toBe('Someone replied in “Sensitive subject”');
  });
});

describe('unread count and reading', () => {
  it('counts unread notifications, marks one read when opened and all at once', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Reading list', body: 'Share yours.' });
    const first = await reply(actor(bob), topic.topicId, { body: 'Dune.' });
    await reply(actor(carol), topic.topicId, { body: 'Middlemarch.' });
    await reply(actor(bob), topic.topicId, { body: 'Also Solaris.' });
    expect(await unreadNotificationCount(actor(ada))).toBe(3);

    const page = await listNotifications(actor(ada));
    expect(page).toMatchObject({ total: 3, unread: 3, page: 1, pageCount: 1 });
    const oldest = page.items[2];
    expect(oldest.post?.id).toBe(first.postId);
    expect(oldest.href).toBe(`/notifications/${oldest.id}`);

    // Someone else cannot open (or learn about) ada's notification.
    await expect(openNotification(actor(bob), oldest.id)).rejects.toBeInstanceOf(NotFound);
    expect(await markNotificationRead(actor(bob), oldest.id)).toBe(false);
    expect(await unreadNotificationCount(actor(ada))).toBe(3);

    expect(await openNotification(actor(ada), oldest.id)).toEqual({ href: `/p/${first.postId}` });
    expect(await unreadNotificationCount(actor(ada))).toBe(2);
    expect((await listNotifications(actor(ada))).items.map((i) => i.read)).toEqual([false, false, true]);

    expect(await markAllNotificationsRead(actor(ada))).toBe(2);
    expect(await unreadNotificationCount(actor(ada))).toBe(0);
    expect((await listNotifications(actor(ada))).total).toBe(3);
  });

  it('pages through many notifications, newest first', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Counting game', body: 'Count with me.' });
    for (let n = 1; n <= 7; n++) await reply(actor(n % 2 ? bob : carol), topic.topicId, { body: `Number ${n}` });
    const first = await listNotifications(actor(ada), 1, 3);
    const last = await listNotifications(actor(ada), 3, 3);
    expect(first).toMatchObject({ page: 1, pageCount: 3, total: 7 });
    expect(first.items.map((i) => i.post?.number)).toEqual([8, 7, 6]);
    expect(last.items.map((i) => i.post?.number)).toEqual([2]);
    expect((await listNotifications(actor(ada), 9, 3)).items).toEqual([]);
  });
});

describe('likes and staff actions', () => {
  it('gathers likes on one post into a single unread notice', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Photo of my cat', body: 'Meet Biscuit.' });
    await notifyLike(ada.id, topic.postId); // her own like: nothing
    expect(await notificationRows(ada)).toHaveLength(0);

    await getDb().update(posts).set({ likeCount: 1 }).where(eq(posts.id, topic.postId));
    await notifyLike(bob.id, topic.postId);
    await getDb().update(posts).set({ likeCount: 2 }).where(eq(posts.id, topic.postId));
    await notifyLike(carol.id, topic.postId);
    expect(await notificationRows(ada)).toHaveLength(1);
    const [item] = (await listNotifications(actor(ada))).items;
    expect(item).toMatchObject({ kind: 'like', actor: 'carol', others: 1, summary: 'carol and 1 other liked your post in “Photo of my cat”' });

    // Once read, a new like is news again.
    await markAllNotificationsRead(actor(ada));
    await notifyLike(admin.id, topic.postId);
    expect(await unreadNotificationCount(actor(ada))).toBe(1);
    expect(await notificationRows(ada)).toHaveLength(2);
  });

  it('tells the author why staff acted on their post, without naming the moderator', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Buy cheap watches', body: 'Great deals!' });
    await notifyStaffAction(admin.id, topic.postId, 'Your post was hidden:\nit looks like advertising.');
    await deletePost(actor(admin), topic.postId);
    const [item] = (await listNotifications(actor(ada))).items;
    expect(item).toMatchObject({
      kind: 'staff_action',
      actor: null,
      message: 'Your post was hidden: it looks like advertising.',
      summary: 'A moderator acted on your post in “Buy cheap watches”',
    });
    await sendImmediateNotificationMails();
    const [mail] = await mailsTo(ada.email);
    expect(mail.template).toBe('notification');
    expect(mail.textBody).toContain('\nYour post was hidden: it looks like advertising.\n');
    expect(mail.textBody).not.toContain(admin.username);
  });
});

describe('email preferences', () => {
  it('start with mentions, replies, quotes, messages and staff actions by mail at once, likes never', async () => {
    expect(await getNotificationPreferences(ada.id)).toEqual({
      reply: 'immediately',
      mention: 'immediately',
      quote: 'immediately',
      like: 'never',
      staff_action: 'immediately',
      message: 'immediately',
    });
    expect(DEFAULT_NOTIFICATION_PREFERENCES.like).toBe('never');
  });

  it('change per kind, keep the rest, and refuse a value that is not offered', async () => {
    await updateNotificationPreferences(actor(ada), { reply: 'daily', like: 'immediately' });
    expect(await getNotificationPreferences(ada.id)).toMatchObject({ reply: 'daily', like: 'immediately', mention: 'immediately' });
    await updateNotificationPreferences(actor(ada), { mention: 'never' });
    expect(await getNotificationPreferences(ada.id)).toMatchObject({ reply: 'daily', like: 'immediately', mention: 'never' });
    expect(await fieldErrors(updateNotificationPreferences(actor(ada), { quote: 'hourly' }))).toEqual({
      quote: 'Choose immediately, daily summary or never.',
    });
    expect(await getNotificationPreferences(ada.id)).toMatchObject({ quote: 'immediately' });
    expect(await getNotificationPreferences(bob.id)).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);
  });
});

describe('notification mail', () => {
  it('mails "immediately" notices once, with a link to the post and the one-click settings link', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Bread baking', body: 'My sourdough failed.' });
    const bobs = await reply(actor(bob), topic.topicId, { body: 'Feed the starter more, @carol knows.' });
    expect(await sendImmediateNotificationMails()).toBe(2);

    const [toAda] = await mailsTo(ada.email);
    expect(toAda.template).toBe('notification');
    expect(toAda.subject).toBe('bob replied in “Bread baking”');
    expect(toAda.textBody).toContain(`http://localhost:3000/p/${bobs.postId}`);
    expect(toAda.textBody).not.toContain('Feed the starter'); // the post itself stays on the site
    const link = toAda.textBody.trimEnd().split('\n').at(-1)!;
    expect(link).toMatch(/^http:\/\/localhost:3000\/notifications\/settings\?token=\S+$/);
    const token = decodeURIComponent(new URL(link).searchParams.get('token')!);
    expect(await memberForSettingsToken(token)).toEqual({ id: ada.id, username: 'ada' });

    const [toCarol] = await mailsTo(carol.email);
    expect(toCarol.subject).toBe('bob mentioned you in “Bread baking”');

    // Marked as mailed: never sent twice.
    expect((await notificationRows(ada))[0].emailedAt).not.toBeNull();
    expect(await sendImmediateNotificationMails()).toBe(0);
    expect(await mailsTo(ada.email)).toHaveLength(2); // address confirmation + this one
  });

  it('sends nothing for kinds set to never, and nothing for notices already read', async () => {
    await updateNotificationPreferences(actor(ada), { reply: 'never' });
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Quiet please', body: 'No mail.' });
    await reply(actor(bob), topic.topicId, { body: 'Fine by me.' });
    await reply(actor(carol), topic.topicId, { body: 'Me too, @bob.' });
    await markAllNotificationsRead(actor(bob));
    expect(await sendImmediateNotificationMails()).toBe(0);
    expect((await mailsTo(ada.email)).filter((m) => m.template.startsWith('notification'))).toHaveLength(0);
    expect((await mailsTo(bob.email)).filter((m) => m.template.startsWith('notification'))).toHaveLength(0);
    expect(await unreadNotificationCount(actor(ada))).toBe(2); // still shown in the app
  });

  it('does not mail an address that was never confirmed', async () => {
    await signUp(await signUpForm({ username: 'dora', name: 'Dora', email: 'dora@example.com' }), { ip: '203.0.113.4' });
    await createTopic(actor(ada), { categoryId: general, title: 'Welcome new folks', body: 'Hello @dora!' });
    expect(await sendImmediateNotificationMails()).toBe(0);
    expect((await mailsTo('dora@example.com')).map((m) => m.template)).toEqual(['verify-email']);
  });

  it('does not mail about a post deleted before the mail went out', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Oops, wrong place', body: 'Hello.' });
    const bobs = await reply(actor(bob), topic.topicId, { body: 'Wrong thread, sorry.' });
    await deletePost(actor(bob), bobs.postId);
    expect(await sendImmediateNotificationMails()).toBe(0);
  });

  it('sends one daily summary per member with the unread notices of that day', async () => {
    await updateNotificationPreferences(actor(ada), { reply: 'daily', mention: 'daily' });
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Weekend hike', body: 'Who joins?' });
    const bobs = await reply(actor(bob), topic.topicId, { body: 'Me!' });
    const carols = await reply(actor(carol), topic.topicId, { body: 'Count me in, @ada.' });
    const seen = await reply(actor(bob), topic.topicId, { body: 'Bringing snacks.' });
    const [seenNotice] = (await notificationRows(ada)).filter((n) => n.postId === seen.postId);
    await markNotificationRead(actor(ada), seenNotice.id);
    // An old notice that was never mailed is no longer news.
    const old = await reply(actor(carol), topic.topicId, { body: 'Weather looks good.' });
    await getDb().update(notifications).set({ createdAt: new Date(Date.now() - 5 * 86_400_000) }).where(eq(notifications.postId, old.postId));

    expect(await sendImmediateNotificationMails()).toBe(0);
    expect(await sendDailyNotificationSummaries()).toBe(1);
    const summaries = (await mailsTo(ada.email)).filter((m) => m.template === 'notification-summary');
    expect(summaries).toHaveLength(1);
    const [summary] = summaries;
    expect(summary.subject).toBe('Your daily summary from Hearth: 2 new notifications');
    expect(summary.textBody).toContain('carol mentioned you in “Weekend hike”');
    expect(summary.textBody).toContain('bob replied in “Weekend hike”');
    expect(summary.textBody).toContain(`/p/${bobs.postId}`);
    expect(summary.textBody).toContain(`/p/${carols.postId}`);
    expect(summary.textBody).not.toContain(`/p/${seen.postId}`);
    expect(summary.textBody).not.toContain(`/p/${old.postId}`);
    expect(summary.textBody.trimEnd().split('\n').at(-1)).toMatch(/\/notifications\/settings\?token=/);

    // The next run has nothing new to say.
    expect(await sendDailyNotificationSummaries()).toBe(0);
    expect(await mailsTo(bob.email)).toHaveLength(1);
  });

  it('leaves out of the summary what the member can no longer see', async () => {
    await updateNotificationPreferences(actor(bob), { mention: 'daily' });
    const feedback = await categoryId('feedback');
    await createTopic(actor(ada), { categoryId: feedback, title: 'Secret plans', body: 'Hi @bob.' });
    await createTopic(actor(ada), { categoryId: general, title: 'Open plans', body: 'Hi again @bob.' });
    await getDb().update(categories).set({ visibility: 'staff' }).where(eq(categories.id, feedback));
    expect(await sendDailyNotificationSummaries()).toBe(1);
    const [summary] = await mailsTo(bob.email);
    expect(summary.textBody).toContain('Open plans');
    expect(summary.textBody).not.toContain('Secret plans');
    expect(summary.subject).toContain('1 new notification');
  });
});

describe('settings link', () => {
  it('opens only that member’s preferences and refuses forged tokens', async () => {
    const token = notificationSettingsToken(ada.id);
    expect(await memberForSettingsToken(token)).toEqual({ id: ada.id, username: 'ada' });
    expect(notificationSettingsToken(ada.id)).toBe(token); // stable: old mails keep working

    const [, signature] = token.split('.');
    const forged = [
      `${bob.id}.${signature}`, // ada's signature on bob's id
      `${ada.id}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      ada.id,
      '',
      'not-a-token',
      `${ada.id}.${'A'.repeat(43)}`,
    ];
    for (const t of forged) expect(await memberForSettingsToken(t)).toBeNull();
    await expect(updateNotificationPreferencesWithToken(`${bob.id}.${signature}`, { reply: 'never' })).rejects.toBeInstanceOf(Forbidden);
    expect(await getNotificationPreferences(bob.id)).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);

    await updateNotificationPreferencesWithToken(token, { reply: 'never', like: 'daily' });
    expect(await getNotificationPreferences(ada.id)).toMatchObject({ reply: 'never', like: 'daily' });
    expect(await getNotificationPreferences(bob.id)).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);

    // A different secret (another site, or a rotated one) does not accept the link.
    process.env.AUTH_SECRET = 'another-secret';
    try {
      expect(await memberForSettingsToken(token)).toBeNull();
    } finally {
      process.env.AUTH_SECRET = 'test-secret-for-notification-links';
    }
  });

  it('stops working when the member is gone', async () => {
    const token = notificationSettingsToken(carol.id);
    await getDb().delete(users).where(eq(users.id, carol.id));
    expect(await memberForSettingsToken(token)).toBeNull();
  });
});

describe('with the job runner', () => {
  let boss: Awaited<ReturnType<typeof startJobs>>;
  beforeAll(async () => {
    boss = await startJobs({ pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await stopJobs();
  });

  it('runs the daily summary and the mail sweep on a schedule', async () => {
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => s.name)).toEqual(expect.arrayContaining(['notifications.daily-summary', 'notifications.mail-sweep']));
    expect(schedules.find((s) => s.name === 'notifications.daily-summary')?.cron).toBe('0 7 * * *');
  });

  it('mails a reply without anyone calling the sender', async () => {
    const topic = await createTopic(actor(ada), { categoryId: general, title: 'Background work', body: 'Does it run?' });
    await reply(actor(bob), topic.topicId, { body: 'It does.' });
    const until = Date.now() + 15_000;
    let mails = await mailsTo(ada.email);
    while (mails.length < 2 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      mails = await mailsTo(ada.email);
    }
    expect(mails[0]).toMatchObject({ template: 'notification', subject: 'bob replied in “Background work”' });
    expect((await notificationRows(ada))[0].emailedAt).not.toBeNull();
  });
});
