import { defineConfig } from '@playwright/test';

// Browser journeys against a running Nikoo (scripts/test starts one with the
// demo loaded). Debian's Chromium; no browser is downloaded.
const baseURL = process.env.NIKOO_E2E_URL ?? 'http://127.0.0.1:3000';
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  use: { baseURL, locale: 'fa-IR', ...chromium },
  // The screenshots first, on the demo as loaded (tests/screens/); then
  // every journey with and without JavaScript.
  snapshotPathTemplate: '{testDir}/{testFileDir}/{testFileName}-snapshots/{arg}{ext}',
  projects: [
    { name: 'screens', testMatch: /screens\/.*\.spec\.ts/, use: { javaScriptEnabled: true } },
    { name: 'javascript', testIgnore: /screens\//, dependencies: ['screens'], use: { javaScriptEnabled: true } },
    { name: 'no-javascript', testIgnore: /screens\//, dependencies: ['screens'], use: { javaScriptEnabled: false } },
  ],
});
