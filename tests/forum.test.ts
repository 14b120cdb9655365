import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, postRevisions, posts, users } from '@/db/schema';
import { seed } from '@/db/seed';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import {
  anonymizePost,
  deletePost,
  editPost,
  erasePost,
  getPostHistory,
  reply,
  restorePost,
  setHistoryPublic,
  setRevisionHidden,
} from '@/lib/forum/posts';
import { createTopic, getTopicPage, listCategory, listLatest, locatePost, moderateTopic, POSTS_PER_PAGE } from '@/lib/forum/topics';
import { renderPost } from '@/lib/forum/render';
import { unreadNotificationCount } from '@/lib/forum/notifications';
import type { Actor } from '@/lib/permissions';
import { updateSettings } from '@/lib/settings';
import { useTestDatabase } from './db';
import { verifiedMember } from './helpers';

useTestDatabase();

let ids: Record<string, number>;
let ada: Actor;
let bob: Actor;
let admin: Actor;
let mod: Actor;

async function actor(email: string): Promise<Actor> {
  const [u] = await getDb().select({ id: users.id, role: users.role, trustLevel: users.trustLevel, suspendedUntil: users.suspendedUntil }).from(users).where(eq(users.email, email));
  return u;
}

beforeEach(async () => {
  process.env.ADMIN_EMAIL = 'admin@example.com';
  process.env.ADMIN_PASSWORD = 'Admin-Hearth-Seed-Password-1';
  await seed();
  const rows = await getDb().select({ id: categories.id, slug: categories.slug }).from(categories);
  ids = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  await getDb().insert(categories).values({ slug: 'veterans', name: 'Veterans', visibility: 'trust', minTrustLevel: 2, position: 9 });
  ids.veterans = (await getDb().select({ id: categories.id }).from(categories).where(eq(categories.slug, 'veterans')))[0].id;
  await verifiedMember();
  await verifiedMember({ name: 'Bob Builder', username: 'bob', email: 'bob@example.com' }, '203.0.113.11');
  await verifiedMember({ name: 'Mo Derator', username: 'moder', email: 'mo@example.com' }, '203.0.113.12');
  await getDb().update(users).set({ role: 'moderator' }).where(eq(users.email, 'mo@example.com'));
  ada = await actor('ada@example.com');
  bob = await actor('bob@example.com');
  mod = await actor('mo@example.com');
  admin = await actor('admin@example.com');
});

const topicIn = (who: Actor, slug: string, title = `A topic in ${slug}`) => createTopic(who, { categoryId: ids[slug], title, body: `Opening post in ${slug}.` });

describe('visibility of every listing', () => {
  it('shows visitors only public categories on the home page and hides the rest by URL too', async () => {
    const open = await topicIn(ada, 'general');
    const members = await topicIn(ada, 'feedback');
    const staff = await topicIn(admin, 'staff');
    const trusted = await topicIn(admin, 'veterans');
    const latest = await listLatest(null);
    expect(latest.topics.map((t) => t.id)).toEqual([open.topicId]);
    for (const hidden of [members, staff, trusted]) await expect(getTopicPage(null, hidden.topicId)).rejects.toBeInstanceOf(NotFound);
    await expect(listCategory(null, 'feedback')).rejects.toBeInstanceOf(NotFound);
    await expect(listCategory(null, 'staff')).rejects.toBeInstanceOf(NotFound);
    expect((await listCategory(null, 'general')).topics.map((t) => t.id)).toEqual([open.topicId]);
  });

  it('shows members their categories, but not staff-only or higher trust levels', async () => {
    const members = await topicIn(ada, 'feedback');
    const staff = await topicIn(admin, 'staff');
    const trusted = await topicIn(admin, 'veterans');
    expect((await listLatest(bob)).topics.map((t) => t.id)).toEqual([members.topicId]);
    await expect(getTopicPage(bob, staff.topicId)).rejects.toBeInstanceOf(NotFound);
    await expect(getTopicPage(bob, trusted.topicId)).rejects.toBeInstanceOf(NotFound);
    await expect(listCategory(bob, 'veterans')).rejects.toBeInstanceOf(NotFound);
    await expect(locatePost(bob, staff.postId)).rejects.toBeInstanceOf(NotFound);
    await getDb().update(users).set({ trustLevel: 2 }).where(eq(users.id, bob.id));
    bob = await actor('bob@example.com');
    expect((await listLatest(bob)).topics.map((t) => t.id).sort()).toEqual([members.topicId, trusted.topicId].sort());
    expect((await listLatest(mod)).topics).toHaveLength(3);
  });

  it('refuses to create topics in categories the member cannot see', async () => {
    await expect(createTopic(bob, { categoryId: ids.staff, title: 'Sneaky topic here', body: 'x' })).rejects.toBeInstanceOf(Invalid);
  });

  it('shows visitors nothing at all on a members-only site', async () => {
    await topicIn(ada, 'general');
    await updateSettings({ membersOnly: true });
    expect((await listLatest(null)).topics).toEqual([]);
    await expect(listCategory(null, 'general')).rejects.toBeInstanceOf(NotFound);
    expect((await listLatest(bob)).topics).toHaveLength(1);
  });

  it('keeps deleted topics out of lists for members, and shows them to staff', async () => {
    const t = await topicIn(ada, 'general');
    await deletePost(ada, t.postId);
    expect((await listLatest(bob)).topics).toEqual([]);
    await expect(getTopicPage(bob, t.topicId)).rejects.toBeInstanceOf(NotFound);
    expect((await listLatest(mod)).topics.map((x) => x.deleted)).toEqual([true]);
    await restorePost(mod, t.postId);
    expect((await listLatest(bob)).topics).toHaveLength(1);
  });
});

describe('topics and replies', () => {
  it('numbers replies in order, pages them by 20, and links each post to its page', async () => {
    const t = await topicIn(ada, 'general');
    for (let i = 0; i < POSTS_PER_PAGE + 2; i++) await reply(i % 2 ? ada : bob, t.topicId, { body: `Reply number ${i + 1}` });
    const first = await getTopicPage(bob, t.topicId, 1);
    expect(first.posts).toHaveLength(POSTS_PER_PAGE);
    expect(first.pageCount).toBe(2);
    const second = await getTopicPage(bob, t.topicId, 2);
    expect(second.posts.map((p) => p.postNumber)).toEqual([21, 22, 23]);
    expect(await locatePost(bob, second.posts[2].id)).toMatchObject({ page: 2, postNumber: 23 });
    await expect(getTopicPage(bob, t.topicId, 3)).rejects.toBeInstanceOf(NotFound);
  });

  it('marks unread replies for a member until they read the page', async () => {
    const t = await topicIn(ada, 'general');
    await reply(bob, t.topicId, { body: 'First reply' });
    expect((await listLatest(ada)).topics[0].unreadPosts).toBe(1);
    await getTopicPage(ada, t.topicId);
    expect((await listLatest(ada)).topics[0].unreadPosts).toBe(0);
    expect((await listLatest(null)).topics[0].unreadPosts).toBeNull();
    // A topic bob has never opened is new to him.
    expect((await listLatest(bob)).topics[0]).toMatchObject({ isNew: false });
    const fresh = await topicIn(ada, 'general', 'A brand new topic');
    expect((await listLatest(bob)).topics.find((x) => x.id === fresh.topicId)).toMatchObject({ isNew: true });
    expect((await listLatest(ada)).topics.find((x) => x.id === fresh.topicId)).toMatchObject({ isNew: false });
  });

  it('refuses replies in a closed topic except from staff, and pins topics to the top of their category', async () => {
    const older = await topicIn(ada, 'general', 'Older topic to pin');
    const t = await topicIn(ada, 'general');
    await moderateTopic(mod, t.topicId, { closed: true });
    await expect(reply(bob, t.topicId, { body: 'Can I still reply?' })).rejects.toThrow(/closed/);
    await expect(reply(mod, t.topicId, { body: 'Staff note.' })).resolves.toHaveProperty('postNumber', 2);
    await expect(moderateTopic(bob, t.topicId, { pinned: true })).rejects.toBeInstanceOf(Forbidden);
    await moderateTopic(mod, older.topicId, { pinned: true });
    expect((await listCategory(bob, 'general')).topics[0].id).toBe(older.topicId);
  });

  it('explains bad input beside the field', async () => {
    const err = await createTopic(ada, { categoryId: '', title: 'Hi', body: '  ' }).catch((e: Invalid) => e);
    expect(err).toBeInstanceOf(Invalid);
    expect((err as Invalid).fields).toMatchObject({ categoryId: 'Choose a category.', title: 'Title needs at least 5 characters.', body: 'Post is required.' });
  });
});

describe('every edit kept as a version', () => {
  it('keeps every version with its editor, time and reason, and diffs any two', async () => {
    const t = await topicIn(ada, 'feedback', 'Original title here');
    await editPost(ada, t.postId, { body: 'Second text', title: 'Second title here', reason: 'typo' });
    await editPost(ada, t.postId, { body: 'Third text', reason: '' });
    const history = await getPostHistory(ada, t.postId);
    expect(history.versions.map((v) => [v.revision, v.body, v.title, v.editor, v.reason])).toEqual([
      [1, 'Opening post in feedback.', 'Original title here', 'ada', null],
      [2, 'Second text', 'Second title here', 'ada', 'typo'],
      [3, 'Third text', 'Second title here', 'ada', null],
    ]);
    const page = await getTopicPage(bob, t.topicId);
    expect(page.topic.title).toBe('Second title here');
    expect(page.posts[0]).toMatchObject({ versions: 3, canSeeHistory: false });
  });

  it('shows the history to the author and staff, to others only once an admin publishes it', async () => {
    const t = await topicIn(ada, 'general');
    await editPost(ada, t.postId, { body: 'Edited once' });
    await expect(getPostHistory(bob, t.postId)).rejects.toBeInstanceOf(NotFound);
    await expect(getPostHistory(null, t.postId)).rejects.toBeInstanceOf(NotFound);
    await expect(getPostHistory(mod, t.postId)).resolves.toBeTruthy();
    await expect(setHistoryPublic(mod, t.postId, true)).rejects.toBeInstanceOf(Forbidden);
    await setHistoryPublic(admin, t.postId, true);
    expect((await getPostHistory(bob, t.postId)).versions).toHaveLength(2);
    expect((await getPostHistory(null, t.postId)).versions).toHaveLength(2);
  });

  it('makes every history public when the site setting says so', async () => {
    const t = await topicIn(ada, 'general');
    await editPost(ada, t.postId, { body: 'Edited once' });
    await updateSettings({ historiesPublic: true });
    expect((await getPostHistory(bob, t.postId)).versions).toHaveLength(2);
  });

  it('lets an admin hide one version from everyone but staff, the author included', async () => {
    const t = await topicIn(ada, 'general');
    await editPost(ada, t.postId, { body: 'Something I regret saying' });
    await editPost(ada, t.postId, { body: 'Better words' });
    await setRevisionHidden(admin, t.postId, 2, true);
    expect((await getPostHistory(ada, t.postId)).versions.map((v) => v.revision)).toEqual([1, 3]);
    expect((await getPostHistory(mod, t.postId)).versions.find((v) => v.revision === 2)).toMatchObject({ hidden: true });
  });

  it('refuses edits by others, and edits that change nothing', async () => {
    const t = await topicIn(ada, 'general');
    await expect(editPost(bob, t.postId, { body: 'Hijack' })).rejects.toBeInstanceOf(Forbidden);
    await expect(editPost(ada, t.postId, { body: 'Opening post in general.' })).rejects.toBeInstanceOf(Invalid);
    await expect(editPost(mod, t.postId, { body: 'Moderator fixed a link' })).resolves.toEqual({ revision: 2 });
  });
});

describe('delete, anonymize and erase one post', () => {
  it('deletes to a tombstone that staff can read and restore', async () => {
    const t = await topicIn(ada, 'general');
    const r = await reply(bob, t.topicId, { body: 'Regrettable reply' });
    await deletePost(bob, r.postId);
    const forAda = (await getTopicPage(ada, t.topicId)).posts[1];
    expect(forAda).toMatchObject({ state: 'deleted', bodyHtml: '' });
    const forMod = (await getTopicPage(mod, t.topicId)).posts[1];
    expect(forMod.bodyHtml).toContain('Regrettable reply');
    expect(forMod.canRestore).toBe(true);
    await restorePost(mod, r.postId);
    expect((await getTopicPage(ada, t.topicId)).posts[1].state).toBe('visible');
  });

  it('detaches the author from a post while the post stays', async () => {
    const t = await topicIn(ada, 'general');
    const r = await reply(bob, t.topicId, { body: 'Keep the words, drop my name' });
    await editPost(bob, r.postId, { body: 'Keep the words, drop my name.' });
    await anonymizePost(bob, r.postId);
    const post = (await getTopicPage(ada, t.topicId)).posts[1];
    expect(post).toMatchObject({ author: null, anonymous: true, state: 'visible' });
    const [row] = await getDb().select({ userId: posts.userId }).from(posts).where(eq(posts.id, r.postId));
    expect(row.userId).toBeNull();
    const editors = await getDb().select({ editorId: postRevisions.editorId }).from(postRevisions).where(eq(postRevisions.postId, r.postId));
    expect(editors.every((e) => e.editorId === null)).toBe(true);
    await expect(editPost(bob, r.postId, { body: 'Can I still edit?' })).rejects.toBeInstanceOf(Forbidden);
  });

  it('erases a post with every version, keeping its place in the thread', async () => {
    const t = await topicIn(ada, 'general');
    const r = await reply(bob, t.topicId, { body: 'Erase me completely' });
    await editPost(bob, r.postId, { body: 'Erase me completely, v2' });
    await reply(ada, t.topicId, { body: 'A later reply' });
    await erasePost(bob, r.postId);
    const page = await getTopicPage(mod, t.topicId);
    expect(page.posts.map((p) => p.state)).toEqual(['visible', 'erased', 'visible']);
    expect(page.posts[1].bodyHtml).toBe('');
    const [row] = await getDb().select({ body: posts.body, userId: posts.userId }).from(posts).where(eq(posts.id, r.postId));
    expect(row).toEqual({ body: '', userId: null });
    expect(await getDb().select().from(postRevisions).where(eq(postRevisions.postId, r.postId))).toEqual([]);
    await expect(restorePost(mod, r.postId)).rejects.toBeInstanceOf(Invalid);
  });

  it('follows the site settings that allow or refuse anonymizing and erasing', async () => {
    const t = await topicIn(ada, 'general');
    await updateSettings({ allowPostAnonymize: false, allowPostErase: false });
    await expect(anonymizePost(ada, t.postId)).rejects.toBeInstanceOf(Forbidden);
    await expect(erasePost(ada, t.postId)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('the one safe renderer', () => {
  it('drops raw HTML and scripts, marks links, and allows images only from allowed hosts', () => {
    const html = renderPost(
      '<script>alert(1)</script><img src=x onerror=alert(1)> [link](https://example.com) ![pic](https://evil.example/p.png) [js](javascript:alert(1))\n\n```\n<b>code</b>\n```',
      [],
    );
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<img[^>]*onerror/);
    // Raw HTML is shown as the text that was typed.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('rel="nofollow ugc noopener"');
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;b&gt;code&lt;/b&gt;');
  });

  it('links mentions of real members, but not inside code', () => {
    const html = renderPost('Hi @Ada and `@ada` and @nobody', [{ username: 'ada' }]);
    expect(html).toContain('<a href="/u/ada" rel="nofollow ugc noopener">@ada</a>');
    expect(html).toContain('<code>@ada</code>');
    expect(html).toContain('@nobody');
    expect(html).not.toContain('/u/nobody');
  });
});

describe('reading a topic', () => {
  it('marks the notices about the posts read on that page as seen', async () => {
    const t = await topicIn(ada, 'general');
    await reply(bob, t.topicId, { body: 'A reply Ada will be told about' });
    expect(await unreadNotificationCount(ada)).toBe(1);
    await getTopicPage(ada, t.topicId);
    expect(await unreadNotificationCount(ada)).toBe(0);
  });
});
