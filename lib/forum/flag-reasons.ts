/** Why a member reports a post: shared by the report form (client) and lib/forum/flags.ts. */
export const FLAG_REASONS = ['spam', 'inappropriate', 'off_topic', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const FLAG_NOTE_MAX = 1000;
// Short enough that "Your post was hidden…" plus the note fits a notification (500 characters).
export const STAFF_NOTE_MAX = 400;

export const FLAG_REASON_TEXT: Record<FlagReason, { label: string; description: string; reported: string }> = {
  spam: { label: 'Spam', description: 'Advertising, or links posted only to promote something.', reported: 'Reported as spam' },
  inappropriate: {
    label: 'Inappropriate',
    description: 'Rude, hateful, abusive or explicit: something that breaks the community rules.',
    reported: 'Reported as inappropriate',
  },
  off_topic: { label: 'Off-topic', description: 'Not about this topic; it belongs somewhere else.', reported: 'Reported as off-topic' },
  other: { label: 'Something else', description: 'Tell the staff what is wrong in the note below.', reported: 'Reported to the staff' },
};
