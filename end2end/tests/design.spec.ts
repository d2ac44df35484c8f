import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { logIn, nikoo, signUpAndConfirm } from './support';

// The design system's promises (style/README.md), checked on the pages of
// the journeys in both languages: no figure breaks inside a number, axe-core
// finds nothing serious or critical, and the shipped font is the one used.

const CENTER = 'kuhpayeh-mahneshan';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/// The public pages of the giving journey: home, programs, a program (the
/// first of the list), its center, and its gift page.
async function publicPages(page: Page): Promise<string[]> {
  const list = await (await page.request.get('/api/v1/programs')).json();
  const program = list.items[0];
  return ['/', '/programs', `/programs/${program.slug}`, `/centers/${program.center.slug}`, `/give/${program.slug}`, '/login', '/signup'];
}

/// The elements holding a figure whose text runs over more than one line:
/// each as "text (lines)". A figure is an element the design system keeps
/// on one line (style/main.css, "Figures never wrap").
async function wrappedFigures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const figures = document.querySelectorAll(
      '.figure, .amount, .quantity, .net, .received, .pledged, .delivered, .households, .stats strong, .need-figures dd, time, data',
    );
    const wrapped: string[] = [];
    for (const el of Array.from(figures)) {
      if (!(el as HTMLElement).offsetParent) continue; // not shown
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) wrapped.push(`${el.textContent?.trim()} (${tops.size} lines)`);
    }
    return wrapped;
  });
}

/// axe-core's serious and critical findings on the page, and any skipped
/// heading level, as "rule: target".
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  // Serious and critical ones, and a skipped heading level (moderate to
  // axe, but the outline screen readers navigate by).
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'heading-order')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test.describe('design', () => {
  // The checks read the rendered page; running them twice adds nothing.
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'checked once, with JavaScript');

  for (const lang of ['fa', 'en']) {
    for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      test(`no figure wraps inside a number, ${lang} ${device}`, async ({ page }) => {
        await page.setViewportSize(viewport);
        for (const path of await publicPages(page)) {
          await page.goto(`/${lang}${path}`);
          expect(await wrappedFigures(page), `${lang}${path}`).toEqual([]);
          // Nothing runs off the side: no sideways scrolling of the page.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${lang}${path} is wider than the screen`).toBeLessThanOrEqual(0);
        }
      });
    }

    test(`axe finds nothing serious on the journey pages, ${lang}`, async ({ page }) => {
      test.setTimeout(120_000);
      const found: string[] = [];
      const check = async (path: string) => {
        await page.setViewportSize(DESKTOP);
        await page.goto(`/${lang}${path}`);
        for (const v of await seriousViolations(page)) found.push(`${lang}${path} ${v}`);
        // And on a phone, nothing runs off the side.
        await page.setViewportSize(PHONE);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) found.push(`${lang}${path} is ${overflow} px wider than a phone`);
      };
      for (const path of await publicPages(page)) await check(path);
      // Signed in as a manager of a demo center: the donor's and the staff's pages.
      const email = `design-${lang}-${Date.now()}@example.org`;
      await signUpAndConfirm(page, lang, 'Design check', email);
      nikoo(['add-member', '--center', CENTER, '--email', email, '--role', 'manager']);
      await logIn(page, lang, email);
      await expect(page).toHaveURL(new RegExp(`/${lang}/my/giving$`));
      await check('/my/giving');
      await check('/account');
      await check('/my/centers');
      await page.goto(`/${lang}/my/centers`);
      const workspace = new URL(await page.locator('main a[href*="/my/centers/"]').first().getAttribute('href') ?? '', page.url()).pathname;
      const id = workspace.split('/')[4];
      for (const sub of ['', '/programs', '/gifts', '/audit', '/beneficiaries', '/imports']) {
        await check(`/my/centers/${id}${sub}`);
      }
      expect(found).toEqual([]);
    });

    test(`the page is set in the shipped Vazirmatn, ${lang}`, async ({ page }) => {
      await page.goto(`/${lang}/`);
      await page.evaluate(() => document.fonts.ready);
      const loaded = await page.evaluate(() => Array.from(document.fonts).filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`));
      expect(loaded).toContain('Vazirmatn 400');
      expect(loaded).toContain('Vazirmatn 700');
    });
  }

  test('the login page says why a visitor was sent there', async ({ page }) => {
    await page.goto('/en/my/giving');
    await expect(page).toHaveURL(/\/en\/login\?next=/);
    await expect(page.locator('.login-reason')).toHaveText(/your gifts, pledges and receipts/);
    await page.goto('/fa/login');
    await expect(page.locator('.login-reason')).toHaveCount(0);
  });

  test('page titles name the brand once', async ({ page }) => {
    await page.goto('/en/login');
    await expect(page).toHaveTitle('Log in to Nikoo');
    await page.goto('/en/programs');
    await expect(page).toHaveTitle('Programs · Nikoo');
  });
});
