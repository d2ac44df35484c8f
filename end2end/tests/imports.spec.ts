import { expect, test, type Page } from '@playwright/test';
import { logIn, nikoo, signUpAndConfirm, watchErrors } from './support';

// Importing offline gifts from a spreadsheet, in Persian and English, with
// and without JavaScript: a file with one bad row imports nothing and the
// dry run names that row; the corrected file imports every row; the same
// file again adds nothing.

test.describe.configure({ timeout: 90_000 });

const CENTERS = { en: 'zarrin-ijrud', fa: 'mehrvarzan-soltaniyeh' } as const;
const PROGRAMS = { en: 'beekeeping-ijrud', fa: 'greenhouse-soltaniyeh' } as const;

/// A CSV of three cash gifts; `bad` spoils the amount of the second (line 3).
function giftsFile(lang: 'en' | 'fa', tag: string, bad: boolean): string {
  const fa = lang === 'fa';
  const header = fa ? 'تاریخ,مبلغ,طرح,روش,نام نیکوکار' : 'date,amount,program,method,donor name';
  const day = fa ? '1405/09/01' : '2026-11-20';
  const rows = [1, 2, 3].map((i) => {
    const amount = bad && i === 2 ? 'abc' : String(100 * i);
    return [day, amount, PROGRAMS[lang], fa ? 'نقدی' : 'cash', `Giver ${tag} ${i}`].join(',');
  });
  return [header, ...rows].join('\n') + '\n';
}

async function upload(page: Page, lang: 'en' | 'fa', name: string, body: string) {
  const form = page.locator('form.import-upload');
  await form.locator('#f-kind').selectOption('donations');
  await form.locator('#f-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(body) });
  await form.locator('button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`/${lang}/my/centers/\\d+/imports/\\d+\\?notice=import_uploaded$`));
}

/// Sends the dry run with the guessed columns and waits for its verdict.
async function dryRun(page: Page, status: 'checked' | 'refused') {
  await page.waitForLoadState('networkidle');
  await page.locator('form.import-mapping button[type=submit]').click();
  await expect(page.locator('section.import-job')).toHaveAttribute('data-status', status);
}

/// Imports a checked file and waits until it is done (the page refreshes itself).
async function importAll(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('form.import-commit button[type=submit]').click();
  await expect(page.locator('section.import-job')).toHaveAttribute('data-status', 'imported', { timeout: 30_000 });
}

for (const lang of ['en', 'fa'] as const) {
  test(`a manager imports offline gifts from a file, once (${lang})`, async ({ page, javaScriptEnabled }) => {
    const errors = watchErrors(page);
    const tag = `${lang}-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}`;
    const fa = lang === 'fa';
    const email = `importer-${tag}@example.org`;
    await signUpAndConfirm(page, lang, `Importer ${tag}`, email);
    nikoo(['add-member', '--center', CENTERS[lang], '--email', email, '--role', 'manager']);
    await logIn(page, lang, email);
    await expect(page).toHaveURL(new RegExp(`/${lang}/(account|my)`));
    await page.goto(`/${lang}/my/centers`);
    await page.locator(`main a[href^="/${lang}/my/centers/"]:not([href$="/new"])`).first().click();
    await page.locator('main a[href$="/imports"]').click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/my/centers/\\d+/imports$`));
    await expect(page.locator('html')).toHaveAttribute('dir', fa ? 'rtl' : 'ltr');

    // One bad amount: the dry run names line 3 and nothing is imported.
    await upload(page, lang, `gifts-${tag}-bad.csv`, giftsFile(lang, tag, true));
    await dryRun(page, 'refused');
    const bad = page.locator('table.import-errors tbody tr');
    await expect(bad).toHaveCount(1);
    await expect(bad.first()).toHaveAttribute('data-row', '3');
    await expect(bad.first()).toHaveAttribute('data-field', 'amount');
    await expect(bad.first().locator('td').nth(2)).not.toBeEmpty();
    await expect(page.locator('form.import-commit')).toHaveCount(0);

    // The corrected file imports all three.
    const good = giftsFile(lang, tag, false);
    await page.goto(new URL(page.url()).pathname.replace(/\/\d+$/, ''));
    await upload(page, lang, `gifts-${tag}.csv`, good);
    await dryRun(page, 'checked');
    await importAll(page);
    await expect(page.locator('.imported .created')).toHaveText(fa ? '۳' : '3');

    // The same file again adds nothing: its three rows are already there.
    await page.goto(new URL(page.url()).pathname.replace(/\/\d+$/, ''));
    await upload(page, lang, `gifts-${tag}-again.csv`, good);
    await dryRun(page, 'checked');
    await importAll(page);
    await expect(page.locator('.imported .created')).toHaveText(fa ? '۰' : '0');
    await expect(page.locator('.imported .already')).toHaveText(fa ? '۳' : '3');

    // The center's list shows the three files with their outcomes.
    await page.goto(new URL(page.url()).pathname.replace(/\/\d+$/, ''));
    const mine = page.locator('table.imports tbody tr', { hasText: tag });
    await expect(mine).toHaveCount(3);
    await expect(mine.and(page.locator('[data-status=imported]'))).toHaveCount(2);
    await expect(mine.and(page.locator('[data-status=refused]'))).toHaveCount(1);
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
}
