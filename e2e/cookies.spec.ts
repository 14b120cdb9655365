import { expect, test, type Browser, type BrowserContext, type Cookie, type Page } from '@playwright/test';
import { joinAndSignIn } from './support';

type Registry = { necessary: string[]; preferences: string[]; analytics: string[] };

/** The cookie registry as a visitor reads it on /cookies: the names in each category's table. */
async function registryOnPage(browser: Browser): Promise<Registry> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/cookies');
  const names = async (category: string) => {
    const section = page.getByRole('region', { name: category, exact: true });
    await expect(section).toBeVisible();
    return (await section.getByRole('rowheader').allInnerTexts()).map((n) => n.trim());
  };
  const registry = { necessary: await names('Necessary'), preferences: await names('Preferences'), analytics: await names('Analytics') };
  await expect(page.getByRole('region', { name: 'Analytics', exact: true })).toContainText('No analytics cookies are in use.');
  await context.close();
  return registry;
}

const optional = (registry: Registry) => [...registry.preferences, ...registry.analytics];
const names = (cookies: Cookie[]) => cookies.map((c) => c.name).sort();

/** A public topic to visit, started by a member. */
async function publicTopic(browser: Browser): Promise<{ url: string; username: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const m = await joinAndSignIn(page, browser, 'ck');
  await page.goto('/new-topic');
  await page.getByLabel('Category').selectOption({ label: 'General' });
  await page.getByLabel('Title').fill(`Which biscuits keep best ${Date.now()}`);
  await page.getByLabel('Your post').fill('Oat biscuits in a tin last about two weeks.');
  await page.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Which biscuits keep best');
  const url = new URL(page.url()).pathname;
  await context.close();
  return { url, username: m.username };
}

const banner = (page: Page) => page.getByRole('region', { name: /^Cookies on / });
const settingsPanel = (page: Page) => page.getByRole('region', { name: 'Cookie settings' });
const textSize = (page: Page) => page.getByRole('contentinfo').getByRole('group', { name: 'Text size' });

/** The page has read the cookie choice in the browser (the text size control shows the size in use). */
async function consentRead(page: Page) {
  await expect(textSize(page).getByRole('button', { pressed: true })).toHaveCount(1);
}

test('a visitor gets only necessary cookies until they choose, rejects, and later accepts from the footer', async ({ browser }) => {
  const registry = await registryOnPage(browser);
  expect(registry.preferences).toContain('hearth-text-size');
  expect(registry.analytics).toEqual([]);
  const topic = await publicTopic(browser);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await expect(banner(page)).toBeVisible();
  await expect(banner(page).getByRole('button', { name: 'Accept all' })).toBeVisible();
  await expect(banner(page).getByRole('button', { name: 'Reject all' })).toBeVisible();
  await page.goto(topic.url);
  await expect(banner(page)).toBeVisible();
  let cookies = await context.cookies();
  expect(names(cookies).filter((n) => optional(registry).includes(n))).toEqual([]);
  expect(names(cookies)).not.toContain('hearth-consent');

  // Choose shows each category with its explanation; necessary cannot be switched off.
  await banner(page).getByRole('button', { name: 'Choose' }).click();
  const panel = settingsPanel(page);
  await expect(panel.getByRole('switch', { name: 'Necessary' })).toBeChecked();
  await expect(panel.getByRole('switch', { name: 'Necessary' })).toBeDisabled();
  await expect(panel.getByRole('switch', { name: 'Preferences' })).not.toBeChecked();
  await expect(panel.getByRole('switch', { name: 'Analytics' })).not.toBeChecked();
  await expect(panel.getByText(/larger text size/)).toBeVisible();

  await panel.getByRole('button', { name: 'Reject all' }).click();
  await expect(panel).toBeHidden();
  await expect(banner(page)).toBeHidden();
  cookies = await context.cookies();
  expect(names(cookies).filter((n) => optional(registry).includes(n))).toEqual([]);
  const consent = cookies.find((c) => c.name === 'hearth-consent');
  expect(consent?.sameSite).toBe('Lax');
  expect(consent?.httpOnly).toBe(false);
  expect(consent?.value).toMatch(/\.necessary\.\d+\.0$/);
  // About 12 months.
  expect(consent!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 86_400_000);
  expect(consent!.expires * 1000 - Date.now()).toBeLessThan(366 * 86_400_000);

  await page.reload();
  await consentRead(page);
  await expect(banner(page)).toBeHidden();

  // Without preference cookies a larger text applies to this visit only, and nothing is stored.
  await textSize(page).getByRole('button', { name: 'Larger', exact: true }).click();
  await expect(page.getByRole('contentinfo').getByText('For this visit only.')).toBeVisible();
  expect(names(await context.cookies())).not.toContain('hearth-text-size');
  await page.reload();
  await consentRead(page);
  await expect(textSize(page).getByRole('button', { name: 'Standard', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // The footer opens the settings in place, with keyboard focus inside them.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
  await expect(settingsPanel(page).getByRole('heading', { name: 'Cookie settings' })).toBeFocused();
  await expect(settingsPanel(page).getByRole('switch', { name: 'Preferences' })).not.toBeChecked();
  await settingsPanel(page).getByRole('button', { name: 'Accept all' }).click();
  await expect(settingsPanel(page)).toBeHidden();
  expect((await context.cookies()).find((c) => c.name === 'hearth-consent')?.value).toMatch(/\.necessary_preferences_analytics\.\d+\.0$/);
  // Allowing preference cookies sets none by itself: only using the feature does.
  expect(names(await context.cookies())).not.toContain('hearth-text-size');
  await page.reload();
  await consentRead(page);
  expect(names(await context.cookies())).not.toContain('hearth-text-size');

  await textSize(page).getByRole('button', { name: 'Larger', exact: true }).click();
  await expect.poll(async () => (await context.cookies()).find((c) => c.name === 'hearth-text-size')?.value).toBe('larger');
  await page.goto(topic.url);
  await expect(textSize(page).getByRole('button', { name: 'Larger', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');

  // /cookies shows the choice and changes it; withdrawing preferences removes the text size cookie.
  await page.goto('/cookies');
  await expect(page.getByRole('region', { name: 'Your choice' })).toContainText('necessary, preferences and analytics');
  await page.getByRole('button', { name: 'Change cookie settings' }).click();
  await settingsPanel(page).getByRole('switch', { name: 'Preferences' }).uncheck();
  await settingsPanel(page).getByRole('switch', { name: 'Analytics' }).uncheck();
  await settingsPanel(page).getByRole('button', { name: 'Save choices' }).click();
  await expect(page.getByRole('region', { name: 'Your choice' })).toContainText('necessary cookies only');
  expect(names(await context.cookies())).not.toContain('hearth-text-size');
  await context.close();
});

test('a browser that sends Global Privacy Control is told it is respected, and preferences stay off', async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(banner(page)).toContainText('Global Privacy Control');
  await expect(banner(page)).toContainText('we respect it');
  await expect(banner(page).getByRole('button', { name: 'Accept all' })).toHaveCount(0);
  await expect.poll(async () => (await context.cookies()).find((c) => c.name === 'hearth-consent')?.value).toMatch(/\.necessary\.\d+\.1$/);

  // The settings can still be opened, but the optional switches stay off.
  await banner(page).getByRole('button', { name: 'Cookie settings' }).click();
  await expect(settingsPanel(page).getByRole('switch', { name: 'Preferences' })).toBeDisabled();
  await expect(settingsPanel(page).getByRole('switch', { name: 'Preferences' })).not.toBeChecked();
  await expect(settingsPanel(page).getByRole('switch', { name: 'Analytics' })).toBeDisabled();
  await settingsPanel(page).getByRole('button', { name: 'Close' }).click();

  await textSize(page).getByRole('button', { name: 'Large', exact: true }).click();
  await expect(page.getByRole('contentinfo')).toContainText('Global Privacy Control signal keeps preference cookies off');
  expect(names(await context.cookies())).not.toContain('hearth-text-size');

  // Recorded once: the next page does not ask again.
  await page.reload();
  await consentRead(page);
  await expect(banner(page)).toBeHidden();
  await page.goto('/cookies');
  await expect(page.getByRole('region', { name: 'Your choice' })).toContainText('Global Privacy Control');
  await context.close();
});

test('every cookie a visitor or a member gets is listed on /cookies', async ({ browser }) => {
  // Two whole walks through the site.
  test.slow();
  const registry = await registryOnPage(browser);
  const listed = new Set([...registry.necessary, ...registry.preferences, ...registry.analytics]);
  const topic = await publicTopic(browser);
  const host = new URL(test.info().project.use.baseURL ?? 'http://localhost').hostname;

  const seen = new Map<string, string>();
  async function walk(context: BrowserContext, page: Page, paths: string[]) {
    for (const path of paths) {
      await page.goto(path);
      for (const c of await context.cookies()) seen.set(c.name, `${c.domain} after ${path}`);
    }
  }

  // A visitor: reads, accepts cookies, uses the text size, and tries to sign in.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await walk(visitorContext, visitor, ['/', topic.url, '/c/general', `/u/${topic.username}`, '/search?q=biscuits', '/policies', '/policies/cookies', '/cookies']);
  await banner(visitor).getByRole('button', { name: 'Accept all' }).click();
  await textSize(visitor).getByRole('button', { name: 'Large', exact: true }).click();
  await visitor.goto('/signin');
  await visitor.getByLabel('Email', { exact: true }).fill('nobody@example.test');
  await visitor.getByLabel('Password', { exact: true }).fill('not the password');
  await visitor.getByRole('button', { name: 'Sign in' }).click();
  // The authentication library's own address (old links and bookmarks lead there) sets its cookies too.
  await walk(visitorContext, visitor, ['/signup', '/forgot-password', '/api/auth/signin', '/']);
  await visitorContext.close();

  // A member: signs up and in, walks their pages, and signs out.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const m = await joinAndSignIn(member, browser, 'cw');
  await walk(memberContext, member, [
    '/',
    topic.url,
    '/new-topic',
    '/notifications',
    '/bookmarks',
    '/messages',
    `/u/${m.username}`,
    '/settings/profile',
    '/settings/privacy',
    '/settings/notifications',
    '/settings/data',
    '/settings/account',
    '/cookies',
  ]);
  await member.getByRole('button', { name: /Account menu/ }).click();
  await member.getByRole('button', { name: 'Sign out' }).click();
  await expect(member.getByText('You have signed out.')).toBeVisible();
  await walk(memberContext, member, ['/']);
  await memberContext.close();

  expect(seen.size).toBeGreaterThan(0);
  const unlisted = [...seen].filter(([name]) => !listed.has(name)).map(([name, where]) => `${name} (${where})`);
  expect(unlisted, 'cookies set but not listed on /cookies').toEqual([]);
  // Only this site sets cookies: nothing from anyone else.
  expect([...seen.values()].filter((where) => !where.startsWith(host) && !where.startsWith(`.${host}`))).toEqual([]);
  // The session cookie, the consent cookie and the text size were all among them.
  expect([...seen.keys()]).toEqual(expect.arrayContaining(['hearth-consent', 'hearth-text-size']));
  expect([...seen.keys()].some((n) => n.endsWith('authjs.session-token'))).toBe(true);

  // The cookie policy's tables, filled from the registry at render time, list exactly what was set.
  const policyContext = await browser.newContext();
  const policy = await policyContext.newPage();
  await policy.goto('/policies/cookies');
  const inPolicy = new Set((await policy.locator('article table tbody tr > :first-child').allInnerTexts()).map((n) => n.trim()));
  await policyContext.close();
  expect([...seen.keys()].filter((name) => !inPolicy.has(name)), 'set but not in the cookie policy').toEqual([]);
  expect([...inPolicy].filter((name) => !seen.has(name)), 'in the cookie policy but never set').toEqual([]);
});
