import { expect, test, type Browser, type Page } from '@playwright/test';
import { PASSWORD, emailedPath, logIn, nikoo, signUpAndConfirm, submit, watchErrors } from './support';

// The staff journey, in Persian and in English, with and without
// JavaScript (playwright.config.ts projects): sign up, confirm the email,
// log in, register a center, an admin verifies it, the owner invites a
// coordinator, who signs up and accepts. Emails are read from the outbox
// with the `nikoo outbox` command (scripts/test sets NIKOO_BIN and
// NIKOO_E2E_DATABASE_URL).


async function freshPage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  return context.newPage();
}

for (const lang of ['fa', 'en']) {
  test(`staff journey in ${lang}: sign up, register a center, verify, invite, accept`, async ({ page, browser }, info) => {
    test.setTimeout(90_000);
    const js = info.project.name === 'javascript';
    const run = `${lang}-${info.project.name}-${Date.now()}`;
    const owner = `owner-${run}@example.org`;
    const coordinator = `coord-${run}@example.org`;
    const admin = `admin-${run}@example.org`;
    const centerName = lang === 'fa' ? `مرکز نیکوکاری آزمون ${run}` : `Test Charity ${run}`;
    const errors = watchErrors(page);

    // A wrong password is refused in words, on the same page. With
    // JavaScript the refusal is the server function's 400, which the
    // browser logs; that one answer is expected, nothing else is.
    await signUpAndConfirm(page, lang, 'Sara', owner);
    const before = errors.length;
    await logIn(page, lang, owner, 'not the password');
    await expect(page.locator('[role=alert]').filter({ hasText: lang === 'fa' ? 'نادرست' : 'incorrect' }).first()).toBeVisible();
    const refusal = errors.splice(before).filter((e) => !/status of 400/.test(e));
    errors.push(...refusal);
    await logIn(page, lang, owner);
    await expect(page).toHaveURL(new RegExp(`/${lang}/my/giving$`));
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'fa' ? 'rtl' : 'ltr');

    // Register a center: it stays pending.
    await page.goto(`/${lang}/my/centers/new`);
    await page.locator(lang === 'fa' ? '#f-name_fa' : '#f-name_en').fill(centerName);
    await page.locator('#f-province').selectOption('zanjan');
    await page.locator('#f-county').selectOption('tarom');
    await submit(page);
    await expect(page).toHaveURL(new RegExp(`/${lang}/my/centers/\\d+\\?notice=center_registered`));
    await expect(page.locator('.standing-pending')).toBeVisible();
    const staffPath = new URL(page.url()).pathname;

    // A platform admin verifies it.
    nikoo(['create-admin', '--email', admin], `${PASSWORD}\n`);
    const adminPage = await freshPage(browser, js);
    await logIn(adminPage, lang, admin);
    await expect(adminPage).toHaveURL(new RegExp(`/${lang}/my/giving$`));
    await adminPage.goto(`/${lang}/admin/centers`);
    const row = adminPage.locator('tr', { hasText: centerName });
    await row.locator('button[type=submit]').click();
    await expect(adminPage).toHaveURL(/notice=standing_changed/);
    await expect(adminPage.locator('tr', { hasText: centerName }).locator('.standing-verified')).toBeVisible();
    await adminPage.context().close();

    // The owner invites a coordinator.
    await page.goto(staffPath);
    await expect(page.locator('.standing-verified')).toBeVisible();
    await page.locator('#f-email').fill(coordinator);
    await page.locator('#f-role').selectOption('coordinator');
    await submit(page, 'main form:has(#f-role)');
    await expect(page).toHaveURL(/notice=invited/);
    await expect(page.locator('.invitation-list')).toContainText(coordinator);

    // The coordinator signs up, confirms, opens the invitation and accepts.
    const coordPage = await freshPage(browser, js);
    await signUpAndConfirm(coordPage, lang, 'Reza', coordinator);
    const invitation = emailedPath(coordinator, '/invitations/accept?token=');
    await coordPage.goto(invitation);
    await expect(coordPage.locator('main')).toContainText(centerName);
    await coordPage.locator('main a.button').click();
    await expect(coordPage).toHaveURL(/\/login\?next=/);
    await coordPage.locator('#f-email').fill(coordinator);
    await coordPage.locator('#f-password').fill(PASSWORD);
    await submit(coordPage);
    await expect(coordPage).toHaveURL(/invitations\/accept\?token=/);
    await submit(coordPage);
    await expect(coordPage).toHaveURL(/notice=invitation_accepted/);
    await expect(coordPage.locator('table.data')).toContainText(coordinator);
    // A coordinator cannot invite, and another center's staff page is hidden.
    await expect(coordPage.locator('#f-role')).toHaveCount(0);
    await coordPage.context().close();

    // The owner sees the whole story in the center's audit log.
    await page.goto(`${staffPath}/audit`);
    // In words, in the page's language; the stored record folds under each.
    const said = lang === 'fa'
      ? ['مرکز را ثبت کرد', 'مرکز را تأیید کرد', 'کسی را به مرکز دعوت کرد', 'به مرکز پیوست']
      : ['registered the center', 'verified the center', 'invited someone to the center', 'joined the center'];
    for (const words of said) {
      await expect(page.locator('.audit-log')).toContainText(words);
    }
    for (const action of ['center.register', 'center.verify', 'member.invite', 'member.accept_invitation']) {
      await expect(page.locator(`.audit-entry[data-action="${action}"]`).first()).toBeAttached();
    }
    expect(errors).toEqual([]);
  });
}
