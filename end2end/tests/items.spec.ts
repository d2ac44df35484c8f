import { expect, test, type Page } from '@playwright/test';
import { logIn, nikoo, signUpAndConfirm, watchErrors } from './support';

// In-kind pledges, with and without JavaScript (plain forms): a donor
// pledges items to an in-kind need from the program page (a bad quantity
// is refused with a clear message); the receiving center's coordinator
// records the goods as they arrive; the donor's page, the center's list
// and the program's figures follow.

// Two accounts sign up and act in turn: allow more than the default 30 s
// while the card journeys run beside them.
test.describe.configure({ timeout: 60_000 });

/// Each run has a need of its own (the two projects run at once): the
/// language picks the program, JavaScript on or off the need.
const PLACES = {
  en: ['winter-heating-tarom', 'baran-tarom'],
  fa: ['food-baskets-khodabandeh', 'nour-qeydar'],
} as const;

type Need = { id: number; kind: string; status: string; received: number; pledged: number };

async function itemNeeds(page: Page, program: string): Promise<Need[]> {
  const r = await page.request.get(`/api/v1/programs/${program}`);
  expect(r.status()).toBe(200);
  return (await r.json()).needs.filter((n: Need) => n.kind === 'in_kind' && n.status === 'open');
}

/// ISO date `days` after today.
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

for (const lang of ['en', 'fa'] as const) {
  test(`a donor pledges items and the center records them received (${lang})`, async ({ page, javaScriptEnabled }) => {
    const errors = watchErrors(page);
    const tag = `${lang}-${javaScriptEnabled ? 'js' : 'nojs'}`;
    const donor = `items-${tag}@example.org`;
    const [PROGRAM, CENTER] = PLACES[lang];
    const need = (await itemNeeds(page, PROGRAM))[javaScriptEnabled ? 0 : 1];
    const itemNeed = async () => (await itemNeeds(page, PROGRAM)).find((n) => n.id === need.id)!;
    const name = `Item donor ${tag}`;
    await signUpAndConfirm(page, lang, name, donor);
    await logIn(page, lang, donor);
    await expect(page).toHaveURL(new RegExp(`/${lang}/(account|my)`));
    await page.goto(`/${lang}/programs/${PROGRAM}`);
    await page.locator(`li.need[data-need-id="${need.id}"] .need-give a`).click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/pledge-items/${PROGRAM}\\?need=${need.id}$`));
    await page.waitForLoadState('networkidle');
    await expect(page.locator(`input[name=need][value="${need.id}"]`)).toBeChecked();
    // A quantity of zero: the field says why, nothing is pledged.
    await page.locator('#f-quantity').fill('0');
    await page.locator('#f-due_date').fill(inDays(10));
    const logged = errors.length;
    await page.locator('form.item-pledge-form button[type=submit]').click();
    await expect(page.locator('form.item-pledge-form .field:has(#f-quantity) .field-error')).toContainText(lang === 'fa' ? 'تعداد را با رقم' : 'Write the quantity');
    // With JavaScript the refusal is the server function's 400, which the browser logs.
    expect(errors.splice(logged).filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect((await itemNeed()).pledged).toBe(need.pledged);
    await page.locator('#f-quantity').fill(lang === 'fa' ? '۳' : '3');
    await page.locator('#f-due_date').fill(inDays(10));
    await page.locator('form.item-pledge-form button[type=submit]').click();
    await expect(page).toHaveURL(/\/my\/giving\?notice=pledged_items$/);
    const mine = page.locator('table.item-pledges.mine tbody tr').first();
    await expect(mine).toHaveAttribute('data-status', 'active');
    await expect(mine.locator('.quantity')).toContainText(lang === 'fa' ? '۰ از ۳' : '0 of 3');
    expect((await itemNeed()).pledged).toBe(need.pledged + 3);
    // The program page shows who pledged what.
    await page.goto(`/${lang}/programs/${PROGRAM}`);
    await expect(page.locator('table.pledges tbody tr', { hasText: name }).locator('.promise')).toContainText(lang === 'fa' ? '۳' : '3');

    // The center's coordinator records them received.
    await page.context().clearCookies();
    const staff = `receiver-${tag}@example.org`;
    await signUpAndConfirm(page, lang, 'Receiver', staff);
    nikoo(['add-member', '--center', CENTER, '--email', staff, '--role', 'coordinator']);
    await logIn(page, lang, staff);
    await expect(page).toHaveURL(new RegExp(`/${lang}/(account|my)`));
    await page.goto(`/${lang}/my/centers`);
    await page.locator(`main a[href^="/${lang}/my/centers/"]:not([href$="/new"])`).first().click();
    await page.locator(`main a[href$="/gifts"]`).first().click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/my/centers/\\d+/gifts$`));
    await page.waitForLoadState('networkidle');
    const open = page.locator('table.item-pledges.center tbody tr', { hasText: name });
    await expect(open).toHaveCount(1);
    await expect(open.locator('input[name=quantity]')).toHaveValue('3');
    await open.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/notice=items_received/);
    await expect(page.locator('table.item-pledges.center tbody tr', { hasText: name })).toHaveCount(0);
    const after = await itemNeed();
    expect([after.pledged, after.received]).toEqual([need.pledged, need.received + 3]);
    // Goods that came without a pledge.
    const walkIn = page.locator('form.record-items');
    await walkIn.locator('#i-need').selectOption(String(need.id));
    await walkIn.locator('#i-quantity').fill(lang === 'fa' ? '۲' : '2');
    await walkIn.locator('#i-donor_name').fill('Neighbour');
    await walkIn.locator('button[type=submit]').click();
    await expect.poll(async () => (await itemNeed()).received).toBe(need.received + 5);
    expect(errors).toEqual([]);
  });
}
