// The size of the site's WebAssembly (./target/site/pkg/*.wasm): raw
// bytes, brotli at quality 11 (what a precompressed copy holds), and the
// precompressed copy the server sends when the build wrote one, as a
// Markdown table. With --budget, exits 1 when brotli is over 250 KB, the
// release build's budget (ARCHITECTURE.md, "The light client").
//
//   node bench/wasm_size.mjs [--budget]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const BUDGET = 250 * 1024;
const pkg = path.join(path.dirname(fileURLToPath(import.meta.url)), '../target/site/pkg');
const files = fs.existsSync(pkg) ? fs.readdirSync(pkg).filter((f) => f.endsWith('.wasm')) : [];
if (files.length === 0) {
  console.log(`no wasm in ${pkg}: build the site first`);
  process.exit(2);
}
const kb = (n) => (n / 1024).toFixed(1);
console.log('\n| wasm | raw KB | brotli q11 KB | sent (.br) KB | budget KB (brotli) |');
console.log('|---|---:|---:|---:|---:|');
let over = false;
for (const f of files) {
  const d = fs.readFileSync(path.join(pkg, f));
  const br = zlib.brotliCompressSync(d, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: d.length } }).length;
  const sent = fs.existsSync(path.join(pkg, `${f}.br`)) ? kb(fs.statSync(path.join(pkg, `${f}.br`)).size) : 'not precompressed';
  console.log(`| ${f} | ${kb(d.length)} | ${kb(br)} | ${sent} | ${kb(BUDGET)} |`);
  over ||= br > BUDGET;
}
if (over && process.argv.includes('--budget')) {
  console.log('\nMISSED: the wasm is over its budget');
  process.exit(1);
}
