import { expect, test, type Page } from '@playwright/test';

// The public journey: land in Persian, switch to English, filter by a
// category, open a program and read its needs. Run with and without
// JavaScript (see playwright.config.ts projects).

async function expectHtml(page: Page, lang: string, dir: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

test('a visitor lands on the Persian home, switches to English, filters and opens a program', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Console errors include Content-Security-Policy refusals and failed loads.
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  // `/` lands on the Persian, right-to-left home.
  await page.goto('/');
  await expect(page).toHaveURL(/\/fa\/$/);
  await expectHtml(page, 'fa', 'rtl');
  await expect(page.locator('h1')).toContainText('نیکو');
  await expect(page.locator('.platform-totals')).toContainText('تومان');
  await expect(page.locator('.program-card').first()).toBeVisible();

  // Switch to English: same page, other language.
  await page.getByRole('link', { name: 'Change language' }).click();
  await expect(page).toHaveURL(/\/en\/$/);
  await expectHtml(page, 'en', 'ltr');
  await expect(page.locator('h1')).toContainText('Nikoo');

  // Filter by a category.
  await page.getByRole('link', { name: 'Programs', exact: true }).click();
  await expect(page).toHaveURL(/\/en\/programs$/);
  await page.getByLabel('Category').selectOption('health');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/category=health/);
  const cards = page.locator('.program-card');
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(cards.nth(i)).toHaveAttribute('data-category', 'health');
  }
  await expect(page.getByLabel('Category')).toHaveValue('health');

  // The language switch keeps the filter.
  await expect(page.getByRole('link', { name: 'تغییر زبان' })).toHaveAttribute('href', /^\/fa\/programs\?(.*&)?category=health(&|$)/);

  // Open a program and see its needs with their three figures and progress.
  const title = (await cards.first().locator('h3').innerText()).trim();
  await cards.first().locator('h3 a').click();
  await expect(page.locator('h1')).toHaveText(title);
  const needs = page.locator('li.need');
  await expect(needs.first()).toBeVisible();
  const bar = needs.first().getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuemin', '0');
  await expect(bar).toHaveAttribute('aria-valuemax', '100');
  const now = Number(await bar.getAttribute('aria-valuenow'));
  expect(now).toBeGreaterThanOrEqual(0);
  expect(now).toBeLessThanOrEqual(100);
  await expect(needs.first().locator('dt')).toContainText(['Target', 'Pledged', 'Received', 'Spent / delivered']);
  await expect(page.getByRole('heading', { name: 'Recent gifts' })).toBeVisible();

  // And the same page in Persian, with Jalali dates.
  await page.getByRole('link', { name: 'تغییر زبان' }).click();
  await expectHtml(page, 'fa', 'rtl');
  await expect(page.locator('li.need').first().locator('dt')).toContainText(['هدف', 'تعهد شده', 'دریافت شده']);
  await expect(page.locator('.card-center time').first()).toHaveText(/[۰-۹]+ (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}/);

  expect(errors).toEqual([]);
});

test('the language choice is remembered by the cookie', async ({ page }) => {
  await page.goto('/en/programs');
  await page.goto('/');
  await expect(page).toHaveURL(/\/en\/$/);
});

test('unknown pages answer 404 in both languages', async ({ page }) => {
  const response = await page.goto('/fa/programs/no-such-program');
  expect(response?.status()).toBe(404);
  const other = await page.goto('/xx/');
  expect(other?.status()).toBe(404);
  await expect(page.locator('body')).toContainText('صفحه پیدا نشد');
  await expect(page.locator('body')).toContainText('Page not found');
});

test('a search finds Persian text whichever way it is typed', async ({ page }) => {
  await page.goto('/fa/');
  await page.getByRole('searchbox').first().fill('می‌کند');
  await page.getByRole('button', { name: 'جست‌وجو' }).click();
  await expect(page).toHaveURL(/\/fa\/programs\?q=/);
  const withZwnj = await page.locator('.program-card h3').allInnerTexts();
  expect(withZwnj.length).toBeGreaterThan(0);
  await page.goto('/fa/programs?q=' + encodeURIComponent('میکند'));
  expect(await page.locator('.program-card h3').allInnerTexts()).toEqual(withZwnj);
});

test('after hydration, links navigate inside the app', async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'needs JavaScript');
  await page.goto('/en/');
  // Wait until the WebAssembly has hydrated the page.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')));
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => ((window as unknown as { nikooMarker: number }).nikooMarker = 42));
  await page.getByRole('link', { name: 'Programs', exact: true }).click();
  await expect(page).toHaveURL(/\/en\/programs$/);
  await expect(page.locator('.program-card').first()).toBeVisible();
  // The marker survives: no full page load happened.
  expect(await page.evaluate(() => (window as unknown as { nikooMarker?: number }).nikooMarker)).toBe(42);
});

test('the favicon is served', async ({ request }) => {
  const response = await request.get('/favicon.svg');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/svg+xml');
});
