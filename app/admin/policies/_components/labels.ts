import type { PolicyAudience, PolicyType, VersionStatus } from '@/lib/policies/admin';

export const TYPE_LABELS: Record<PolicyType, string> = {
  terms: 'Terms of use',
  privacy: 'Privacy',
  cookies: 'Cookies',
  third_party: 'Third parties',
  other: 'Other',
};

export const AUDIENCE_LABELS: Record<PolicyAudience, string> = {
  everyone: 'Everyone',
  members: 'Members',
  guests: 'Visitors',
};

export const AUDIENCE_HINTS: Record<PolicyAudience, string> = {
  everyone: 'Members and visitors. Members accept it when they join.',
  members: 'Signed-in members only. Members accept it when they join.',
  guests: 'Visitors who are not signed in. Members are never asked to accept it.',
};

export const STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  archived: 'Archived',
};

export const STATUS_STYLES: Record<VersionStatus, string> = {
  draft: 'border-amber-300 bg-amber-50 text-amber-900',
  active: 'border-green-300 bg-green-50 text-green-900',
  archived: 'border-stone-300 bg-stone-50 text-stone-700',
};

export const day = (d: Date) => d.toISOString().slice(0, 10);
