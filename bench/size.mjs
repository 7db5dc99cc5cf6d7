#!/usr/bin/env node
/**
 * Bundle size budget (preactjs/signals style): prints raw, gzip and brotli sizes of the built
 * browser bundle and fails when the widgets' main entry grows past its gzip budget.
 * Run `npm run build` first. Writes bench/results/size.json.
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const BUDGETS = {
  'dist/clvkit.js': 60 * 1024, // widgets main entry: all widgets, preact, signals, comlink, d3 modules
  'dist/clvkit.esm.js': 60 * 1024,
};
const FILES = ['dist/clvkit.js', 'dist/clvkit.esm.js', 'dist/clvkit.worker.js'];

const rows = [];
let failed = false;
for (const file of FILES) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes).length;
  const budget = BUDGETS[file];
  const over = budget !== undefined && gzip > budget;
  failed ||= over;
  rows.push({ file, raw: bytes.length, gzip, brotli, budget: budget ?? null, ok: !over });
}

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log('file                      raw KB  gzip KB  brotli KB  budget (gzip)');
for (const r of rows) {
  console.log(`${r.file.padEnd(24)}${kb(r.raw)}  ${kb(r.gzip)}  ${kb(r.brotli)}    ${r.budget ? `${kb(r.budget)} ${r.ok ? 'ok' : 'OVER BUDGET'}` : '   -'}`);
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/size.json', JSON.stringify({ date: new Date().toISOString(), rows }, null, 2) + '\n');
if (failed) {
  console.error('A bundle is over its size budget (bench/size.mjs).');
  process.exit(1);
}
