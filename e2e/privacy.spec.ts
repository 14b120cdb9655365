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

test('a private profile is not suggested, listed or linked for other members', async ({ browser }) => {
  const aPage = await (await browser.newContext()).newPage();
  const a = await joinAndSignIn(aPage, browser, 'pv');
  const cPage = await (await browser.newContext()).newPage();
  const c = await joinAndSignIn(cPage, browser, 'pv');
  const bPage = await (await browser.newContext()).newPage();
  await joinAndSignIn(bPage, browser, 'pw');

  // A keeps their profile to themselves, then starts a topic.
  await aPage.goto('/settings/privacy');
  await aPage.getByLabel('Only me and the staff').check();
  await aPage.getByRole('button', { name: 'Save' }).first().click();
  await expect(aPage.getByText('Saved. Your profile shows this from now on.')).toBeVisible();
  await aPage.goto('/new-topic?category=general');
  const title = `Knitting circle ${Date.now()}`;
  await aPage.getByLabel('Title').fill(title);
  await aPage.getByLabel('Your post').fill('Who wants to knit on Thursdays?');
  await aPage.getByRole('button', { name: 'Create topic' }).click();
  await expect(aPage.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const topicUrl = aPage.url();

  // B sees A's name on the post, but no link to A's profile.
  await bPage.goto(topicUrl);
  const opening = bPage.getByRole('article').first();
  await expect(opening).toContainText(a.name);
  await expect(opening.getByRole('link', { name: a.name })).toHaveCount(0);
  await expect(opening.getByRole('link', { name: new RegExp(a.username) })).toHaveCount(0);

  // Typing @ and A's username suggests no one; C (an open profile) is suggested and picked with the keyboard.
  const box = bPage.getByLabel('Your reply');
  const suggestions = bPage.getByRole('listbox', { name: 'Mention suggestions' });
  await box.click();
  const forA = bPage.waitForResponse((r) => r.url().includes('/api/members/suggest') && r.url().includes(encodeURIComponent(a.username)));
  await box.pressSequentially(`Count me in @${a.username}`);
  await forA;
  await expect(suggestions.getByRole('option')).toHaveCount(0);
  await expect(box).toHaveAttribute('aria-expanded', 'false');

  await box.fill('');
  await box.pressSequentially(`Ask @${c.username.slice(0, -1)}`);
  await expect(suggestions).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(suggestions.getByRole('option', { name: new RegExp(c.username) })).toBeVisible();
  await expect(suggestions.getByRole('option', { name: new RegExp(a.username) })).toHaveCount(0);
  // Escape closes the list; typing on from a new @ opens it again, and Enter picks the highlighted member.
  await box.press('Escape');
  await expect(suggestions).toBeHidden();
  await box.pressSequentially(` or @${c.username.slice(0, -1)}`);
  await expect(suggestions.getByRole('option', { name: new RegExp(c.username) })).toBeVisible();
  await expect(suggestions.getByRole('option', { selected: true })).toContainText(c.username);
  await box.press('Enter');
  await expect(suggestions).toBeHidden();
  await expect(box).toHaveValue(`Ask @${c.username.slice(0, -1)} or @${c.username} `);

  // The members directory does not list A, and does list C.
  await bPage.goto(`/u?q=${encodeURIComponent(a.username)}`);
  await expect(bPage.getByText(`No members match “${a.username}”.`)).toBeVisible();
  await bPage.getByLabel('Name or username').fill(c.username);
  await bPage.getByRole('search', { name: 'Search members' }).getByRole('button', { name: 'Search' }).click();
  await expect(bPage.getByRole('list', { name: 'Members' }).getByRole('link', { name: c.name })).toBeVisible();
});
