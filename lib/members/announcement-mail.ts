import { footer, type MailContent } from '@/lib/mail/templates';

/** An announcement to members who asked for mail about the community, with the way to stop it. */
export function announcementMail(p: { siteName: string; name: string; subject: string; body: string; stopLink: string }): MailContent {
  return {
    subject: p.subject.replace(/\s+/g, ' ').trim(),
    text:
      `Hi ${p.name},\n\n${p.body.trim()}\n\n` +
      `You get this because you asked for mail about the community. To unsubscribe, turn off "Mail about the community" in your privacy settings: ${p.stopLink}` +
      footer(p.siteName),
  };
}
