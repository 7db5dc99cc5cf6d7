#!/usr/bin/env node
/**
 * Bundle size budget (preactjs/signals style): prints raw, gzip and brotli sizes of the built
 * browser bundle (`npm run build` first) and fails when a budgeted file grows past its ceiling.
 *
 * - The widgets' main entry, in both forms (dist/clvkit.js, the classic <script> with its
 *   chunk loader; dist/clvkit.esm.js, the ES module): every custom element, every component
 *   and mountX, preact, signals, comlink, the engine client and the d3 modules the eager
 *   widgets use. Target and ceiling 60 KB gzip (issue 5).
 * - The worker's first file (dist/clvkit.worker.js): the engine's worker side and core's
 *   importers, no analytics, no tfjs. Ceiling: as measured plus a small margin.
 * - Lazy chunks (dist/chunks/, dist/esm/, dist/worker/) and tfjs: listed, no budget.
 *
 * `--breakdown` also prints what the main entry and the worker's first file are made of, per
 * package (source maps, bench/size-map.mjs). Writes bench/results/size.json.
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { breakdown } from './size-map.mjs';

const KB = 1024;
const BUDGETS = {
  'dist/clvkit.js': { target: 60 * KB, ceiling: 60 * KB },
  'dist/clvkit.esm.js': { target: 60 * KB, ceiling: 60 * KB },
  // Measured 21.2 KB when analytics and the sample data moved to lazy chunks (issue 5).
  'dist/clvkit.worker.js': { target: 22 * KB, ceiling: 24 * KB },
};
const ENTRIES = ['dist/clvkit.js', 'dist/clvkit.esm.js', 'dist/clvkit.worker.js', 'dist/clvkit.tfjs.js'];
const CHUNK_FOLDERS = { 'dist/chunks': 'lazy chunks of clvkit.js', 'dist/esm': 'lazy chunks of clvkit.esm.js', 'dist/worker': 'lazy chunks of the worker' };

/** Raw, gzip -9 and brotli bytes of `file`. */
function measure(file) {
  const bytes = readFileSync(file);
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length };
}

for (const file of ENTRIES) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

const rows = ENTRIES.map((file) => {
  const row = measure(file);
  const budget = BUDGETS[file];
  return { ...row, target: budget?.target ?? null, ceiling: budget?.ceiling ?? null, ok: budget === undefined || row.gzip <= budget.ceiling };
});
const chunks = Object.keys(CHUNK_FOLDERS).flatMap((folder) =>
  existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith('.js'))
        .map((name) => measure(`${folder}/${name}`))
    : [],
);

const kb = (n) => (n / KB).toFixed(1).padStart(7);
console.log('file                           raw KB  gzip KB  brotli KB  target  ceiling (gzip)');
for (const r of rows) {
  const verdict = r.target === null ? '' : !r.ok ? 'OVER CEILING' : r.gzip > r.target ? `ok, ${kb(r.gzip - r.target).trim()} KB over target` : 'ok, within target';
  console.log(`${r.file.padEnd(29)}${kb(r.raw)}  ${kb(r.gzip)}  ${kb(r.brotli)}  ${r.target === null ? '      -        -  lazy (neural analyses only)' : `${kb(r.target)}  ${kb(r.ceiling)}  ${verdict}`}`);
}
for (const [folder, what] of Object.entries(CHUNK_FOLDERS)) {
  const inFolder = chunks.filter((c) => c.file.startsWith(`${folder}/`)).sort((a, b) => b.gzip - a.gzip);
  if (inFolder.length === 0) continue;
  const total = inFolder.reduce((sum, c) => sum + c.gzip, 0);
  console.log(`\n${folder}/: ${inFolder.length} ${what}, ${kb(total).trim()} KB gzip in all (no budget; largest first)`);
  for (const c of inFolder.slice(0, folder === 'dist/worker' ? undefined : 12)) console.log(`  ${c.file.slice(folder.length + 1).padEnd(38)}${kb(c.raw)}  ${kb(c.gzip)}  ${kb(c.brotli)}`);
  if (inFolder.length > 12 && folder !== 'dist/worker') console.log(`  ... ${inFolder.length - 12} more under ${kb(inFolder[12].gzip).trim()} KB each`);
}

if (process.argv.includes('--breakdown')) {
  for (const file of ['dist/clvkit.js', 'dist/clvkit.worker.js']) {
    const { total, rows: parts } = breakdown(file);
    console.log(`\n${file}: ${kb(total).trim()} KB gzip by package (gzip share: the file's gzip size split by each part's own gzip size)`);
    console.log('  part                                       raw KB  gzip share KB');
    for (const p of parts.filter((p) => p.gzipShare >= 0.05 * KB)) console.log(`  ${p.name.padEnd(40)}${kb(p.raw)}  ${kb(p.gzipShare)}`);
  }
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/size.json', JSON.stringify({ date: new Date().toISOString(), rows, chunks }, null, 2) + '\n');
if (rows.some((r) => !r.ok)) {
  console.error('\nA bundle grew past its ceiling (bench/size.mjs): shrink it (`npm run size -- --breakdown` shows what it holds), or raise the ceiling on purpose in the same commit.');
  process.exit(1);
}
