import { expect, test, type Browser, type Page } from '@playwright/test';
import { adminContext, joinAndSignIn, type Member } from './support';

/** The admin changes a member's trust level or role on /admin/members (new members start at level 0). */
async function adminSets(browser: Browser, m: Member, setting: 'Trust level' | 'Role', value: string, saved: string) {
  const context = await adminContext(browser);
  const admin = await context.newPage();
  await admin.goto(`/admin/members?q=${m.username}`);
  await admin.getByLabel(`${setting} for @${m.username}`).selectOption(value);
  await admin.getByLabel(`Reason for the ${setting.toLowerCase()} of @${m.username}`).fill('Known to the community');
  await admin.getByRole('button', { name: `Save ${setting.toLowerCase()} for @${m.username}` }).click();
  await expect(admin.getByText(`Saved: @${m.username} is now ${saved}.`)).toBeVisible();
  await context.close();
}

/** Ann writes to Ben from his profile; returns the conversation's address. */
async function annWritesToBen(annPage: Page, ben: Member, subject: string): Promise<string> {
  await annPage.goto(`/u/${ben.username}`);
  await annPage.getByRole('link', { name: 'Message' }).click();
  await expect(annPage.getByLabel('To')).toHaveValue(`@${ben.username}`);
  await annPage.getByLabel('Subject').fill(subject);
  await annPage.getByLabel('Message', { exact: true }).fill('Could you bring the **ladder** on Saturday?');
  await annPage.getByRole('button', { name: 'Send message' }).click();
  await expect(annPage.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  return new URL(annPage.url()).pathname;
}

test('members message each other; unread state; outsiders get not found; a block stops the sender', async ({ browser }) => {
  const annPage = await (await browser.newContext()).newPage();
  const ann = await joinAndSignIn(annPage, browser, 'ann');
  const benPage = await (await browser.newContext()).newPage();
  const ben = await joinAndSignIn(benPage, browser, 'ben');

  // New members (trust level 0) are told why they cannot start conversations yet.
  await annPage.goto('/messages/new');
  await expect(annPage.getByText(/You can send private messages from trust level 1; you are at level 0/)).toBeVisible();
  await adminSets(browser, ann, 'Trust level', '1', 'at trust level 1');

  const subject = `Allotment tools ${Date.now()}`;
  const url = await annWritesToBen(annPage, ben, subject);

  // Ben sees it as unread: under the bell and in his inbox.
  await benPage.goto('/messages');
  const row = benPage.getByRole('listitem').filter({ hasText: subject });
  await expect(row).toContainText('1 unread message');
  await expect(benPage.getByRole('link', { name: /Notifications, 1 unread/ })).toBeVisible();
  await row.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(benPage.getByRole('article').first()).toContainText('Could you bring the ladder on Saturday?');
  await expect(benPage.getByRole('article').first().locator('strong')).toHaveText('ladder');
  await benPage.getByLabel('Your reply').fill('Yes, see you at ten.');
  await benPage.getByRole('button', { name: 'Send reply' }).click();
  await expect(benPage.getByRole('article').filter({ hasText: 'Yes, see you at ten.' })).toBeVisible();

  // Ann: unread, then read once opened.
  await annPage.goto('/messages');
  const annRow = annPage.getByRole('listitem').filter({ hasText: subject });
  await expect(annRow).toContainText('1 unread message');
  await annRow.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(annPage.getByText('Unread', { exact: true })).toBeVisible();
  await expect(annPage.getByRole('article').filter({ hasText: 'Yes, see you at ten.' })).toBeVisible();
  await annPage.goto('/messages');
  await expect(annRow).not.toContainText('unread');

  // Not a participant: a moderator, and the admin on the member side, get the not-found page.
  const cleoPage = await (await browser.newContext()).newPage();
  const cleo = await joinAndSignIn(cleoPage, browser, 'cleo');
  await adminSets(browser, cleo, 'Role', 'moderator', 'a moderator');
  await cleoPage.goto(url);
  await expect(cleoPage.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(cleoPage.getByText(subject)).toHaveCount(0);
  const adminPage = await (await adminContext(browser)).newPage();
  const response = await adminPage.goto(url);
  expect(response?.status()).toBe(404);
  await expect(adminPage.getByText(subject)).toHaveCount(0);

  // Ben blocks Ann: she can no longer send, neither here nor in a new conversation.
  await benPage.goto(`/u/${ann.username}`);
  await benPage.getByRole('button', { name: 'Block' }).click();
  await expect(benPage.getByText(`You blocked @${ann.username}`)).toBeVisible();
  await annPage.goto(url);
  await expect(annPage.getByText(`@${ben.username} does not accept messages from you.`)).toBeVisible();
  await expect(annPage.getByLabel('Your reply')).toHaveCount(0);
  await annPage.goto(`/u/${ben.username}`);
  await expect(annPage.getByRole('link', { name: 'Message' })).toHaveCount(0);
  await expect(annPage.getByText(`@${ben.username} does not accept messages from you.`)).toBeVisible();

  // Ben sees the block in his privacy settings and can lift it.
  await benPage.goto('/settings/privacy');
  await expect(benPage.getByRole('list', { name: 'Members you blocked' })).toContainText(`@${ann.username}`);
});

test('an admin opens a conversation only with a reason, which both members see, and the audit log keeps', async ({ browser }) => {
  const annPage = await (await browser.newContext()).newPage();
  const ann = await joinAndSignIn(annPage, browser, 'ada');
  const benPage = await (await browser.newContext()).newPage();
  const ben = await joinAndSignIn(benPage, browser, 'bo');
  await adminSets(browser, ann, 'Trust level', '1', 'at trust level 1');
  const subject = `Plot boundaries ${Date.now()}`;
  const url = await annWritesToBen(annPage, ben, subject);
  const id = url.split('/').pop()!;

  const admin = await (await adminContext(browser)).newPage();
  await admin.goto('/admin/conversations');
  // Who and when, but no subject before a reason is given.
  await expect(admin.getByRole('row').filter({ hasText: `@${ann.username}` }).filter({ hasText: `@${ben.username}` })).toBeVisible();
  await expect(admin.getByText(subject)).toHaveCount(0);
  await admin.goto(`/admin/conversations/${id}`);
  await admin.getByRole('button', { name: 'Open conversation' }).click();
  await expect(admin.getByText(/Reason is required|at least 10 characters/)).toBeVisible();
  const reason = `Report ${Date.now()} of threats in private messages`;
  await admin.getByLabel('Reason').fill(reason);
  await admin.getByRole('button', { name: 'Open conversation' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(admin.getByText('Could you bring the ladder on Saturday?')).toBeVisible();

  const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  for (const page of [annPage, benPage]) {
    await page.goto(url);
    const notice = page.getByRole('region', { name: 'Administrator access' });
    await expect(notice).toContainText(`An administrator viewed this conversation on ${today}`);
    await expect(notice).toContainText(reason);
    await page.goto('/settings/privacy');
    await expect(page.getByText(reason)).toBeVisible();
  }

  await admin.goto('/admin/audit?action=conversation.admin_view');
  await expect(admin.getByRole('row').filter({ hasText: reason })).toBeVisible();
});
