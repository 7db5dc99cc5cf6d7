#!/usr/bin/env node
/**
 * The cross-filter benchmark (issue 5): clvkit against crossfilter2 and DuckDB-WASM on the
 * same sample shop and the same seeded interactions with eight linked widgets. See the
 * "Cross-filter" section of bench/README.md for what is measured and how each library is set up.
 *
 *   node bench/interactions/run.mjs [--sizes=100k,1m[,10m]] [--seed=42] [--interactions=200] [--libraries=clvkit,...]
 *
 * Per size: one process generates and imports the shop and saves its columns (bench/.cache,
 * reused while the generator and the importer are unchanged), then each library runs in a
 * fresh process (so its memory is its own). Prints a table per size and writes
 * bench/results/interactions-<size>.json.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs, parseSize, sizeLabel } from '../lib/args.mjs';
import { bundleForNode, CACHE, ROOT } from '../lib/bundle.mjs';
import { hasDataset } from '../lib/columns-file.mjs';
import { failureReason, runNode } from '../lib/child.mjs';
import { machine } from '../lib/measure.mjs';
import { compareChecks } from './compare.mjs';
import { formatReport, REFERENCE, summarizeResults } from './report.mjs';

const args = parseArgs(process.argv.slice(2));
const explicitInteractions = process.argv.some((a) => a.startsWith('--interactions'));
const here = join(ROOT, 'bench', 'interactions');
/** Heap limit of every library's process (MB): generous, but a 10M crossfilter must not take the shared machine down. */
const HEAP_MB = Number(args.rest.get('heap-mb') ?? 12288);
/** `--libraries=clvkit,crossfilter2`: run only these (a quick look; the results file is then not written). */
const only = args.rest.get('libraries')?.split(',');

const prepare = await bundleForNode('bench/interactions/prepare.ts');
const clvkit = await bundleForNode('bench/interactions/clvkit.ts');
const hasSwitch = existsSync(join(ROOT, 'packages/analytics/src/crossfilter/settings.ts'));
const clvkitScan = hasSwitch ? await bundleForNode('bench/interactions/clvkit-scan.ts') : null;

const written = [];
for (const size of args.sizes) {
  const orders = parseSize(size);
  const label = sizeLabel(orders);
  // 10M: an interaction takes seconds for every library but clvkit's fast path, so fewer of them unless asked.
  const interactions = explicitInteractions || orders < 5e6 ? args.interactions : Math.min(args.interactions, 20);
  console.log(`\n== cross-filter ${label}: preparing the shop (${orders.toLocaleString('en-US')} orders, seed ${args.seed}) ==`);
  const data = await prepareData(orders, args.seed, interactions);
  const facts = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8')).extra;
  if (facts.statusMismatches) console.log(`warning: the peers' customer_status differs from clvkit's on ${facts.statusMismatches} sessions`);

  const runs = [
    ['clvkit', clvkit],
    ...(clvkitScan ? [['clvkit-scan', clvkitScan]] : []),
    ['crossfilter2', join(here, 'crossfilter.mjs')],
    ['duckdb-wasm', join(here, 'duckdb.mjs')],
  ];
  const results = {};
  for (const [name, script] of runs.filter(([name]) => !only || only.includes(name))) {
    const skip = skipReason(name, orders);
    if (skip) {
      console.log(`${name}: not run (${skip})`);
      results[name] = { error: skip };
      continue;
    }
    const resultFile = join(CACHE, `interactions-${label}-${name}.result.json`);
    rmSync(resultFile, { force: true });
    process.stdout.write(`${name}: running ${interactions} x 3 interactions ... `);
    const outcome = await runNode(script, [`--data=${data}`, `--result=${resultFile}`], { nodeFlags: ['--expose-gc', `--max-old-space-size=${HEAP_MB}`] });
    if (outcome.code === 0 && existsSync(resultFile)) {
      results[name] = JSON.parse(readFileSync(resultFile, 'utf8'));
      console.log(`done in ${(outcome.ms / 1000).toFixed(0)} s`);
    } else {
      results[name] = { error: failureReason(outcome) };
      console.log(`failed: ${results[name].error}`);
    }
  }

  const correctness = {};
  for (const [name, r] of Object.entries(results)) {
    if (name === REFERENCE || r.error || results[REFERENCE]?.error) continue;
    correctness[name] = compareChecks(results[REFERENCE].checks, r.checks);
  }
  const summary = summarizeResults(results);
  console.log('');
  console.log(formatReport({ label, facts, interactions, summary, correctness }));

  if (only) continue;
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = join(ROOT, 'bench', 'results', `interactions-${label}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        benchmark: 'cross-filter interactions, 8 linked widgets',
        date: new Date().toISOString(),
        machine: { ...machine(), loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100) },
        command: `node bench/interactions/run.mjs --sizes=${label} --seed=${args.seed} --interactions=${interactions}`,
        orders,
        seed: args.seed,
        interactionsPerKind: interactions,
        data: facts,
        libraries: summary,
        correctness: Object.fromEntries(Object.entries(correctness).map(([k, c]) => [k, { compared: c.compared, mismatches: c.mismatches, details: c.details.slice(0, 10) }])),
      },
      null,
      1,
    ) + '\n',
  );
  written.push(relative(ROOT, file));
}
console.log(`\ncross-filter results: ${written.join(', ')}`);

/**
 * Generates the shop of `orders` into a cache directory named after the sources that shape it
 * (sample-data, core's importer, this benchmark's data step), reusing it when present.
 */
async function prepareData(orders, seed, interactions) {
  const hash = createHash('sha1');
  const sources = ['packages/sample-data/src', 'packages/core/src', 'bench/interactions/prepare.ts', 'bench/interactions/sequence.mjs', 'bench/interactions/peer-fields.mjs', 'bench/interactions/widgets.mjs', 'bench/lib/columns-file.mjs'];
  for (const source of sources) for (const file of filesUnder(join(ROOT, source))) hash.update(file).update(readFileSync(file));
  const label = `${sizeLabel(orders)}-s${seed}-n${interactions}`;
  const dir = join(CACHE, `shop-${label}-${hash.digest('hex').slice(0, 10)}`);
  if (hasDataset(dir)) {
    console.log(`using the saved shop in ${relative(ROOT, dir)}`);
    return dir;
  }
  // Older shops of the same size and seed are stale: drop them (1M is ~0.3 GB, 10M ~3 GB).
  for (const name of existsSync(CACHE) ? readdirSync(CACHE) : []) if (name.startsWith(`shop-${label}-`)) rmSync(join(CACHE, name), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outcome = await runNode(prepare, [`--orders=${orders}`, `--seed=${seed}`, `--interactions=${interactions}`, `--out=${dir}`], { nodeFlags: [`--max-old-space-size=${HEAP_MB}`] });
  if (outcome.code !== 0 || !hasDataset(dir)) throw new Error(`preparing the shop failed: ${failureReason(outcome)}`);
  const facts = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).extra;
  console.log(`generated and imported in ${(facts.importMs / 1000).toFixed(1)} s: ${facts.sessions.toLocaleString('en-US')} sessions, ${facts.lines.toLocaleString('en-US')} lines`);
  return dir;
}

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/**
 * Why a library is not run at this size, or null. From 5M orders: no clvkit-scan; crossfilter2
 * only when 10x its 1M memory (its growth in trials) fits the heap limit.
 */
function skipReason(name, orders) {
  if (orders < 5e6) return null;
  if (name === 'clvkit-scan') return 'the plain scan (the "before" column) is skipped from 5M orders up to keep the run to about an hour; see the 1M run';
  if (name !== 'crossfilter2') return null;
  const previous = join(ROOT, 'bench', 'results', 'interactions-1m.json');
  if (!existsSync(previous)) return null;
  const oneM = JSON.parse(readFileSync(previous, 'utf8')).libraries?.crossfilter2;
  const heldMb = oneM?.memory?.held?.total;
  if (!heldMb) return null;
  const estimate = (heldMb * orders) / 1e6;
  return estimate > HEAP_MB * 0.9 ? `needs about ${(estimate / 1024).toFixed(1)} GB (${(orders / 1e6).toFixed(0)} x the ${Math.round(heldMb)} MB of the 1M run), over the ${(HEAP_MB / 1024).toFixed(0)} GB heap limit of a benchmark process` : null;
}
