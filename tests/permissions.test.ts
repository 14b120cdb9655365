import { describe, expect, it } from 'vitest';
import { can, isStaff, isSuspended, type Actor, type CategorySubject } from '@/lib/permissions';

const actor = (role: Actor['role'], over: Partial<Actor> = {}): Actor => ({
  id: `00000000-0000-4000-8000-00000000000${role.length}`,
  role,
  trustLevel: 0,
  suspendedUntil: null,
  ...over,
});

const admin = actor('admin', { trustLevel: 4 });
const moderator = actor('moderator', { trustLevel: 3 });
const member = actor('member', { trustLevel: 1 });
const visitor = null;
const tomorrow = () => new Date(Date.now() + 86_400_000);
const yesterday = () => new Date(Date.now() - 86_400_000);

const category = (visibility: CategorySubject['visibility'], minTrustLevel = 0): CategorySubject => ({ visibility, minTrustLevel });

describe('admin area', () => {
  it('is open to admins only', () => {
    expect(can(admin, 'admin.access')).toBe(true);
    expect(can(moderator, 'admin.access')).toBe(false);
    expect(can(member, 'admin.access')).toBe(false);
    expect(can(actor('member', { trustLevel: 4 }), 'admin.access')).toBe(false);
    expect(can(visitor, 'admin.access')).toBe(false);
  });

  it('shows the mail outbox to admins only', () => {
    expect(can(admin, 'admin.outbox.read')).toBe(true);
    expect(can(moderator, 'admin.outbox.read')).toBe(false);
    expect(can(member, 'admin.outbox.read')).toBe(false);
    expect(can(visitor, 'admin.outbox.read')).toBe(false);
  });
});

describe('profile editing', () => {
  it('lets members edit their own profile but not someone else\'s', () => {
    expect(can(member, 'profile.edit', { ownerId: member.id })).toBe(true);
    expect(can(member, 'profile.edit', { ownerId: admin.id })).toBe(false);
    expect(can(moderator, 'profile.edit', { ownerId: member.id })).toBe(false);
  });

  it('lets admins edit any profile', () => {
    expect(can(admin, 'profile.edit', { ownerId: member.id })).toBe(true);
  });

  it('is closed to visitors', () => {
    expect(can(visitor, 'profile.edit', { ownerId: member.id })).toBe(false);
    expect(can(visitor, 'profile.edit')).toBe(false);
  });

  it('is closed to suspended members until the suspension ends', () => {
    const suspended = { ...member, suspendedUntil: tomorrow() };
    expect(isSuspended(suspended)).toBe(true);
    expect(can(suspended, 'profile.edit', { ownerId: member.id })).toBe(false);
    expect(can({ ...admin, suspendedUntil: tomorrow() }, 'profile.edit', { ownerId: admin.id })).toBe(false);

    const lapsed = { ...member, suspendedUntil: yesterday() };
    expect(isSuspended(lapsed)).toBe(false);
    expect(can(lapsed, 'profile.edit', { ownerId: member.id })).toBe(true);
  });
});

describe('category visibility', () => {
  it('shows "everyone" categories to everyone, visitors included', () => {
    for (const who of [visitor, member, moderator, admin]) expect(can(who, 'category.view', category('everyone'))).toBe(true);
  });

  it('shows "members" categories to any signed-in member, not to visitors', () => {
    expect(can(visitor, 'category.view', category('members'))).toBe(false);
    expect(can(actor('member', { trustLevel: 0 }), 'category.view', category('members'))).toBe(true);
    expect(can(moderator, 'category.view', category('members'))).toBe(true);
    expect(can(admin, 'category.view', category('members'))).toBe(true);
  });

  it('shows "trust" categories from their trust level up, and to staff', () => {
    const room = category('trust', 2);
    expect(can(visitor, 'category.view', room)).toBe(false);
    expect(can(actor('member', { trustLevel: 1 }), 'category.view', room)).toBe(false);
    expect(can(actor('member', { trustLevel: 2 }), 'category.view', room)).toBe(true);
    expect(can(actor('member', { trustLevel: 3 }), 'category.view', room)).toBe(true);
    expect(can(actor('moderator', { trustLevel: 0 }), 'category.view', room)).toBe(true);
    expect(can(actor('admin', { trustLevel: 0 }), 'category.view', room)).toBe(true);
  });

  it('shows "staff" categories to moderators and admins only', () => {
    expect(can(visitor, 'category.view', category('staff'))).toBe(false);
    expect(can(actor('member', { trustLevel: 4 }), 'category.view', category('staff'))).toBe(false);
    expect(can(moderator, 'category.view', category('staff'))).toBe(true);
    expect(can(admin, 'category.view', category('staff'))).toBe(true);
    expect([visitor, member, moderator, admin].map(isStaff)).toEqual([false, false, true, true]);
  });

  it('shows nothing when no category is given', () => {
    expect(can(admin, 'category.view')).toBe(false);
    expect(can(admin, 'category.view', { ownerId: admin.id })).toBe(false);
  });
});

describe('posting', () => {
  it('lets members start topics and reply where they can see, never visitors or suspended members', () => {
    expect(can(member, 'topic.create', category('everyone'))).toBe(true);
    expect(can(member, 'post.reply', category('members'))).toBe(true);
    expect(can(member, 'topic.create', category('staff'))).toBe(false);
    expect(can(member, 'topic.create', category('trust', 3))).toBe(false);
    expect(can(visitor, 'topic.create', category('everyone'))).toBe(false);
    expect(can(visitor, 'post.reply')).toBe(false);
    expect(can({ ...member, suspendedUntil: tomorrow() }, 'post.reply', category('everyone'))).toBe(false);
    expect(can(moderator, 'topic.create', category('staff'))).toBe(true);
  });
});
