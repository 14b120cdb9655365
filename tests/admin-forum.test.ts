import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, users } from '@/db/schema';
import { listAudit } from '@/lib/audit';
import { seed } from '@/db/seed';
import { listMembers, setRole, setTrustLevel } from '@/lib/admin/members';
import { getEditableSettings, saveEditableSettings } from '@/lib/admin/site-settings';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { deleteCategory, listCategories, listCategoriesForAdmin, saveCategory } from '@/lib/forum/categories';
import { createTopic } from '@/lib/forum/topics';
import type { Actor } from '@/lib/permissions';
import { getSettings } from '@/lib/settings';
import { useTestDatabase } from './db';
import { fieldErrors, verifiedMember } from './helpers';

useTestDatabase();

let admin: Actor;
let member: Actor;

beforeEach(async () => {
  process.env.ADMIN_EMAIL = 'admin@example.com';
  process.env.ADMIN_PASSWORD = 'Admin-Hearth-Seed-Password-1';
  await seed();
  const { user } = await verifiedMember();
  member = user;
  [admin] = await getDb().select().from(users).where(eq(users.email, 'admin@example.com'));
});

const input = { name: 'Help desk', slug: 'help-desk', description: 'Ask for help', color: '#123456', position: 5, visibility: 'members' as const, minTrustLevel: 0 };

describe('categories, managed by admins', () => {
  it('creates, lists and edits a category with its visibility', async () => {
    await saveCategory(admin, null, input);
    const created = (await listCategoriesForAdmin(admin)).find((c) => c.slug === 'help-desk')!;
    expect(created).toMatchObject({ name: 'Help desk', visibility: 'members', topicCount: 0 });
    expect((await listCategories(null)).map((c) => c.slug)).not.toContain('help-desk');
    expect((await listCategories(member)).map((c) => c.slug)).toContain('help-desk');
    await saveCategory(admin, created.id, { ...input, visibility: 'trust', minTrustLevel: 3 });
    expect((await listCategories(member)).map((c) => c.slug)).not.toContain('help-desk');
  });

  it('explains bad input beside each field, and refuses a slug already in use', async () => {
    const err = (await saveCategory(admin, null, { ...input, name: '', slug: 'Bad Slug', color: 'red', position: 'x' }).catch((e) => e)) as Invalid;
    expect(err).toBeInstanceOf(Invalid);
    expect(Object.keys(err.fields).sort()).toEqual(['color', 'name', 'position', 'slug']);
    const clash = (await saveCategory(admin, null, { ...input, slug: 'general' }).catch((e) => e)) as Invalid;
    expect(clash.fields.slug).toMatch(/already uses/);
  });

  it('deletes only empty categories, and only for admins', async () => {
    const [general] = await getDb().select().from(categories).where(eq(categories.slug, 'general'));
    await createTopic(member, { categoryId: general.id, title: 'Keeps the category', body: 'x' });
    await expect(deleteCategory(admin, general.id)).rejects.toBeInstanceOf(Invalid);
    await expect(saveCategory(member, null, input)).rejects.toBeInstanceOf(Forbidden);
    await saveCategory(admin, null, input);
    const created = (await listCategoriesForAdmin(admin)).find((c) => c.slug === 'help-desk')!;
    await deleteCategory(admin, created.id);
    expect((await listCategoriesForAdmin(admin)).find((c) => c.slug === 'help-desk')).toBeUndefined();
  });
});

describe('community settings', () => {
  it('saves settings that take effect at once, and explains bad values', async () => {
    expect((await getEditableSettings(admin)).membersOnly).toBe(false);
    const base = { siteName: 'Allotment Friends', siteDescription: 'Soil and seeds', digitalConsentAge: '16', membersOnly: true, signupsOpen: true, historiesPublic: false, allowPostAnonymize: true, allowPostErase: false, messagesMinTrustLevel: '1', messagesMaxParticipants: '20', messagesPerDay: '20' };
    await saveEditableSettings(admin, base);
    expect(await getSettings()).toMatchObject({ siteName: 'Allotment Friends', membersOnly: true, allowPostErase: false });
    const err = (await saveEditableSettings(admin, { ...base, siteName: '', digitalConsentAge: '9', messagesPerDay: '0', messagesMinTrustLevel: ' ' }).catch((e) => e)) as Invalid;
    expect(err.fields).toEqual({
      siteName: 'Enter a name of 1 to 60 characters.',
      digitalConsentAge: 'Enter an age from 13 to 21.',
      messagesPerDay: 'Enter a number from 1 to 1000.',
      // A cleared field is not taken as 0.
      messagesMinTrustLevel: 'Enter a trust level from 0 to 4.',
    });
    // Privacy and retention settings are checked the same way.
    const privacy = (await saveEditableSettings(admin, { closureCoolingOffDays: '-1', inactiveAccountFrom: 'birthday', privacyOfficerEmail: 'not an address' }).catch((e) => e)) as Invalid;
    expect(privacy.fields).toEqual({
      closureCoolingOffDays: 'Enter a number of days from 0 to 30.',
      inactiveAccountFrom: 'Choose last activity or sign-up.',
      privacyOfficerEmail: 'Enter an email address of up to 200 characters, or leave it empty.',
    });
    await saveEditableSettings(admin, { closureCoolingOffDays: '0', inactiveAccountYears: '3', privacyOfficerEmail: 'dpo@example.org' });
    expect(await getSettings()).toMatchObject({ closureCoolingOffDays: 0, inactiveAccountYears: 3, privacyOfficerEmail: 'dpo@example.org', siteName: 'Allotment Friends' });
    // Each change is in the audit log, by account id, with the new values.
    const { entries } = await listAudit(admin, 1, 'settings.update');
    expect(entries).toEqual([
      expect.objectContaining({ actorId: admin.id, subjectType: 'site', details: { closureCoolingOffDays: 0, inactiveAccountYears: 3, privacyOfficerEmail: 'dpo@example.org' } }),
      expect.objectContaining({ actorId: admin.id, subjectType: 'site', details: expect.objectContaining({ siteName: 'Allotment Friends', membersOnly: true }) }),
    ]);
    await expect(saveEditableSettings(member, base)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('members and trust levels', () => {
  it('lets an admin find a member and set their trust level by hand, with a record of it', async () => {
    const found = await listMembers(admin, { q: 'ADA' });
    expect(found.members.map((m) => m.id)).toContain(member.id);
    expect((await listMembers(admin, { q: 'nobody-has-this-name' })).members).toEqual([]);

    expect(await fieldErrors(setTrustLevel(admin, member.id, { trustLevel: '7' }))).toEqual({ trustLevel: 'Choose a trust level from 0 to 4.' });
    // An empty choice is not level 0.
    expect(await fieldErrors(setTrustLevel(admin, member.id, { trustLevel: '' }))).toEqual({ trustLevel: 'Choose a trust level from 0 to 4.' });
    await expect(setTrustLevel(admin, 'not-an-id', { trustLevel: '1' })).rejects.toBeInstanceOf(NotFound);
    await setTrustLevel(admin, member.id, { trustLevel: '2', reason: 'Long-standing helpful member' });
    const [row] = await getDb().select({ trustLevel: users.trustLevel }).from(users).where(eq(users.id, member.id));
    expect(row.trustLevel).toBe(2);
    const { entries } = await listAudit(admin, 1, 'member.trust_level');
    expect(entries).toEqual([expect.objectContaining({ actorId: admin.id, subjectId: member.id, reason: 'Long-standing helpful member', details: { from: 0, to: 2 } })]);

    await expect(setTrustLevel(member, member.id, { trustLevel: '4' })).rejects.toBeInstanceOf(Forbidden);
    await expect(listMembers(member)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('roles', () => {
  it('lets an admin appoint a moderator (audit-logged), never change their own role', async () => {
    expect(await fieldErrors(setRole(admin, member.id, { role: 'king' }))).toEqual({ role: 'Choose member, moderator or admin.' });
    expect(await fieldErrors(setRole(admin, admin.id, { role: 'member' }))).toEqual({ role: 'You cannot change your own role; ask another admin.' });
    await setRole(admin, member.id, { role: 'moderator', reason: 'Runs the gardening category' });
    const [row] = await getDb().select({ role: users.role }).from(users).where(eq(users.id, member.id));
    expect(row.role).toBe('moderator');
    const { entries } = await listAudit(admin, 1, 'member.role');
    expect(entries).toEqual([expect.objectContaining({ actorId: admin.id, subjectId: member.id, reason: 'Runs the gardening category', details: { from: 'member', to: 'moderator' } })]);
    await expect(setRole({ ...member, role: 'moderator' }, admin.id, { role: 'member' })).rejects.toBeInstanceOf(Forbidden);
  });
});
