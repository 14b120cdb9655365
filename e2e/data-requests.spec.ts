import { expect, test } from '@playwright/test';
import { adminContext, joinAndSignIn } from './support';

test('a member asks the privacy officer; an officer named by the admin rejects it with a reason the member reads', async ({ browser }) => {
  const annPage = await (await browser.newContext()).newPage();
  const ann = await joinAndSignIn(annPage, browser, 'ann');
  const benPage = await (await browser.newContext()).newPage();
  const ben = await joinAndSignIn(benPage, browser, 'ben');

  // Ann has made no requests yet; a too-short request is refused beside the field, keeping what she typed.
  await annPage.goto('/settings/data');
  await expect(annPage.getByText('You have not made any requests.')).toBeVisible();
  await annPage.getByRole('radio', { name: /Other request/ }).check();
  await annPage.getByRole('textbox', { name: 'Details' }).fill('Fix it');
  await annPage.getByRole('button', { name: 'Send request' }).click();
  await expect(annPage.getByText('Describe your request in at least 10 characters.')).toBeVisible();
  await expect(annPage.getByRole('textbox', { name: 'Details' })).toHaveValue('Fix it');

  const ask = `Please stop showing my posts in the weekly digest (${Date.now()}).`;
  await annPage.getByRole('textbox', { name: 'Details' }).fill(ask);
  await annPage.getByRole('button', { name: 'Send request' }).click();
  await expect(annPage.getByText(/Your request was sent as request \d+/)).toBeVisible();
  const request = annPage.getByRole('article').filter({ hasText: ask });
  await expect(request).toContainText('Pending');
  const heading = await request.getByRole('heading').innerText();
  const id = heading.match(/request (\d+)/)![1];

  // Ben is a member: the admin area is closed to him.
  await benPage.goto('/admin/data-requests');
  await expect(benPage.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();

  // The admin makes Ben a privacy officer.
  const adminSession = await adminContext(browser);
  const admin = await adminSession.newPage();
  await admin.goto(`/admin/members?q=${ben.username}`);
  await admin.getByLabel(`Privacy officer for @${ben.username}`).selectOption('Yes');
  await admin.getByLabel(`Reason for the privacy officer of @${ben.username}`).fill('Handles our data requests');
  await admin.getByRole('button', { name: `Save privacy officer for @${ben.username}` }).click();
  await expect(admin.getByText(`Saved: @${ben.username} is now a privacy officer.`)).toBeVisible();
  await adminSession.close();

  // Ben now sees the data requests, and nothing else of the admin area.
  await benPage.goto('/admin/data-requests');
  await expect(benPage.getByRole('heading', { level: 1, name: 'Data requests' })).toBeVisible();
  const nav = benPage.getByRole('navigation', { name: 'Staff' });
  await expect(nav.getByRole('link')).toHaveText(['Data requests']);
  const row = benPage.getByRole('row').filter({ hasText: `@${ann.username}` });
  await expect(row).toContainText('Other request');
  await expect(row).toContainText('Pending');
  await expect(row).toContainText('30 days left');
  await row.getByRole('link', { name: `Open request ${id}` }).click();

  await expect(benPage.getByRole('heading', { level: 1, name: `Request ${id}: Other request` })).toBeVisible();
  await expect(benPage.getByRole('link', { name: `@${ann.username}` })).toHaveAttribute('href', `/u/${ann.username}`);
  await expect(benPage.getByText(ask)).toBeVisible();

  // A rejection needs a reason.
  await benPage.getByRole('button', { name: 'Reject request' }).click();
  await expect(benPage.getByText('Give the reason: the member will read it.')).toBeVisible();
  const reason = 'The digest only lists topic titles, never your posts; there is nothing to remove.';
  await benPage.getByLabel('Reason').fill(reason);
  await benPage.getByRole('button', { name: 'Reject request' }).click();
  await expect(benPage.getByText('Rejected. The member was told and can read your reason.')).toBeVisible();
  await expect(benPage.getByRole('list', { name: `Steps of request ${id}` })).toContainText(`Rejected by @${ben.username}`);

  await benPage.goto('/admin/members');
  await expect(benPage.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();

  // Ann sees the answer, the reason and the deadline on her data page.
  const due = new Date(Date.now() + 30 * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  await annPage.goto('/settings/data');
  const answered = annPage.getByRole('article').filter({ hasText: ask });
  await expect(answered).toContainText('Rejected');
  await expect(answered).toContainText(reason);
  await expect(answered.getByRole('term').filter({ hasText: 'Answer due by' })).toBeVisible();
  await expect(answered.getByText(due, { exact: true })).toBeVisible();
  await expect(answered.getByRole('list', { name: `Steps of request ${id}` })).toContainText('Rejected by the privacy officer');
  await expect(answered.getByRole('button', { name: /Cancel request/ })).toHaveCount(0);
});
