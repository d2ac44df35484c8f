import { expect, test, type Page } from '@playwright/test';
import { logIn, nikoo, signUpAndConfirm, watchErrors } from './support';

// Pledges paid to the center (bank transfer or cash; the way for rials),
// with and without JavaScript: a donor pledges monthly from the pledge
// page; installment 1 is due at once; the center's coordinator records
// it received; the program's received figure follows.

// Two accounts sign up and act in turn: allow more than the default 30 s
// while the card journeys run beside them.
test.describe.configure({ timeout: 60_000 });

/// Each run has a need of its own (the two projects run at once).
const PLACES = {
  en: ['job-coaches-zanjan', 'mehr-zanjan', '250000', 250_000],
  fa: ['carpet-weaving-qeydar', 'nour-qeydar', '۲۵۰٬۰۰۰', 2_500_000],
} as const;

type Need = { id: number; kind: string; status: string; currency: string; received: number };

async function moneyNeeds(page: Page, program: string): Promise<Need[]> {
  const r = await page.request.get(`/api/v1/programs/${program}`);
  expect(r.status()).toBe(200);
  return (await r.json()).needs.filter((n: Need) => n.kind === 'money' && n.status === 'open');
}

for (const lang of ['en', 'fa'] as const) {
  test(`a donor pledges to pay the center; its coordinator records the installment (${lang})`, async ({ page, javaScriptEnabled }) => {
    const errors = watchErrors(page);
    const [PROGRAM, CENTER, typed, minor] = PLACES[lang];
    const tag = `${lang}-${javaScriptEnabled ? 'js' : 'nojs'}`;
    const need = (await moneyNeeds(page, PROGRAM))[javaScriptEnabled ? 0 : 1];
    const receivedNow = async () => (await moneyNeeds(page, PROGRAM)).find((n) => n.id === need.id)!.received;
    const name = `Direct donor ${tag}`;
    const donor = `direct-${tag}@example.org`;
    await signUpAndConfirm(page, lang, name, donor);
    await logIn(page, lang, donor);
    await expect(page).toHaveURL(new RegExp(`/${lang}/(account|my)`));
    await page.goto(`/${lang}/pledge/${PROGRAM}?need=${need.id}`);
    await page.waitForLoadState('networkidle');
    const form = page.locator('form.offline-pledge-form');
    await expect(form.locator('#o-need')).toHaveValue(String(need.id));
    await form.locator('#o-amount').fill(typed);
    await form.locator('#o-installments').fill('2');
    await form.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/\/my\/giving\?notice=pledged$/);
    const pledge = page.locator('article.pledge').first();
    await expect(pledge).toContainText(lang === 'fa' ? 'پرداخت مستقیم به مرکز' : 'paid to the center');
    await expect(pledge.locator('tbody tr').first()).toHaveAttribute('data-status', 'due');
    const before = await receivedNow();

    await page.context().clearCookies();
    const staff = `recorder-${tag}@example.org`;
    await signUpAndConfirm(page, lang, 'Recorder', staff);
    nikoo(['add-member', '--center', CENTER, '--email', staff, '--role', 'coordinator']);
    await logIn(page, lang, staff);
    await expect(page).toHaveURL(new RegExp(`/${lang}/(account|my)`));
    await page.goto(`/${lang}/my/centers`);
    await page.locator(`main a[href^="/${lang}/my/centers/"]:not([href$="/new"])`).first().click();
    await page.locator('main a[href$="/gifts"]').first().click();
    await page.waitForLoadState('networkidle');
    const row = page.locator('table.installments-due tbody tr', { hasText: name });
    await expect(row).toHaveCount(1);
    await row.locator('select[name=method]').selectOption('bank_transfer');
    await row.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/notice=gift_recorded/);
    await expect(page.locator('table.installments-due tbody tr', { hasText: name })).toHaveCount(0);
    expect(await receivedNow()).toBe(before + minor);
    // The gift has its center's receipt, printable, naming the giver.
    const gift = page.locator('table.gifts-received tbody tr', { hasText: name }).first();
    await gift.locator('.receipt-link a').click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/receipts/[0-9]+$`));
    await expect(page.locator('.receipt .giver')).toHaveText(name);
    await expect(page.locator('.receipt .receipt-number')).toHaveText(lang === 'fa' ? /^[۰-۹]+$/ : /^[0-9]+$/);
    await expect(page.locator('.receipt .method')).toHaveText(lang === 'fa' ? 'واریز بانکی' : 'Bank transfer');
    await expect(page.locator('.receipt time[data-calendar]')).toHaveCount(2);
    expect(errors).toEqual([]);
  });
}
