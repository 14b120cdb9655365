import { expect, test } from '@playwright/test';
import { adminContext, joinAndSignIn, linkIn, readMailAsAdmin, signIn } from './support';

test('a member erases their account; with no cooling-off it is closed at once and cannot sign in again', async ({ page, browser }) => {
  // The admin turns the cooling-off off.
  const adminCtx = await adminContext(browser);
  const admin = await adminCtx.newPage();
  await admin.goto('/admin/settings');
  await admin.getByLabel('Days to change their mind').fill('0');
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await expect(admin.getByText('Settings saved.')).toBeVisible();

  const m = await joinAndSignIn(page, browser, 'close');
  await page.goto('/settings/account');
  await page.getByRole('button', { name: 'Send the confirmation link' }).click();
  await expect(page.getByText('Choose what happens to your posts.')).toBeVisible();
  await page.getByLabel('Erase').check();
  await page.getByLabel('Your password').fill('wrong password entirely');
  await page.getByRole('button', { name: 'Send the confirmation link' }).click();
  await expect(page.getByText('That password is not right.')).toBeVisible();
  // The choice made is kept.
  await expect(page.getByLabel('Erase')).toBeChecked();
  await page.getByLabel('Your password').fill(m.password);
  await page.getByRole('button', { name: 'Send the confirmation link' }).click();
  await expect(page.getByText(`We sent a confirmation link to ${m.email}`)).toBeVisible();

  const mail = await readMailAsAdmin(browser, m.email, /Confirm closing your/);
  await page.goto(linkIn(mail, '/settings/account/confirm?token='));
  await expect(page.getByText('This happens at once and cannot be undone.')).toBeVisible();
  await page.getByRole('button', { name: 'Confirm: close my account' }).click();
  await page.waitForURL(/account-closed=1/);
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();

  await signIn(page, m.email, m.password);
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();

  // The admin finds no trace of the old username among the members.
  await admin.goto(`/admin/members?q=${m.username}`);
  await expect(admin.getByRole('row').filter({ hasText: m.username })).toHaveCount(0);

  await admin.goto('/admin/settings');
  await admin.getByLabel('Days to change their mind').fill('7');
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await expect(admin.getByText('Settings saved.')).toBeVisible();
  await adminCtx.close();
});

test('during the cooling-off, signing in leads to cancelling the closure', async ({ page, browser }) => {
  const m = await joinAndSignIn(page, browser, 'cool');
  await page.goto('/settings/account');
  await page.getByLabel('Anonymize').check();
  await page.getByLabel('Your password').fill(m.password);
  await page.getByRole('button', { name: 'Send the confirmation link' }).click();
  const mail = await readMailAsAdmin(browser, m.email, /Confirm closing your/);
  await page.goto(linkIn(mail, '/settings/account/confirm?token='));
  await page.getByRole('button', { name: 'Confirm: close my account' }).click();
  await expect(page.getByText(/Confirmed\. Your account will be closed on/)).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, m.email, m.password);
  await page.waitForURL(/\/settings\/account\?closing=1/);
  await expect(page.getByRole('alert').filter({ hasText: 'Your account will be anonymized on' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel the closure and keep my account' }).click();
  await expect(page.getByText('The closure is cancelled.')).toBeVisible();
});
