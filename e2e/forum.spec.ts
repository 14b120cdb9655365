import { expect, test, type Page } from '@playwright/test';
import { adminContext, joinAndSignIn } from './support';

async function editPost(page: Page, body: string, reason: string) {
  await page.getByRole('article').first().getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Your post').fill(body);
  await page.getByLabel('Reason for the edit (optional)').fill(reason);
  await page.getByRole('button', { name: 'Save edit' }).click();
  await expect(page.getByRole('article').first()).toContainText(body);
}

test('a members-only topic: every edit kept, history private until published, invisible to guests', async ({ browser }) => {
  const authorPage = await (await browser.newContext()).newPage();
  const author = await joinAndSignIn(authorPage, browser, 'a');

  await authorPage.goto('/new-topic');
  await authorPage.getByLabel('Category').selectOption({ label: 'Feedback' });
  const title = `Garden club meetings ${Date.now()}`;
  await authorPage.getByLabel('Title').fill(title);
  await authorPage.getByLabel('Your post').fill('We meet on Tuesdays at the old library.');
  await authorPage.getByRole('button', { name: 'Create topic' }).click();
  await expect(authorPage.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const topicUrl = authorPage.url();

  await editPost(authorPage, 'We meet on Wednesdays at the old library.', 'new day');
  await editPost(authorPage, 'We meet on Wednesdays at the new community centre.', 'moved');
  const opening = authorPage.getByRole('article').first();
  await expect(opening.getByRole('link', { name: 'edited · 3 versions' })).toBeVisible();

  await opening.getByRole('link', { name: 'edited · 3 versions' }).click();
  await expect(authorPage.getByRole('heading', { name: /Edit history/ })).toBeVisible();
  await expect(authorPage.getByRole('listitem').filter({ hasText: /^Version \d/ })).toHaveCount(3);
  await authorPage.getByLabel('From', { exact: true }).selectOption('1');
  await authorPage.getByLabel('To', { exact: true }).selectOption('3');
  await authorPage.getByRole('button', { name: 'Compare' }).click();
  const diff = authorPage.getByLabel('Changes from version 1 to version 3');
  await expect(diff.locator('del')).toContainText(['Tuesdays']);
  await expect(diff.locator('ins')).toContainText(['Wednesdays']);
  await expect(diff.locator('del').filter({ hasText: 'old library' })).toHaveCount(1);
  const historyUrl = authorPage.url().split('?')[0];

  // A second member sees the post and that it was edited, but not its history.
  const otherPage = await (await browser.newContext()).newPage();
  await joinAndSignIn(otherPage, browser, 'b');
  await otherPage.goto(topicUrl);
  await expect(otherPage.getByRole('article').first()).toContainText('new community centre');
  await expect(otherPage.getByText('edited · 3 versions')).toBeVisible();
  await expect(otherPage.getByRole('link', { name: 'edited · 3 versions' })).toHaveCount(0);
  expect((await otherPage.goto(historyUrl))?.status()).toBe(404);

  // An admin publishes the history; now the second member can read it.
  const adminPage = await (await adminContext(browser)).newPage();
  await adminPage.goto(historyUrl);
  await adminPage.getByRole('button', { name: 'Publish history' }).click();
  await expect(adminPage.getByText('This history is public.')).toBeVisible();
  await otherPage.goto(historyUrl);
  await expect(otherPage.getByRole('heading', { name: /Edit history/ })).toBeVisible();
  await expect(otherPage.getByRole('listitem').filter({ hasText: /^Version \d/ })).toHaveCount(3);

  // A guest cannot see the topic at all: not by its URL, not in the category, not on the home page.
  const guest = await (await browser.newContext()).newPage();
  expect((await guest.goto(topicUrl))?.status()).toBe(404);
  expect((await guest.goto(historyUrl))?.status()).toBe(404);
  expect((await guest.goto('/c/feedback'))?.status()).toBe(404);
  await guest.goto('/');
  await expect(guest.getByText(title)).toHaveCount(0);
  // Search finds the topic for its members, and nothing for the guest.
  await authorPage.goto('/search?q=garden+club');
  await expect(authorPage.getByRole('link', { name: title }).first()).toBeVisible();
  await guest.goto('/search?q=garden+club');
  await expect(guest.getByRole('link', { name: title })).toHaveCount(0);
  await expect(guest.getByText(title)).toHaveCount(0);
  expect(author.username).toBeTruthy();
});

test('a reply keeps the draft when it fails and is posted when fixed', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await joinAndSignIn(page, browser, 'd');
  await page.goto('/new-topic?category=general');
  await page.getByLabel('Title').fill('Hi');
  await page.getByLabel('Your post').fill('A body that must survive the failed submit.');
  await page.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByText('Title needs at least 5 characters.')).toBeVisible();
  await expect(page.getByLabel('Your post')).toHaveValue('A body that must survive the failed submit.');
  // The draft also survives leaving the page.
  await page.goto('/');
  await page.goto('/new-topic?category=general');
  await expect(page.getByLabel('Your post')).toHaveValue('A body that must survive the failed submit.');
  await page.getByLabel('Title').fill('Hello, neighbours');
  await page.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, neighbours' })).toBeVisible();

  await page.getByLabel('Your reply').fill('Replying to myself with **bold** and <script>alert(1)</script> text.');
  await page.getByRole('button', { name: 'Post reply' }).click();
  const replyPost = page.getByRole('article').nth(1);
  await expect(replyPost.locator('strong')).toHaveText('bold');
  await expect(replyPost.locator('script')).toHaveCount(0);
  await page.goto('/new-topic');
  await expect(page.getByLabel('Your post')).toHaveValue('');
});
