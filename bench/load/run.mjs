/**
 * Load benchmark: the sample shop's sessions and basket lines as CSV files -> `Dataset` through
 * `importDataset` (the worker's code path), in a fresh Node process per measurement.
 *
 *   node bench/load/run.mjs [--sizes=100k,1m[,10m]] [--seed=42] [--inputs=string,blob,rows,json]
 *
 * Per size: the CSV files are written once into bench/.cache/load-<size>-<seed>/ (the time it
 * took is reported); then each input kind is imported in its own process and the phases, rows
 * per second, peak RSS, the memory held after the load and the dataset's own bytes are printed
 * and written to bench/results/load-<size>.json. 10M orders is opt-in (about 3.5 GB of CSV).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs, parseSize, sizeLabel } from '../lib/args.mjs';
import { bundleForNode, CACHE, ROOT } from '../lib/bundle.mjs';

const args = parseArgs(process.argv.slice(2));
const inputsFlag = args.rest.get('inputs');
const bundle = await bundleForNode('bench/load/load.ts');

/** Runs the bundle in a fresh process and returns the JSON it printed last. */
function child(argv, heapMB) {
  const out = execFileSync(process.execPath, ['--expose-gc', `--max-old-space-size=${heapMB}`, bundle, ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

const pad = (value, width) => String(value).padStart(width);
const secs = (ms) => (ms === undefined ? '-' : (ms / 1000).toFixed(2));

for (const label of args.sizes) {
  const orders = parseSize(label);
  const size = sizeLabel(orders);
  const dir = join(CACHE, `load-${size}-${args.seed}`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'meta.json'))) {
    console.log(`writing the ${size} shop's CSV into ${dir} ...`);
    child(['generate', String(orders), String(args.seed), dir], 4096);
  }
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
  // Whole strings and object rows hold the input beside the dataset; at 10M only streaming fits.
  const inputs = inputsFlag ? inputsFlag.split(',') : orders >= 1e7 ? ['blob'] : ['string', 'blob', 'tokenize', 'profile', 'rows', 'json'];
  const results = [];
  for (const input of inputs) {
    // JSON text of a million orders' sessions is near V8's maximum string length.
    if (input === 'json' && orders > 1e6) continue;
    const result = child(['measure', dir, input, String(orders), String(args.seed)], 16384);
    results.push(result);
  }

  console.log(`\nload, ${size} orders: ${meta.summary.sessions.toLocaleString('en')} sessions + ${meta.summary.lines.toLocaleString('en')} lines; CSV ${(meta.bytes.sessions / 1e6).toFixed(0)} + ${(meta.bytes.lines / 1e6).toFixed(0)} MB, written in ${secs(meta.generateMs)} s`);
  console.log('input     read s  tokenize s  import s  (CPU s)   rows/s   peak RSS MB  held after MB  dataset MB');
  for (const r of results) {
    if (r.input === 'tokenize') {
      console.log(`${r.input.padEnd(8)} ${pad(secs(r.phases.read), 7)} ${pad(secs(r.phases.tokenizeSessions + r.phases.tokenizeLines), 11)}   (the CSV tokenizer alone over both files)`);
      continue;
    }
    if (r.input === 'profile') continue;
    const read = r.phases.read ?? r.phases.generate;
    console.log(
      `${r.input.padEnd(8)} ${pad(secs(read), 7)} ${pad('', 11)} ${pad(secs(r.phases.import), 9)} ${pad('(' + secs(r.phases.importCpu) + ')', 8)} ${pad(Math.round(r.rowsPerSecond / 1000) + 'k', 8)} ${pad(r.memoryMB.peakRss.toFixed(0), 13)} ${pad(r.memoryMB.retained.toFixed(0), 14)} ${pad(r.datasetMB.total.toFixed(0), 11)}`,
    );
  }
  const profile = results.find((r) => r.input === 'profile');
  if (profile) {
    const total = Object.values(profile.phases).reduce((a, b) => a + b, 0);
    const parts = Object.entries(profile.phases).sort((a, b) => b[1] - a[1]).map(([phase, ms]) => `${phase} ${((100 * ms) / total).toFixed(0)}%`);
    console.log(`CSV import (string) by phase, from a CPU profile of it: ${parts.join(', ')}`);
  }
  const csv = results.find((r) => r.input === 'string') ?? results.find((r) => r.input === 'blob');
  if (csv) {
    console.log(`dataset bytes (${csv.input}): ${csv.datasetMB.total} MB = typed arrays ${csv.datasetMB.arrays} MB + dictionaries ${csv.datasetMB.dictionaries} MB (strings as V8 lays them out in Node)`);
    console.log(`  with narrower column types (1-2 byte codes, packed id dictionaries, 4-byte times, bit flags; not in today's Column types): ${csv.datasetMB.withNarrowerTypes} MB`);
    console.log(`  held after the load ${csv.memoryMB.retained} MB; once every dictionary has been read (packed ones built as strings) ${csv.memoryMB.retainedDictionariesRead} MB`);
    for (const [name, t] of Object.entries(csv.datasetMB.tables)) {
      console.log(`  ${name}: ${t.rows.toLocaleString('en')} rows, arrays ${t.arrays} MB, dictionaries ${t.dictionaries} MB (${t.dictionaryEntries.toLocaleString('en')} entries)`);
      for (const [column, c] of Object.entries(t.columns)) {
        const dictionary = c.dictionary ? `  dictionary ${c.dictionary}${c.dictionary === 'shared' ? '' : ` ${c.dictionaryMB} MB, ${c.dictionaryEntries.toLocaleString('en')} entries`}` : '';
        console.log(`    ${column.padEnd(16)} ${c.type.padEnd(8)} ${c.array.padEnd(22)} ${pad(c.arrayMB.toFixed(2), 7)} MB${dictionary}`);
      }
    }
  }
  const file = join(ROOT, 'bench', 'results', `load-${size}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        benchmark: 'load',
        orders,
        seed: args.seed,
        machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version },
        date: new Date().toISOString(),
        data: { summary: meta.summary, csvBytes: meta.bytes, generateMs: meta.generateMs, generatePeakRssMB: meta.peakRssMB },
        results,
      },
      null,
      1,
    ) + '\n',
  );
  console.log(`wrote ${file}`);
}
