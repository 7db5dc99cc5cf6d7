/**
 * Before/after of the import on this machine: the same CSV (or object rows) imported by the
 * working tree's @clvkit/core and by another commit's (default 21fa578, before issue 5's load
 * work), alternating processes, each importing a few times and keeping its best CPU time. On a
 * shared machine the minimum over runs is the number least disturbed by other jobs.
 *
 *   node bench/load/compare.mjs [--ref=21fa578] [--sizes=100k] [--rounds=3] [--repeat=3] [--input=csv|rows]
 *
 * The CSV files are the ones bench/load/run.mjs writes (run it first for the size).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parseArgs, parseSize, sizeLabel } from '../lib/args.mjs';
import { CACHE, ROOT } from '../lib/bundle.mjs';

const args = parseArgs(process.argv.slice(2));
const ref = args.rest.get('ref') ?? '21fa578';
const rounds = Number(args.rest.get('rounds') ?? 3);
const repeat = Number(args.rest.get('repeat') ?? 3);
const input = args.rest.get('input') ?? 'csv';
// parseArgs takes --sizes out of `rest`; its default (100k,1m) is too slow here, so 100k unless given.
const sizes = process.argv.some((a) => a.startsWith('--sizes')) ? args.sizes : ['100k'];

/** The entry that imports `repeat` times and prints the best and median CPU ms, for the core at `coreDir`. */
function entry(coreDir) {
  const core = JSON.stringify(join(coreDir, 'import.ts'));
  const shop = JSON.stringify(join(ROOT, 'packages/sample-data/src/shop.ts'));
  return `
import { readFileSync } from 'node:fs';
import { importDataset } from ${core};
import { generateShop } from ${shop};
const [dir, orders, repeat, input] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), process.argv[5]];
const meta = JSON.parse(readFileSync(dir + '/meta.json', 'utf8'));
let tables;
if (input === 'rows') {
  const shop = generateShop({ orders, seed: meta.seed });
  const sessions = [...shop.input.sessions.data];
  const lines = [...shop.input.lines.data];
  tables = () => ({ sessions: { data: sessions, mapping: shop.input.sessions.mapping }, lines: { data: lines, mapping: shop.input.lines.mapping } });
} else {
  const s = readFileSync(dir + '/sessions.csv', 'utf8'), l = readFileSync(dir + '/lines.csv', 'utf8');
  tables = () => ({ sessions: { data: s, mapping: meta.mappings.sessions }, lines: { data: l, mapping: meta.mappings.lines } });
}
const times = [];
for (let r = 0; r < repeat; r++) {
  const c0 = process.cpuUsage();
  const { report } = await importDataset(tables(), meta.options);
  const c = process.cpuUsage(c0);
  if (report.lines.rowsUsed !== meta.summary.lines) throw new Error('unexpected row count');
  times.push((c.user + c.system) / 1000);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ best: times[0], median: times[times.length >> 1] }));
`;
}

async function bundle(name, coreDir) {
  const file = join(CACHE, `${name}.ts`);
  writeFileSync(file, entry(coreDir));
  const outfile = join(CACHE, `${name}.mjs`);
  await build({ entryPoints: [file], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
  return outfile;
}

const refDir = join(CACHE, `core-${ref}`);
if (!existsSync(join(refDir, 'packages/core/src/import.ts'))) {
  mkdirSync(refDir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${ref} packages/core/src | tar -x -C ${JSON.stringify(refDir)}`], { cwd: ROOT });
}
const before = await bundle(`compare-${ref}`, join(refDir, 'packages/core/src'));
const after = await bundle('compare-tree', join(ROOT, 'packages/core/src'));

for (const label of sizes) {
  const orders = parseSize(label);
  const dir = join(CACHE, `load-${sizeLabel(orders)}-${args.seed}`);
  if (!existsSync(join(dir, 'meta.json'))) throw new Error(`no CSV for ${label}: run node bench/load/run.mjs --sizes=${label} first`);
  const best = { before: Infinity, after: Infinity };
  for (let round = 0; round < rounds; round++) {
    for (const [name, file] of [['before', before], ['after', after]]) {
      const out = execFileSync(process.execPath, ['--max-old-space-size=8192', file, dir, String(orders), String(repeat), input], { encoding: 'utf8' });
      const { best: ms } = JSON.parse(out.trim().split('\n').pop());
      best[name] = Math.min(best[name], ms);
      console.log(`${sizeLabel(orders)} ${input} ${name.padEnd(6)} (${name === 'before' ? ref : 'working tree'}): best CPU ${(ms / 1000).toFixed(2)} s`);
    }
  }
  console.log(`${sizeLabel(orders)} ${input}: ${(best.before / 1000).toFixed(2)} s -> ${(best.after / 1000).toFixed(2)} s CPU (${(best.before / best.after).toFixed(1)}x)`);
}
