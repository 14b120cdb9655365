import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { categories, conversationParticipants, conversations, notifications, notificationSettings, posts, privacySettings, topics, userBlocks, users } from '@/db/schema';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { enqueue } from '@/lib/jobs';
import { queueMail } from '@/lib/mail/outbox';
import { templates } from '@/lib/mail/templates';
import { isRestricted, restrictedAmong } from '@/lib/members/restriction';
import { can, type Actor } from '@/lib/permissions';
import { getSettings, type Settings } from '@/lib/settings';
import { siteUrl } from '@/lib/site-url';
import { issuesByField } from '@/lib/validation';
import { visibleCategories, visibleTopics } from './visibility';
import { pageCountOf } from '@/lib/pagination';

export type NotificationKind = (typeof notifications.$inferSelect)['kind'];
/** Notices about the member's own account (an export is ready, a data request moved): always shown, mailed by their own code. */
export const ACCOUNT_KINDS = ['export_ready', 'data_request'] as const satisfies readonly NotificationKind[];
export type AccountNoticeKind = (typeof ACCOUNT_KINDS)[number];
export type MailableKind = Exclude<NotificationKind, AccountNoticeKind>;
export const isAccountKind = (kind: NotificationKind): kind is AccountNoticeKind => (ACCOUNT_KINDS as readonly string[]).includes(kind);
/** The kinds a member chooses mail for. */
export const NOTIFICATION_KINDS = notifications.kind.enumValues.filter(
  (k): k is MailableKind => !(ACCOUNT_KINDS as readonly string[]).includes(k),
);

const CONTENT_KINDS = new Set<NotificationKind>(['mention', 'quote', 'reply']);

export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  actorId: string | null;
  topicId: number;
  postId?: number | null;
  message?: string | null;
}

/**
 * Records notifications, one per member and post. Members are never told about their own actions,
 * nor about anything in a category they may not see, and members who restricted the processing of
 * their data get none at all. Mail for those who want it at once is sent by a job.
 */
export async function notify(drafts: NotificationDraft[]): Promise<number[]> {
  const wanted = drafts.filter((d) => d.userId !== d.actorId);
  if (!wanted.length) return [];
  const db = getDb();
  const recipients = await db
    .select({ id: users.id, role: users.role, trustLevel: users.trustLevel, suspendedUntil: users.suspendedUntil })
    .from(users)
    .leftJoin(privacySettings, eq(privacySettings.userId, users.id))
    .where(and(inArray(users.id, [...new Set(wanted.map((d) => d.userId))]), isNull(privacySettings.restrictedAt)));
  const topicIds = [...new Set(wanted.map((d) => d.topicId))];
  const topicCategories = await db
    .select({ topicId: topics.id, visibility: categories.visibility, minTrustLevel: categories.minTrustLevel })
    .from(topics)
    .innerJoin(categories, eq(categories.id, topics.categoryId))
    .where(inArray(topics.id, topicIds));
  // A member who blocked someone hears nothing of what that member does (staff actions still reach them).
  const actorIds = [...new Set(wanted.map((d) => d.actorId).filter((a): a is string => a !== null))];
  const blocks = actorIds.length
    ? await db
        .select({ userId: userBlocks.userId, blockedUserId: userBlocks.blockedUserId })
        .from(userBlocks)
        .where(and(inArray(userBlocks.userId, recipients.map((r) => r.id)), inArray(userBlocks.blockedUserId, actorIds)))
    : [];
  const blocked = new Set(blocks.map((b) => `${b.userId}:${b.blockedUserId}`));
  const byUser = new Map(recipients.map((r) => [r.id, r]));
  const byTopic = new Map(topicCategories.map((t) => [t.topicId, t]));
  const seen = new Set<string>();
  const rows = wanted.filter((d) => {
    const recipient = byUser.get(d.userId);
    const category = byTopic.get(d.topicId);
    // One notice per member for a new post, even when it both replies to and mentions them (callers list mentions first).
    const key = `${d.userId}:${d.postId ?? ''}:${CONTENT_KINDS.has(d.kind) ? 'content' : d.kind}`;
    if (!recipient || !category || seen.has(key)) return false;
    if (d.kind !== 'staff_action' && blocked.has(`${d.userId}:${d.actorId}`)) return false;
    seen.add(key);
    return can(recipient, 'category.view', category);
  });
  if (!rows.length) return [];
  const inserted = await db
    .insert(notifications)
    .values(rows.map((d) => ({ userId: d.userId, kind: d.kind, actorId: d.actorId, topicId: d.topicId, postId: d.postId ?? null, message: d.message ?? null })))
    .returning({ id: notifications.id });
  const ids = inserted.map((r) => r.id);
  await queueNotificationMail(ids);
  return ids;
}

/** Hands fresh notifications to the mail job; a failure here never fails the post (the sweep catches up). */
async function queueNotificationMail(ids: number[]): Promise<void> {
  try {
    await enqueue('notifications.mail', { ids });
  } catch (e) {
    console.error('[notifications] could not queue mail; the sweep will send it', e);
  }
}

// ---------------------------------------------------------------------------------------------------
// Likes and staff actions (called by the likes and moderation code)

async function postForNotice(postId: number) {
  const [post] = await getDb()
    .select({ id: posts.id, topicId: posts.topicId, userId: posts.userId })
    .from(posts)
    .where(eq(posts.id, postId));
  return post;
}

/**
 * Tells a post's author that someone liked it. Likes on one post gather in a single unread notice
 * (moved to the top, naming the newest liker) instead of one notice per like.
 */
export async function notifyLike(actorId: string, postId: number): Promise<void> {
  const post = await postForNotice(postId);
  if (!post?.userId || post.userId === actorId || (await isRestricted(post.userId))) return;
  const [gathered] = await getDb()
    .update(notifications)
    .set({ actorId, createdAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, post.userId),
        eq(notifications.postId, post.id),
        eq(notifications.kind, 'like'),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  if (gathered) return;
  await notify([{ userId: post.userId, kind: 'like', actorId, topicId: post.topicId, postId: post.id }]);
}

/**
 * Tells the other members of a conversation about a new message. Unread notices of one conversation
 * gather into one (moved to the top, naming the newest sender), so a lively conversation is one line.
 */
export async function notifyMessage(actorId: string, conversationId: number, recipientIds: string[]): Promise<void> {
  const candidates = [...new Set(recipientIds)].filter((id) => id !== actorId);
  const restricted = await restrictedAmong(candidates);
  const others = candidates.filter((id) => !restricted.has(id));
  if (!others.length) return;
  const db = getDb();
  const gathered = await db
    .update(notifications)
    .set({ actorId, createdAt: sql`now()` })
    .where(
      and(
        inArray(notifications.userId, others),
        eq(notifications.conversationId, conversationId),
        eq(notifications.kind, 'message'),
        isNull(notifications.readAt),
      ),
    )
    .returning({ userId: notifications.userId });
  const fresh = others.filter((id) => !gathered.some((g) => g.userId === id));
  if (!fresh.length) return;
  const inserted = await db
    .insert(notifications)
    .values(fresh.map((userId) => ({ userId, kind: 'message' as const, actorId, conversationId })))
    .returning({ id: notifications.id });
  await queueNotificationMail(inserted.map((r) => r.id));
}

export const STAFF_MESSAGE_MAX = 500;

/** Tells a post's author that staff hid or deleted it, and why (`message`, shown to them as written). */
export async function notifyStaffAction(actorId: string, postId: number, message: string): Promise<void> {
  const post = await postForNotice(postId);
  if (!post?.userId) return;
  const text = message.replace(/\s+/g, ' ').trim().slice(0, STAFF_MESSAGE_MAX) || null;
  await notify([{ userId: post.userId, kind: 'staff_action', actorId, topicId: post.topicId, postId: post.id, message: text }]);
}

// ---------------------------------------------------------------------------------------------------
// Reading notifications

export const NOTIFICATIONS_PER_PAGE = 30;

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  read: boolean;
  createdAt: Date;
  /** Who did it; null when that must not be shown (an anonymous or erased post, or staff acting). */
  actor: string | null;
  /** For likes: how many others liked the post too. */
  others: number;
  /** The topic's title, or the conversation's subject. */
  title: string;
  post: { id: number; number: number; permalink: string } | null;
  /** Where the notice leads: the post's permalink, or the conversation. */
  target: string;
  /** Why staff acted (staff actions only). */
  message: string | null;
  /** Opens the notification and marks it read. */
  href: string;
  /** One line: "ada replied in “Title”". */
  summary: string;
}

/**
 * The notifications a member may still see: the topic must be visible to them now (categories can
 * become hidden, topics deleted). Notices about staff action on their own post stay while the category
 * is visible, even when the topic itself was deleted. Message notices stay while the member is still
 * in the conversation.
 */
function stillVisible(viewer: Actor, settings: Settings): SQL {
  return or(
    and(sql`${notifications.topicId} is not null`, visibleTopics(viewer, settings)),
    and(eq(notifications.kind, 'staff_action'), sql`${notifications.topicId} is not null`, visibleCategories(viewer, settings)),
    inArray(notifications.kind, [...ACCOUNT_KINDS]),
    and(
      eq(notifications.kind, 'message'),
      sql`exists (select 1 from ${conversationParticipants} where ${conversationParticipants.conversationId} = ${notifications.conversationId} and ${conversationParticipants.userId} = ${viewer.id} and ${conversationParticipants.leftAt} is null)`,
    ),
  )!;
}

const actors = alias(users, 'notification_actor');

function selectRows(viewer: Actor, settings: Settings, where?: SQL) {
  return getDb()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      actorId: notifications.actorId,
      actorUsername: actors.username,
      message: notifications.message,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      topicId: topics.id,
      topicTitle: topics.title,
      topicSlug: topics.slug,
      conversationId: conversations.id,
      conversationSubject: conversations.subject,
      postId: posts.id,
      postNumber: posts.postNumber,
      postUserId: posts.userId,
      postLikeCount: posts.likeCount,
      postDeletedAt: posts.deletedAt,
      postHiddenAt: posts.hiddenAt,
    })
    .from(notifications)
    .leftJoin(topics, eq(topics.id, notifications.topicId))
    .leftJoin(categories, eq(categories.id, topics.categoryId))
    .leftJoin(conversations, eq(conversations.id, notifications.conversationId))
    .leftJoin(posts, eq(posts.id, notifications.postId))
    .leftJoin(actors, eq(actors.id, notifications.actorId))
    .where(and(eq(notifications.userId, viewer.id), stillVisible(viewer, settings), where))
    .$dynamic();
}

type Row = Awaited<ReturnType<typeof selectRows>>[number];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The words after the actor's name, e.g. "replied in". Shared by the list and the mails. */
export function notificationVerb(kind: NotificationKind, others = 0): string {
  switch (kind) {
    case 'reply':
      return 'replied in';
    case 'mention':
      return 'mentioned you in';
    case 'quote':
      return 'quoted you in';
    case 'like':
      return others > 0 ? `and ${plural(others, 'other')} liked your post in` : 'liked your post in';
    case 'staff_action':
      return 'acted on your post in';
    case 'message':
      return 'sent you a message:';
    case 'export_ready':
      return 'Your data export is ready:';
    case 'data_request':
      return 'Your data request was updated:';
  }
}

function toItem(r: Row): NotificationItem {
  // A post whose author detached their name (or erased it) must not be traced back through a notice.
  const anonymousPost = r.postId !== null && r.postUserId === null && CONTENT_KINDS.has(r.kind);
  const actor = r.kind === 'staff_action' || anonymousPost ? null : r.actorUsername;
  const others = r.kind === 'like' ? Math.max(0, (r.postLikeCount ?? 0) - 1) : 0;
  const who = r.kind === 'staff_action' ? 'A moderator' : (actor ?? 'Someone');
  const title = r.topicTitle ?? r.conversationSubject ?? '';
  if (isAccountKind(r.kind)) {
    return {
      id: r.id,
      kind: r.kind,
      read: r.readAt !== null,
      createdAt: r.createdAt,
      actor: null,
      others: 0,
      title: r.message ?? '',
      post: null,
      target: '/settings/data',
      message: r.message,
      href: `/notifications/${r.id}`,
      summary: `${notificationVerb(r.kind)} ${r.message ?? ''}`.trim(),
    };
  }
  return {
    id: r.id,
    kind: r.kind,
    read: r.readAt !== null,
    createdAt: r.createdAt,
    actor,
    others,
    title,
    post: r.postId !== null && r.postNumber !== null ? { id: r.postId, number: r.postNumber, permalink: `/p/${r.postId}` } : null,
    target: r.postId !== null ? `/p/${r.postId}` : r.conversationId !== null ? `/messages/${r.conversationId}` : '/notifications',
    message: r.kind === 'staff_action' ? r.message : null,
    href: `/notifications/${r.id}`,
    summary: `${who} ${notificationVerb(r.kind, others)} “${title}”`,
  };
}

export interface NotificationPage {
  items: NotificationItem[];
  page: number;
  pageCount: number;
  total: number;
  unread: number;
}

/** A page of the member's notifications, newest first, with the unread count. */
export async function listNotifications(viewer: Actor, page = 1, perPage = NOTIFICATIONS_PER_PAGE): Promise<NotificationPage> {
  const settings = await getSettings();
  const db = getDb();
  const counts = await db
    .select({
      total: sql<number>`count(*)::int`,
      unread: sql<number>`(count(*) filter (where ${notifications.readAt} is null))::int`,
    })
    .from(notifications)
    .leftJoin(topics, eq(topics.id, notifications.topicId))
    .leftJoin(categories, eq(categories.id, topics.categoryId))
    .where(and(eq(notifications.userId, viewer.id), stillVisible(viewer, settings)));
  const { total, unread } = counts[0] ?? { total: 0, unread: 0 };
  const pageCount = pageCountOf(total, perPage);
  const rows = page > pageCount
    ? []
    : await selectRows(viewer, settings)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(perPage)
        .offset((page - 1) * perPage);
  return { items: rows.map(toItem), page, pageCount, total, unread };
}

/** How many unread notifications the member may see (the bell). */
export async function unreadNotificationCount(viewer: Actor): Promise<number> {
  const settings = await getSettings();
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .leftJoin(topics, eq(topics.id, notifications.topicId))
    .leftJoin(categories, eq(categories.id, topics.categoryId))
    .where(and(eq(notifications.userId, viewer.id), isNull(notifications.readAt), stillVisible(viewer, settings)));
  return row?.n ?? 0;
}

/**
 * Marks one of the member's notifications read and returns where it leads (the post's permalink).
 * NotFound for someone else's notification, or one about something the member can no longer see.
 */
export async function openNotification(viewer: Actor, id: number): Promise<{ href: string }> {
  if (!Number.isInteger(id) || id <= 0) throw new NotFound();
  const settings = await getSettings();
  const [row] = await selectRows(viewer, settings, eq(notifications.id, id));
  if (!row) throw new NotFound();
  if (!row.readAt) await markNotificationRead(viewer, id);
  return { href: toItem(row).target };
}

/** Marks one of the member's own notifications read; false when there was nothing to mark. */
export async function markNotificationRead(viewer: Pick<Actor, 'id'>, id: number): Promise<boolean> {
  if (!Number.isInteger(id) || id <= 0) return false;
  const updated = await getDb()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, viewer.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length > 0;
}

/** Marks every notification of the member read; returns how many changed. */
export async function markAllNotificationsRead(viewer: Pick<Actor, 'id'>): Promise<number> {
  const updated = await getDb()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, viewer.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

/**
 * A notice about the member's own account (their export, their data request). It is never mailed by
 * the notification mails: the code that writes it sends its own mail.
 */
export async function notifyAccount(userId: string, kind: AccountNoticeKind, message: string): Promise<void> {
  await getDb().insert(notifications).values({ userId, kind, actorId: null, message, emailedAt: sql`now()` });
}

// ---------------------------------------------------------------------------------------------------
// Email preferences

export const EMAIL_FREQUENCIES = ['immediately', 'daily', 'never'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];
export type NotificationPreferences = Record<MailableKind, EmailFrequency>;

/** What a member gets before choosing: mentions, replies, quotes and staff actions at once; likes not mailed. */
export const DEFAULT_NOTIFICATION_PREFERENCES: Readonly<NotificationPreferences> = Object.freeze({
  reply: 'immediately',
  mention: 'immediately',
  quote: 'immediately',
  like: 'never',
  staff_action: 'immediately',
  message: 'immediately',
});

function mergePreferences(stored: Record<string, unknown> | undefined): NotificationPreferences {
  const out = { ...DEFAULT_NOTIFICATION_PREFERENCES };
  for (const kind of NOTIFICATION_KINDS) {
    const value = stored?.[kind];
    if (typeof value === 'string' && (EMAIL_FREQUENCIES as readonly string[]).includes(value)) out[kind] = value as EmailFrequency;
  }
  return out;
}

export async function getNotificationPreferences(userId: string): Promise<NotificationPreferences> {
  const [row] = await getDb()
    .select({ email: notificationSettings.email })
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, userId));
  return mergePreferences(row?.email);
}

const frequencyField = z.enum(EMAIL_FREQUENCIES, { error: 'Choose immediately, daily summary or never.' }).optional();
const preferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, frequencyField])) as Record<MailableKind, typeof frequencyField>,
);

/** Saves the member's email choices; kinds left out keep their current choice. */
export async function updateNotificationPreferences(viewer: Pick<Actor, 'id'>, input: Record<string, unknown>): Promise<NotificationPreferences> {
  const parsed = preferencesSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  const current = await getNotificationPreferences(viewer.id);
  const next = { ...current };
  for (const kind of NOTIFICATION_KINDS) {
    const value = parsed.data[kind];
    if (value) next[kind] = value;
  }
  await getDb()
    .insert(notificationSettings)
    .values({ userId: viewer.id, email: next })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { email: next, updatedAt: sql`now()` } });
  return next;
}

// The one-click settings link in every notification mail: the member's id signed with AUTH_SECRET.
// It does not expire (mail can be old) and opens only that member's email settings, nothing else.

function settingsSignature(userId: string): Buffer {
  return createHmac('sha256', ensureAuthSecret()).update(`hearth:notification-settings:${userId}`).digest();
}

export function notificationSettingsToken(userId: string): string {
  return `${userId}.${settingsSignature(userId).toString('base64url')}`;
}

export function notificationSettingsLink(userId: string): string {
  return siteUrl(`/notifications/settings?token=${encodeURIComponent(notificationSettingsToken(userId))}`);
}

/** The member a settings link belongs to, or null for a forged, altered or stale link. */
export async function memberForSettingsToken(token: string | null | undefined): Promise<{ id: string; username: string } | null> {
  const match = typeof token === 'string' ? /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/i.exec(token) : null;
  if (!match) return null;
  const [, userId, signature] = match;
  const given = Buffer.from(signature, 'base64url');
  const expected = settingsSignature(userId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [member] = await getDb().select({ id: users.id, username: users.username }).from(users).where(eq(users.id, userId));
  return member ?? null;
}

/** Saves email choices through a settings link, for a member who is not signed in. */
export async function updateNotificationPreferencesWithToken(token: string, input: Record<string, unknown>): Promise<NotificationPreferences> {
  const member = await memberForSettingsToken(token);
  if (!member) throw new Forbidden('This link is not valid. Sign in to change your email settings.');
  return updateNotificationPreferences(member, input);
}

// ---------------------------------------------------------------------------------------------------
// Mail: at once (job per batch, plus a sweep) and a daily summary

/** The member's choice for a notification's kind, in SQL (their stored choice, else the default). */
function frequencyOf(): SQL<string> {
  const defaults = sql.join(
    NOTIFICATION_KINDS.map((k) => sql`when ${k} then ${DEFAULT_NOTIFICATION_PREFERENCES[k]}`),
    sql` `,
  );
  return sql<string>`coalesce((select ${notificationSettings.email} ->> ${notifications.kind} from ${notificationSettings} where ${notificationSettings.userId} = ${notifications.userId}), case ${notifications.kind} ${defaults} end)`;
}

/** Unread, not yet mailed, recent enough to be news, and wanted at this frequency. */
function waitingFor(frequency: EmailFrequency, hours: number): SQL {
  return and(
    isNull(notifications.emailedAt),
    isNull(notifications.readAt),
    gt(notifications.createdAt, sql`now() - make_interval(hours => ${hours})`),
    sql`${frequencyOf()} = ${frequency}`,
  )!;
}

/**
 * The member to mail, or null: never an address that was not confirmed, nor a member who restricted
 * processing (what was waiting for them is then dropped, not sent once the restriction is lifted).
 */
async function mailRecipient(userId: string) {
  const [user] = await getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      trustLevel: users.trustLevel,
      suspendedUntil: users.suspendedUntil,
      emailVerifiedAt: users.emailVerifiedAt,
      restrictedAt: privacySettings.restrictedAt,
    })
    .from(users)
    .leftJoin(privacySettings, eq(privacySettings.userId, users.id))
    .where(eq(users.id, userId));
  return user?.emailVerifiedAt && !user.restrictedAt ? user : null;
}

/**
 * What may go into a mail to this member, checked again now: only topics they can still see, and for
 * replies, mentions, quotes and likes only posts that are still up (not deleted or hidden since).
 */
async function mailableItems(recipient: Actor, ids: number[]): Promise<NotificationItem[]> {
  if (!ids.length) return [];
  const settings = await getSettings();
  const rows = await selectRows(recipient, settings, inArray(notifications.id, ids)).orderBy(desc(notifications.createdAt), desc(notifications.id));
  return rows.filter((r) => r.kind === 'staff_action' || (r.postDeletedAt === null && r.postHiddenAt === null)).map(toItem);
}

function mailLine(item: NotificationItem) {
  return { summary: item.summary, message: item.message, link: siteUrl(item.target) };
}

/** Claims waiting notifications (so two workers never mail one twice) and groups them by member. */
async function claim(where: SQL): Promise<Map<string, number[]>> {
  const claimed = await getDb()
    .update(notifications)
    .set({ emailedAt: sql`now()` })
    .where(where)
    .returning({ id: notifications.id, userId: notifications.userId });
  const byUser = new Map<string, number[]>();
  for (const c of claimed) byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), c.id]);
  return byUser;
}

async function unclaim(ids: number[]) {
  if (ids.length) await getDb().update(notifications).set({ emailedAt: null }).where(inArray(notifications.id, ids));
}

/**
 * Mails each notification its member wants "immediately", one mail each. Given ids, only those
 * (the job queued by notify); without, every one still waiting from the last day (the sweep).
 */
export async function sendImmediateNotificationMails(ids?: number[]): Promise<number> {
  if (ids && !ids.length) return 0;
  const byUser = await claim(and(ids ? inArray(notifications.id, ids) : undefined, waitingFor('immediately', 24))!);
  if (!byUser.size) return 0;
  const { siteName } = await getSettings();
  let sent = 0;
  for (const [userId, claimedIds] of byUser) {
    const recipient = await mailRecipient(userId);
    if (!recipient) continue;
    const settingsLink = notificationSettingsLink(userId);
    const items = await mailableItems(recipient, claimedIds);
    for (const [i, item] of items.entries()) {
      try {
        await queueMail(
          { email: recipient.email, userId },
          'notification',
          templates.notification({ siteName, name: recipient.name, ...mailLine(item), settingsLink }),
        );
        sent++;
      } catch (e) {
        await unclaim(items.slice(i).map((it) => it.id));
        throw e;
      }
    }
  }
  return sent;
}

/** Summary mails stay readable: the newest notices in full, the rest counted. */
export const SUMMARY_MAX_ITEMS = 50;

/**
 * The daily job: one mail per member with their unread, not yet mailed notifications of the kinds
 * they want as a daily summary. Returns how many summaries were written.
 */
export async function sendDailyNotificationSummaries(): Promise<number> {
  const db = getDb();
  const { siteName } = await getSettings();
  const windowHours = 48; // hours: a missed run is caught up by the next one; older notices are no longer news.
  let sent = 0;
  for (let round = 0; round < 1000; round++) {
    const members = await db
      .selectDistinct({ userId: notifications.userId })
      .from(notifications)
      .where(waitingFor('daily', windowHours))
      .limit(200);
    if (!members.length) break;
    for (const { userId } of members) {
      const byUser = await claim(and(eq(notifications.userId, userId), waitingFor('daily', windowHours))!);
      const claimedIds = byUser.get(userId) ?? [];
      const recipient = await mailRecipient(userId);
      if (!recipient || !claimedIds.length) continue;
      const items = await mailableItems(recipient, claimedIds);
      if (!items.length) continue;
      try {
        await queueMail(
          { email: recipient.email, userId },
          'notification-summary',
          templates.notificationSummary({
            siteName,
            name: recipient.name,
            items: items.slice(0, SUMMARY_MAX_ITEMS).map(mailLine),
            more: Math.max(0, items.length - SUMMARY_MAX_ITEMS),
            listLink: siteUrl('/notifications'),
            settingsLink: notificationSettingsLink(userId),
          }),
        );
        sent++;
      } catch (e) {
        await unclaim(claimedIds);
        throw e;
      }
    }
  }
  return sent;
}
