import { expect, test } from '@playwright/test';
import { fillSignUp, linkIn, newMember, readMailAsAdmin, signIn } from './support';

const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('a new member signs up with consent, confirms by mail, edits the profile and signs out', async ({ page, browser }) => {
  const m = newMember();

  // Without the required policies ticked, sign-up is refused beside each policy and nothing typed is lost.
  await fillSignUp(page, m, { acceptPolicies: false });
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('You need to accept the Terms of use to join.')).toBeVisible();
  await expect(page.getByText('You need to accept the Privacy notice to join.')).toBeVisible();
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue(m.username);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(m.email);
  await expect(page.getByLabel('Date of birth')).toHaveValue(m.dateOfBirth);
  // The optional consent is separate and starts unticked.
  await expect(page.getByRole('checkbox', { name: /occasional news/ })).not.toBeChecked();

  await page.getByLabel('Password', { exact: true }).fill(m.password);
  for (const box of await page.getByRole('checkbox', { name: /I have read and accept/ }).all()) await box.check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByText(m.email)).toBeVisible();

  // Signing in before confirming is refused with a way to get a new link.
  await signIn(page, m.email, m.password);
  await expect(page.getByText(/Please confirm your email address first/)).toBeVisible();

  const mail = await readMailAsAdmin(browser, m.email, /Confirm your email/);
  await page.goto(linkIn(mail, '/verify-email?token='));
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByText('Your email is confirmed. Sign in to continue.')).toBeVisible();

  // The link works once.
  await page.goto(linkIn(mail, '/verify-email?token='));
  await expect(page.getByText(/invalid, already used or expired/)).toBeVisible();

  await signIn(page, m.email, m.password);
  await expect(page.getByRole('heading', { name: `Welcome back, ${m.name}` })).toBeVisible();

  // Session cookie: HttpOnly and SameSite=Lax.
  const session = (await page.context().cookies()).find((c) => c.name.endsWith('authjs.session-token'));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');

  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('link', { name: 'Profile settings' }).click();
  await page.getByLabel('About you (optional)').fill('I grow tomatoes and write about them.');
  await page.getByLabel('Location (optional)').fill('Lisbon');
  await page.getByLabel('Website (optional)').fill('not a url');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Enter a full web address starting with https:// or http://.')).toBeVisible();
  await expect(page.getByLabel('About you (optional)')).toHaveValue('I grow tomatoes and write about them.');
  await page.getByLabel('Website (optional)').fill('https://tomatoes.example');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Your profile is saved.')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Location (optional)')).toHaveValue('Lisbon');

  // A picture: only real images are accepted, and removing it deletes it.
  await page.getByLabel('Profile picture').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not an image') });
  await page.getByRole('button', { name: 'Upload picture' }).click();
  await expect(page.getByText('Use a PNG, JPEG, GIF or WebP image.')).toBeVisible();
  await page.getByLabel('Profile picture').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: tinyPng });
  await page.getByRole('button', { name: 'Upload picture' }).click();
  await expect(page.getByText('Your new picture is saved.')).toBeVisible();
  const picture = page.getByRole('img', { name: 'Your current picture' });
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  const pictureUrl = await picture.getAttribute('src');
  await page.getByRole('button', { name: 'Remove picture' }).click();
  await expect(page.getByText('Your picture was removed and deleted.')).toBeVisible();
  expect((await page.request.get(pictureUrl!)).status()).toBe(404);
  await page.getByLabel('Location (optional)').fill('');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Your profile is saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Location (optional)')).toHaveValue('');
  await expect(page.getByLabel('About you (optional)')).toHaveValue('I grow tomatoes and write about them.');

  // A member who is not an admin gets the 403 page in the admin area, and no Admin link.
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();

  await page.getByRole('button', { name: /Account menu/ }).click();
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/settings/profile');
  await expect(page).toHaveURL(/\/signin/);
});

test('a child under 13 is refused, and a 14-year-old needs a guardian', async ({ page }) => {
  const child = { ...newMember('c'), dateOfBirth: `${new Date().getFullYear() - 10}-01-15` };
  await fillSignUp(page, child);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('You must be at least 13 years old to join.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toHaveCount(0);

  const teen = { ...newMember('t'), dateOfBirth: `${new Date().getFullYear() - 14}-01-15` };
  await fillSignUp(page, teen);
  const guardian = page.getByRole('checkbox', { name: /parent or guardian/ });
  await expect(guardian).toBeVisible();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/need a parent or guardian to agree/)).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(teen.password);
  await page.getByRole('checkbox', { name: /parent or guardian/ }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
});

test('bad sign-up input is explained beside each field', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Name is required.')).toBeVisible();
  await expect(page.getByText('Email is required.')).toBeVisible();
  await expect(page.getByText('Password is required.')).toBeVisible();

  const m = newMember();
  await fillSignUp(page, { ...m, email: 'not-an-email', username: 'admin', password: 'password1234', name: 'x'.repeat(61) });
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(page.getByText('That username is taken. Try another.')).toBeVisible();
  await expect(page.getByText(/too common or easy to guess/)).toBeVisible();
  // The browser stops a name at 60 characters; the server checks the same limit.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('x'.repeat(60));
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('not-an-email');
});

test('visitors are sent to sign in from the admin area, and a wrong password reveals nothing', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=(%2F|\/)admin/);
  // An unknown email and a wrong password for a real account get the very same answer.
  const refusal = page.getByText('That email and password do not match an account. Check them and try again.', { exact: true });
  await signIn(page, 'nobody@example.test', 'wrong password here');
  await expect(refusal).toBeVisible();
  await signIn(page, 'admin@e2e.test', 'wrong password here');
  await expect(refusal).toBeVisible();
});
