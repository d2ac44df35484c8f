import { expect, test, type Page } from '@playwright/test';
import { logIn, nikoo, signUpAndConfirm, submit, watchErrors } from './support';

// One-time card gifts against localstripe (scripts/test starts it, points
// STRIPE_API_BASE and STRIPE_JS_URL at it and registers the webhook): a
// guest gives to a need and sees it on the program page and in the API; a
// declined card shows a clear error and records nothing. Without
// JavaScript the page says card payments need it.

const PROGRAM = 'diaspora-warm-homes-mahneshan';
/// The card steps make several round trips to localstripe (one Python
/// process) while the other browser tests run: allow them time.
const CARD_STEPS = 20_000;

type Need = { id: number; received: number };

async function needs(page: Page, program = PROGRAM): Promise<Need[]> {
  const r = await page.request.get(`/api/v1/programs/${program}`);
  expect(r.status()).toBe(200);
  return (await r.json()).needs;
}

async function received(page: Page, id: number, program = PROGRAM): Promise<number> {
  return (await needs(page, program)).find((n) => n.id === id)!.received;
}

/// A manager of the demo center running both test programs, signed in.
async function signedInManager(page: Page, email: string) {
  await signUpAndConfirm(page, 'en', 'Center manager', email);
  nikoo(['add-member', '--center', 'kuhpayeh-mahneshan', '--email', email, '--role', 'manager']);
  await logIn(page, 'en', email);
  await expect(page).toHaveURL(/\/en\/(account|my)/);
  await page.goto('/en/my/centers');
  await page.locator('main a', { hasText: 'Kuhpayeh' }).first().click();
  await page.locator('main a', { hasText: 'Gifts received' }).click();
  await expect(page.locator('h1')).toHaveText('Gifts received');
}

/// `minor` euro cents as English pages show them: €1,234.50.
function euros(minor: number): string {
  return '€' + (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
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
  test.describe.configure({ timeout: 60_000 });
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
      await expect(page).toHaveURL(new RegExp(`/${lang}/gifts/[0-9a-f]{64}$`), { timeout: CARD_STEPS });
      await expect(page.locator('.receipt[data-state=received] [role=status]')).toContainText(thanks);
      // Numbered by the center, dated in both calendars, the page's own first.
      await expect(page.locator('.receipt .receipt-number')).toHaveText(lang === 'fa' ? /^[۰-۹]+$/ : /^[0-9]+$/);
      const dates = page.locator('.receipt time[data-calendar]');
      await expect(dates).toHaveCount(2);
      await expect(dates.first()).toHaveAttribute('data-calendar', lang === 'fa' ? 'persian' : 'gregorian');
      await expect(page.locator('.receipt time[data-calendar=gregorian]')).toContainText(lang === 'fa' ? /(ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر) [۰-۹]{4}$/ : /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
      await expect(page.locator('.receipt time[data-calendar=persian]')).toContainText(lang === 'fa' ? /[۰-۹]{4}$/ : /(Farvardin|Ordibehesht|Khordad|Tir|Mordad|Shahrivar|Mehr|Aban|Azar|Dey|Bahman|Esfand) 14\d\d$/);
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
    await expect(page.locator('form.gift-form .form-alert[role=alert]')).toContainText('declined this card', { timeout: CARD_STEPS });
    await expect(page).toHaveURL(new RegExp(`/en/give/${PROGRAM}`));
    expect(await received(page, need.id)).toBe(before);
  });

  test('staff record a cash gift and refund part of a card gift; every total follows', async ({ page, browser }) => {
    const need = (await needs(page))[2];
    const start = need.received;
    // A guest gives €30 by card.
    await openGiftForm(page, 'en', need.id);
    await page.locator('#f-amount').fill('30');
    await page.locator('#f-email').fill('refund-me@example.org');
    await typeCard(page, '4242424242424242');
    await page.locator('form.gift-form button[type=submit]').click();
    await expect(page).toHaveURL(/\/en\/gifts\/[0-9a-f]{64}$/, { timeout: CARD_STEPS });
    const receipt = page.url();
    expect(await received(page, need.id)).toBe(start + 3000);
    // A manager of the center records €20 in cash, then refunds €10 of the card gift.
    const staff = await (await browser.newContext()).newPage();
    const errors = watchErrors(staff);
    await signedInManager(staff, 'manager-js@example.org');
    await staff.waitForLoadState('networkidle');
    await staff.locator('#f-designation').selectOption(`n${need.id}`);
    await staff.locator('#f-amount').fill('20');
    await staff.locator('#f-donor_name').fill('Maryam');
    await submit(staff, 'form.record-gift');
    await expect(staff).toHaveURL(/notice=gift_recorded/);
    await expect(staff.locator('table.gifts-received tbody tr').first()).toContainText('Maryam');
    expect(await received(page, need.id)).toBe(start + 5000);
    const cardRow = staff.locator('table.gifts-received tbody tr', { hasText: '€30.00' }).first();
    await cardRow.locator('input[name=amount]').fill('10');
    await cardRow.locator('button[type=submit]').click();
    await expect(staff).toHaveURL(/notice=gift_refunded/);
    await expect(staff.locator('table.gifts-received tbody tr', { hasText: '€30.00' }).first()).toContainText('Refunded: €10.00');
    expect(errors).toEqual([]);
    // The API, the program page and the giver's receipt show the new totals.
    const now = await received(page, need.id);
    expect(now).toBe(start + 4000);
    await page.goto(`/en/programs/${PROGRAM}`);
    await expect(page.locator(`li.need[data-need-id="${need.id}"] dd.received`)).toContainText(euros(now));
    await page.goto(receipt);
    await expect(page.locator('.receipt .refunded')).toHaveText('€10.00');
  });

  test('a signed-in donor pledges monthly; the job charges the first installment; the donor sees it paid', async ({ page }) => {
    const errors = watchErrors(page);
    const email = 'pledger@example.org';
    await signUpAndConfirm(page, 'en', 'Pledger', email);
    await logIn(page, 'en', email);
    await expect(page).toHaveURL(/\/en\/(account|my)/);
    const before = (await (await page.request.get(`/api/v1/programs/${PROGRAM}`)).json()).totals.find((t: { currency: string }) => t.currency === 'EUR').received;
    await page.goto(`/en/programs/${PROGRAM}`);
    await page.locator('main a', { hasText: 'Pledge monthly' }).click();
    await expect(page).toHaveURL(new RegExp(`/en/pledge/${PROGRAM}$`));
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#card-element input[placeholder=number]')).toBeVisible();
    await page.locator('#f-amount').fill('10');
    await page.locator('#f-installments').fill('12');
    await typeCard(page, '4242424242424242');
    await page.locator('form.gift-form button[type=submit]').click();
    await expect(page).toHaveURL(/\/en\/my\/giving\?notice=pledged$/, { timeout: CARD_STEPS });
    const pledge = page.locator('article.pledge').first();
    await expect(pledge).toContainText('€10.00');
    await expect(pledge.locator('tbody tr').first()).toContainText('Upcoming');
    // The job (as an operator or the server's timer runs it) charges installment 1.
    expect(nikoo(['jobs', 'run-once'])).toContain('1 paid');
    await page.reload();
    const first = page.locator('article.pledge').first().locator('tbody tr').first();
    await expect(first).toContainText('Paid');
    await first.locator('a', { hasText: 'Receipt' }).click();
    await expect(page.locator('.receipt[data-state=received] .amount')).toHaveText('€10.00');
    const after = (await (await page.request.get(`/api/v1/programs/${PROGRAM}`)).json()).totals.find((t: { currency: string }) => t.currency === 'EUR').received;
    expect(after).toBe(before + 1000);
    await expect(page.locator('.receipt .receipt-number')).toHaveText(/^[0-9]+$/);
    const number = await page.locator('.receipt .receipt-number').textContent();
    // The yearly statement lists it with the same receipt number.
    await page.goto('/en/my/giving');
    await page.locator('.statement-link a').click();
    await expect(page).toHaveURL(/\/en\/my\/giving\/statement\/\d{4}\?calendar=gregorian$/);
    const line = page.locator('table.statement-lines tbody tr');
    await expect(line).toHaveCount(1);
    await expect(line.locator('.receipt-number')).toHaveText(number!);
    await expect(page.locator('table.statement-totals tr[data-currency=EUR] .net')).toHaveText('€10.00');
    // The same gifts by the Solar Hijri year.
    await page.locator('.statement-years a').first().click();
    await expect(page).toHaveURL(/calendar=persian$/);
    await expect(page.locator('table.statement-lines tbody tr')).toHaveCount(1);
    // The donor changes the amount: a bad one is refused, a good one kept.
    await page.goto('/en/my/giving');
    await page.waitForLoadState('networkidle');
    const mine = page.locator('article.pledge').first();
    await mine.locator('details.change-amount summary').click();
    await mine.locator('details.change-amount input[name=amount]').fill('abc');
    const logged = errors.length;
    await mine.locator('details.change-amount button[type=submit]').click();
    await expect(page.locator('.form-alert[role=alert]')).toContainText('Write the amount in figures');
    // With JavaScript the refusal is the server function's 400, which the
    // browser logs; it is the only error allowed.
    expect(errors.splice(logged).filter((e) => !/status of 400/.test(e))).toEqual([]);
    await expect(mine).toContainText('€10.00');
    await mine.locator('details.change-amount input[name=amount]').fill('12');
    await mine.locator('details.change-amount button[type=submit]').click();
    await expect(page).toHaveURL(/notice=pledge_amount/);
    await expect(page.locator('article.pledge').first()).toContainText('€12.00');
    // …and saves a new card for it.
    await page.waitForLoadState('networkidle');
    await page.locator('section.new-card button[data-open=new-card]').click();
    const newCard = page.locator('#new-card-element');
    await expect(newCard.locator('input[placeholder=number]')).toBeVisible();
    await newCard.locator('input[placeholder=number]').fill('5555555555554444');
    await newCard.locator('input[placeholder=exp_month]').fill('12');
    await newCard.locator('input[placeholder=exp_year]').fill('31');
    await newCard.locator('input[placeholder=cvc]').fill('123');
    await newCard.locator('input[placeholder=postal_code]').fill('12345');
    await page.locator('section.new-card button[type=submit]').click();
    await expect(page).toHaveURL(/notice=card_updated/, { timeout: CARD_STEPS });
    await expect(page.locator('article.pledge').first()).toContainText('4444');
    // The donor pauses it.
    await page.waitForLoadState('networkidle');
    await page.locator('article.pledge').first().locator('button[data-change=pause]').click();
    await expect(page).toHaveURL(/notice=pledge_pause/);
    await expect(page.locator('article.pledge').first().locator('.pledge-status')).toHaveText('Paused');
    expect(errors).toEqual([]);
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

test('without JavaScript, staff record a cash gift', async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, 'the no-JavaScript project only');
  const program = 'school-supplies-mahneshan';
  const irr = (await (await page.request.get(`/api/v1/programs/${program}`)).json()).needs.find((n: { currency?: string }) => n.currency === 'IRR');
  const before = await received(page, irr.id, program);
  await signedInManager(page, 'manager-nojs@example.org');
  await page.locator('#f-designation').selectOption(`n${irr.id}`);
  await page.locator('#f-amount').fill('150,000');
  await page.locator('input[name=method][value=bank_transfer]').check();
  await submit(page, 'form.record-gift');
  await expect(page).toHaveURL(/notice=gift_recorded/);
  await expect(page.locator('table.gifts-received tbody tr').first()).toContainText('Bank transfer');
  expect(await received(page, irr.id, program)).toBe(before + 150000);
});

test('without JavaScript the gift page says card payments need it', async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, 'the no-JavaScript project only');
  await page.goto(`/en/give/${PROGRAM}`);
  await expect(page.locator('.needs-javascript')).toContainText('Card payments need JavaScript');
  await expect(page.locator('form.gift-form button[type=submit]')).toBeDisabled();
});

test('a manager reverses a cash gift recorded by mistake; every total follows', async ({ page }, testInfo) => {
  const program = 'school-supplies-mahneshan';
  const irr = (await (await page.request.get(`/api/v1/programs/${program}`)).json()).needs.find((n: { currency?: string }) => n.currency === 'IRR');
  await signedInManager(page, `reverser-${testInfo.project.name}@example.org`);
  const before = await received(page, irr.id, program);
  await page.locator('#f-designation').selectOption(`n${irr.id}`);
  await page.locator('#f-amount').fill('70,000');
  await submit(page, 'form.record-gift');
  await expect(page).toHaveURL(/notice=gift_recorded/);
  expect(await received(page, irr.id, program)).toBe(before + 70000);
  // The amount was typed twice over: the manager reverses it, saying why.
  const row = page.locator('table.gifts-received tbody tr').first();
  await row.locator('input[name=reason]').fill('Recorded twice <by mistake>');
  await row.locator('form.correct button[type=submit]').click();
  await expect(page).toHaveURL(/notice=gift_reversed/);
  const reversed = page.locator('table.gifts-received tbody tr').first();
  await expect(reversed).toContainText('Reversed');
  await expect(reversed).toContainText('Recorded twice <by mistake>');
  await expect(reversed.locator('form.correct')).toHaveCount(0);
  expect(await received(page, irr.id, program)).toBe(before);
});
