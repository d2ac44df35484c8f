import { expect, test, type Page } from '@playwright/test';
import { logIn, nikoo, signUpAndConfirm, watchErrors } from './support';

// The center workspace, in Persian and English, with and without
// JavaScript: a manager creates a program with a money need and an
// in-kind need, publishes it, records a cash gift to the money need and a
// disbursement with a public PDF receipt (one too large for the fund is
// refused with a clear message first); the public program page and the
// API show the chain — pledged, received, spent — and the receipt.

test.describe.configure({ timeout: 90_000 });

const CENTERS = { en: 'omid-abhar', fa: 'hamdeli-khorramdarreh' } as const;
const RECEIPT = `${__dirname}/../../server/tests/fixtures/receipt.pdf`;
const PHOTO = `${__dirname}/../../server/tests/fixtures/gps.jpg`;

/// The workspace path the page is on, as `/lang/my/centers/{id}/programs/{pid}`.
async function workspacePath(page: Page): Promise<string> {
  return new URL(page.url()).pathname;
}

for (const lang of ['en', 'fa'] as const) {
  test(`a manager runs a program from draft to spending with a receipt (${lang})`, async ({ page, javaScriptEnabled }) => {
    const errors = watchErrors(page);
    const tag = `${lang}-${javaScriptEnabled ? 'js' : 'nojs'}`;
    const fa = lang === 'fa';
    const email = `manager-${tag}@example.org`;
    await signUpAndConfirm(page, lang, `Manager ${tag}`, email);
    nikoo(['add-member', '--center', CENTERS[lang], '--email', email, '--role', 'manager']);
    await logIn(page, lang, email);
    await expect(page).toHaveURL(new RegExp(`/${lang}/(account|my)`));
    await page.goto(`/${lang}/my/centers`);
    await page.locator(`main a[href^="/${lang}/my/centers/"]:not([href$="/new"])`).first().click();
    await page.locator('main a[href$="/programs"]').first().click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/my/centers/\\d+/programs$`));
    await page.waitForLoadState('networkidle');

    // Sent empty, the new-program form names every missing field at once,
    // and keeps what was typed.
    const empty = page.locator('form.program-form');
    await empty.locator('#f-summary_fa').fill('فقط خلاصه');
    await empty.locator('#f-start_date').fill('');
    await empty.locator('button[type=submit]').click();
    const refused = page.locator('form.program-form .field-error').filter({ hasText: /./ });
    await expect(refused.first()).toBeVisible();
    expect(await refused.count()).toBeGreaterThanOrEqual(3);
    for (const field of ['title_fa', 'category', 'start_date']) {
      await expect(page.locator(`form.program-form #f-${field}`)).toHaveAttribute('aria-invalid', 'true');
    }
    await expect(page.locator('form.program-form #f-summary_fa')).toHaveValue('فقط خلاصه');

    // A draft program, in both languages, its description in Markdown.
    const create = page.locator('form.program-form');
    await create.locator('#f-title_fa').fill(`بسته‌های زمستانی ${tag}`);
    await create.locator('#f-title_en').fill(`Winter parcels ${tag}`);
    await create.locator('#f-summary_fa').fill('بستهٔ غذا و پتو برای خانواده‌ها');
    await create.locator('#f-description_fa').fill('برای **خانواده‌های** روستایی');
    await create.locator('#f-description_en').fill('For rural **families**');
    await create.locator('#f-category').selectOption('food_essentials');
    await create.locator('#f-county').selectOption({ index: 1 });
    await create.locator('#f-start_date').fill(fa ? '۱۴۰۵/۰۹/۱۰' : '2026-12-01');
    await create.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/\/programs\/\d+\?notice=program_created$/);
    await expect(page.locator('.stage [data-stage]')).toHaveAttribute('data-stage', 'draft');
    const programPath = await workspacePath(page);

    // A money need (in toman in Persian) and an in-kind need.
    const add = page.locator('form.add-need');
    await add.locator('#f-title_fa').first().fill('خرید آرد');
    await add.locator('#f-title_en').first().fill('Flour');
    await add.locator('#f-currency').selectOption(fa ? 'IRR' : 'EUR');
    await add.locator('#f-target_amount').fill(fa ? '۵۰۰٬۰۰۰' : '400');
    await add.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/notice=need_added$/);
    await expect(page.locator('ul.workspace-needs li.need')).toHaveCount(1);
    const add2 = page.locator('form.add-need');
    await add2.locator('input[name=kind][value=in_kind]').check();
    await add2.locator('#f-title_fa').first().fill('پتو');
    await add2.locator('#f-title_en').first().fill('Blankets');
    await add2.locator('#f-unit_fa').fill('تخته');
    await add2.locator('#f-target_quantity').fill(fa ? '۳۰' : '30');
    await add2.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/notice=need_added$/);
    await expect(page.locator('ul.workspace-needs li.need')).toHaveCount(2);

    // Publish.
    await page.locator('form.stage-change button[data-change=publish]').click();
    await expect(page).toHaveURL(/notice=program_publish$/);
    await expect(page.locator('.stage [data-stage]')).toHaveAttribute('data-stage', 'active');
    const slug = new URL(await page.locator('.stage a[href*="/programs/"]').getAttribute('href') ?? '', 'http://x').pathname.split('/').pop()!;
    const api = async () => {
      const r = await page.request.get(`/api/v1/programs/${slug}`);
      expect(r.status()).toBe(200);
      return r.json();
    };
    const moneyNeed = (await api()).needs.find((n: { kind: string }) => n.kind === 'money');

    // A cash gift to the money need, from the center's gifts page.
    const centerPath = programPath.replace(/\/programs\/\d+$/, '');
    await page.goto(`${centerPath}/gifts`);
    await page.waitForLoadState('networkidle');
    await page.locator('#f-designation').selectOption(`n${moneyNeed.id}`);
    await page.locator('form.record-gift #f-amount').fill(fa ? '۲۰۰٬۰۰۰' : '150');
    await page.locator('form.record-gift button[type=submit]').click();
    await expect(page).toHaveURL(/notice=gift_recorded/);

    // Spending: more than the fund is refused, clearly; then a part of it, with its receipt.
    await page.goto(programPath);
    await page.locator(`li.need[data-need-id="${moneyNeed.id}"] .need-give a`).click();
    await expect(page).toHaveURL(new RegExp(`/needs/${moneyNeed.id}$`));
    const spend = page.locator('form.spending-form');
    // The day paid defaults to today, in the page's calendar.
    await expect(spend.locator('#f-paid_on')).toHaveValue(fa ? /^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/ : /^\d{4}-\d{2}-\d{2}$/);
    await spend.locator('#f-amount').fill(fa ? '۹۰۰٬۰۰۰' : '900');
    await spend.locator('#f-description').fill(fa ? 'خرید آرد از نانوایی' : 'Flour from the mill');
    await spend.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/error=amount\.exceeds_fund/);
    await expect(page.locator('form.spending-form .field:has(#f-amount) .field-error')).toContainText(fa ? 'بیشتر است' : 'more than the fund holds');
    const form = page.locator('form.spending-form');
    await form.locator('#f-amount').fill(fa ? '۱۲۰٬۰۰۰' : '100');
    await form.locator('#f-description').fill(fa ? 'خرید آرد از نانوایی' : 'Flour from the mill');
    await form.locator('input[type=file]').setInputFiles(RECEIPT);
    await form.locator('input[name=file_public]').check();
    await form.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/notice=disbursement_recorded$/);
    await expect(page.locator('table.spending tbody tr')).toHaveCount(1);

    // An update to the donors, with a photo.
    await page.goto(programPath);
    await page.waitForLoadState('networkidle');
    const update = page.locator('form.update-form');
    await update.locator('#u-title_fa').fill(`آرد به نانوایی رسید ${tag}`);
    await update.locator('#u-title_en').fill(`The flour arrived ${tag}`);
    await update.locator('textarea[name=body_fa]').fill('**۵۰ کیسه** آرد خریده شد.');
    await update.locator('input[type=file]').setInputFiles(PHOTO);
    await update.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/notice=update_posted$/);

    // The public page shows the chain, the receipt and the update.
    await page.goto(`/${lang}/programs/${slug}`);
    const posted = page.locator('#updates article.update').first();
    await expect(posted.locator('h3')).toHaveText(fa ? `آرد به نانوایی رسید ${tag}` : `The flour arrived ${tag}`);
    await expect(posted.locator('.update-photos img')).toHaveCount(1);
    await expect(page.locator('.description strong')).toHaveText(fa ? 'خانواده‌های' : 'families');
    const need = page.locator(`li.need[data-need-id="${moneyNeed.id}"]`);
    await expect(need.locator('.received')).toContainText(fa ? '۲۰۰٬۰۰۰ تومان' : '€150.00');
    await expect(need.locator('.delivered')).toContainText(fa ? '۱۲۰٬۰۰۰ تومان' : '€100.00');
    const line = page.locator('table.spending tbody tr[data-kind=disbursement]');
    await expect(line).toHaveCount(1);
    await expect(line.locator('.description')).toContainText(fa ? 'نانوایی' : 'mill');
    const href = await line.locator('.receipt a').getAttribute('href');
    expect(href).toMatch(/^\/uploads\/[0-9a-f]{64}$/);
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    const figures = await api();
    const n = figures.needs.find((x: { id: number }) => x.id === moneyNeed.id);
    expect([n.received, n.delivered]).toEqual(fa ? [2_000_000, 1_200_000] : [15_000, 10_000]);
    expect(figures.spending[0].receipt).toBe(href);
    // A 400 from a refused server function is the only error the browser may log.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
}

// Beneficiaries: a manager searches before recording someone new, records
// them (Persian digits in the national id), finds them by phone, links the
// record to a need of a public program; the public page shows a count
// under the small-cell rule and never the name.
const PROGRAMS = { en: ['winter-heating-tarom', 'baran-tarom'], fa: ['food-baskets-khodabandeh', 'nour-qeydar'] } as const;

/// A valid Iranian national id whose first nine digits are `nine`.
function nationalId(nine: string): string {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const r = sum % 11;
  return nine + String(r < 2 ? r : 11 - r);
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const toPersian = (s: string) => s.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]);

for (const lang of ['en', 'fa'] as const) {
  test(`a manager records a beneficiary privately; the public sees a count (${lang})`, async ({ page, javaScriptEnabled }) => {
    const errors = watchErrors(page);
    const tag = `${lang}-${javaScriptEnabled ? 'js' : 'nojs'}`;
    const [program, center] = PROGRAMS[lang];
    const email = `beneficiaries-${tag}@example.org`;
    await signUpAndConfirm(page, lang, `Keeper ${tag}`, email);
    nikoo(['add-member', '--center', center, '--email', email, '--role', 'manager']);
    await logIn(page, lang, email);
    await expect(page).toHaveURL(new RegExp(`/${lang}/(account|my)`));
    await page.goto(`/${lang}/my/centers`);
    await page.locator(`main a[href^="/${lang}/my/centers/"]:not([href$="/new"])`).first().click();
    await page.locator('main a[href$="/beneficiaries"]').first().click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/my/centers/\\d+/beneficiaries$`));
    await page.waitForLoadState('networkidle');

    const marker = `SECRET-NAME-${tag}`;
    const id = nationalId(`${javaScriptEnabled ? '1' : '2'}${lang === 'fa' ? '3' : '4'}5${String(Date.now()).slice(-6)}`);
    const phone = `0912${String(Date.now()).slice(-7)}`;
    // Search first: nobody.
    const search = page.locator('form.beneficiary-search');
    await search.locator('#s-national_id').fill(id);
    await search.locator('button[type=submit]').click();
    await expect(page.locator('.search-result')).toContainText(lang === 'fa' ? 'ثبت نشده' : 'No one');
    // A bad national id is refused, clearly.
    const form = page.locator('form.beneficiary-form');
    await form.locator('#f-household_size').fill(lang === 'fa' ? '۵' : '5');
    await form.locator('#f-county').selectOption({ index: 1 });
    await form.locator('input[name=cat_food_essentials]').check();
    await form.locator('#f-consent_scope').fill('Follow-up of support');
    await form.locator('#f-name').fill(marker);
    await form.locator('#f-national_id').fill('0012345675');
    await form.locator('#f-phone').fill(phone);
    await form.locator('button[type=submit]').click();
    await expect(page.locator('form.beneficiary-form .field:has(#f-national_id) .field-error')).toContainText(lang === 'fa' ? 'کد ملی' : 'national id');
    // Then recorded, the id typed in Persian digits.
    const again = page.locator('form.beneficiary-form');
    await again.locator('#f-household_size').fill('5');
    await again.locator('#f-county').selectOption({ index: 1 });
    await again.locator('#f-consent_scope').fill('Follow-up of support');
    await again.locator('#f-name').fill(marker);
    await again.locator('#f-national_id').fill(toPersian(id));
    await again.locator('#f-phone').fill(phone);
    await again.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/\/beneficiaries\/\d+\?notice=beneficiary_created$/);
    const code = (await page.locator('h1').textContent())!.trim();
    expect(code).toMatch(/^[A-Z]{3}-\d{4}$/);
    await expect(page.locator('#f-name')).toHaveValue(marker);

    // Link it to a need of the public program.
    const needs = (await (await page.request.get(`/api/v1/programs/${program}`)).json()).needs;
    const need = needs.find((n: { status: string }) => n.status === 'open');
    await page.locator('form.link-need select[name=need_id]').selectOption(String(need.id));
    await page.locator('form.link-need button[type=submit]').click();
    await expect(page).toHaveURL(/notice=linked$/);
    await expect(page.locator(`ul.linked-needs li[data-need-id="${need.id}"]`)).toHaveCount(1);

    // Found by phone, by code only.
    await page.goto(page.url().replace(/\/beneficiaries\/\d+.*$/, '/beneficiaries'));
    await page.waitForLoadState('networkidle');
    await page.locator('form.beneficiary-search #s-phone').fill(phone);
    await page.locator('form.beneficiary-search button[type=submit]').click();
    await expect(page.locator('.search-result')).toContainText(code);
    expect(page.url()).not.toContain(phone);

    // The public page: a count, never the name.
    await page.context().clearCookies();
    await page.goto(`/${lang}/programs/${program}`);
    const html = await page.content();
    expect(html).not.toContain(marker);
    expect(html).not.toContain(id);
    const households = page.locator(`li.need[data-need-id="${need.id}"] .households`);
    await expect(households).toHaveText(/کمتر از ۱۰|fewer than 10|محرمانه|suppressed|^[0-9۰-۹]+$/);
    const api = await (await page.request.get(`/api/v1/programs/${program}`)).text();
    expect(api).not.toContain(marker);
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
}
