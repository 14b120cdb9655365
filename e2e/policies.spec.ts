import { expect, test } from '@playwright/test';
import { adminContext, joinAndSignIn, signIn } from './support';

test('a new privacy notice is accepted at the next sign-in, shows in the history and is counted for the admin', async ({ page, browser }) => {
  // A member who joined under the current privacy notice, then signed out.
  const member = await joinAndSignIn(page, browser, 'pol');
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();

  // The admin drafts a new version of the privacy notice, checking the preview as they write.
  const admin = await (await adminContext(browser)).newPage();
  await admin.goto('/admin/policies');
  await admin.getByRole('main').getByRole('link', { name: 'Privacy notice', exact: true }).click();
  await admin.getByRole('link', { name: 'New draft version' }).click();
  await expect(admin.getByRole('heading', { name: 'New draft of Privacy notice' })).toBeVisible();
  const body = '## Server logs\n\nWe keep server logs for 14 days, then delete them.';
  await admin.getByLabel('Text (Markdown)').fill(body);
  const preview = admin.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading', { name: 'Server logs' })).toBeVisible();
  await expect(preview).toContainText('We keep server logs for 14 days, then delete them.');
  await expect(admin.getByRole('checkbox', { name: /Minor change/ })).not.toBeChecked();

  // A missing summary is explained beside the field, and the text written is kept.
  await admin.getByLabel('Summary', { exact: true }).fill('');
  await admin.getByRole('button', { name: 'Create draft' }).click();
  await expect(admin.getByText('Summary is required.')).toBeVisible();
  await expect(admin.getByLabel('Text (Markdown)')).toHaveValue(body);

  await admin.getByLabel('Summary', { exact: true }).fill('Server logs are now kept for 14 days instead of 30.');
  await admin.getByRole('button', { name: 'Create draft' }).click();
  await expect(admin.getByText('Draft created.')).toBeVisible();
  const title = await admin.getByRole('heading', { level: 1 }).innerText();
  const version = Number(title.match(/version (\d+)/)?.[1]);
  expect(version).toBeGreaterThan(1);

  await admin.getByRole('button', { name: `Activate version ${version}` }).click();
  await expect(admin.getByText(`Version ${version} is now active; the version before it is archived.`)).toBeVisible();
  const versions = admin.getByRole('table', { name: /Versions of Privacy notice/ });
  await expect(versions.getByRole('row').filter({ hasText: `Version ${version} and its consents` })).toContainText('Active');
  await expect(versions.getByRole('row').filter({ hasText: `Version ${version - 1}` }).first()).toContainText('Archived');

  // The member signs in and is asked to accept the new version before going on.
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/consent\?callbackUrl=/);
  await expect(page.getByRole('heading', { name: 'Before you continue' })).toBeVisible();
  const pending = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Privacy notice' }) });
  await expect(pending).toContainText('Server logs are now kept for 14 days instead of 30.');
  await expect(pending.getByRole('link', { name: 'Read the full Privacy notice' })).toHaveAttribute('href', '/policies/privacy');
  await expect(pending.getByRole('link', { name: `What changed since version ${version - 1}` })).toHaveAttribute('href', `/policies/privacy/v/${version - 1}`);
  await expect(page.getByRole('button', { name: 'Not now — sign out' })).toBeVisible();

  // Browsing away does not get rid of it: every page says so and leads back.
  await page.goto('/');
  const notice = page.getByRole('complementary', { name: 'Policy changes' });
  await expect(notice).toBeVisible();
  await notice.getByRole('link', { name: 'Read and accept them' }).click();
  await expect(page.getByRole('heading', { name: 'Before you continue' })).toBeVisible();

  await page.getByRole('button', { name: 'Accept the Privacy notice' }).click();
  await expect(page.getByRole('heading', { name: `Welcome back, ${member.name}` })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Policy changes' })).toHaveCount(0);

  // Both versions are in the member's consent history, the new one first.
  await page.goto('/settings/consents');
  const history = page.getByRole('table', { name: 'Your consents, newest first' });
  const privacyRows = history.getByRole('row').filter({ hasText: 'Privacy notice' });
  await expect(privacyRows).toHaveCount(2);
  await expect(privacyRows.nth(0)).toContainText(`Version ${version}`);
  await expect(privacyRows.nth(1)).toContainText(`Version ${version - 1}`);
  await expect(privacyRows.nth(0)).toContainText('Not withdrawn');

  // The admin's report for the new version counts the acceptance, and the member is no longer listed.
  await admin.getByRole('link', { name: `Version ${version} and its consents` }).click();
  await expect(admin.getByRole('heading', { name: 'Consents' })).toBeVisible();
  const accepted = admin.getByRole('term').filter({ hasText: /^Accepted$/ }).locator('xpath=..');
  await expect(accepted.getByRole('definition').first()).toHaveText('1');
  await expect(admin.getByRole('link', { name: `@${member.username}` })).toHaveCount(0);

  // Each step is in the audit log.
  await admin.goto('/admin/audit?action=policy.activate');
  await expect(admin.getByRole('row').filter({ hasText: 'Published a policy version' }).first()).toContainText(`version: ${version}`);
  await admin.close();
});
