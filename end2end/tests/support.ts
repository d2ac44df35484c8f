import { type Page } from '@playwright/test';
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
