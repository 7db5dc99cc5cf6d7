#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark of issue 5, one after another, each part in its own `node`
 * process (its memory is measured alone; one part's heap never disturbs another's timings).
 *
 *   npm run bench -- [--sizes=100k,1m[,10m]] [--only=interactions,analyses,load,browser,size]
 *                    [--seed=42] [--interactions=200]
 *
 * Parts (each gets the same flags; a part whose script is absent is skipped):
 *   interactions  bench/interactions/run.mjs  cross-filter latency vs crossfilter2 and DuckDB-WASM
 *   analyses      bench/analyses/run.mjs      the analyses vs the obvious alternative (arquero)
 *   load          bench/load/run.mjs          CSV to dataset, worker memory
 *   browser       bench/browser/run.mjs       end to end in headless Chromium
 *   size          bench/size.mjs              bundle sizes against their budgets
 *
 * Each part prints its own table; the last line lists the results files written.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, toArgv } from './lib/args.mjs';
import { ROOT } from './lib/bundle.mjs';
import { runNode } from './lib/child.mjs';

/** The parts, in the order they run (the cheap bundle check last, after the long ones). */
const PARTS = [
  { name: 'interactions', script: 'bench/interactions/run.mjs' },
  { name: 'analyses', script: 'bench/analyses/run.mjs' },
  { name: 'load', script: 'bench/load/run.mjs' },
  { name: 'browser', script: 'bench/browser/run.mjs' },
  { name: 'size', script: 'bench/size.mjs' },
];

const args = parseArgs(process.argv.slice(2));
const unknown = (args.only ?? []).filter((name) => !PARTS.some((p) => p.name === name));
if (unknown.length) {
  console.error(`unknown part(s) in --only: ${unknown.join(', ')} (parts: ${PARTS.map((p) => p.name).join(', ')})`);
  process.exit(2);
}
const passThrough = [...toArgv(args), ...[...args.rest].map(([k, v]) => `--${k}=${v}`)];
const started = Date.now();
console.log(`clvkit benchmarks: sizes ${args.sizes.join(', ')}, seed ${args.seed}, ${args.interactions} interactions per kind`);
console.log('(the numbers depend on the machine and on what else runs on it: compare ratios run side by side, not numbers across runs)');

const outcomes = [];
for (const part of PARTS) {
  if (args.only && !args.only.includes(part.name)) continue;
  const script = join(ROOT, part.script);
  if (!existsSync(script)) {
    console.log(`\n### ${part.name}: skipped (${part.script} is not there)`);
    outcomes.push({ part: part.name, status: 'absent' });
    continue;
  }
  console.log(`\n### ${part.name} (${part.script})`);
  const { code, signal, ms } = await runNode(script, passThrough, { inherit: true, cwd: ROOT });
  const ok = code === 0;
  outcomes.push({ part: part.name, status: ok ? 'ok' : signal ? `killed by ${signal}` : `exit code ${code}`, ms });
}

console.log('\n### summary');
for (const o of outcomes) console.log(`${o.part.padEnd(13)} ${o.status}${o.ms ? ` (${(o.ms / 1000).toFixed(0)} s)` : ''}`);
const resultsDir = join(ROOT, 'bench', 'results');
const written = existsSync(resultsDir)
  ? readdirSync(resultsDir)
      .filter((name) => name.endsWith('.json') && statSync(join(resultsDir, name)).mtimeMs >= started)
      .map((name) => `bench/results/${name}`)
  : [];
console.log(`results (JSON): ${written.length ? written.join(', ') : 'none written'}`);
process.exit(outcomes.some((o) => o.status !== 'ok' && o.status !== 'absent') ? 1 : 0);
