import { expect, test } from '@playwright/test';

// On a phone the pages fit the screen: nothing scrolls sideways, and the forms stay usable.
for (const path of ['/', '/signup', '/signin', '/policies/privacy', '/cookies']) {
  test(`${path} fits a phone screen`, async ({ page }) => {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' })).toBeVisible();
  });
}

test('the sign-up form can be filled on a phone', async ({ page }) => {
  await page.goto('/signup');
  const name = page.getByLabel('Name', { exact: true });
  await name.fill('Phone Person');
  const box = await name.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.x + box.width <= viewport.width).toBeTruthy();
});
