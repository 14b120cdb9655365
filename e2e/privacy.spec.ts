import { expect, test } from '@playwright/test';
import { joinAndSignIn, signIn } from './support';

test('a member limits their profile and signs out a second browser from the privacy page', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const m = await joinAndSignIn(page, browser, 'pri');

  // A second browser, signed in as the same member.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, m.email, m.password);
  await expect(other.getByRole('button', { name: /Account menu/ })).toBeVisible();

  await page.goto('/settings/privacy');
  const sessions = page.getByRole('list', { name: 'Signed-in sessions' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByText('This browser', { exact: true })).toHaveCount(1);
  await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(page.getByText('Signed out.')).toBeVisible();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await other.goto('/settings/privacy');
  await expect(other).toHaveURL(/\/signin/);

  // Only me and the staff: a visitor sees the name and nothing else.
  await page.getByLabel('Only me and the staff').check();
  await page.getByLabel('Show my location').uncheck();
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText('Saved. Your profile shows this from now on.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Only me and the staff')).toBeChecked();
  await expect(page.getByLabel('Show my location')).not.toBeChecked();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/u/${m.username}`);
  await expect(visitor.getByText(`@${m.username} keeps their profile private.`)).toBeVisible();
  await expect(visitor.getByRole('heading', { name: 'Posts' })).toHaveCount(0);
});
