import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, posts, privacySettings, profiles, topics, users } from '@/db/schema';
import type { Role } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { excerpt } from '@/lib/forum/post-access';
import { visibleTopics } from '@/lib/forum/visibility';
import { hasBlocked } from '@/lib/members/blocks';
import { DEFAULT_PRIVACY, privacyColumns, type PrivacyChoices } from '@/lib/members/privacy-settings';
import { avatarUrlOf, canSeeProfile, isOnline } from '@/lib/members/profile-visibility';
import { isStaff, type Actor } from '@/lib/permissions';
import { getSettings, type Settings } from '@/lib/settings';
import { pageCountOf } from '@/lib/pagination';

export const MEMBER_POSTS_PER_PAGE = 20;
const EXCERPT_LENGTH = 200;

export interface PublicProfile {
  username: string;
  name: string;
  /** Served by /api/avatars/<id>; the version suffix changes when the picture does. */
  avatarUrl: string | null;
  bio: string | null;
  location: string | null;
  website: string | null;
  joinedAt: Date;
  trustLevel: number;
  /** Set for moderators and admins, who carry a badge. */
  staffRole: Exclude<Role, 'member'> | null;
  /** The viewer is looking at their own profile. */
  isSelf: boolean;
  /**
   * Whether the member was active in the last few minutes: shown to signed-in members only, and never
   * to a member they have blocked (then null, as for visitors).
   */
  online: boolean | null;
  /** Shown to signed-in members when the member chose to show it. */
  email: string | null;
  /** Day and month only ("17 May"), when the member chose to show it. */
  birthday: string | null;
  /**
   * Set when the member limits who sees their profile and this viewer is not among them: the page then
   * shows only the name and says so (no details, no posts).
   */
  restricted: 'members' | 'private' | null;
}

export { ONLINE_MINUTES } from '@/lib/members/profile-visibility';

export interface MemberPost {
  id: number;
  postNumber: number;
  createdAt: Date;
  topic: { id: number; slug: string; title: string };
  category: { slug: string; name: string; color: string };
  excerpt: string;
}

export interface MemberPostPage {
  posts: MemberPost[];
  /** Posts of this member the viewer may see: never counts what the viewer could not open. */
  total: number;
  page: number;
  pageCount: number;
}

/**
 * The member behind a username (any letter case), as this viewer may know them. NotFound for an
 * unknown name, for every visitor on a members-only site, and for an account whose email address is
 * not confirmed yet (except to its owner and staff).
 */
async function findMember(viewer: Actor | null, username: string, settings: Settings) {
  if (!viewer && settings.membersOnly) throw new NotFound();
  const wanted = username.trim();
  if (!wanted || wanted.length > 100 || /[\u0000-\u001f]/.test(wanted)) throw new NotFound();
  const [row] = await getDb()
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      role: users.role,
      trustLevel: users.trustLevel,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
      bio: profiles.bio,
      location: profiles.location,
      website: profiles.website,
      avatarKey: profiles.avatarKey,
      lastSeenAt: users.lastSeenAt,
      email: users.email,
      birthday: profiles.birthday,
      ...privacyColumns,
    })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(privacySettings, eq(privacySettings.userId, users.id))
    .where(sql`lower(${users.username}) = lower(${wanted})`);
  if (!row) throw new NotFound();
  const isSelf = viewer?.id === row.id;
  if (!row.emailVerifiedAt && !isSelf && !isStaff(viewer)) throw new NotFound();
  const choices = {
    ...DEFAULT_PRIVACY,
    ...Object.fromEntries(Object.entries(row).filter(([k, v]) => k in DEFAULT_PRIVACY && v !== null)),
  } as PrivacyChoices;
  // The member limits who sees their profile: visitors (members only), or everyone but staff (private).
  const restricted = canSeeProfile(viewer, row.id, choices.profileVisibility) ? null : (choices.profileVisibility as 'members' | 'private');
  return { ...row, isSelf, choices, restricted };
}

const birthdayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

/** A member's public page: name, picture, the profile fields they filled in, join date, trust level and staff badge. */
export async function getPublicProfile(viewer: Actor | null, username: string): Promise<PublicProfile> {
  const m = await findMember(viewer, username, await getSettings());
  const shown = (choice: boolean) => m.isSelf || choice;
  const presenceHidden = !viewer || (!m.isSelf && (!m.choices.showOnline || (await hasBlocked(m.id, viewer.id))));
  const base = {
    username: m.username,
    name: m.name,
    staffRole: m.role === 'member' ? null : m.role,
    isSelf: m.isSelf,
    restricted: m.restricted,
    joinedAt: m.createdAt,
    trustLevel: m.trustLevel,
  };
  if (m.restricted) return { ...base, avatarUrl: null, bio: null, location: null, website: null, online: null, email: null, birthday: null };
  return {
    ...base,
    avatarUrl: avatarUrlOf(m.id, m.avatarKey),
    bio: m.bio || null,
    location: shown(m.choices.showLocation) ? m.location || null : null,
    // Stored only after validation, checked again so a link never carries another scheme.
    website: shown(m.choices.showWebsite) && m.website && /^https?:\/\//i.test(m.website) ? m.website : null,
    online: presenceHidden ? null : isOnline(m.lastSeenAt),
    // The email address only ever to signed-in members, and only when the member chose to show it.
    email: viewer && shown(m.choices.showEmail) ? m.email : null,
    birthday: shown(m.choices.showBirthday) && m.birthday ? birthdayFormat.format(new Date(`${m.birthday}T00:00:00Z`)) : null,
  };
}

/**
 * A member's posts that this viewer may read, newest first: never deleted, erased, hidden or
 * anonymized posts, nor posts in topics or categories hidden from the viewer.
 */
export async function listMemberPosts(viewer: Actor | null, username: string, page = 1): Promise<MemberPostPage> {
  const settings = await getSettings();
  const member = await findMember(viewer, username, settings);
  if (!Number.isInteger(page) || page < 1) page = 1;
  if (member.restricted) return { posts: [], total: 0, page, pageCount: 1 };
  const [rows, [{ total }]] = await Promise.all([
    memberPostsQuery(viewer, settings, member.id, page),
    getDb()
      .select({ total: sql<number>`count(*)::int` })
      .from(posts)
      .innerJoin(topics, eq(topics.id, posts.topicId))
      .innerJoin(categories, eq(categories.id, topics.categoryId))
      .where(visibleMemberPosts(viewer, settings, member.id)),
  ]);
  return {
    posts: rows.map((r) => ({
      id: r.id,
      postNumber: r.postNumber,
      createdAt: r.createdAt,
      topic: { id: r.topicId, slug: r.topicSlug, title: r.topicTitle },
      category: { slug: r.categorySlug, name: r.categoryName, color: r.categoryColor },
      excerpt: excerpt(r.body, EXCERPT_LENGTH),
    })),
    total,
    page,
    pageCount: pageCountOf(total, MEMBER_POSTS_PER_PAGE),
  };
}

function visibleMemberPosts(viewer: Actor | null, settings: Settings, memberId: string) {
  return and(
    eq(posts.userId, memberId),
    isNull(posts.deletedAt),
    isNull(posts.hiddenAt),
    isNull(posts.anonymizedAt),
    isNull(topics.deletedAt),
    visibleTopics(viewer, settings),
  );
}

/**
 * One page of a member's posts. The order matches posts_user_created_idx (user_id, created_at DESC
 * NULLS LAST) exactly, so PostgreSQL walks that index instead of sorting every post of the member.
 */
export function memberPostsQuery(viewer: Actor | null, settings: Settings, memberId: string, page: number) {
  return getDb()
    .select({
      id: posts.id,
      postNumber: posts.postNumber,
      createdAt: posts.createdAt,
      // Enough of the Markdown for a short excerpt, without reading whole long posts.
      body: sql<string>`left(${posts.body}, 1500)`,
      topicId: topics.id,
      topicSlug: topics.slug,
      topicTitle: topics.title,
      categorySlug: categories.slug,
      categoryName: categories.name,
      categoryColor: categories.color,
    })
    .from(posts)
    .innerJoin(topics, eq(topics.id, posts.topicId))
    .innerJoin(categories, eq(categories.id, topics.categoryId))
    .where(visibleMemberPosts(viewer, settings, memberId))
    .orderBy(sql`${posts.createdAt} desc nulls last`, desc(posts.id))
    .limit(MEMBER_POSTS_PER_PAGE)
    .offset((page - 1) * MEMBER_POSTS_PER_PAGE);
}
