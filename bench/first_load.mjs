// What a phone downloads to show a program page in Persian, first and
// repeat visit, measured in headless Chromium (Debian's) through the
// DevTools protocol: bytes on the wire (headers and compressed body) per
// resource type, when the first paint happened, and when the WebAssembly
// was asked for. Called by bench/client.sh with the portal running:
//
//   node bench/first_load.mjs http://127.0.0.1:3000 /fa/programs/SLUG
//
// Prints a Markdown table; exits 1 when a budget of issue 15 is missed
// (HTML + CSS + fonts over 100 KB on the first visit, a static file
// downloaded again on the repeat visit, or the wasm asked for before the
// first paint).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../end2end/package.json'));
const { chromium } = require('playwright-core');

const [base, page_path] = process.argv.slice(2);
/** First-visit budget for HTML + CSS + fonts, bytes on the wire (issue 15). */
const FIRST_LOAD_BUDGET = 100 * 1024;

/** The resource type a response is counted under. */
function kind(url, type) {
  if (url.endsWith('.wasm')) return 'wasm';
  switch (type) {
    case 'Document': return 'html';
    case 'Stylesheet': return 'css';
    case 'Font': return 'font';
    case 'Script': return 'js';
    case 'Image': return 'image';
    default: return type.toLowerCase();
  }
}

/** Loads `url` in `page`; answers bytes and files per kind, and timings. */
async function visit(page, url) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map();
  cdp.on('Network.responseReceived', (e) => {
    seen.set(e.requestId, { kind: kind(e.response.url, e.type), bytes: 0, cached: false });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'load' });
  // The islands load when the browser is idle: wait for the wasm's turn.
  await page.waitForLoadState('networkidle');
  const timing = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return { paint: paint ? paint.startTime : null, wasm: wasm ? wasm.startTime : null };
  });
  await cdp.detach();
  const totals = {};
  let downloaded_static = 0;
  for (const r of seen.values()) {
    const t = (totals[r.kind] ??= { bytes: 0, files: 0 });
    t.bytes += r.bytes;
    t.files += 1;
    if (r.kind !== 'html' && r.bytes > 0 && !r.cached) downloaded_static += 1;
  }
  return { totals, timing, downloaded_static };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
  locale: 'fa-IR',
});
const page = await context.newPage();
const url = new URL(page_path, base).toString();
const first = await visit(page, url);
const repeat = await visit(page, url);
await browser.close();

const kinds = [...new Set([...Object.keys(first.totals), ...Object.keys(repeat.totals)])].sort();
const kb = (n) => (n / 1024).toFixed(1);
console.log(`\nFirst and repeat visit of ${page_path} (390×844 phone, fa), bytes on the wire:\n`);
console.log('| resource | first visit KB (files) | repeat visit KB (files) |');
console.log('|---|---:|---:|');
for (const k of kinds) {
  const f = first.totals[k] ?? { bytes: 0, files: 0 };
  const r = repeat.totals[k] ?? { bytes: 0, files: 0 };
  console.log(`| ${k} | ${kb(f.bytes)} (${f.files}) | ${kb(r.bytes)} (${r.files}) |`);
}
const sum = (t, ks) => ks.reduce((s, k) => s + (t[k]?.bytes ?? 0), 0);
const all = (t) => sum(t, Object.keys(t));
console.log(`| **all** | ${kb(all(first.totals))} | ${kb(all(repeat.totals))} |`);
const page_bytes = sum(first.totals, ['html', 'css', 'font']);
const ms = (v) => (v === null ? 'none' : `${v.toFixed(0)} ms`);
console.log(`\nHTML + CSS + fonts, first visit: ${kb(page_bytes)} KB (budget ${kb(FIRST_LOAD_BUDGET)} KB)`);
console.log(`first contentful paint ${ms(first.timing.paint)}; wasm requested at ${ms(first.timing.wasm)}`);
console.log(`static files downloaded again on the repeat visit: ${repeat.downloaded_static}`);

const missed = [];
if (page_bytes > FIRST_LOAD_BUDGET) missed.push('HTML + CSS + fonts over budget');
if (repeat.downloaded_static > 0) missed.push('a static file was downloaded again');
if (first.timing.wasm !== null && first.timing.paint !== null && first.timing.wasm < first.timing.paint) {
  missed.push('the wasm was requested before the first paint');
}
if (missed.length) {
  console.log(`\nMISSED: ${missed.join('; ')}`);
  process.exit(1);
}
