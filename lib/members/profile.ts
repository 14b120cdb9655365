import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { privacySettings, profiles, users } from '@/db/schema';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { can, type Actor } from '@/lib/permissions';
import { getSettings } from '@/lib/settings';
import { deleteFile, putFile } from '@/lib/storage';
import { isUuid, optionalText, parseOrInvalid } from '@/lib/validation';
import { isCalendarDate, todayUtc } from '@/lib/auth/age';
import { nameField } from '@/lib/auth/accounts';
import { AVATAR_MAX_BYTES, sniffImage } from './avatar';
import { canSeeProfile } from './profile-visibility';

export interface ProfileSettings {
  name: string;
  username: string;
  bio: string | null;
  location: string | null;
  website: string | null;
  birthday: string | null;
  avatarKey: string | null;
}

export async function getProfileSettings(viewer: Actor): Promise<ProfileSettings> {
  const [row] = await getDb()
    .select({
      name: users.name,
      username: users.username,
      bio: profiles.bio,
      location: profiles.location,
      website: profiles.website,
      birthday: profiles.birthday,
      avatarKey: profiles.avatarKey,
    })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(users.id, viewer.id));
  if (!row) throw new NotFound();
  return row;
}

const profileSchema = z.object({
  name: nameField,
  bio: optionalText(1000, 'Bio'),
  location: optionalText(100, 'Location'),
  website: optionalText(200, 'Website').refine(
    (v) => v === null || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v),
    'Enter a full web address starting with https:// or http://.',
  ),
  birthday: optionalText(10, 'Birthday')
    .refine((v) => v === null || isCalendarDate(v), 'Enter a real date as YYYY-MM-DD.')
    .refine((v) => v === null || (v <= todayUtc() && v >= '1900-01-01'), 'Enter a date between 1900 and today.'),
});

export type ProfileInput = z.input<typeof profileSchema>;

/** Saves the profile; an emptied field is stored as nothing at all (NULL), not as an empty string. */
export async function updateProfile(viewer: Actor, raw: ProfileInput): Promise<void> {
  if (!can(viewer, 'profile.edit', { ownerId: viewer.id })) throw new Forbidden('Your account cannot edit its profile right now.');
  const input = parseOrInvalid(profileSchema, raw);
  const db = getDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: input.name, updatedAt: new Date() }).where(eq(users.id, viewer.id));
    const values = { bio: input.bio, location: input.location, website: input.website, birthday: input.birthday, updatedAt: new Date() };
    await tx
      .insert(profiles)
      .values({ userId: viewer.id, ...values })
      .onConflictDoUpdate({ target: profiles.userId, set: values });
  });
}

/** Replaces the avatar after checking the file really is a PNG, JPEG, GIF or WebP image within the size limit. */
export async function setAvatar(viewer: Actor, file: { size: number; bytes: () => Promise<Uint8Array> }): Promise<void> {
  if (!can(viewer, 'profile.edit', { ownerId: viewer.id })) throw new Forbidden('Your account cannot edit its profile right now.');
  if (file.size === 0) throw new Invalid({ avatar: 'Choose an image file.' });
  if (file.size > AVATAR_MAX_BYTES) throw new Invalid({ avatar: 'The image is larger than 2 MB. Choose a smaller one.' });
  const bytes = await file.bytes();
  const kind = sniffImage(bytes);
  if (!kind) throw new Invalid({ avatar: 'Use a PNG, JPEG, GIF or WebP image.' });
  const key = `avatars/${viewer.id}-${randomBytes(6).toString('hex')}.${kind.ext}`;
  await putFile(key, bytes);
  const previous = await replaceAvatarKey(viewer.id, key);
  if (previous) await deleteFile(previous);
}

/** Removes the avatar: the stored file is deleted, not just unlinked. */
export async function removeAvatar(viewer: Actor): Promise<void> {
  if (!can(viewer, 'profile.edit', { ownerId: viewer.id })) throw new Forbidden('Your account cannot edit its profile right now.');
  const previous = await replaceAvatarKey(viewer.id, null);
  if (previous) await deleteFile(previous);
}

async function replaceAvatarKey(userId: string, key: string | null): Promise<string | null> {
  const db = getDb();
  const [before] = await db.select({ avatarKey: profiles.avatarKey }).from(profiles).where(eq(profiles.userId, userId));
  await db
    .insert(profiles)
    .values({ userId, avatarKey: key })
    .onConflictDoUpdate({ target: profiles.userId, set: { avatarKey: key, updatedAt: new Date() } });
  return before?.avatarKey ?? null;
}

/**
 * The storage key of a member's avatar, for the image route: nothing for visitors on a members-only
 * site, nor for a viewer the member's profile is hidden from.
 */
export async function avatarKeyFor(viewer: Actor | null, userId: string): Promise<string | null> {
  if (!isUuid(userId)) return null;
  if (!viewer && (await getSettings()).membersOnly) return null;
  const [row] = await getDb()
    .select({ avatarKey: profiles.avatarKey, visibility: privacySettings.profileVisibility })
    .from(profiles)
    .leftJoin(privacySettings, eq(privacySettings.userId, profiles.userId))
    .where(eq(profiles.userId, userId));
  if (!row || !canSeeProfile(viewer, userId, row.visibility)) return null;
  return row.avatarKey ?? null;
}
