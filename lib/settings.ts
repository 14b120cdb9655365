import 'server-only';
import { cache } from 'react';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { settings } from '@/db/schema';
import { sharedValue } from '@/lib/shared-value';

/** Every site setting, its type and its default. Stored values override the defaults. */
export const settingSchemas = {
  siteName: z.string().min(1).max(60).default('Hearth'),
  siteDescription: z.string().max(300).default('A community that respects its members.'),
  minimumAge: z.number().int().min(13).max(21).default(13),
  digitalConsentAge: z.number().int().min(13).max(21).default(16),
  membersOnly: z.boolean().default(false),
  signupsOpen: z.boolean().default(true),
  maxSignupsPerIpPerHour: z.number().int().min(1).max(1000).default(10),
  historiesPublic: z.boolean().default(false),
  allowPostAnonymize: z.boolean().default(true),
  allowPostErase: z.boolean().default(true),
  verifyEmailHours: z.number().int().min(1).max(168).default(24),
  resetPasswordMinutes: z.number().int().min(10).max(1440).default(60),
  ipRetentionDays: z.number().int().min(1).max(365).default(30),
  outboxRetentionDays: z.number().int().min(1).max(365).default(30),
  unverifiedAccountDays: z.number().int().min(1).max(90).default(7),
  hostingRegion: z.string().max(100).default('the European Union'),
  privacyOfficerEmail: z.string().trim().max(200).refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)).default(''),
  messagesMinTrustLevel: z.number().int().min(0).max(4).default(1),
  messagesMaxParticipants: z.number().int().min(2).max(100).default(20),
  messagesPerDay: z.number().int().min(1).max(1000).default(20),
  // Data export and requests.
  exportExpiryDays: z.number().int().min(1).max(30).default(7),
  autoApproveExports: z.boolean().default(true),
  autoApproveErasures: z.boolean().default(false),
  dataRequestDays: z.number().int().min(1).max(90).default(30),
  // Closing accounts.
  allowAccountAnonymize: z.boolean().default(true),
  allowAccountErase: z.boolean().default(true),
  closureCoolingOffDays: z.number().int().min(0).max(30).default(7),
  usernameQuarantineDays: z.number().int().min(0).max(365).default(90),
  // Inactive accounts: closed after this many years without activity (0: never).
  inactiveAccountYears: z.number().int().min(0).max(20).default(0),
  inactiveAccountFrom: z.enum(['activity', 'signup']).default('activity'),
  inactiveAccountMode: z.enum(['anonymize', 'erase']).default('anonymize'),
  // Cookie banner: bumping the version asks every visitor again.
  cookieBannerVersion: z.number().int().min(1).max(1000).default(1),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type Settings = { [K in SettingKey]: z.output<(typeof settingSchemas)[K]> };

export function defaultSettings(): Settings {
  return Object.fromEntries(
    Object.entries(settingSchemas).map(([k, s]) => [k, s.parse(undefined)]),
  ) as Settings;
}

const storedSettings = sharedValue(5_000, async (): Promise<Readonly<Settings>> => {
  const rows = await getDb().select({ key: settings.key, value: settings.value }).from(settings);
  const out = defaultSettings() as Record<string, unknown>;
  for (const row of rows) {
    const schema = settingSchemas[row.key as SettingKey];
    if (!schema) continue;
    const parsed = schema.safeParse(row.value);
    if (parsed.success) out[row.key] = parsed.data;
  }
  return Object.freeze(out as Settings);
});

/**
 * The current settings: one value for the whole request (React's cache), so every part of a page
 * agrees, shared between requests for a few seconds (changes made here are seen at once).
 */
export const getSettings = cache((): Promise<Readonly<Settings>> => storedSettings.get());


export async function updateSettings(values: Partial<Settings>): Promise<void> {
  const entries = Object.entries(values).map(([key, value]) => ({
    key,
    value: settingSchemas[key as SettingKey].parse(value) as unknown,
  }));
  if (!entries.length) return;
  await getDb()
    .insert(settings)
    .values(entries)
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: sql`now()` } });
  storedSettings.invalidate();
}

/** First start: store every default so admins see and change real rows; existing values are kept. */
export async function seedSettings(): Promise<void> {
  const defaults = defaultSettings();
  await getDb()
    .insert(settings)
    .values(Object.entries(defaults).map(([key, value]) => ({ key, value: value as unknown })))
    .onConflictDoNothing();
  storedSettings.invalidate();
}

