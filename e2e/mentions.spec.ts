import { expect, test } from '@playwright/test';
import { joinAndSignIn, readMailAsAdmin } from './support';

test('a reply that mentions a member notifies them in the app and by mail', async ({ browser }) => {
  const aPage = await (await browser.newContext()).newPage();
  const a = await joinAndSignIn(aPage, browser, 'n');
  const bPage = await (await browser.newContext()).newPage();
  const b = await joinAndSignIn(bPage, browser, 'o');

  await aPage.goto('/new-topic?category=general');
  const title = `Seed swap on Saturday ${Date.now()}`;
  await aPage.getByLabel('Title').fill(title);
  await aPage.getByLabel('Your post').fill('Bring your spare seeds.');
  await aPage.getByRole('button', { name: 'Create topic' }).click();
  await expect(aPage.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await bPage.goto(aPage.url());
  await bPage.getByLabel('Your reply').fill(`Count me in, @${a.username}! I have tomato seeds.`);
  await bPage.getByRole('button', { name: 'Post reply' }).click();
  const replyPost = bPage.getByRole('article').nth(1);
  await expect(replyPost.getByRole('link', { name: `@${a.username}` })).toHaveAttribute('href', `/u/${a.username}`);

  // The mail goes out while the notice is unread (a notice already read is not mailed).
  const mail = await readMailAsAdmin(browser, a.email, new RegExp(b.username));
  expect(mail).toContain(title);
  expect(mail).toMatch(/\/notifications\/settings\?token=/);

  await aPage.goto('/');
  const bell = aPage.getByRole('link', { name: /Notifications, 1 unread/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const item = aPage.getByRole('listitem').filter({ hasText: b.username }).filter({ hasText: title });
  await expect(item).toContainText(/mentioned you/i);
  await item.getByRole('link').first().click();
  await expect(aPage.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await aPage.goto('/');
  await expect(aPage.getByRole('link', { name: /Notifications, no unread|Notifications$/ })).toBeVisible();

});
