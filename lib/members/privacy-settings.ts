import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { ALLOW_MESSAGES_FROM, privacySettings } from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { parseOrInvalid } from '@/lib/validation';

export type AllowMessagesFrom = (typeof ALLOW_MESSAGES_FROM)[number];

export interface PrivacyChoices {
  allowMessagesFrom: AllowMessagesFrom;
}

export const DEFAULT_PRIVACY: Readonly<PrivacyChoices> = Object.freeze({ allowMessagesFrom: 'everyone' });

export async function getPrivacyChoices(userId: string): Promise<PrivacyChoices> {
  const [row] = await getDb()
    .select({ allowMessagesFrom: privacySettings.allowMessagesFrom })
    .from(privacySettings)
    .where(eq(privacySettings.userId, userId));
  return { ...DEFAULT_PRIVACY, ...row };
}

const choicesSchema = z.object({
  allowMessagesFrom: z.enum(ALLOW_MESSAGES_FROM, { error: 'Choose who may send you messages.' }),
});

export async function updatePrivacyChoices(viewer: Pick<Actor, 'id'>, input: Record<string, unknown>): Promise<PrivacyChoices> {
  const choices = parseOrInvalid(choicesSchema, input);
  await getDb()
    .insert(privacySettings)
    .values({ userId: viewer.id, ...choices })
    .onConflictDoUpdate({ target: privacySettings.userId, set: { ...choices, updatedAt: sql`now()` } });
  return choices;
}
