import 'server-only';
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
] as const satisfies readonly SettingKey[];

export async function getEditableSettings(viewer: Actor): Promise<Pick<Settings, (typeof editableSettings)[number]>> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const all = await getSettings();
  return Object.fromEntries(editableSettings.map((k) => [k, all[k]])) as Pick<Settings, (typeof editableSettings)[number]>;
}

/** Validates each setting with its own schema and stores them; messages name the field. */
export async function saveEditableSettings(viewer: Actor, raw: Record<string, string | boolean>): Promise<void> {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const errors: Record<string, string> = {};
  const values: Partial<Settings> = {};
  for (const key of editableSettings) {
    const schema = settingSchemas[key];
    const input = raw[key];
    const value = typeof (schema.parse(undefined) as unknown) === 'number' ? Number(input) : input;
    const parsed = schema.safeParse(value);
    if (parsed.success) (values as Record<string, unknown>)[key] = parsed.data;
    else errors[key] = key === 'digitalConsentAge' ? 'Enter an age from 13 to 21.' : key === 'siteName' ? 'Enter a name of 1 to 60 characters.' : 'This value is not allowed.';
  }
  if (Object.keys(errors).length) throw new Invalid(errors);
  await updateSettings(values);
}
