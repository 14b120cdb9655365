import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { posts, profiles, users } from '@/db/schema';
import { signUp } from '@/lib/auth/accounts';
import { NotFound } from '@/lib/errors';
import { createTopic } from '@/lib/forum/topics';
import { anonymizePost, deletePost, erasePost, reply } from '@/lib/forum/posts';
import { updatePrivacyChoices } from '@/lib/members/privacy-settings';
import { updateProfile } from '@/lib/members/profile';
import { getPublicProfile, listMemberPosts, memberPostsQuery, MEMBER_POSTS_PER_PAGE } from '@/lib/members/public-profile';
import type { Actor } from '@/lib/permissions';
import { getSettings, updateSettings } from '@/lib/settings';
import { fieldErrors, signUpForm, verifiedMember, makeMember, seedForumCategories } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

let cat: Record<'general' | 'feedback' | 'staff' | 'trusted', number>;
let ada: Actor;
let ben: Actor;
let admin: Actor;

beforeEach(async () => {
  cat = await seedForumCategories();
  ada = await makeMember('ada', { trustLevel: 2, role: 'moderator' });
  ben = await makeMember('ben', { trustLevel: 1 });
  const [a] = await getDb().select().from(users).where(eq(users.role, 'admin'));
  admin = { id: a.id, role: a.role, trustLevel: a.trustLevel, suspendedUntil: null };
});

describe('public profile', () => {
  it('shows name, the fields the member filled in, join date, trust level and staff badge; never the birthday', async () => {
    await updateProfile(ada, { name: 'Ada Lovelace', bio: 'Notes on the analytical engine.', location: 'London', website: 'https://example.com/ada', birthday: '1985-12-10' });
    const [row] = await getDb().select({ createdAt: users.createdAt }).from(users).where(eq(users.id, ada.id));
    const profile = await getPublicProfile(null, 'ada');
    expect(profile).toEqual({
      username: 'ada',
      name: 'Ada Lovelace',
      avatarUrl: null,
      bio: 'Notes on the analytical engine.',
      location: 'London',
      website: 'https://example.com/ada',
      joinedAt: row.createdAt,
      trustLevel: 2,
      staffRole: 'moderator',
      isSelf: false,
      // Visitors never see whether a member is online, nor an email address.
      online: null,
      email: null,
      birthday: null,
      restricted: null,
    });
    expect(JSON.stringify(profile)).not.toContain('1985');
    expect(JSON.stringify(profile)).not.toContain('ada@example.com');
  });

  it('leaves out what the member did not fill in and shows no badge for a member', async () => {
    const profile = await getPublicProfile(ada, 'ben');
    expect(profile).toMatchObject({ username: 'ben', name: 'ben Tester', bio: null, location: null, website: null, trustLevel: 1, staffRole: null, isSelf: false });
    expect((await getPublicProfile(ben, 'ben')).isSelf).toBe(true);
    expect((await getPublicProfile(null, 'admin')).staffRole).toBe('admin');
  });

  it('finds the member whatever the letter case of the address', async () => {
    expect((await getPublicProfile(null, 'ADA')).username).toBe('ada');
    expect((await getPublicProfile(null, 'Ben')).username).toBe('ben');
  });

  it('links the avatar through the avatar route when the member has one', async () => {
    await getDb().update(profiles).set({ avatarKey: `avatars/${ben.id}-0a1b2c3d4e5f.png` }).where(eq(profiles.userId, ben.id));
    expect((await getPublicProfile(null, 'ben')).avatarUrl).toBe(`/api/avatars/${ben.id}?v=4e5f.png`);
  });

  it('never turns a stored non-web address into a link', async () => {
    await getDb().update(profiles).set({ website: 'javascript:alert(1)' }).where(eq(profiles.userId, ben.id));
    expect((await getPublicProfile(null, 'ben')).website).toBeNull();
  });

  it('is NotFound for an unknown username', async () => {
    await expect(getPublicProfile(null, 'nobody')).rejects.toBeInstanceOf(NotFound);
    await expect(getPublicProfile(admin, 'nobody')).rejects.toBeInstanceOf(NotFound);
    await expect(getPublicProfile(null, '')).rejects.toBeInstanceOf(NotFound);
    await expect(getPublicProfile(null, 'ada\u0000')).rejects.toBeInstanceOf(NotFound);
    await expect(listMemberPosts(null, 'nobody')).rejects.toBeInstanceOf(NotFound);
  });

  it('is NotFound to visitors on a members-only site, and shown to members', async () => {
    await updateSettings({ membersOnly: true });
    await expect(getPublicProfile(null, 'ada')).rejects.toBeInstanceOf(NotFound);
    await expect(listMemberPosts(null, 'ada')).rejects.toBeInstanceOf(NotFound);
    expect((await getPublicProfile(ben, 'ada')).username).toBe('ada');
    expect((await listMemberPosts(ben, 'ada')).total).toBe(0);
  });

  it('is NotFound for an account whose address is not confirmed, except to its owner and staff', async () => {
    await signUp(await signUpForm({ username: 'newbie', email: 'newbie@example.com', name: 'New Bie' }), { ip: '192.0.2.99' });
    const [row] = await getDb().select().from(users).where(eq(users.username, 'newbie'));
    const newbie: Actor = { id: row.id, role: row.role, trustLevel: row.trustLevel, suspendedUntil: null };
    await expect(getPublicProfile(null, 'newbie')).rejects.toBeInstanceOf(NotFound);
    await expect(getPublicProfile(ben, 'newbie')).rejects.toBeInstanceOf(NotFound);
    expect((await getPublicProfile(newbie, 'newbie')).isSelf).toBe(true);
    expect((await getPublicProfile(admin, 'newbie')).username).toBe('newbie');
  });
});

describe("a member's posts", () => {
  const ids = async (viewer: Actor | null, username: string) => (await listMemberPosts(viewer, username)).posts.map((p) => p.id);

  it('lists the posts newest first, with topic, category and a plain-text excerpt', async () => {
    const t = await createTopic(ben, { categoryId: cat.general, title: 'Bicycle maintenance', body: '## Chains\n\nOil your **chain** every [month](https://example.com/oil).' });
    const r = await reply(ben, t.topicId, { body: `> quoted words\n\n${'Long reply about tyres. '.repeat(20)}` });
    const page = await listMemberPosts(null, 'ben');
    expect(page.posts.map((p) => p.id)).toEqual([r.postId, t.postId]);
    expect(page).toMatchObject({ total: 2, page: 1, pageCount: 1 });
    const [newest, oldest] = page.posts;
    expect(oldest).toMatchObject({ postNumber: 1, topic: { id: t.topicId, title: 'Bicycle maintenance' }, category: { slug: 'general', name: 'General' } });
    expect(oldest.excerpt).toBe('Chains Oil your chain every month.');
    expect(newest.postNumber).toBe(2);
    expect(newest.excerpt.length).toBeLessThanOrEqual(201);
    expect(newest.excerpt).toMatch(/^Long reply about tyres\..*…$/);
  });

  it('leaves out posts in categories the viewer may not see, and never counts them', async () => {
    const general = await createTopic(ada, { categoryId: cat.general, title: 'Open topic here', body: 'Everyone can read this.' });
    const feedback = await createTopic(ada, { categoryId: cat.feedback, title: 'Members topic here', body: 'Members can read this.' });
    const trusted = await createTopic(ada, { categoryId: cat.trusted, title: 'Trusted topic here', body: 'Trust level 2 reads this.' });
    const staff = await createTopic(ada, { categoryId: cat.staff, title: 'Staff topic here', body: 'Staff only.' });

    expect(await ids(null, 'ada')).toEqual([general.postId]);
    expect((await listMemberPosts(null, 'ada')).total).toBe(1);
    expect(new Set(await ids(ben, 'ada'))).toEqual(new Set([general.postId, feedback.postId]));
    expect((await listMemberPosts(ben, 'ada')).total).toBe(2);
    const tl2 = await makeMember('cleo', { trustLevel: 2 });
    expect(new Set(await ids(tl2, 'ada'))).toEqual(new Set([general.postId, feedback.postId, trusted.postId]));
    expect((await listMemberPosts(tl2, 'ada')).total).toBe(3);
    expect((await listMemberPosts(admin, 'ada')).total).toBe(4);
    expect(await ids(admin, 'ada')).toContain(staff.postId);
  });

  it('leaves out deleted, erased, hidden and anonymized posts and posts in deleted topics, for everyone', async () => {
    const t = await createTopic(ada, { categoryId: cat.general, title: 'Garden diary', body: 'Opening post.' });
    const kept = await reply(ben, t.topicId, { body: 'Kept.' });
    const deleted = await reply(ben, t.topicId, { body: 'Deleted.' });
    const erased = await reply(ben, t.topicId, { body: 'Erased.' });
    const hidden = await reply(ben, t.topicId, { body: 'Hidden.' });
    const anonymized = await reply(ben, t.topicId, { body: 'Anonymized.' });
    const gone = await createTopic(ben, { categoryId: cat.general, title: 'Soon deleted topic', body: 'Opening post.' });
    const inGone = await reply(ben, gone.topicId, { body: 'A reply in a topic that will be deleted.' });
    await deletePost(ben, deleted.postId);
    await erasePost(ben, erased.postId);
    await getDb().update(posts).set({ hiddenAt: new Date(), hiddenReason: 'Spam' }).where(eq(posts.id, hidden.postId));
    await anonymizePost(ben, anonymized.postId);
    await deletePost(ben, gone.postId);

    for (const viewer of [null, ben, ada, admin]) {
      const page = await listMemberPosts(viewer, 'ben');
      expect(page.posts.map((p) => p.id)).toEqual([kept.postId]);
      expect(page.total).toBe(1);
    }
    expect(inGone.postId).toBeGreaterThan(0);
  });

  it('pages through the posts, 20 at a time', async () => {
    const t = await createTopic(ben, { categoryId: cat.general, title: 'Daily photo thread', body: 'Photo 0' });
    for (let i = 1; i <= 24; i++) await reply(ben, t.topicId, { body: `Photo ${i}` });
    const first = await listMemberPosts(null, 'ben', 1);
    expect(first).toMatchObject({ total: 25, page: 1, pageCount: 2 });
    expect(first.posts).toHaveLength(MEMBER_POSTS_PER_PAGE);
    expect(first.posts[0].excerpt).toBe('Photo 24');
    const second = await listMemberPosts(null, 'ben', 2);
    expect(second.posts.map((p) => p.excerpt)).toEqual(['Photo 4', 'Photo 3', 'Photo 2', 'Photo 1', 'Photo 0']);
    expect((await listMemberPosts(null, 'ben', 3)).posts).toEqual([]);
  });

  it("reads a member's posts through posts_user_created_idx, in the index's order", async () => {
    const query = memberPostsQuery(ben, await getSettings(), ada.id, 1);
    const plan = await getDb().transaction(async (tx) => {
      // On a nearly empty table scanning and sorting everything is cheapest; forbid that to see what the query can use.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      const result: unknown = await tx.execute(sql`explain ${query.getSQL()}`);
      // postgres.js returns the rows, PGlite an object holding them.
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { 'QUERY PLAN': string }[];
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('posts_user_created_idx');
    // The index gives the order: at most an incremental sort for the id tiebreak, never a full sort.
    expect(plan).not.toMatch(/(^|->)\s*Sort\s+\(/m);
  });
});

describe('privacy choices on the profile', () => {
  it('shows only what the member chose, to whom they chose', async () => {
    await updateProfile(ada, { name: 'Ada Lovelace', bio: 'Engines.', location: 'London', website: 'https://example.com/ada', birthday: '1985-12-10' });
    const ben = await makeMember('benji');

    // Defaults: location and website shown; email and birthday not; presence to members.
    let seen = await getPublicProfile(ben, 'ada');
    expect(seen).toMatchObject({ location: 'London', website: 'https://example.com/ada', email: null, birthday: null, restricted: null });

    await updatePrivacyChoices(ada, { showEmail: true, showBirthday: true, showLocation: false, showWebsite: false, showOnline: false });
    seen = await getPublicProfile(ben, 'ada');
    expect(seen).toMatchObject({ location: null, website: null, email: 'ada@example.com', birthday: '10 December', online: null });
    // The email address never reaches visitors, and the year of birth no one.
    expect((await getPublicProfile(null, 'ada')).email).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('1985');
    // The member still sees everything on their own profile.
    expect(await getPublicProfile(ada, 'ada')).toMatchObject({ location: 'London', website: 'https://example.com/ada' });

    await updatePrivacyChoices(ada, { profileVisibility: 'members' });
    const visitor = await getPublicProfile(null, 'ada');
    expect(visitor).toMatchObject({ restricted: 'members', bio: null, avatarUrl: null, location: null });
    expect((await listMemberPosts(null, 'ada')).posts).toEqual([]);
    expect((await getPublicProfile(ben, 'ada')).restricted).toBeNull();

    await updatePrivacyChoices(ada, { profileVisibility: 'private' });
    expect(await getPublicProfile(ben, 'ada')).toMatchObject({ restricted: 'private', bio: null });
    expect((await getPublicProfile(ada, 'ada')).restricted).toBeNull();
    const staff = await makeMember('staffer', { role: 'moderator' });
    expect((await getPublicProfile(staff, 'ada')).restricted).toBeNull();

    expect(await fieldErrors(updatePrivacyChoices(ada, { profileVisibility: 'friends' }))).toEqual({ profileVisibility: 'Choose who may see your profile.' });
  });
});
