import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, users } from '@/db/schema';
import { seed } from '@/db/seed';
import { getEditableSettings, saveEditableSettings } from '@/lib/admin/site-settings';
import { Forbidden, Invalid } from '@/lib/errors';
import { deleteCategory, listCategories, listCategoriesForAdmin, saveCategory } from '@/lib/forum/categories';
import { createTopic } from '@/lib/forum/topics';
import type { Actor } from '@/lib/permissions';
import { getSettings } from '@/lib/settings';
import { useTestDatabase } from './db';
import { verifiedMember } from './helpers';

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
    const base = { siteName: 'Allotment Friends', siteDescription: 'Soil and seeds', digitalConsentAge: '16', membersOnly: true, signupsOpen: true, historiesPublic: false, allowPostAnonymize: true, allowPostErase: false };
    await saveEditableSettings(admin, base);
    expect(await getSettings()).toMatchObject({ siteName: 'Allotment Friends', membersOnly: true, allowPostErase: false });
    const err = (await saveEditableSettings(admin, { ...base, siteName: '', digitalConsentAge: '9' }).catch((e) => e)) as Invalid;
    expect(err.fields).toEqual({ siteName: 'Enter a name of 1 to 60 characters.', digitalConsentAge: 'Enter an age from 13 to 21.' });
    await expect(saveEditableSettings(member, base)).rejects.toBeInstanceOf(Forbidden);
  });
});
