import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { e2eAdmin } from '../playwright.config';

export { e2eAdmin };

let counter = 0;
/** A member nobody has used yet in this run. */
export function newMember(prefix = 'm') {
  const id = `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
  return {
    name: `Member ${id}`,
    username: id.slice(0, 20),
    email: `${id}@example.test`,
    password: 'lantern orchard velvet 42',
    dateOfBirth: '1990-04-12',
  };
}

export type Member = ReturnType<typeof newMember>;

let network = 0;

export async function fillSignUp(page: Page, m: Member, opts: { acceptPolicies?: boolean } = {}) {
  // Each new member comes from a network of their own, as on a real site, so the per-network sign-up
  // limit (10 an hour) applies to each of them and not to the whole test run.
  network += 1;
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': `198.18.${Math.floor(network / 250) % 250}.${(network % 250) + 1}` });
  await page.goto('/signup');
  await page.getByLabel('Name', { exact: true }).fill(m.name);
  await page.getByLabel('Username', { exact: true }).fill(m.username);
  await page.getByLabel('Email', { exact: true }).fill(m.email);
  await page.getByLabel('Password', { exact: true }).fill(m.password);
  await page.getByLabel('Date of birth').fill(m.dateOfBirth);
  if (opts.acceptPolicies !== false) {
    for (const box of await page.getByRole('checkbox', { name: /I have read and accept/ }).all()) await box.check();
  }
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the newest mail to an address in the admin outbox, as an admin in a separate browser context. */
let adminState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

/** A browser context signed in as the admin (signing in once per run). */
export async function adminContext(browser: Browser): Promise<BrowserContext> {
  if (adminState) return browser.newContext({ storageState: adminState });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, e2eAdmin.email, e2eAdmin.password);
  await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible();
  adminState = await context.storageState();
  await page.close();
  return context;
}

export async function readMailAsAdmin(browser: Browser, to: string, subject: RegExp): Promise<string> {
  const context = await adminContext(browser);
  const admin = await context.newPage();
  await admin.goto('/admin/outbox');
  const row = admin.getByRole('row').filter({ hasText: to }).filter({ hasText: subject }).first();
  // The mail job runs in the background; without SMTP it files the mail as stored in the outbox.
  await expect(async () => {
    await admin.reload();
    await expect(row).toContainText('stored', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await row.getByRole('link').click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(subject);
  const body = await admin.locator('pre').innerText();
  await context.close();
  return body;
}

export function linkIn(body: string, path: string): string {
  const match = body.match(new RegExp(`https?://\\S+${path.replace(/[?]/g, '\\?')}\\S*`));
  if (!match) throw new Error(`No ${path} link in mail:\n${body}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
}

/** A confirmed member, signed in on `page` (sign-up, the mailed link, sign-in). */
export async function joinAndSignIn(page: Page, browser: Browser, prefix = 'm'): Promise<Member> {
  const m = newMember(prefix);
  await fillSignUp(page, m);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  const mail = await readMailAsAdmin(browser, m.email, /Confirm your email/);
  await page.goto(linkIn(mail, '/verify-email?token='));
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByText('Your email is confirmed.')).toBeVisible();
  await signIn(page, m.email, m.password);
  await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible();
  return m;
}
