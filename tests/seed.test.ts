import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, policies, policyVersions, profiles, settings, users } from '@/db/schema';
import { seed } from '@/db/seed';
import { authenticate } from '@/lib/auth/accounts';
import { defaultSettings, getSettings, updateSettings } from '@/lib/settings';
import { useTestDatabase } from './db';

useTestDatabase();

const saved = { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };
const device = { ip: '127.0.0.1', userAgent: 'vitest' };

beforeEach(() => {
  delete process.env.ADMIN_EMAIL;
  delete process.env.ADMIN_PASSWORD;
});

afterEach(() => {
  for (const [name, value] of [['ADMIN_EMAIL', saved.email], ['ADMIN_PASSWORD', saved.password]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function count(table: typeof users | typeof categories | typeof policies | typeof policyVersions | typeof settings) {
  const [{ n }] = await getDb().select({ n: sql<number>`count(*)::int` }).from(table);
  return n;
}

describe('first-start seed', () => {
  it('creates one admin, the policies, the categories and the settings; a second run adds nothing', async () => {
    process.env.ADMIN_PASSWORD = 'Admin-Hearth-Seed-Password-1';
    const first = await seed();
    expect(first.adminCreated).toBe(true);

    const second = await seed();
    expect(second).toEqual({ adminCreated: false });

    const admins = await getDb().select().from(users).where(eq(users.role, 'admin'));
    expect(admins).toHaveLength(1);
    expect(await count(users)).toBe(1);
    expect(admins[0]).toMatchObject({ username: 'admin', email: 'admin@localhost', trustLevel: 4 });
    expect(admins[0].emailVerifiedAt).not.toBeNull();
    expect(await getDb().select().from(profiles).where(eq(profiles.userId, admins[0].id))).toHaveLength(1);

    const policyRows = await getDb().select().from(policies).orderBy(policies.position);
    expect(policyRows.map((p) => [p.slug, p.required])).toEqual([
      ['terms', true],
      ['privacy', true],
      ['cookies', true],
      // The services policy informs; nobody is asked to accept it.
      ['third-parties', false],
    ]);
    expect(policyRows.every((p) => p.audience === 'everyone')).toBe(true);
    const versions = await getDb().select().from(policyVersions);
    expect(versions).toHaveLength(4);
    for (const p of policyRows) {
      const own = versions.filter((v) => v.policyId === p.id);
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({ version: 1, status: 'active' });
      expect(own[0].body.length).toBeGreaterThan(100);
      expect(own[0].summary).not.toBe('');
    }

    const cats = await getDb().select().from(categories).orderBy(categories.position);
    expect(cats.map((c) => [c.slug, c.visibility])).toEqual([
      ['general', 'everyone'],
      ['announcements', 'everyone'],
      ['feedback', 'members'],
      ['staff', 'staff'],
    ]);

    const keys = (await getDb().select({ key: settings.key }).from(settings)).map((r) => r.key).sort();
    expect(keys).toEqual(Object.keys(defaultSettings()).sort());
    expect(await getSettings()).toEqual(defaultSettings());
  });

  it('keeps settings an admin changed when run again', async () => {
    process.env.ADMIN_PASSWORD = 'Admin-Hearth-Seed-Password-1';
    await seed();
    await updateSettings({ siteName: 'Lantern', minimumAge: 16 });
    await seed();
    const s = await getSettings();
    expect(s.siteName).toBe('Lantern');
    expect(s.minimumAge).toBe(16);
    expect(await count(settings)).toBe(Object.keys(defaultSettings()).length);
  });

  it('generates an admin password that works, shows it once, and never again', async () => {
    const first = await seed();
    expect(first.adminCreated).toBe(true);
    expect(first.generatedAdmin?.email).toBe('admin@localhost');
    const password = first.generatedAdmin!.password;
    expect(password.length).toBeGreaterThanOrEqual(16);

    const [admin] = await getDb().select().from(users).where(eq(users.role, 'admin'));
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(admin.passwordHash).not.toContain(password);

    const { user } = await authenticate('admin@localhost', password, device);
    expect(user.id).toBe(admin.id);

    const again = await seed();
    expect(again.generatedAdmin).toBeUndefined();
    await expect(authenticate('admin@localhost', password, device)).resolves.toHaveProperty('sessionId');
  });

  it('generates a different password on each new site', async () => {
    const a = await seed();
    await getDb().delete(users);
    const b = await seed();
    expect(a.generatedAdmin!.password).not.toBe(b.generatedAdmin!.password);
  });

  it('uses ADMIN_EMAIL and ADMIN_PASSWORD when they are set, returning no password', async () => {
    process.env.ADMIN_EMAIL = 'owner@example.org';
    process.env.ADMIN_PASSWORD = 'Quartz-Heron-Lattice-5150';
    const result = await seed();
    expect(result).toEqual({ adminCreated: true, generatedAdmin: undefined });

    const [admin] = await getDb().select().from(users).where(eq(users.role, 'admin'));
    expect(admin.email).toBe('owner@example.org');
    await expect(authenticate('owner@example.org', 'Quartz-Heron-Lattice-5150', device)).resolves.toHaveProperty('sessionId');
  });

  it('does not create a second admin when the environment changes later', async () => {
    process.env.ADMIN_PASSWORD = 'Admin-Hearth-Seed-Password-1';
    await seed();
    process.env.ADMIN_EMAIL = 'someone-else@example.org';
    process.env.ADMIN_PASSWORD = 'Another-Admin-Password-42';
    expect(await seed()).toEqual({ adminCreated: false });
    expect(await count(users)).toBe(1);
    await expect(authenticate('someone-else@example.org', 'Another-Admin-Password-42', device)).rejects.toThrow();
  });
});
