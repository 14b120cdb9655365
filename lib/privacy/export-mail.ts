import { footer, type MailContent } from '@/lib/mail/templates';

/** "24 November 2026, 14:05 UTC", as the site writes moments people may quote. */
export const longDate = (d: Date) =>
  `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}, ${d.toISOString().slice(11, 16)} UTC`;

/** The mail that a member's export is ready: where to fetch it and until when, never the data itself. */
export function exportReadyMail(p: { siteName: string; name: string; link: string; expiresAt: Date }): MailContent {
  return {
    subject: `Your ${p.siteName} data export is ready`,
    text:
      `Hi ${p.name},\n\nThe copy of your data you asked for is ready. Sign in and download it here:\n\n${p.link}\n\n` +
      `The download works until ${longDate(p.expiresAt)}. Then the file is deleted, and you can ask for a new copy whenever you like.\n\n` +
      `If you did not ask for this, change your password and sign out your other sessions in your privacy settings.` +
      footer(p.siteName),
  };
}
