import { siteUrl } from '@/lib/site-url';

export interface MailContent {
  subject: string;
  text: string;
}

const footer = (siteName: string) =>
  `\n\n-- \n${siteName}\nYou received this because of an action on your account at ${siteUrl('/')}.`;

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
};
