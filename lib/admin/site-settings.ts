import 'server-only';
import { audit } from '@/lib/audit';
import { Forbidden, Invalid } from '@/lib/errors';
import { can, type Actor } from '@/lib/permissions';
import { getSettings, settingSchemas, updateSettings, type SettingKey, type Settings } from '@/lib/settings';

/** The settings admins change on the community settings page. */
export const editableSettings = [
  'siteName',
  'siteDescription',
  'membersOnly',
  'signupsOpen',
  'historiesPublic',
  'allowPostAnonymize',
  'allowPostErase',
  'digitalConsentAge',
  'messagesMinTrustLevel',
  'messagesMaxParticipants',
  'messagesPerDay',
  'privacyOfficerEmail',
  'hostingRegion',
  'ipRetentionDays',
  'outboxRetentionDays',
  'unverifiedAccountDays',
  'exportExpiryDays',
  'autoApproveExports',
  'autoApproveErasures',
  'dataRequestDays',
  'allowAccountAnonymize',
  'allowAccountErase',
  'closureCoolingOffDays',
  'usernameQuarantineDays',
  'inactiveAccountYears',
  'inactiveAccountFrom',
  'inactiveAccountMode',
  'cookieBannerVersion',
] as const satisfies readonly SettingKey[];

/** Whether a setting is a yes/no choice (a checkbox on the form). */
export const isSwitch = (key: SettingKey) => typeof (settingSchemas[key].parse(undefined) as unknown) === 'boolean';

const SETTING_ERRORS: Partial<Record<SettingKey, string>> = {
  digitalConsentAge: 'Enter an age from 13 to 21.',
  siteName: 'Enter a name of 1 to 60 characters.',
  messagesMinTrustLevel: 'Enter a trust level from 0 to 4.',
  messagesMaxParticipants: 'Enter a number from 2 to 100.',
  messagesPerDay: 'Enter a number from 1 to 1000.',
  privacyOfficerEmail: 'Enter an email address of up to 200 characters, or leave it empty.',
  hostingRegion: 'Enter up to 100 characters.',
  ipRetentionDays: 'Enter a number of days from 1 to 365.',
  outboxRetentionDays: 'Enter a number of days from 1 to 365.',
  unverifiedAccountDays: 'Enter a number of days from 1 to 90.',
  exportExpiryDays: 'Enter a number of days from 1 to 30.',
  dataRequestDays: 'Enter a number of days from 1 to 90.',
  closureCoolingOffDays: 'Enter a number of days from 0 to 30.',
  usernameQuarantineDays: 'Enter a number of days from 0 to 365.',
  inactiveAccountYears: 'Enter a number of years from 0 (never) to 20.',
  inactiveAccountFrom: 'Choose last activity or sign-up.',
  inactiveAccountMode: 'Choose anonymize or erase.',
  cookieBannerVersion: 'Enter a whole number from 1 to 1000.',
};

export async function getEditableSettings(viewer: Actor): Promise<Pick<Settings, (typeof editableSettings)[number]>> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const all = await getSettings();
  return Object.fromEntries(editableSettings.map((k) => [k, all[k]])) as Pick<Settings, (typeof editableSettings)[number]>;
}

/** Validates each setting sent with its own schema and stores them; messages name the field. */
export async function saveEditableSettings(viewer: Actor, raw: Record<string, string | boolean>): Promise<void> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const errors: Record<string, string> = {};
  const values: Partial<Settings> = {};
  for (const key of editableSettings) {
    const schema = settingSchemas[key];
    const input = raw[key];
    // Settings not on the form sent keep their value.
    if (input === undefined) continue;
    // A cleared number field is a mistake, not 0.
    const value = typeof (schema.parse(undefined) as unknown) === 'number' ? (String(input ?? '').trim() === '' ? Number.NaN : Number(input)) : input;
    const parsed = schema.safeParse(value);
    if (parsed.success) (values as Record<string, unknown>)[key] = parsed.data;
    else errors[key] = SETTING_ERRORS[key] ?? 'This value is not allowed.';
  }
  if (Object.keys(errors).length) throw new Invalid(errors);
  const before = await getSettings();
  await updateSettings(values);
  const changed = Object.fromEntries(
    Object.entries(values)
      .filter(([k, v]) => before[k as SettingKey] !== v)
      .map(([k, v]) => [k, v as string | number | boolean]),
  );
  if (Object.keys(changed).length) await audit(viewer, 'settings.update', { type: 'site', id: 'settings' }, null, changed);
}
