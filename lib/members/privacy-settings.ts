import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { ALLOW_MESSAGES_FROM, PROFILE_VISIBILITY, privacySettings } from '@/db/schema';
import { Invalid } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { issuesByField } from '@/lib/validation';

export type AllowMessagesFrom = (typeof ALLOW_MESSAGES_FROM)[number];
export type ProfileVisibility = (typeof PROFILE_VISIBILITY)[number];

export interface PrivacyChoices {
  allowMessagesFrom: AllowMessagesFrom;
  profileVisibility: ProfileVisibility;
  showEmail: boolean;
  showBirthday: boolean;
  showLocation: boolean;
  showWebsite: boolean;
  showOnline: boolean;
}

/** A new member's choices: profile open, email and birthday hidden, messages from everyone. */
export const DEFAULT_PRIVACY: Readonly<PrivacyChoices> = Object.freeze({
  allowMessagesFrom: 'everyone',
  profileVisibility: 'everyone',
  showEmail: false,
  showBirthday: false,
  showLocation: true,
  showWebsite: true,
  showOnline: true,
});

/** The choice columns, for queries that read them along with other data (the public profile). */
export const privacyColumns = {
  allowMessagesFrom: privacySettings.allowMessagesFrom,
  profileVisibility: privacySettings.profileVisibility,
  showEmail: privacySettings.showEmail,
  showBirthday: privacySettings.showBirthday,
  showLocation: privacySettings.showLocation,
  showWebsite: privacySettings.showWebsite,
  showOnline: privacySettings.showOnline,
};

export async function getPrivacyChoices(userId: string): Promise<PrivacyChoices> {
  const [row] = await getDb().select(privacyColumns).from(privacySettings).where(eq(privacySettings.userId, userId));
  return { ...DEFAULT_PRIVACY, ...row };
}

const flag = z.union([z.boolean(), z.enum(['on', 'off', 'true', 'false'])]).transform((v) => v === true || v === 'on' || v === 'true');

const choicesSchema = z
  .object({
    allowMessagesFrom: z.enum(ALLOW_MESSAGES_FROM, { error: 'Choose who may send you messages.' }),
    profileVisibility: z.enum(PROFILE_VISIBILITY, { error: 'Choose who may see your profile.' }),
    showEmail: flag,
    showBirthday: flag,
    showLocation: flag,
    showWebsite: flag,
    showOnline: flag,
  })
  .partial();

/** Saves the choices given; the others stay as they are. */
export async function updatePrivacyChoices(viewer: Pick<Actor, 'id'>, input: Record<string, unknown>): Promise<PrivacyChoices> {
  const parsed = choicesSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(issuesByField(parsed.error));
  const next = { ...(await getPrivacyChoices(viewer.id)), ...parsed.data };
  await getDb()
    .insert(privacySettings)
    .values({ userId: viewer.id, ...next })
    .onConflictDoUpdate({ target: privacySettings.userId, set: { ...next, updatedAt: sql`now()` } });
  return next;
}
