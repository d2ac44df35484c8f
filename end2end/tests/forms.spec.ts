import { expect, test } from '@playwright/test';
import { logIn, nikoo, signUpAndConfirm, submit } from './support';

// Forms that respect the user (issue 16): a form sent twice records once
// (the idempotency key its page rendered, with and without JavaScript); a
// success clears the form; destructive actions take a second step.

test('a staff gift form sent twice records one gift, and the form comes back empty', async ({ page }, info) => {
  const email = `twice-${info.project.name}-${Date.now()}@example.org`;
  await signUpAndConfirm(page, 'en', 'Twice', email);
  // A center no other browser test records gifts at.
  nikoo(['add-member', '--center', 'zarrin-ijrud', '--email', email, '--role', 'manager']);
  await logIn(page, 'en', email);
  await page.goto('/en/my/centers');
  await page.locator('main a[href*="/my/centers/"]').first().click();
  await page.locator('main a[href$="/gifts"]').first().click();
  const donor = `Donor ${info.project.name} ${Date.now()}`;
  const form = page.locator('form.record-gift');
  await form.locator('#f-designation').selectOption({ index: 1 });
  await form.locator('#f-amount').fill('12,345');
  await form.locator('#f-donor_name').fill(donor);
  // Two quick clicks, as an impatient thumb on a slow connection does.
  await form.locator('button[type=submit]').dblclick();
  await expect(page).toHaveURL(/notice=(gift_recorded|already_sent)/);
  await page.reload();
  await expect(page.locator('table.gifts-received tbody tr', { hasText: donor })).toHaveCount(1);
  // The form is empty again: a second gift must be typed.
  await expect(page.locator('form.record-gift #f-amount')).toHaveValue('');
  await expect(page.locator('form.record-gift #f-donor_name')).toHaveValue('');

  // A refused gift comes back as it was typed, with the reason beside it.
  await form.locator('#f-designation').selectOption({ index: 1 });
  await form.locator('#f-amount').fill('twelve');
  await form.locator('#f-donor_name').fill(donor);
  await form.locator('input[name=method][value=bank_transfer]').check();
  await form.locator('button[type=submit]').click();
  await expect(page.locator('form.record-gift .field-error').filter({ hasText: /./ }).first()).toBeVisible();
  await expect(page.locator('form.record-gift #f-amount')).toHaveValue('twelve');
  await expect(page.locator('form.record-gift #f-donor_name')).toHaveValue(donor);
  await expect(page.locator('form.record-gift input[name=method][value=bank_transfer]')).toBeChecked();
  await expect(page.locator('table.gifts-received tbody tr', { hasText: donor })).toHaveCount(1);
});

test('destructive actions ask first', async ({ page }, info) => {
  const email = `careful-${info.project.name}-${Date.now()}@example.org`;
  await signUpAndConfirm(page, 'fa', 'محتاط', email);
  await logIn(page, 'fa', email);
  await page.goto('/fa/account');
  const confirm = page.locator('details.confirm');
  // The first button only opens the warning; the form is behind it.
  await expect(confirm.locator('input[name=password]')).toBeHidden();
  await confirm.locator('summary').click();
  await expect(confirm.locator('.confirm-warning')).toContainText('برگشت‌پذیر نیست');
  await expect(confirm.locator('input[name=password]')).toBeVisible();
  await expect(confirm.locator('button[type=submit]')).toHaveClass(/danger/);
  await confirm.locator('input[name=password]').fill('not my password');
  await submit(page, 'details.confirm form');
  await expect(page.locator('[role=alert]').filter({ hasText: /./ }).first()).toBeVisible();
  // Still signed in: nothing was deleted.
  await page.goto('/fa/my/giving');
  await expect(page).toHaveURL(/\/fa\/my\/giving/);
});
