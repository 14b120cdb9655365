/**
 * The policies every new site starts with, as version 1. Admins publish new versions later.
 * Tokens such as {{retention}} are filled when the page is shown, from the settings and the code
 * (lib/policies/facts.ts), so these texts never state a period or a service that is not true.
 */

const terms = {
  slug: 'terms',
  type: 'terms' as const,
  title: 'Terms of use',
  position: 1,
  summary:
    'Be kind, post only what you have the right to share, and follow the law. You own what you write; you let us show it to the people who may see where you post it. Moderators may remove posts or suspend accounts that break these rules, and they tell you why.',
  body: `## About these terms

These terms are the agreement between you and the people who run {{site-name}}. They apply when you join, and the parts about how to behave apply to everyone who posts. How we handle your personal data is in the [privacy notice](/policies/privacy).

## Joining

{{age-rules}}

- One account per person. Give a name and an email address that are yours.
- Keep your password to yourself. What is posted from your account is your responsibility, so if you think someone else is using it, sign out your other devices from your [privacy settings](/settings/privacy) and [choose a new password](/forgot-password).

## What you post

- You keep the rights to what you write. You allow this community to store it, show it to the people who may see the place you post it, and keep earlier versions when you edit it.
- Post only what you have the right to share. Nothing illegal, no harassment, threats or hate, no spam, and no personal details about other people without their permission.
- Do not try to break the site, get around its limits, or get at accounts or data that are not yours.

## Private messages

Private messages are seen only by the people in the conversation. When there is a serious reason, such as a report of abuse, an administrator may open a conversation; every such look is recorded with its reason, and the people in the conversation can see it in their privacy settings.

## Moderation

Moderators may hide, move or remove posts, close topics, and suspend accounts that break these terms. When they act on your content or your account, you are told what they did and why. Some decisions are made with the help of software, such as spam checks; the [privacy notice](/policies/privacy) explains how they work and how to ask a person to look again.

If you think a moderator got it wrong, tell the staff and ask them to look again.

## Leaving

You can close your account at any time from your [account settings](/settings/account), and choose, among the ways the site offers, whether your posts stay under an anonymous name or are erased. Before you go you can [download your data](/settings/data). We may close accounts that seriously or repeatedly break these terms.

## The service

The site is offered as it is. We try to keep it running and your data safe, but we cannot promise it will never be down or never change. If the site is going to close, we will tell members in advance so they can download their data.

## Changes to these terms

When these terms change in a way that matters, you are asked to accept the new version the next time you sign in. Every earlier version stays readable from this page, with what changed.`,
};

const privacy = {
  slug: 'privacy',
  type: 'privacy' as const,
  title: 'Privacy notice',
  position: 2,
  summary:
    'We collect only what the community needs to work, never sell it, show no advertising, keep it no longer than the periods below, and let you see, download, correct, restrict and delete it yourself from your settings.',
  body: `## Who is responsible

{{site-name}} is run by its administrators, who decide what happens to the data you share here. For anything about your data, contact {{privacy-officer}}. We answer data requests within {{request-deadline}}.

## What we collect and why

We collect only what the community needs to work. The list below is every piece of personal data the site stores, grouped by kind, with what it is for and the lawful basis we rely on. It is drawn from the same record the site uses to export and erase data, so it always matches what the site really does.

{{data-categories}}

Your password is never stored, only a salted one-way hash of it.

## How long we keep it

{{retention}}

## What stays when you close your account

Closing your account anonymizes it (your name and details are removed, and what you wrote stays under an anonymous name) or erases it (what you wrote is removed as well), as you choose where the site offers both. Only the following is kept, for the reason given:

{{kept-after-erasure}}

## Who we share it with

We do not sell or rent your data, and we show no advertising. Other members see what you post and what you choose to show on your profile. Outside services receive only what they need to do their job, and only while this site has them switched on:

{{services}}

## Your rights, and where to use them

Most of your rights work straight from your settings, without writing to anyone:

- **See and download your data** (access and portability): [Your data](/settings/data) builds a file with everything the site holds about you, in formats other programs can read.
- **Correct it** (rectification): change your name and profile at [Profile](/settings/profile). To correct anything else, ask on the [data requests page](/settings/data).
- **Delete it** (erasure): close your account at [Account](/settings/account), by anonymizing or erasing it, as the site offers. Where the site allows it, you can also delete or anonymize single posts.
- **Restrict processing**: at [Privacy](/settings/privacy) you can ask the site to keep your data but do nothing new with it, for example while you contest it.
- **Object**: at [Privacy](/settings/privacy) you can turn off mail about the community, limit who sees your profile and who may message you, and write to the privacy officer to object to anything else we do with your data.
- **Withdraw consent**: whatever you agreed to, you can take back as easily: mail about the community at [Privacy](/settings/privacy), optional policies at [Consents](/settings/consents), and cookies at [Cookie settings](/cookies).
- **Ask a person**: contact {{privacy-officer}}. We answer within {{request-deadline}}.
- **Complain**: you can complain to the data protection supervisory authority where you live or work, or where you think the problem happened. We would like the chance to put things right first, but you do not have to ask us before you complain.

## Decisions made by software

Two things here are decided by software, not by a person:

- **Spam checks.** When the site has a spam-checking service switched on (it is listed above if so), each new post is checked before it appears. A post that looks like spam is held for a moderator instead of being published; the software never deletes it on its own. If your post is held, a moderator looks at it and publishes it if it is fine. If you think a check got it wrong, ask the staff or contact {{privacy-officer}}.
- **Trust levels.** Each member has a trust level from 0 to 4, and new members start at 0. Some things open only at higher levels, such as sending private messages or reading some categories. Levels are set by the staff, and every change is recorded in the staff log with its reason; your data export lists the changes to yours. If you think your level is wrong, ask the staff to look at it, or contact {{privacy-officer}}.

Neither has legal effects on you or affects you in a similarly significant way beyond what you can do on this site.

## Children

{{age-rules}}

If you believe a child has joined without the consent they needed, contact {{privacy-officer}} and we will act on it.

## Changes to this notice

When this notice changes in a way that matters, you are asked to read and accept the new version the next time you sign in. Every earlier version stays readable from this page, with what changed. Figures that come from the site's settings, such as how long something is kept, always show the current value.`,
};

const cookies = {
  slug: 'cookies',
  type: 'cookies' as const,
  title: 'Cookie policy',
  position: 3,
  summary:
    'Necessary cookies sign you in, protect forms and remember your cookie choice. Anything else, such as remembering your text size, only with your permission, and never while your browser sends Global Privacy Control. No advertising or tracking cookies.',
  body: `## What cookies are

A cookie is a small piece of text a website asks your browser to keep and send back on your next visit. This site uses cookies only for itself: no advertising cookies, no tracking across sites, and no cookies for anyone else.

## The kinds we use

- **Necessary** cookies keep you signed in, protect forms against forgery from other sites, and remember the choice you made on the cookie banner. The site cannot work without them, so they are always on.
- **Preference** cookies remember settings you pick, such as a larger text size. They are set only if you allow preferences, and only once you use the setting.
- **Analytics** cookies would count visits to see how the site is used. The site sets none today; if that ever changes, they will be listed here and set only with your permission.

## Every cookie we set

{{cookie-table}}

## Who gets which cookie

{{cookies-by-audience}}

## The cookie banner

Until you choose on the banner, only necessary cookies are set. You can accept all, reject all, or choose category by category, and rejecting is as easy as accepting. You can change your mind at any time from "Cookie settings" at the foot of every page, or on the [cookie settings page](/cookies); taking back a permission removes the cookies it allowed.

Your choice is recorded under a random number, never with your account or your network address, so we can show what you chose and when. When the kinds of cookies we use change, the banner asks you again.

## Global Privacy Control

If your browser sends the Global Privacy Control signal, we treat it as "reject" for everything that is not necessary, whatever was chosen before, for as long as the signal is on.

## Other sites

Sites we link to, such as a payment page run by a payment service, set their own cookies under their own policies. The outside services this site uses are listed in the [privacy notice](/policies/privacy).`,
};

/** The services policy: it informs, so members are not asked to accept it. */
export const thirdPartyPolicy = {
  slug: 'third-parties',
  type: 'third_party' as const,
  required: false,
  title: 'Third-party services',
  position: 4,
  summary:
    'The outside services that receive personal data from this site, what each receives and why. Only the services switched on are listed, and the list updates the moment that changes.',
  body: `## Services that receive personal data

This list comes from the site's own configuration, so it shows exactly the services switched on right now.

{{services}}

## What we ask of them

- A service is switched on only when the community needs what it does, and it receives only the data that job needs.
- Each service may use the data only to do that job for us, not for its own purposes, and must keep it safe.
- Where a service handles data outside {{hosting-region}}, that happens only with the safeguards the law requires.

## What we never do

We do not sell or rent your data, show advertising, or add tracking scripts or social media buttons that report your visits to others.

## Links to other sites

Posts and profiles can link to other sites. Those sites are not run by us, and what they do with your data is covered by their own policies.

## Questions

Contact {{privacy-officer}}. How we handle your data overall is in the [privacy notice](/policies/privacy).`,
};

export const defaultPolicies: readonly { slug: string; type: 'terms' | 'privacy' | 'cookies' | 'third_party'; title: string; position: number; summary: string; body: string; required?: boolean }[] = [terms, privacy, cookies, thirdPartyPolicy];
