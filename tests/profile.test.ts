import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { profiles, users } from '@/db/schema';
import { Forbidden } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { updateSettings } from '@/lib/settings';
import { avatarKeyFor, getProfileSettings, removeAvatar, setAvatar, updateProfile, type ProfileInput } from '@/lib/members/profile';
import { readFile } from '@/lib/storage';
import { fieldErrors } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

let uploads: string;
const savedUploadsDir = process.env.HEARTH_UPLOADS_DIR;

beforeAll(() => {
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-uploads-'));
  process.env.HEARTH_UPLOADS_DIR = uploads;
});

afterAll(() => {
  if (savedUploadsDir === undefined) delete process.env.HEARTH_UPLOADS_DIR;
  else process.env.HEARTH_UPLOADS_DIR = savedUploadsDir;
  fs.rmSync(uploads, { recursive: true, force: true });
});

let member: Actor;

beforeEach(async () => {
  fs.rmSync(path.join(uploads, 'avatars'), { recursive: true, force: true });
  const [row] = await getDb()
    .insert(users)
    .values({ username: 'ada', name: 'Ada Lovelace', email: 'ada@example.com', passwordHash: 'x', emailVerifiedAt: new Date() })
    .returning();
  await getDb().insert(profiles).values({ userId: row.id });
  member = { id: row.id, role: row.role, trustLevel: row.trustLevel, suspendedUntil: null };
});

async function profileRow() {
  const [row] = await getDb().select().from(profiles).where(eq(profiles.userId, member.id));
  return row;
}

function avatarFiles(): string[] {
  const dir = path.join(uploads, 'avatars');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 1×1 PNG (one opaque pixel of the given grey), built by hand. */
function tinyPng(grey = 0x80): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, grey]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const upload = (bytes: Uint8Array, size = bytes.length) => ({ size, bytes: async () => bytes });

const fullProfile: ProfileInput = {
  name: 'Ada King',
  bio: 'I write notes on the analytical engine.',
  location: 'London',
  website: 'https://example.com/ada',
  birthday: '1985-12-10',
};

describe('profile settings', () => {
  it('saves every field and shows them back', async () => {
    await updateProfile(member, fullProfile);
    expect(await getProfileSettings(member)).toEqual({
      name: 'Ada King',
      username: 'ada',
      bio: 'I write notes on the analytical engine.',
      location: 'London',
      website: 'https://example.com/ada',
      birthday: '1985-12-10',
      avatarKey: null,
    });
  });

  it('trims what was typed', async () => {
    await updateProfile(member, { ...fullProfile, name: '  Ada King  ', location: '  London ' });
    const settings = await getProfileSettings(member);
    expect(settings.name).toBe('Ada King');
    expect(settings.location).toBe('London');
  });

  it('stores an emptied field as NULL, not as an empty string', async () => {
    await updateProfile(member, fullProfile);
    await updateProfile(member, { name: 'Ada King', bio: '', location: '   ', website: '', birthday: '' });
    const row = await profileRow();
    expect(row).toMatchObject({ bio: null, location: null, website: null, birthday: null });
  });

  it('works for a member who has no profile row yet', async () => {
    await getDb().delete(profiles).where(eq(profiles.userId, member.id));
    expect((await getProfileSettings(member)).bio).toBeNull();
    await updateProfile(member, fullProfile);
    expect((await profileRow()).bio).toBe(fullProfile.bio);
  });

  describe('puts a message beside the field that is wrong, and saves nothing', () => {
    const cases: [string, Partial<ProfileInput>, string, RegExp][] = [
      ['an empty name', { name: ' ' }, 'name', /Name is required/],
      ['a too long name', { name: 'N'.repeat(61) }, 'name', /at most 60/],
      ['a web address without a scheme', { website: 'example.com' }, 'website', /https:\/\//],
      ['a javascript: link', { website: 'javascript:alert(1)' }, 'website', /https:\/\//],
      ['an ftp address', { website: 'ftp://example.com/' }, 'website', /https:\/\//],
      ['a too long web address', { website: `https://example.com/${'a'.repeat(200)}` }, 'website', /at most 200/],
      ['a too long bio', { bio: 'b'.repeat(1001) }, 'bio', /at most 1000/],
      ['a too long location', { location: 'l'.repeat(101) }, 'location', /at most 100/],
      ['an impossible birthday', { birthday: '2001-02-30' }, 'birthday', /real date/],
      ['a birthday in the wrong format', { birthday: '10.12.1985' }, 'birthday', /real date/],
      ['a birthday in the future', { birthday: `${new Date().getUTCFullYear() + 1}-01-01` }, 'birthday', /between 1900 and today/],
      ['a birthday before 1900', { birthday: '1899-12-31' }, 'birthday', /between 1900 and today/],
    ];
    for (const [what, override, field, message] of cases) {
      it(`${what} → ${field}`, async () => {
        await updateProfile(member, { ...fullProfile, name: 'Ada Lovelace', birthday: '1990-01-01' });
        const before = await profileRow();
        const fields = await fieldErrors(updateProfile(member, { ...fullProfile, ...override }));
        expect(fields[field]).toMatch(message);
        expect(Object.keys(fields)).toEqual([field]);
        expect(await profileRow()).toEqual(before);
        expect((await getProfileSettings(member)).name).toBe('Ada Lovelace');
      });
    }
  });

  it('accepts a bio of exactly 1000 characters and an http address', async () => {
    await updateProfile(member, { ...fullProfile, bio: 'b'.repeat(1000), website: 'http://example.org' });
    const row = await profileRow();
    expect(row.bio).toHaveLength(1000);
    expect(row.website).toBe('http://example.org');
  });
});

describe('avatar', () => {
  it('stores a real PNG where it can be read back', async () => {
    const png = tinyPng();
    await setAvatar(member, upload(png));
    const key = (await profileRow()).avatarKey!;
    expect(key).toMatch(new RegExp(`^avatars/${member.id}-[0-9a-f]+\\.png$`));
    expect(await avatarKeyFor(member, member.id)).toBe(key);
    expect((await getProfileSettings(member)).avatarKey).toBe(key);
    expect(Buffer.from((await readFile(key))!)).toEqual(png);
    expect(fs.readFileSync(path.join(uploads, key))).toEqual(png);
  });

  it('keeps pictures from visitors on a members-only site', async () => {
    await setAvatar(member, upload(tinyPng()));
    expect(await avatarKeyFor(null, member.id)).not.toBeNull();
    await updateSettings({ membersOnly: true });
    expect(await avatarKeyFor(null, member.id)).toBeNull();
    expect(await avatarKeyFor(member, member.id)).not.toBeNull();
  });

  it('refuses a text file named like a PNG, keeping the old avatar', async () => {
    await setAvatar(member, upload(tinyPng()));
    const before = (await profileRow()).avatarKey;
    const text = new TextEncoder().encode('This is just a text file, saved as avatar.png\n');
    const fields = await fieldErrors(setAvatar(member, upload(text)));
    expect(fields.avatar).toMatch(/PNG, JPEG, GIF or WebP/);
    expect((await profileRow()).avatarKey).toBe(before);
    expect(avatarFiles()).toEqual([path.basename(before!)]);
  });

  it('refuses a file too short to be an image, and an empty one', async () => {
    expect((await fieldErrors(setAvatar(member, upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))))).avatar).toMatch(/PNG, JPEG/);
    expect((await fieldErrors(setAvatar(member, upload(new Uint8Array(0))))).avatar).toMatch(/Choose an image/);
    expect(avatarFiles()).toEqual([]);
  });

  it('refuses an image over 2 MB without reading it', async () => {
    let read = false;
    const big = { size: 2 * 1024 * 1024 + 1, bytes: async () => ((read = true), tinyPng()) };
    expect((await fieldErrors(setAvatar(member, big))).avatar).toMatch(/larger than 2 MB/);
    expect(read).toBe(false);
    expect((await profileRow()).avatarKey).toBeNull();
    expect(avatarFiles()).toEqual([]);
  });

  it('accepts an image of exactly 2 MB', async () => {
    const png = tinyPng();
    const padded = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024 - png.length)]);
    await setAvatar(member, upload(padded));
    expect((await profileRow()).avatarKey).toMatch(/\.png$/);
  });

  it('deletes the old file when the avatar is replaced', async () => {
    await setAvatar(member, upload(tinyPng(0x10)));
    const first = (await profileRow()).avatarKey!;
    await setAvatar(member, upload(tinyPng(0xf0)));
    const second = (await profileRow()).avatarKey!;

    expect(second).not.toBe(first);
    expect(await readFile(first)).toBeNull();
    expect(Buffer.from((await readFile(second))!)).toEqual(tinyPng(0xf0));
    expect(avatarFiles()).toEqual([path.basename(second)]);
  });

  it('is deleted, file and key, when removed', async () => {
    await setAvatar(member, upload(tinyPng()));
    const key = (await profileRow()).avatarKey!;
    await removeAvatar(member);
    expect((await profileRow()).avatarKey).toBeNull();
    expect(await avatarKeyFor(member, member.id)).toBeNull();
    expect(await readFile(key)).toBeNull();
    expect(avatarFiles()).toEqual([]);
    // Removing again is harmless.
    await removeAvatar(member);
  });

  it('recognises JPEG, GIF and WebP by their first bytes', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(16)]);
    const gif = Buffer.concat([Buffer.from('GIF89a', 'ascii'), Buffer.alloc(16)]);
    const webp = Buffer.concat([Buffer.from('RIFF', 'ascii'), Buffer.alloc(4), Buffer.from('WEBPVP8 ', 'ascii'), Buffer.alloc(8)]);
    for (const [bytes, ext] of [[jpeg, 'jpg'], [gif, 'gif'], [webp, 'webp']] as const) {
      await setAvatar(member, upload(bytes));
      expect((await profileRow()).avatarKey).toMatch(new RegExp(`\\.${ext}$`));
    }
    expect(avatarFiles()).toHaveLength(1);
  });
});

describe('a suspended member', () => {
  it('cannot change the profile or the avatar', async () => {
    await updateProfile(member, fullProfile);
    await setAvatar(member, upload(tinyPng()));
    const before = await profileRow();
    const suspended: Actor = { ...member, suspendedUntil: new Date(Date.now() + 86_400_000) };

    await expect(updateProfile(suspended, { ...fullProfile, bio: 'changed' })).rejects.toBeInstanceOf(Forbidden);
    await expect(setAvatar(suspended, upload(tinyPng(0x01)))).rejects.toBeInstanceOf(Forbidden);
    await expect(removeAvatar(suspended)).rejects.toBeInstanceOf(Forbidden);

    expect(await profileRow()).toEqual(before);
    expect(avatarFiles()).toEqual([path.basename(before.avatarKey!)]);
  });

  it('can edit again once the suspension has ended', async () => {
    const lapsed: Actor = { ...member, suspendedUntil: new Date(Date.now() - 60_000) };
    await updateProfile(lapsed, { ...fullProfile, bio: 'back again' });
    expect((await profileRow()).bio).toBe('back again');
  });
});
