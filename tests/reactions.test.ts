import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { seed } from '@/db/seed';
import { categories, flags, likes, notifications, posts, users } from '@/db/schema';
import { listAudit } from '@/lib/audit';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { bookmarkPost, listBookmarks, removeBookmark } from '@/lib/forum/bookmarks';
import { decideFlags, flagPost, reviewQueue } from '@/lib/forum/flags';
import { likePost, reactionAbilities, reactionsFor, unlikePost, whoLiked } from '@/lib/forum/likes';
import { quoteSource, reply } from '@/lib/forum/posts';
import { createTopic, getTopicPage } from '@/lib/forum/topics';
import { can, type Actor } from '@/lib/permissions';
import { fieldErrors, verifiedMember } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

type Member = Actor & { username: string };

let alice: Member; // writes the posts
let bob: Member;
let carol: Member;
let moderator: Member;
let admin: Member;

function asActor(row: typeof users.$inferSelect): Member {
  return { id: row.id, role: row.role, trustLevel: row.trustLevel, suspendedUntil: row.suspendedUntil, username: row.username };
}

async function member(username: string, ip: string): Promise<Member> {
  const { user } = await verifiedMember({ username, email: `${username}@example.com`, name: `${username[0].toUpperCase()}${username.slice(1)} Example` }, ip);
  return asActor(user);
}

async function categoryId(slug: string): Promise<number> {
  const [row] = await getDb().select({ id: categories.id }).from(categories).where(eq(categories.slug, slug));
  return row.id;
}

/** A topic by `author` in `slug` with one reply by alice; returns both post ids. */
async function topicWithReply(author: Actor = alice, slug = 'general') {
  const topic = await createTopic(author, { categoryId: await categoryId(slug), title: 'Sourdough starters', body: 'How do you keep a starter alive?' });
  const answer = await reply(alice, topic.topicId, { body: 'Feed it **every day** and keep it warm. [More here](https://example.com/bread).' });
  return { topicId: topic.topicId, openingId: topic.postId, replyId: answer.postId };
}

async function storedLikeCount(postId: number) {
  const [row] = await getDb()
    .select({ likeCount: posts.likeCount, rows: sql<number>`(select count(*)::int from likes where likes.post_id = ${postId})` })
    .from(posts)
    .where(eq(posts.id, postId));
  return row;
}

async function notificationsOf(user: Actor, kind: 'like' | 'staff_action') {
  return getDb()
    .select({ postId: notifications.postId, actorId: notifications.actorId, message: notifications.message })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), eq(notifications.kind, kind)));
}

async function rejection(action: Promise<unknown>): Promise<unknown> {
  try {
    await action;
  } catch (e) {
    return e;
  }
  throw new Error('expected the action to be refused, but it succeeded');
}

beforeEach(async () => {
  await seed();
  alice = await member('alice', '203.0.113.1');
  bob = await member('bob', '203.0.113.2');
  carol = await member('carol', '203.0.113.3');
  moderator = await member('mona', '203.0.113.4');
  await getDb().update(users).set({ role: 'moderator' }).where(eq(users.id, moderator.id));
  moderator = { ...moderator, role: 'moderator' };
  const [adminRow] = await getDb().select().from(users).where(eq(users.role, 'admin'));
  admin = asActor(adminRow);
});

describe('likes', () => {
  it('keeps the post\'s like count in step with the likes, and liking twice counts once', async () => {
    const { topicId, replyId } = await topicWithReply(bob);
    expect(await likePost(bob, replyId)).toMatchObject({ liked: true, likeCount: 1, topicId });
    expect(await likePost(carol, replyId)).toMatchObject({ liked: true, likeCount: 2 });
    expect(await likePost(carol, replyId)).toMatchObject({ liked: true, likeCount: 2 });
    expect(await storedLikeCount(replyId)).toEqual({ likeCount: 2, rows: 2 });

    const page = await getTopicPage(carol, topicId);
    expect(page.posts.find((p) => p.id === replyId)?.likeCount).toBe(2);

    expect(await unlikePost(carol, replyId)).toMatchObject({ liked: false, likeCount: 1 });
    expect(await unlikePost(carol, replyId)).toMatchObject({ liked: false, likeCount: 1 });
    expect(await storedLikeCount(replyId)).toEqual({ likeCount: 1, rows: 1 });
  });

  it('tells the author once per post, not once per like', async () => {
    const { replyId } = await topicWithReply(bob);
    await likePost(bob, replyId);
    await unlikePost(bob, replyId);
    await likePost(bob, replyId);
    const notes = await notificationsOf(alice, 'like');
    expect(notes).toEqual([expect.objectContaining({ postId: replyId, actorId: bob.id })]);
  });

  it('refuses a like on your own post', async () => {
    const { replyId } = await topicWithReply(bob);
    const error = await rejection(likePost(alice, replyId));
    expect(error).toBeInstanceOf(Forbidden);
    expect((error as Error).message).toMatch(/your own post/);
    expect(await storedLikeCount(replyId)).toEqual({ likeCount: 0, rows: 0 });
    expect(can(alice, 'post.like', { ownerId: alice.id })).toBe(false);
    expect(can(null, 'post.like', { ownerId: alice.id })).toBe(false);
  });

  it('shows who liked to members only, and reports each viewer\'s own likes and bookmarks', async () => {
    const { replyId, openingId } = await topicWithReply(bob);
    await likePost(carol, replyId);
    await likePost(bob, replyId);
    await bookmarkPost(carol, openingId);

    expect(await whoLiked(alice, replyId)).toEqual({ usernames: ['carol', 'bob'], total: 2 });
    expect(await rejection(whoLiked(null, replyId))).toBeInstanceOf(Forbidden);

    const mine = await reactionsFor(carol, [replyId, openingId]);
    expect([...mine.liked]).toEqual([replyId]);
    expect([...mine.bookmarked]).toEqual([openingId]);
    const visitor = await reactionsFor(null, [replyId, openingId]);
    expect(visitor.liked.size + visitor.bookmarked.size).toBe(0);
  });

  it('offers the buttons that fit the viewer and the post', async () => {
    const { topicId, replyId } = await topicWithReply(bob);
    const page = await getTopicPage(alice, topicId);
    const own = page.posts.find((p) => p.id === replyId)!;
    expect(reactionAbilities(alice, own)).toEqual({ signedIn: true, canLike: false, canBookmark: true, canFlag: false });
    expect(reactionAbilities(bob, own)).toEqual({ signedIn: true, canLike: true, canBookmark: true, canFlag: true });
    expect(reactionAbilities(null, own)).toEqual({ signedIn: false, canLike: false, canBookmark: false, canFlag: false });
  });

  it('treats a post in a category the member cannot see as not there at all', async () => {
    const staffRoom = await createTopic(admin, { categoryId: await categoryId('staff'), title: 'Moderation notes', body: 'Only for staff.' });
    const staffReply = staffRoom.postId;
    for (const attempt of [() => likePost(bob, staffReply), () => unlikePost(bob, staffReply), () => whoLiked(bob, staffReply), () => whoLiked(null, staffReply)]) {
      expect(await rejection(attempt())).toBeInstanceOf(NotFound);
    }
    expect(await rejection(bookmarkPost(bob, staffReply))).toBeInstanceOf(NotFound);
    expect(await rejection(flagPost(bob, staffReply, { reason: 'spam' }))).toBeInstanceOf(NotFound);
    expect(await rejection(likePost(bob, 999_999))).toBeInstanceOf(NotFound);
    expect(await storedLikeCount(staffReply)).toEqual({ likeCount: 0, rows: 0 });

    // Staff can see the room, so they can like there.
    expect(await likePost(moderator, staffReply)).toMatchObject({ likeCount: 1 });
  });
});

describe('bookmarks', () => {
  it('are private to the member who made them', async () => {
    const { replyId, openingId } = await topicWithReply(bob);
    await bookmarkPost(carol, replyId);
    await bookmarkPost(carol, openingId);
    await bookmarkPost(carol, openingId);

    const carols = await listBookmarks(carol);
    expect(carols.total).toBe(2);
    expect(carols.items.map((b) => b.postId).sort()).toEqual([openingId, replyId].sort());
    const answer = carols.items.find((b) => b.postId === replyId)!;
    expect(answer).toMatchObject({ author: 'alice', postNumber: 2, topic: { title: 'Sourdough starters' } });
    expect(answer.excerpt).toBe('Feed it every day and keep it warm. More here.');

    expect((await listBookmarks(bob)).total).toBe(0);
    expect((await reactionsFor(bob, [replyId, openingId])).bookmarked.size).toBe(0);

    await removeBookmark(carol, replyId);
    expect((await listBookmarks(carol)).items.map((b) => b.postId)).toEqual([openingId]);
  });

  it('list only posts the member can still see', async () => {
    const feedback = await createTopic(bob, { categoryId: await categoryId('feedback'), title: 'Dark mode please', body: 'My eyes would thank you.' });
    const { replyId, openingId } = await topicWithReply(bob);
    await bookmarkPost(carol, feedback.postId);
    await bookmarkPost(carol, replyId);
    await bookmarkPost(carol, openingId);
    await bookmarkPost(bob, openingId);
    expect((await listBookmarks(carol)).total).toBe(3);

    // The category closes to members; the reply is deleted by its author; the opening post is hidden by staff.
    await getDb().update(categories).set({ visibility: 'staff' }).where(eq(categories.slug, 'feedback'));
    await getDb().update(posts).set({ deletedAt: new Date() }).where(eq(posts.id, replyId));
    await flagPost(carol, openingId, { reason: 'off_topic' });
    await decideFlags(moderator, openingId, { decision: 'agree' });

    expect(await listBookmarks(carol)).toMatchObject({ total: 0, items: [], pageCount: 1 });
    // Its author still finds their own hidden post, marked as hidden; staff see it too.
    expect((await listBookmarks(bob)).items).toEqual([expect.objectContaining({ postId: openingId, hidden: true })]);
  });

  it('cannot be made on a deleted post, and can always be removed', async () => {
    const { replyId } = await topicWithReply(bob);
    await bookmarkPost(carol, replyId);
    await getDb().update(posts).set({ deletedAt: new Date() }).where(eq(posts.id, replyId));
    expect(await rejection(bookmarkPost(bob, replyId))).toBeInstanceOf(Forbidden);
    expect(await removeBookmark(carol, replyId)).toMatchObject({ bookmarked: false });
    expect((await reactionsFor(carol, [replyId])).bookmarked.size).toBe(0);
  });
});

describe('reporting a post', () => {
  it('explains each field that is wrong', async () => {
    const { replyId } = await topicWithReply(bob);
    expect(await fieldErrors(flagPost(bob, replyId, { reason: '' }))).toEqual({ reason: 'Choose why you are reporting this post.' });
    expect(await fieldErrors(flagPost(bob, replyId, { reason: 'boring' }))).toEqual({ reason: 'Choose why you are reporting this post.' });
    expect(await fieldErrors(flagPost(bob, replyId, { reason: 'other', note: '   ' }))).toEqual({ note: 'Tell the staff what is wrong with this post.' });
    expect(await fieldErrors(flagPost(bob, replyId, { reason: 'spam', note: 'x'.repeat(1001) }))).toEqual({ note: 'Note can be at most 1000 characters.' });
    expect(await getDb().select().from(flags)).toEqual([]);

    await flagPost(bob, replyId, { reason: 'other', note: 'x'.repeat(1000) });
    expect(await getDb().select().from(flags)).toHaveLength(1);
  });

  it('allows one open report per member and post, and none on your own post', async () => {
    const { replyId } = await topicWithReply(bob);
    await flagPost(bob, replyId, { reason: 'spam' });
    const again = await rejection(flagPost(bob, replyId, { reason: 'inappropriate' }));
    expect(again).toBeInstanceOf(Invalid);
    expect((again as Invalid).fields.form).toMatch(/already reported/);
    await flagPost(carol, replyId, { reason: 'spam' });

    const own = await rejection(flagPost(alice, replyId, { reason: 'spam' }));
    expect(own).toBeInstanceOf(Forbidden);
    expect((own as Error).message).toMatch(/your own post/);
    expect(await getDb().select().from(flags)).toHaveLength(2);

    // Once the staff decided, the member may report the post again.
    await decideFlags(moderator, replyId, { decision: 'disagree' });
    await flagPost(bob, replyId, { reason: 'inappropriate' });
  });
});

describe('the review queue', () => {
  it('is for staff only', async () => {
    const { replyId } = await topicWithReply(bob);
    await flagPost(bob, replyId, { reason: 'spam' });
    expect(await rejection(reviewQueue(carol))).toBeInstanceOf(Forbidden);
    expect(await rejection(reviewQueue(null))).toBeInstanceOf(Forbidden);
    expect(await rejection(decideFlags(carol, replyId, { decision: 'agree' }))).toBeInstanceOf(Forbidden);
    expect((await reviewQueue(admin)).total).toBe(1);
  });

  it('groups the reports on each post with counts, reasons, notes, excerpt, author and topic', async () => {
    const { topicId, replyId, openingId } = await topicWithReply(bob);
    await flagPost(bob, replyId, { reason: 'spam' });
    await flagPost(carol, replyId, { reason: 'other', note: 'Link goes to a shop.' });
    await flagPost(moderator, replyId, { reason: 'spam' });
    await flagPost(carol, openingId, { reason: 'off_topic' });

    const queue = await reviewQueue(moderator);
    expect(queue).toMatchObject({ total: 2, page: 1, pageCount: 1 });
    const [first, second] = queue.items;
    expect(first).toMatchObject({
      post: { id: replyId, postNumber: 2, author: 'alice', state: 'visible', excerpt: 'Feed it every day and keep it warm. More here.' },
      topic: { id: topicId, title: 'Sourdough starters' },
      category: { name: 'General' },
      total: 3,
      counts: [
        { reason: 'spam', count: 2 },
        { reason: 'other', count: 1 },
      ],
    });
    expect(first.flags.map((f) => [f.reporter, f.reason, f.note])).toEqual([
      ['bob', 'spam', null],
      ['carol', 'other', 'Link goes to a shop.'],
      ['mona', 'spam', null],
    ]);
    expect(second).toMatchObject({ post: { id: openingId, author: 'bob' }, total: 1 });
  });

  it('agree hides the post for everyone else and tells its author why', async () => {
    const { topicId, openingId, replyId } = await topicWithReply(bob);
    expect(await quoteSource(carol, replyId)).toContain('Feed it **every day**');
    await flagPost(bob, replyId, { reason: 'spam' });
    await flagPost(carol, replyId, { reason: 'spam' });
    const outcome = await decideFlags(moderator, replyId, { decision: 'agree', note: 'Please keep shop links out of answers.' });
    expect(outcome).toMatchObject({ decision: 'agree', closed: 2, topicId });

    const seenByCarol = (await getTopicPage(carol, topicId)).posts.find((p) => p.id === replyId)!;
    expect(seenByCarol).toMatchObject({ state: 'hidden', bodyHtml: '', hiddenReason: null });
    // Quoting can't fetch the hidden text either; before it was hidden, it could.
    expect(await rejection(quoteSource(carol, replyId))).toBeInstanceOf(NotFound);
    expect(await quoteSource(carol, openingId)).toBe('How do you keep a starter alive?');
    const seenByAuthor = (await getTopicPage(alice, topicId)).posts.find((p) => p.id === replyId)!;
    expect(seenByAuthor.state).toBe('hidden');
    expect(seenByAuthor.hiddenReason).toBe('Reported as spam. Staff note: Please keep shop links out of answers.');

    const [notice] = await notificationsOf(alice, 'staff_action');
    expect(notice).toMatchObject({ postId: replyId, actorId: moderator.id });
    expect(notice.message).toBe('Your post was hidden by the staff. Reported as spam. Staff note: Please keep shop links out of answers.');
    // The decision is in the audit log, by account id.
    const { entries } = await listAudit(admin, 1, 'flags.decide');
    expect(entries).toEqual([
      expect.objectContaining({ actorId: moderator.id, subjectType: 'post', subjectId: String(replyId), reason: 'Please keep shop links out of answers.', details: { decision: 'agree', reportsClosed: 2 } }),
    ]);

    const closed = await getDb().select().from(flags).where(eq(flags.postId, replyId));
    expect(closed.map((f) => [f.status, f.handledBy, f.handledAt !== null])).toEqual([
      ['agreed', moderator.id, true],
      ['agreed', moderator.id, true],
    ]);
    expect((await reviewQueue(moderator)).total).toBe(0);

    // A hidden post takes no new likes or reports, and a second decision finds nothing left to handle.
    expect(await rejection(likePost(carol, replyId))).toBeInstanceOf(Forbidden);
    expect(await rejection(flagPost(carol, replyId, { reason: 'spam' }))).toBeInstanceOf(Forbidden);
    const twice = await rejection(decideFlags(admin, replyId, { decision: 'delete' }));
    expect((twice as Invalid).fields.form).toMatch(/already handled/);
  });

  it('disagree closes the reports and leaves the post as it was', async () => {
    const { topicId, replyId } = await topicWithReply(bob);
    await flagPost(bob, replyId, { reason: 'inappropriate' });
    await decideFlags(admin, replyId, { decision: 'disagree', note: 'Friendly enough.' });

    const seen = (await getTopicPage(carol, topicId)).posts.find((p) => p.id === replyId)!;
    expect(seen.state).toBe('visible');
    expect(seen.bodyHtml).toContain('Feed it');
    const [flag] = await getDb().select().from(flags).where(eq(flags.postId, replyId));
    expect(flag).toMatchObject({ status: 'disagreed', handledBy: admin.id });
    expect(await notificationsOf(alice, 'staff_action')).toEqual([]);
    expect((await reviewQueue(admin)).items).toEqual([]);
  });

  it('delete leaves a tombstone and tells the author', async () => {
    const { topicId, replyId } = await topicWithReply(bob);
    await flagPost(bob, replyId, { reason: 'off_topic' });
    await decideFlags(moderator, replyId, { decision: 'delete' });

    const [row] = await getDb().select({ deletedAt: posts.deletedAt, deletedBy: posts.deletedBy, body: posts.body }).from(posts).where(eq(posts.id, replyId));
    expect(row.deletedAt).not.toBeNull();
    expect(row.deletedBy).toBe(moderator.id);
    expect(row.body).toContain('Feed it'); // a tombstone, not an erasure: staff can restore it

    const page = await getTopicPage(carol, topicId);
    expect(page.posts.map((p) => p.state)).toEqual(['visible', 'deleted']);
    expect(page.posts[1]).toMatchObject({ bodyHtml: '' });

    const [notice] = await notificationsOf(alice, 'staff_action');
    expect(notice.message).toBe('Your post was deleted by the staff. Reported as off-topic.');
    const [flag] = await getDb().select().from(flags).where(eq(flags.postId, replyId));
    expect(flag.status).toBe('deleted');
  });

  it('checks the decision and the staff note', async () => {
    const { replyId } = await topicWithReply(bob);
    await flagPost(bob, replyId, { reason: 'spam' });
    expect(await fieldErrors(decideFlags(moderator, replyId, { decision: 'ban' }))).toEqual({ decision: 'Choose what to do with this post.' });
    expect(await fieldErrors(decideFlags(moderator, replyId, { decision: 'agree', note: 'x'.repeat(401) }))).toEqual({ note: 'Note can be at most 400 characters.' });
    expect(await rejection(decideFlags(moderator, 999_999, { decision: 'agree' }))).toBeInstanceOf(NotFound);
    expect((await reviewQueue(moderator)).total).toBe(1);
  });
});

it('keeps like counts right when members like at the same time', async () => {
  const { replyId } = await topicWithReply(bob);
  await Promise.all([likePost(bob, replyId), likePost(carol, replyId), likePost(moderator, replyId), likePost(bob, replyId)]);
  expect(await storedLikeCount(replyId)).toEqual({ likeCount: 3, rows: 3 });
  expect(await getDb().select().from(likes)).toHaveLength(3);
});
