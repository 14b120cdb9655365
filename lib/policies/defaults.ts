/** The policies every new site starts with, as version 1. Admins publish new versions later. */
export const defaultPolicies = [
  {
    slug: 'terms',
    type: 'terms' as const,
    title: 'Terms of use',
    position: 1,
    summary: 'Be kind, post only what you have the right to share, and follow the law. We may remove content or accounts that break these rules.',
    body: `## Who we are

This community runs on Hearth. By creating an account you agree to these terms.

## Your account

- You must be at least 13 years old. Members younger than the age of digital consent need a parent or guardian to agree.
- Keep your password to yourself. You are responsible for what is posted from your account.
- You can close your account at any time from your settings.

## What you post

- You keep the rights to what you write. You allow this community to show it to the people who may see the category you post in.
- Do not post anything illegal, hateful, harassing, or that you do not have the right to share.
- Do not send spam or try to break the site.

## Moderation

Moderators may hide, move or remove posts and suspend accounts that break these terms. You will be told when this happens to your content, and why.

## Changes

When these terms change in a way that matters, you will be asked to accept the new version the next time you sign in.`,
  },
  {
    slug: 'privacy',
    type: 'privacy' as const,
    title: 'Privacy notice',
    position: 2,
    summary: 'We collect only what the forum needs to work, never sell it, keep it no longer than needed, and let you see, download, correct and delete it yourself.',
    body: `## What we collect and why

- **Account:** your name, username, email address and password (stored only as a salted argon2id hash). We need these to run your account and to reach you about it.
- **Age check:** we ask your date of birth at sign-up only to check the age rules. We do not store the date itself; for members under the age of digital consent we keep only the day they reach it, and the record that a parent or guardian agreed.
- **Profile:** the bio, location, website, birthday and picture you choose to add. All are optional, and clearing a field deletes it.
- **Consents:** which version of each policy you accepted, and when.
- **Sessions:** the device and the IP address of each signed-in session, to keep your account safe. IP addresses are deleted after the retention period set by this site.
- **Mail:** copies of the messages we send you, kept for a short time so they can be retried when delivery fails.

## Who we share it with

We do not sell or rent your data. Outside services receive only what they need to do their job, and only when this site has them switched on.

## Your rights

You can see and correct your profile at any time in your settings, download your data, restrict or object to processing, and close your account. You can also contact the site's privacy officer, and complain to your data protection authority.

## Children

Nobody under 13 may join. Members under the age of digital consent need a parent or guardian to agree.

## Changes

When this notice changes in a way that matters, you will be asked to read and accept the new version the next time you sign in.`,
  },
  {
    slug: 'cookies',
    type: 'cookies' as const,
    title: 'Cookie policy',
    position: 3,
    summary: 'Necessary cookies sign you in, keep forms safe and remember your cookie choice. Anything else, such as remembering your text size, only with your permission. No advertising or tracking cookies.',
    body: `## The cookies we set

**Necessary cookies** keep you signed in, protect forms against forgery and remember the choice you made on the cookie banner. The site cannot work without them, so they are always on. They are never shared with anyone.

**Preference cookies** remember settings you pick, such as a larger text size. They are set only if you allow preferences on the cookie banner, and only once you use the setting.

**Analytics cookies**: the site sets none. If that ever changes, they will be listed here and set only with your permission.

The full list, with what each cookie is for, who gets it and how long it lasts, is on the cookie settings page.

## Your choice

Until you choose on the banner, only necessary cookies are set. You can change your choice at any time from "Cookie settings" at the foot of every page. If your browser sends the Global Privacy Control signal, we treat it as "reject" for everything that is not necessary. Your choice is recorded under a random number, never with your account or your network address, so we can show that you gave it.

Signing out removes the session cookie.`,
  },
];
