import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './support';

// One-time card gifts against localstripe (scripts/test starts it, points
// STRIPE_API_BASE and STRIPE_JS_URL at it and registers the webhook): a
// guest gives to a need and sees it on the program page and in the API; a
// declined card shows a clear error and records nothing. Without
// JavaScript the page says card payments need it.

const PROGRAM = 'diaspora-warm-homes-mahneshan';

type Need = { id: number; received: number };

async function needs(page: Page): Promise<Need[]> {
  const r = await page.request.get(`/api/v1/programs/${PROGRAM}`);
  expect(r.status()).toBe(200);
  return (await r.json()).needs;
}

async function received(page: Page, id: number): Promise<number> {
  return (await needs(page)).find((n) => n.id === id)!.received;
}

/// Opens the gift form of need `id` from the program page and waits for the card form.
async function openGiftForm(page: Page, lang: string, id: number) {
  await page.goto(`/${lang}/programs/${PROGRAM}`);
  await page.locator(`li.need[data-need-id="${id}"] .need-give a`).click();
  await expect(page).toHaveURL(new RegExp(`/${lang}/give/${PROGRAM}\\?need=${id}$`));
  await page.waitForLoadState('networkidle');
  await expect(page.locator('#card-element input[placeholder=number]')).toBeVisible();
}

async function typeCard(page: Page, number: string) {
  const card = page.locator('#card-element');
  await card.locator('input[placeholder=number]').fill(number);
  await card.locator('input[placeholder=exp_month]').fill('12');
  await card.locator('input[placeholder=exp_year]').fill('30');
  await card.locator('input[placeholder=cvc]').fill('123');
  await card.locator('input[placeholder=postal_code]').fill('12345');
}

test.describe('card gifts', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the card form is the provider\'s script');

  for (const [lang, index, amount, cents, thanks] of [
    ['fa', 0, '۲۵', 2500, 'کمک شما رسید'],
    ['en', 1, '12.50', 1250, 'Your gift arrived'],
  ] as const) {
    test(`a guest gives once by card to a need (${lang})`, async ({ page }) => {
      const errors = watchErrors(page);
      const need = (await needs(page))[index];
      const before = need.received;
      await openGiftForm(page, lang, need.id);
      await page.locator('#f-amount').fill(amount);
      await page.locator('#f-email').fill(`guest-${lang}@example.org`);
      await page.locator('input[name=anonymity][value=anonymous]').check();
      await typeCard(page, '4242424242424242');
      await page.locator('form.gift-form button[type=submit]').click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/gifts/[0-9a-f]{64}$`));
      await expect(page.locator('.receipt[data-state=received] [role=status]')).toContainText(thanks);
      expect(await received(page, need.id)).toBe(before + cents);
      // The program page shows it, anonymous, among the recent gifts.
      await page.goto(`/${lang}/programs/${PROGRAM}`);
      await expect(page.locator('table.gifts tbody tr').first()).toContainText(lang === 'fa' ? 'ناشناس' : 'Anonymous');
      expect(errors).toEqual([]);
    });
  }

  test('a declined card shows a clear error and records nothing', async ({ page }) => {
    const need = (await needs(page))[2];
    const before = need.received;
    await openGiftForm(page, 'en', need.id);
    await page.locator('#f-amount').fill('40');
    await page.locator('#f-email').fill('declined@example.org');
    await typeCard(page, '4000000000000002');
    await page.locator('form.gift-form button[type=submit]').click();
    await expect(page.locator('form.gift-form .form-alert[role=alert]')).toContainText('declined this card');
    await expect(page).toHaveURL(new RegExp(`/en/give/${PROGRAM}`));
    expect(await received(page, need.id)).toBe(before);
  });

  test('a bad amount is refused before any card step', async ({ page }) => {
    const need = (await needs(page))[2];
    await openGiftForm(page, 'fa', need.id);
    await page.locator('#f-amount').fill('۱۲٫۳۴۵');
    await page.locator('#f-email').fill('guest@example.org');
    await typeCard(page, '4242424242424242');
    await page.locator('form.gift-form button[type=submit]').click();
    await expect(page.locator('#f-amount-error')).toContainText('مبلغ را با رقم بنویسید');
    await expect(page.locator('#f-amount')).toHaveAttribute('aria-invalid', 'true');
    expect(await received(page, need.id)).toBe(need.received);
  });
});

test('without JavaScript the gift page says card payments need it', async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, 'the no-JavaScript project only');
  await page.goto(`/en/give/${PROGRAM}`);
  await expect(page.locator('.needs-javascript')).toContainText('Card payments need JavaScript');
  await expect(page.locator('form.gift-form button[type=submit]')).toBeDisabled();
});
