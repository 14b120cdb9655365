import { siteUrl } from '@/lib/site-url';

export interface MailContent {
  subject: string;
  text: string;
}

/** The footer of mail about the member's own account. */
export const footer = (siteName: string) =>
  `\n\n-- \n${siteName}\nYou received this because of an action on your account at ${siteUrl('/')}.`;

/** Notification mails end with the one-click link to change them (it works without signing in). */
const notificationFooter = (siteName: string, settingsLink: string) =>
  `\n\n-- \n${siteName}\nYou get this mail because of your notification settings. ` +
  `Change them or turn these mails off, in one click and without signing in:\n${settingsLink}`;

/** One line of text for a mail header: no line breaks, not too long. */
const headerText = (s: string, max = 150) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export interface NotificationMailLine {
  /** "ada replied in “Title”" */
  summary: string;
  /** What staff did and why, for staff actions (written by the moderation code, shown as is). */
  message: string | null;
  link: string;
}

export const templates = {
  verifyEmail: (p: { siteName: string; name: string; link: string; hours: number }): MailContent => ({
    subject: `Confirm your email for ${p.siteName}`,
    text:
      `Hi ${p.name},\n\nPlease confirm your email address to finish creating your account:\n\n${p.link}\n\n` +
      `The link works once and expires in ${p.hours} hours. If you did not sign up, ignore this mail and no account will be activated.` +
      footer(p.siteName),
  }),
  signupExisting: (p: { siteName: string; name: string; signInLink: string; resetLink: string }): MailContent => ({
    subject: `Someone tried to sign up to ${p.siteName} with your email`,
    text:
      `Hi ${p.name},\n\nSomeone tried to create a new account with this email address, which already has an account.\n\n` +
      `If it was you, sign in here: ${p.signInLink}\nForgot your password? Reset it here: ${p.resetLink}\n\n` +
      `If it was not you, you can ignore this mail; nothing has changed.` +
      footer(p.siteName),
  }),
  resetPassword: (p: { siteName: string; name: string; link: string; minutes: number }): MailContent => ({
    subject: `Reset your ${p.siteName} password`,
    text:
      `Hi ${p.name},\n\nA password reset was requested for your account. Choose a new password here:\n\n${p.link}\n\n` +
      `The link works once and expires in ${p.minutes} minutes. If you did not ask for this, ignore this mail; your password stays as it is.` +
      footer(p.siteName),
  }),
  passwordChanged: (p: { siteName: string; name: string; resetLink: string }): MailContent => ({
    subject: `Your ${p.siteName} password was changed`,
    text:
      `Hi ${p.name},\n\nThe password of your account was just changed and every session was signed out.\n\n` +
      `If this was not you, reset your password now: ${p.resetLink}` +
      footer(p.siteName),
  }),
  notification: (p: { siteName: string; name: string; settingsLink: string } & NotificationMailLine): MailContent => ({
    subject: headerText(p.summary),
    text:
      `Hi ${p.name},\n\n${p.summary}.\n\n` +
      (p.message ? `${p.message}\n\n` : '') +
      `Open it here: ${p.link}` +
      notificationFooter(p.siteName, p.settingsLink),
  }),
  notificationSummary: (p: {
    siteName: string;
    name: string;
    items: NotificationMailLine[];
    more: number;
    listLink: string;
    settingsLink: string;
  }): MailContent => {
    const count = p.items.length + p.more;
    return {
      subject: headerText(`Your daily summary from ${p.siteName}: ${count} new notification${count === 1 ? '' : 's'}`),
      text:
        `Hi ${p.name},\n\nHere is what happened on ${p.siteName} that you have not seen yet:\n\n` +
        p.items.map((i) => `- ${i.summary}${i.message ? `\n  ${i.message}` : ''}\n  ${i.link}`).join('\n\n') +
        (p.more > 0 ? `\n\n…and ${p.more} more.` : '') +
        `\n\nAll your notifications: ${p.listLink}` +
        notificationFooter(p.siteName, p.settingsLink),
    };
  },
};
