import { expect, test } from '@playwright/test';
import { adminContext, joinAndSignIn } from './support';

test('a reported post is hidden by the staff, and its author is told why', async ({ browser }) => {
  const authorPage = await (await browser.newContext()).newPage();
  await joinAndSignIn(authorPage, browser, 'p');
  await authorPage.goto('/new-topic?category=general');
  const title = `Cheap seeds, click here ${Date.now()}`;
  await authorPage.getByLabel('Title').fill(title);
  await authorPage.getByLabel('Your post').fill('Buy seeds at my shop, best prices!!!');
  await authorPage.getByRole('button', { name: 'Create topic' }).click();
  await expect(authorPage.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const topicUrl = authorPage.url();

  const readerPage = await (await browser.newContext()).newPage();
  await joinAndSignIn(readerPage, browser, 'q');
  await readerPage.goto(topicUrl);
  await readerPage.getByRole('button', { name: /Report/ }).click();
  const dialog = readerPage.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(dialog.getByRole('alert').or(dialog.getByText(/Choose why/))).toBeVisible();
  await dialog.getByLabel(/^Spam/).check();
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(readerPage.getByText(/Thanks|thank you/i)).toBeVisible();

  const admin = await (await adminContext(browser)).newPage();
  await admin.goto('/admin/review');
  const item = admin.getByRole('article').filter({ hasText: title }).or(admin.getByRole('listitem').filter({ hasText: title })).first();
  await expect(item).toBeVisible();
  await item.getByLabel('Note to the author (optional)').fill('Advertising is not allowed here.');
  await item.getByRole('button', { name: 'Agree: hide post' }).click();
  await expect(admin.getByText(title)).toHaveCount(0);

  // Others see that the post was hidden; the author sees why, and is notified.
  await readerPage.goto(topicUrl);
  await expect(readerPage.getByText('This post was hidden by the moderators.')).toBeVisible();
  await expect(readerPage.getByText('Buy seeds at my shop')).toHaveCount(0);
  await authorPage.goto('/notifications');
  await expect(authorPage.getByRole('listitem').filter({ hasText: title }).first()).toContainText('Advertising is not allowed here');
  await authorPage.goto(topicUrl);
  await expect(authorPage.getByText(/Hidden by the moderators: .*Advertising is not allowed here/)).toBeVisible();
});
