import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

/// Runs the `nikoo` command on the browser tests' database (scripts/test
/// sets NIKOO_BIN and NIKOO_E2E_DATABASE_URL).
export function nikoo(args: string[], input?: string): string {
  const bin = process.env.NIKOO_BIN;
  const db = process.env.NIKOO_E2E_DATABASE_URL;
  if (!bin || !db) throw new Error('NIKOO_BIN and NIKOO_E2E_DATABASE_URL must be set (scripts/test sets them)');
  return execFileSync(bin, args, { input, env: { ...process.env, DATABASE_URL: db, RUST_LOG: 'error' } }).toString();
}

/// Collects the page's uncaught errors and console errors (a CSP refusal included).
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

export const PASSWORD = 'گذرواژهٔ آزمایشی ۱۲۳';

/// The path of the newest emailed link to `email` containing `marker`.
export function emailedPath(email: string, marker: string): string {
  const out = nikoo(['outbox', '--to', email, '--limit', '5']);
  const url = out.split(/\s+/).find((w) => w.includes(marker));
  if (!url) throw new Error(`no ${marker} link for ${email} in:\n${out}`);
  return new URL(url).pathname + new URL(url).search;
}

export async function submit(page: Page, form = 'main form') {
  await page.locator(`${form} button[type=submit]`).first().click();
}

/// A client address of its own for each person a test signs up, as a
/// reverse proxy would forward it (scripts/test trusts 127.0.0.1 as one):
/// sign-ups are throttled per client address, and one run signs up more
/// people than one address may in an hour.
function ownAddress(): string {
  const r = () => Math.floor(Math.random() * 254) + 1;
  return `198.18.${r()}.${r()}`; // RFC 2544's benchmarking range
}

export async function signUpAndConfirm(page: Page, lang: string, name: string, email: string) {
  // The sign-up alone carries the address: Stripe's requests must not (a
  // header of its own would need CORS), and routing requests instead
  // would turn off the browser's cache (and refetch the debug wasm on
  // every page).
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': ownAddress() });
  await page.goto(`/${lang}/signup`);
  await page.locator('#f-display_name').fill(name);
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(PASSWORD);
  await submit(page);
  await expect(page).toHaveURL(/notice=signup_sent/);
  await page.setExtraHTTPHeaders({});
  await expect(page.locator('.notice')).toBeVisible();
  await page.goto(emailedPath(email, '/verify-email?token='));
  await submit(page);
  await expect(page).toHaveURL(new RegExp(`/${lang}/login\\?notice=email_verified`));
}

export async function logIn(page: Page, lang: string, email: string, password = PASSWORD) {
  await page.goto(`/${lang}/login`);
  // Let hydration finish, so the form is sent the same way every run.
  await page.waitForLoadState('networkidle');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await submit(page);
}
