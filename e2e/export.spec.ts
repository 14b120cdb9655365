import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { joinAndSignIn } from './support';

test('a member downloads a copy of their data, and nobody else can fetch it', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const member = await joinAndSignIn(page, browser, 'exp');

  await page.goto('/settings/data');
  await expect(page.getByRole('heading', { name: 'Download my data' })).toBeVisible();
  await expect(page.getByText('You have not asked for a copy of your data yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Download my data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'We are gathering your data' })).toBeVisible();

  // The export is built in the background; the page follows it by itself until it is ready.
  const exports = page.getByRole('list', { name: 'Your exports' });
  const link = exports.getByRole('link', { name: /Download your data/ });
  await expect(link).toBeVisible({ timeout: 60_000 });
  await expect(exports).toContainText('Ready to download');
  await expect(exports).toContainText('Available until');

  // A second one the same day is refused, with the reason beside the button.
  await page.getByRole('button', { name: 'Download my data' }).click();
  await expect(page.getByText(/You can ask for one export a day\. You can ask again from/)).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^hearth-export-${member.username}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  const index = strFromU8(zip['index.html']);
  expect(index).toContain(`@${member.username}`);
  expect(index).toContain(member.email);
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['README.txt', 'data/users.json', 'data/posts.csv', 'data/messages.csv']));

  // Another member, and a visitor, get "not found": nothing says the export exists.
  const href = (await link.getAttribute('href'))!;
  const otherPage = await (await browser.newContext()).newPage();
  await joinAndSignIn(otherPage, browser, 'oth');
  const asOther = await otherPage.request.get(href);
  expect(asOther.status()).toBe(404);
  expect(asOther.headers()['content-type']).not.toContain('zip');
  const visitor = await browser.newContext();
  expect((await visitor.request.get(href)).status()).toBe(404);
  await visitor.close();
});
