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
  // The filters fold behind one summary, open once a filter is set.
  await expect(page.getByLabel('Category')).toBeHidden();
  await page.locator('.filters summary').click();
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

// Pages are server-rendered islands (ARCHITECTURE.md, "The light client"):
// links are plain page loads, a reading page loads no wasm, and what keeps
// a phone's second page cheap is the cache: every static file is named by
// its content and kept a year.
test('static files are named by their content and kept a year', async ({ page, request }) => {
  const hashed = (ext: string) => new RegExp(`^/pkg/nikoo\\.[A-Za-z0-9_-]+\\.${ext}$`);
  const preloads = () => page.locator('link[rel=modulepreload], link[rel=preload]').evaluateAll(
    (links) => links.map((l) => l.getAttribute('href') ?? ''));
  await page.goto('/fa/');
  const css = await page.locator('link[rel=stylesheet]').first().getAttribute('href');
  expect(css).toMatch(hashed('css'));
  expect(await preloads()).toEqual([]);
  // The gift page holds the card form, an island: it loads the wasm.
  const programs = await (await request.get('/api/v1/programs')).json();
  await page.goto(`/fa/give/${programs.items[0].slug}`);
  const scripts = await preloads();
  expect(scripts.some((s) => hashed('wasm').test(s))).toBe(true);
  expect(scripts.some((s) => hashed('js').test(s))).toBe(true);
  for (const file of [css!, ...scripts]) {
    const response = await request.get(file);
    expect(response.status(), file).toBe(200);
    expect(response.headers()['cache-control'], file).toBe('public, max-age=31536000, immutable');
  }
  // A page itself is asked for again each time (live totals), never stored when private.
  const home = await request.get('/fa/');
  expect(home.headers()['cache-control']).toBe('no-cache');
  const missing = await request.get('/pkg/nikoo.0000.css');
  expect(missing.status()).toBe(404);
  expect(missing.headers()['cache-control'] ?? '').not.toContain('immutable');
});

test('a second page takes the style sheet from the cache', async ({ page }) => {
  await page.goto('/en/');
  await page.getByRole('link', { name: 'Programs', exact: true }).first().click();
  await expect(page).toHaveURL(/\/en\/programs$/);
  const transferred = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((r) => r.name.endsWith('.css'))
    .map((r) => (r as PerformanceResourceTiming).transferSize));
  expect(transferred.length).toBeGreaterThan(0);
  expect(transferred.every((t) => t === 0)).toBe(true);
});

test('the favicon is served', async ({ request }) => {
  const response = await request.get('/favicon.svg');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/svg+xml');
});
