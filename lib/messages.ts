import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditLog, conversationParticipants, conversations, messages, notifications, privacySettings, users } from '@/db/schema';
import { audit, auditFor } from '@/lib/audit';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { notifyMessage } from '@/lib/forum/notifications';
import { renderPost, resolveMentions } from '@/lib/forum/render';
import { membersWhoBlocked } from '@/lib/members/blocks';
import { can, isStaff, isSuspended, type Actor } from '@/lib/permissions';
import { getSettings, type Settings } from '@/lib/settings';
import { issuesByField, requiredText } from '@/lib/validation';
import { pageCountOf, pageWindow } from '@/lib/pagination';

/**
 * Private messages. Every read goes through `participation()`: a conversation exists only for its
 * current participants. Administrators can open one only through `adminOpenConversation`, which
 * writes the access (with its reason) to the audit log, where the participants see it.
 */

export const MESSAGES_PER_PAGE = 50;
export const CONVERSATIONS_PER_PAGE = 25;
/** How long an administrator's stated access lasts before a new reason is needed. */
export const ADMIN_ACCESS_MINUTES = 60;

const subjectField = requiredText(200, 'Subject');
const messageField = requiredText(20_000, 'Message');

// ---------------------------------------------------------------------------------------------------
// Who may write to whom

/** Why the viewer may not start conversations at all, or null when they may. */
export function startRefusal(viewer: Actor, settings: Pick<Settings, 'messagesMinTrustLevel'>): string | null {
  if (isSuspended(viewer)) return 'Your account is suspended, so you cannot send messages.';
  if (isStaff(viewer) || viewer.trustLevel >= settings.messagesMinTrustLevel) return null;
  return (
    `You can send private messages from trust level ${settings.messagesMinTrustLevel}; you are at level ${viewer.trustLevel}. ` +
    'Trust grows as you read and take part in the forum.'
  );
}

interface Recipient {
  id: string;
  username: string;
  allowMessagesFrom: 'everyone' | 'previous' | 'nobody';
}

/** Of these members, those who have written in a conversation that `senderId` is in ("members I have written to"). */
async function membersWhoWroteTo(memberIds: string[], senderId: string): Promise<Set<string>> {
  if (!memberIds.length) return new Set();
  const rows = await getDb()
    .selectDistinct({ senderId: messages.senderId })
    .from(messages)
    .innerJoin(conversationParticipants, and(eq(conversationParticipants.conversationId, messages.conversationId), eq(conversationParticipants.userId, senderId)))
    .where(inArray(messages.senderId, memberIds));
  return new Set(rows.map((r) => r.senderId).filter((id): id is string => id !== null));
}

/** For each recipient the sender may not reach, the message to show; staff reach everyone. */
async function refusals(sender: Actor, recipients: Recipient[]): Promise<string[]> {
  if (isStaff(sender) || !recipients.length) return [];
  const blockedBy = await membersWhoBlocked(
    recipients.map((r) => r.id),
    sender.id,
  );
  const wroteToSender = await membersWhoWroteTo(
    recipients.filter((r) => r.allowMessagesFrom === 'previous').map((r) => r.id),
    sender.id,
  );
  return recipients.flatMap((r) => {
    if (blockedBy.has(r.id)) return [`@${r.username} does not accept messages from you.`];
    if (r.allowMessagesFrom === 'nobody') return [`@${r.username} does not accept private messages.`];
    if (r.allowMessagesFrom === 'previous' && !wroteToSender.has(r.id)) return [`@${r.username} accepts messages only from members they have written to before.`];
    return [];
  });
}

function parseUsernames(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[\s,;]+/)
        .map((n) => n.replace(/^@/, '').trim())
        .filter(Boolean),
    ),
  ];
}

async function recipientsByName(names: string[]): Promise<Recipient[]> {
  if (!names.length) return [];
  const rows = await getDb()
    .select({ id: users.id, username: users.username, allowMessagesFrom: privacySettings.allowMessagesFrom })
    .from(users)
    .leftJoin(privacySettings, eq(privacySettings.userId, users.id))
    .where(inArray(sql`lower(${users.username})`, names.map((n) => n.toLowerCase())));
  return rows.map((r) => ({ id: r.id, username: r.username, allowMessagesFrom: r.allowMessagesFrom ?? 'everyone' }));
}

/** How many conversations the member started in the last 24 hours. */
async function startedToday(senderId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.createdBy, senderId), gt(conversations.createdAt, sql`now() - interval '24 hours'`)));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------------
// Writing

const startSchema = z.object({ to: z.string().default(''), subject: subjectField, body: messageField });

/** Starts a conversation with one or more members (`to`: usernames, separated by spaces or commas). */
export async function startConversation(viewer: Actor, raw: { to: string; subject: string; body: string }): Promise<{ conversationId: number }> {
  const settings = await getSettings();
  const refusal = startRefusal(viewer, settings);
  if (refusal) throw new Invalid({ form: refusal }, refusal);

  const parsed = startSchema.safeParse(raw);
  const errors = parsed.success ? {} : issuesByField(parsed.error);
  const names = parseUsernames(raw.to ?? '');
  const found = await recipientsByName(names);
  const others = found.filter((r) => r.id !== viewer.id);
  const missing = names.filter((n) => !found.some((r) => r.username.toLowerCase() === n.toLowerCase()));
  if (!names.length || (!others.length && !missing.length)) errors.to = 'Add at least one other member.';
  else if (missing.length) errors.to = `No member is called ${missing.map((n) => `@${n}`).join(', ')}.`;
  else if (others.length + 1 > settings.messagesMaxParticipants) {
    errors.to = `A conversation can have at most ${settings.messagesMaxParticipants} members, you included.`;
  } else {
    const refused = await refusals(viewer, others);
    if (refused.length) errors.to = refused.join(' ');
  }
  if (Object.keys(errors).length || !parsed.success) throw new Invalid(errors);

  if (!isStaff(viewer) && (await startedToday(viewer.id)) >= settings.messagesPerDay) {
    const message = `You have started ${settings.messagesPerDay} conversations in the last 24 hours, the most allowed. You can still reply to your conversations; try a new one tomorrow.`;
    throw new Invalid({ form: message }, message);
  }

  const bodyHtml = renderPost(parsed.data.body, await resolveMentions(parsed.data.body));
  const conversationId = await getDb().transaction(async (tx) => {
    const [conversation] = await tx
      .insert(conversations)
      .values({ subject: parsed.data.subject, createdBy: viewer.id, messageCount: 1 })
      .returning({ id: conversations.id });
    const [message] = await tx
      .insert(messages)
      .values({ conversationId: conversation.id, senderId: viewer.id, body: parsed.data.body, bodyHtml })
      .returning({ id: messages.id });
    await tx.insert(conversationParticipants).values([
      { conversationId: conversation.id, userId: viewer.id, lastReadMessageId: message.id },
      ...others.map((r) => ({ conversationId: conversation.id, userId: r.id })),
    ]);
    return conversation.id;
  });
  await notifyMessage(viewer.id, conversationId, others.map((r) => r.id));
  return { conversationId };
}

/** The viewer's own participation, or NotFound: the only way into a conversation for members. */
async function participation(viewer: Pick<Actor, 'id'>, conversationId: number) {
  if (!Number.isInteger(conversationId) || conversationId <= 0) throw new NotFound();
  const [row] = await getDb()
    .select({
      id: conversations.id,
      subject: conversations.subject,
      createdAt: conversations.createdAt,
      messageCount: conversations.messageCount,
      lastReadMessageId: conversationParticipants.lastReadMessageId,
      archivedAt: conversationParticipants.archivedAt,
    })
    .from(conversationParticipants)
    .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
    .where(and(eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.userId, viewer.id), isNull(conversationParticipants.leftAt)));
  if (!row) throw new NotFound();
  return row;
}

async function activeParticipantIds(conversationId: number): Promise<string[]> {
  const rows = await getDb()
    .select({ userId: conversationParticipants.userId })
    .from(conversationParticipants)
    .where(and(eq(conversationParticipants.conversationId, conversationId), isNull(conversationParticipants.leftAt)));
  return rows.map((r) => r.userId);
}

/** Why the viewer cannot reply in this conversation, or null. */
async function replyRefusal(viewer: Actor, otherIds: string[]): Promise<string | null> {
  if (isSuspended(viewer)) return 'Your account is suspended, so you cannot send messages.';
  if (!otherIds.length) return 'Everyone else has left this conversation.';
  if (isStaff(viewer)) return null;
  const blockedBy = await membersWhoBlocked(otherIds, viewer.id);
  if (!blockedBy.size) return null;
  const names = await getDb().select({ username: users.username }).from(users).where(inArray(users.id, [...blockedBy]));
  return `You cannot send messages here: ${names.map((n) => `@${n.username}`).join(', ')} ${names.length === 1 ? 'does' : 'do'} not accept messages from you.`;
}

/** Adds a message. Archived copies come back to the inbox of everyone still in the conversation. */
export async function sendMessage(viewer: Actor, conversationId: number, raw: { body: string }): Promise<{ messageId: number }> {
  await participation(viewer, conversationId);
  const parsed = z.object({ body: messageField }).safeParse(raw);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  const others = (await activeParticipantIds(conversationId)).filter((id) => id !== viewer.id);
  const refusal = await replyRefusal(viewer, others);
  if (refusal) throw new Invalid({ form: refusal }, refusal);

  const bodyHtml = renderPost(parsed.data.body, await resolveMentions(parsed.data.body));
  const messageId = await getDb().transaction(async (tx) => {
    const [message] = await tx
      .insert(messages)
      .values({ conversationId, senderId: viewer.id, body: parsed.data.body, bodyHtml })
      .returning({ id: messages.id });
    await tx
      .update(conversations)
      .set({ lastMessageAt: sql`now()`, messageCount: sql`${conversations.messageCount} + 1` })
      .where(eq(conversations.id, conversationId));
    await tx
      .update(conversationParticipants)
      .set({ archivedAt: null })
      .where(and(eq(conversationParticipants.conversationId, conversationId), isNull(conversationParticipants.leftAt)));
    await tx
      .update(conversationParticipants)
      .set({ lastReadMessageId: message.id })
      .where(and(eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.userId, viewer.id)));
    return message.id;
  });
  await notifyMessage(viewer.id, conversationId, others);
  return { messageId };
}

/** Leaves a conversation: it disappears for the member, who gets nothing new from it. */
export async function leaveConversation(viewer: Actor, conversationId: number): Promise<void> {
  await participation(viewer, conversationId);
  await getDb()
    .update(conversationParticipants)
    .set({ leftAt: sql`now()` })
    .where(and(eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.userId, viewer.id)));
  await getDb()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, viewer.id), eq(notifications.conversationId, conversationId), isNull(notifications.readAt)));
}

/** Moves a conversation to the archive, or back; a new message brings it back by itself. */
export async function setArchived(viewer: Actor, conversationId: number, archived: boolean): Promise<void> {
  await participation(viewer, conversationId);
  await getDb()
    .update(conversationParticipants)
    .set({ archivedAt: archived ? sql`now()` : null })
    .where(and(eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.userId, viewer.id)));
}

// ---------------------------------------------------------------------------------------------------
// Reading

export interface ConversationSummary {
  id: number;
  subject: string;
  /** The other members still in it. */
  with: string[];
  lastMessageAt: Date;
  messageCount: number;
  unread: number;
}

/** The usernames in each conversation of the query (optionally only those matching `where`, on `p`). */
function participantNames(where?: SQL): SQL<string[]> {
  return sql<string[]>`coalesce((select array_agg(u.username order by lower(u.username)) from ${conversationParticipants} p join ${users} u on u.id = p.user_id where p.conversation_id = "conversations"."id"${where ? sql` and ${where}` : sql``}), '{}')`;
}

function unreadCount(userId: string): SQL<number> {
  return sql<number>`(select count(*)::int from ${messages} where ${messages.conversationId} = ${conversations.id} and ${messages.id} > ${conversationParticipants.lastReadMessageId} and ${messages.senderId} is distinct from ${userId})`;
}

/** The member's inbox (or archive), most recent first, with unread counts. */
export async function listConversations(viewer: Pick<Actor, 'id'>, { archived = false, page = 1 }: { archived?: boolean; page?: number } = {}) {
  const db = getDb();
  const mine = and(
    eq(conversationParticipants.userId, viewer.id),
    isNull(conversationParticipants.leftAt),
    archived ? isNotNull(conversationParticipants.archivedAt) : isNull(conversationParticipants.archivedAt),
  );
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(conversationParticipants).where(mine);
  const window = pageWindow(total, page, CONVERSATIONS_PER_PAGE);
  const rows = await db
    .select({
      id: conversations.id,
      subject: conversations.subject,
      lastMessageAt: conversations.lastMessageAt,
      messageCount: conversations.messageCount,
      unread: unreadCount(viewer.id),
      with: participantNames(sql`p.user_id <> ${viewer.id} and p.left_at is null`),
    })
    .from(conversationParticipants)
    .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
    .where(mine)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(CONVERSATIONS_PER_PAGE)
    .offset(window.offset);
  const [{ unreadConversations }] = await db
    .select({ unreadConversations: sql<number>`count(*)::int` })
    .from(conversationParticipants)
    .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
    .where(and(eq(conversationParticipants.userId, viewer.id), isNull(conversationParticipants.leftAt), isNull(conversationParticipants.archivedAt), sql`${unreadCount(viewer.id)} > 0`));
  return { conversations: rows satisfies ConversationSummary[], page: window.page, pageCount: window.pageCount, total, unreadConversations };
}

export interface MessageView {
  id: number;
  sender: { username: string; name: string } | null;
  bodyHtml: string;
  removed: boolean;
  createdAt: Date;
  unread: boolean;
}

async function loadMessages(conversationId: number, page: number, lastRead: number, viewerId: string | null) {
  const db = getDb();
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(messages).where(eq(messages.conversationId, conversationId));
  const { page: current, pageCount, offset } = pageWindow(total, page, MESSAGES_PER_PAGE);
  const rows = await db
    .select({
      id: messages.id,
      senderId: messages.senderId,
      username: users.username,
      name: users.name,
      bodyHtml: messages.bodyHtml,
      removedAt: messages.removedAt,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.id))
    .limit(MESSAGES_PER_PAGE)
    .offset(offset);
  const views: MessageView[] = rows.map((r) => ({
    id: r.id,
    sender: r.username ? { username: r.username, name: r.name ?? r.username } : null,
    bodyHtml: r.removedAt ? '' : r.bodyHtml,
    removed: r.removedAt !== null,
    createdAt: r.createdAt,
    unread: r.id > lastRead && r.senderId !== viewerId,
  }));
  return { messages: views, page: current, pageCount, total };
}

async function participantsOf(conversationId: number) {
  return getDb()
    .select({ id: users.id, username: users.username, name: users.name, leftAt: conversationParticipants.leftAt })
    .from(conversationParticipants)
    .innerJoin(users, eq(users.id, conversationParticipants.userId))
    .where(eq(conversationParticipants.conversationId, conversationId))
    .orderBy(asc(conversationParticipants.joinedAt), asc(sql`lower(${users.username})`));
}

export interface AdminAccessNotice {
  at: Date;
  reason: string;
}

/** Every time an administrator opened the conversation, with the reason they gave. */
export async function adminAccesses(conversationId: number): Promise<AdminAccessNotice[]> {
  const entries = await auditFor({ type: 'conversation', id: conversationId }, 'conversation.admin_view');
  return entries.map((e) => ({ at: e.createdAt, reason: e.reason ?? '' }));
}

/**
 * A conversation as its participant sees it; opening it marks what is shown read (and the message
 * notices about it). The last page is shown unless another is asked for.
 */
export async function getConversation(viewer: Actor, conversationId: number, page?: number) {
  const mine = await participation(viewer, conversationId);
  const lastPage = pageCountOf(mine.messageCount, MESSAGES_PER_PAGE);
  const shown = await loadMessages(conversationId, page ?? lastPage, mine.lastReadMessageId, viewer.id);
  const [participants, accesses] = await Promise.all([participantsOf(conversationId), adminAccesses(conversationId)]);
  const otherActiveIds = participants.filter((p) => p.leftAt === null && p.id !== viewer.id).map((p) => p.id);
  const newest = shown.messages.at(-1)?.id ?? 0;
  if (newest > mine.lastReadMessageId) {
    await getDb()
      .update(conversationParticipants)
      .set({ lastReadMessageId: newest })
      .where(and(eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.userId, viewer.id)));
  }
  await getDb()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, viewer.id), eq(notifications.conversationId, conversationId), isNull(notifications.readAt)));
  return {
    conversation: { id: mine.id, subject: mine.subject, createdAt: mine.createdAt, archived: mine.archivedAt !== null },
    participants: participants.map((p) => ({ username: p.username, name: p.name, left: p.leftAt !== null })),
    ...shown,
    accesses,
    replyRefusal: await replyRefusal(viewer, otherActiveIds),
  };
}

/** The subject, for the page title: checks participation and changes nothing (opening it does). */
export async function conversationSubject(viewer: Pick<Actor, 'id'>, conversationId: number): Promise<string> {
  return (await participation(viewer, conversationId)).subject;
}

/** How many conversations have messages the member has not read (for the menu). */
export async function unreadConversationCount(viewer: Pick<Actor, 'id'>): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(conversationParticipants)
    .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
    .where(and(eq(conversationParticipants.userId, viewer.id), isNull(conversationParticipants.leftAt), sql`${unreadCount(viewer.id)} > 0`));
  return row?.n ?? 0;
}

/** Every administrator access to any conversation the member is or was in (their privacy page). */
export async function adminAccessesForMember(viewer: Pick<Actor, 'id'>) {
  return getDb()
    .select({
      conversationId: conversations.id,
      subject: conversations.subject,
      at: auditLog.createdAt,
      reason: auditLog.reason,
      left: sql<boolean>`${conversationParticipants.leftAt} is not null`,
    })
    .from(auditLog)
    .innerJoin(conversations, sql`${auditLog.subjectType} = 'conversation' and ${auditLog.subjectId} = ${conversations.id}::text`)
    .innerJoin(conversationParticipants, and(eq(conversationParticipants.conversationId, conversations.id), eq(conversationParticipants.userId, viewer.id)))
    .where(eq(auditLog.action, 'conversation.admin_view'))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id));
}

// ---------------------------------------------------------------------------------------------------
// Administrators

export async function adminListConversations(viewer: Actor, page = 1) {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const db = getDb();
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(conversations);
  const window = pageWindow(total, page, CONVERSATIONS_PER_PAGE);
  // No subjects or text here: those are shown only after a reason is given.
  const rows = await db
    .select({
      id: conversations.id,
      createdAt: conversations.createdAt,
      lastMessageAt: conversations.lastMessageAt,
      messageCount: conversations.messageCount,
      participants: participantNames(),
    })
    .from(conversations)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(CONVERSATIONS_PER_PAGE)
    .offset(window.offset);
  return { conversations: rows, page: window.page, pageCount: window.pageCount, total };
}

const reasonField = requiredText(500, 'Reason').refine((r) => r.length >= 10, 'Give a reason of at least 10 characters: the participants will read it.');

/** An administrator states why they open a conversation; the access is audit-logged and shown to its participants. */
export async function adminOpenConversation(viewer: Actor, conversationId: number, rawReason: string): Promise<{ accessId: number }> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  if (!Number.isInteger(conversationId) || conversationId <= 0) throw new NotFound();
  const parsed = reasonField.safeParse(rawReason);
  if (!parsed.success) throw new Invalid({ reason: parsed.error.issues[0].message });
  const [exists] = await getDb().select({ id: conversations.id }).from(conversations).where(eq(conversations.id, conversationId));
  if (!exists) throw new NotFound();
  const accessId = await audit(viewer, 'conversation.admin_view', { type: 'conversation', id: conversationId }, parsed.data);
  return { accessId };
}

/** The conversation for an administrator, only with a recent access of their own (else Forbidden). */
export async function adminViewConversation(viewer: Actor, conversationId: number, accessId: number, page?: number) {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  if (!Number.isInteger(conversationId) || conversationId <= 0) throw new NotFound();
  const [conversation] = await getDb().select().from(conversations).where(eq(conversations.id, conversationId));
  if (!conversation) throw new NotFound();
  const [access] = (await auditFor({ type: 'conversation', id: conversationId }, 'conversation.admin_view')).filter(
    (a) => a.id === accessId && a.actorId === viewer.id && a.createdAt.getTime() > Date.now() - ADMIN_ACCESS_MINUTES * 60_000,
  );
  if (!access) throw new Forbidden('State a reason to open this conversation.');
  const shown = await loadMessages(conversationId, page ?? 1, Number.MAX_SAFE_INTEGER, null);
  return {
    conversation: { id: conversation.id, subject: conversation.subject, createdAt: conversation.createdAt },
    participants: (await participantsOf(conversationId)).map((p) => ({ username: p.username, name: p.name, left: p.leftAt !== null })),
    ...shown,
    access: { at: access.createdAt, reason: access.reason ?? '' },
    accesses: await adminAccesses(conversationId),
  };
}

/** Whether the viewer could start a conversation with this member (for the profile's Message button). */
export async function messageOffer(viewer: Actor | null, recipientUsername: string): Promise<{ allowed: boolean; reason: string | null }> {
  if (!viewer) return { allowed: false, reason: null };
  const settings = await getSettings();
  const refusal = startRefusal(viewer, settings);
  if (refusal) return { allowed: false, reason: refusal };
  const [recipient] = await recipientsByName([recipientUsername]);
  if (!recipient || recipient.id === viewer.id) return { allowed: false, reason: null };
  const [refused] = await refusals(viewer, [recipient]);
  return refused ? { allowed: false, reason: refused } : { allowed: true, reason: null };
}
