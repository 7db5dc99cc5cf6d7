/**
 * Analyses benchmark (issue 5): every exploratory analysis, RFM with k-means and the
 * BG/NBD + Gamma-Gamma fit on the sample shop, first-run and warm, beside arquero doing the
 * same relational computations (with a check that the numbers agree).
 *
 *   node bench/analyses/run.mjs [--sizes=100k,1m[,10m]] [--seed=42] [--analyses=name,name]
 *     [--repeat=2] [--no-data-cache] [--no-isolated] [--no-peers] [--cpu-prof]
 *     [--baseline=file.json] [--no-clv-alternative]
 *
 * One Node process per size (a clean heap each). Prints a table per size, slowest first, and
 * the totals against the targets; writes bench/results/analyses-<size>.json (a partial run,
 * with --analyses, writes analyses-<size>.tmp.json instead, which git ignores). `--analyses`
 * also takes `clv`, `rfm` and `segmentation`. `--cpu-prof` writes V8 CPU profiles to
 * bench/.cache/prof-analyses/ (open them in Chrome DevTools). The "before" column comes from
 * bench/results/analyses-<size>-baseline.json (the first run, before the optimisations of
 * issue 5), or from `--baseline=file.json`. The CLV fits (BFGS on analytic gradients) are printed
 * beside the previous derivative-free fit (Nelder-Mead with restarts, `optimiser: 'nelder-mead'`),
 * run once; `--no-clv-alternative` skips it. `--analyses=clv` runs just the CLV part.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs, parseSize, sizeLabel } from '../lib/args.mjs';
import { bundleForNode, CACHE, ROOT } from '../lib/bundle.mjs';

/** Targets of issue 5, in ms. */
export const TARGETS = { exploratory: 5000, rfm: 2000, clvFit: 1000 };

// The shared flags (sizes, seed; the orchestrator's --interactions is ignored) and this part's own.
const args = parseArgs(process.argv.slice(2));
const flag = (name, fallback) => args.rest.get(name) ?? fallback;
const has = (name) => args.rest.has(name);

async function main() {
  const only = flag('analyses', '');
  const bundle = await bundleForNode('bench/analyses/analyses-entry.ts');
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  for (const label of args.sizes) {
    const orders = parseSize(label);
    const size = sizeLabel(orders);
    const partial = only !== '';
    const out = join(ROOT, 'bench', 'results', `analyses-${size}${partial ? '.tmp' : ''}.json`);
    const node = ['--expose-gc', `--max-old-space-size=${orders >= 10_000_000 ? 16384 : 8192}`];
    if (has('cpu-prof')) node.push('--cpu-prof', `--cpu-prof-dir=${join(CACHE, 'prof-analyses')}`, '--cpu-prof-interval=500');
    const childArgs = [`--orders=${orders}`, `--seed=${args.seed}`, `--root=${ROOT}`, `--out=${out}.run`, `--repeat=${flag('repeat', '2')}`];
    if (only) childArgs.push(`--only=${only}`);
    for (const pass of ['no-data-cache', 'no-isolated', 'no-peers', 'no-clv-alternative']) if (has(pass)) childArgs.push(`--${pass}`);
    console.log(`\n## Analyses, ${size} orders${partial ? ` (only ${only})` : ''}`);
    const child = spawnSync(process.execPath, [...node, bundle, ...childArgs], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (child.status !== 0) throw new Error(`the ${size} run failed (exit ${child.status})`);
    const result = JSON.parse(readFileSync(`${out}.run`, 'utf8'));
    // The "before" column: --baseline=file, else the size's committed baseline when there is one.
    const baselineFile = flag('baseline', join(ROOT, 'bench', 'results', `analyses-${size}-baseline.json`));
    const baseline = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : null;
    const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
    const record = { size, date: new Date().toISOString(), machine, ...result, summary: summarise(result) };
    writeFileSync(out, JSON.stringify(record, null, 2) + '\n');
    printResult(record, baseline);
    try {
      (await import('node:fs')).rmSync(`${out}.run`);
    } catch {}
    console.log(`\nwrote ${out.slice(ROOT.length + 1)}`);
  }
}

/** Totals against the targets (ms). */
export function summarise(result) {
  const of = (group) => result.timings.filter((t) => t.group === group && !t.error);
  const sum = (list, key) => list.reduce((s, t) => s + (t[key] ?? 0), 0);
  const exploratory = of('exploratory');
  const rfm = of('rfm');
  const clv = of('clv');
  const summary = clv.find((t) => t.name.includes('summary'));
  const fits = clv.filter((t) => t.name.includes('fit'));
  return {
    exploratory: {
      analyses: exploratory.length,
      failed: result.timings.filter((t) => t.group === 'exploratory' && t.error).map((t) => `${t.name}: ${t.error}`),
      sequenceMs: sum(exploratory, 'sequenceMs'),
      sequenceCpuMs: sum(exploratory, 'sequenceCpuMs'),
      coldSumMs: sum(exploratory, 'coldMs'),
      coldSumCpuMs: sum(exploratory, 'coldCpuMs'),
      warmMs: sum(exploratory, 'warmMs'),
      warmCpuMs: sum(exploratory, 'warmCpuMs'),
      targetMs: TARGETS.exploratory,
    },
    rfm: Object.fromEntries(rfm.map((t) => [t.name, { coldMs: t.coldMs, coldCpuMs: t.coldCpuMs, warmMs: t.warmMs, warmCpuMs: t.warmCpuMs, targetMs: TARGETS.rfm }])),
    clv: summary
      ? {
          summaryColdMs: summary.coldMs,
          summaryWarmMs: summary.warmMs,
          fitsMs: sum(fits, 'coldMs'),
          fitsCpuMs: sum(fits, 'coldCpuMs'),
          totalColdMs: summary.coldMs + sum(fits, 'coldMs'),
          totalColdCpuMs: (summary.coldCpuMs ?? 0) + sum(fits, 'coldCpuMs'),
          targetMs: TARGETS.clvFit,
        }
      : null,
  };
}

const ms = (v) => (v === null || v === undefined || Number.isNaN(v) ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}x` : '');

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function printResult(record, baseline) {
  console.log(`${record.orders} orders, ${record.sessions} sessions, ${record.lines} lines, ${record.customers} customers; ${record.machine.cpus} x ${record.machine.cpu}, Node ${record.node}`);
  console.log(`data ${record.data.source === 'cache' ? 'from bench/.cache' : 'generated'} in ${(record.data.ms / 1000).toFixed(1)} s; warm = best of ${record.repeat}; times in ms\n`);
  const peerOf = new Map(record.peers.map((p) => [p.clvkit, p]));
  const before = new Map((baseline?.timings ?? []).map((t) => [`${t.group}:${t.name}`, t]));
  const key = (t) => t.coldMs ?? t.sequenceMs ?? t.warmMs;
  const sorted = [...record.timings].sort((a, b) => (key(b) ?? -1) - (key(a) ?? -1));
  const header = ['analysis', ...(baseline ? ['before: in sequence', 'cold alone'] : []), 'in sequence', 'cold alone', 'warm', 'arquero', 'arquero / cold', 'agrees?'];
  table(
    header,
    sorted.map((t) => {
      const peer = peerOf.get(t.name);
      const old = before.get(`${t.group}:${t.name}`);
      return [
        t.group === 'exploratory' ? t.name : `${t.name} (${t.group})`,
        ...(baseline ? [ms(old?.sequenceMs), ms(old?.coldMs)] : []),
        t.error ? `error: ${t.error}` : ms(t.sequenceMs),
        ms(t.coldMs),
        ms(t.warmMs),
        peer ? ms(peer.arqueroMs) : '',
        peer ? ratio(peer.arqueroMs, t.coldMs ?? t.sequenceMs) : '',
        peer ? (peer.agrees ? 'yes' : 'NO') : '',
      ];
    }),
  );
  if (record.peers.length) {
    console.log(`\nSame computation in arquero (tables over the same typed arrays, built in ${ms(record.peerSetupMs)} ms, not counted):\n`);
    table(
      ['computation', 'clvkit', 'clvkit cold', 'clvkit warm', 'arquero', 'arquero / clvkit cold', 'agrees?'],
      record.peers.map((p) => [p.name, p.clvkit, ms(p.clvkitColdMs), ms(p.clvkitWarmMs), ms(p.arqueroMs), ratio(p.arqueroMs, p.clvkitColdMs), p.agrees ? 'yes' : `NO: ${p.detail}`]),
    );
  }
  printClvFits(record.clvFits ?? []);
  const s = record.summary;
  const verdict = (value, target) => (value <= target ? 'ok' : 'OVER');
  console.log('\nTargets (issue 5):\n');
  const e = s.exploratory;
  const b = baseline?.summary;
  const rows = [
    ['exploratory set, once each in sequence (cold start)', ms(b?.exploratory.sequenceMs), ms(e.sequenceMs), ms(e.sequenceCpuMs), `<= ${e.targetMs}`, verdict(e.sequenceMs, e.targetMs)],
    ['exploratory set, sum of each alone on cold caches', ms(b?.exploratory.coldSumMs), ms(e.coldSumMs), ms(e.coldSumCpuMs), '', ''],
    ['exploratory set, warm', ms(b?.exploratory.warmMs), ms(e.warmMs), ms(e.warmCpuMs), '', ''],
  ];
  for (const [name, t] of Object.entries(s.rfm)) rows.push([`${name} (k-means), cold`, ms(b?.rfm[name]?.coldMs), ms(t.coldMs), ms(t.coldCpuMs), `<= ${t.targetMs}`, verdict(t.coldMs, t.targetMs)]);
  if (s.clv) {
    rows.push(['BG/NBD + Gamma-Gamma fits', ms(b?.clv?.fitsMs), ms(s.clv.fitsMs), ms(s.clv.fitsCpuMs), `<= ${s.clv.targetMs}`, verdict(s.clv.fitsMs, s.clv.targetMs)]);
    rows.push(['customer summary (cold) + fits', ms(b?.clv?.totalColdMs), ms(s.clv.totalColdMs), ms(s.clv.totalColdCpuMs), `<= ${s.clv.targetMs}`, verdict(s.clv.totalColdMs, s.clv.targetMs)]);
  }
  table(['measure', 'before: wall ms', 'wall ms', 'cpu ms', 'target', ''], rows);
  console.log('(cpu ms: the process\'s CPU time over the same runs, all threads; on a busy machine it is nearer the quiet wall time)');
  if (s.exploratory.failed.length) console.log(`\nfailed: ${s.exploratory.failed.join('; ')}`);
}

/** The CLV fits beside the obvious alternative: the previous derivative-free fit (Nelder-Mead). */
function printClvFits(fits) {
  if (!fits.some((f) => f.alternative)) return;
  console.log('\nCLV fits: quasi-Newton (BFGS on the analytic gradient, the default) beside the previous derivative-free fit (Nelder-Mead with restarts, `optimiser: \'nelder-mead\'`), each first run on the same summary:\n');
  const params = (fit) => Object.entries(fit.params).map(([k, v]) => `${k}=${v.toPrecision(6)}`).join(' ');
  table(
    ['model', 'quasi-Newton ms', 'Nelder-Mead ms', 'Nelder-Mead / quasi-Newton', 'evaluations', 'LL (quasi-Newton)', 'LL − LL(Nelder-Mead)', 'parameters (quasi-Newton)', 'parameters (Nelder-Mead)'],
    fits
      .filter((f) => f.alternative)
      .map((f) => [
        f.model,
        ms(f.ms),
        ms(f.alternative.ms),
        ratio(f.alternative.ms, f.ms),
        `${f.fit.evaluations} vs ${f.alternative.fit.evaluations}`,
        f.fit.logLikelihood.toFixed(4),
        (f.fit.logLikelihood - f.alternative.fit.logLikelihood).toExponential(1),
        params(f.fit),
        params(f.alternative.fit),
      ]),
  );
  const total = (key) => fits.reduce((sum, f) => sum + (key === 'new' ? f.ms : f.alternative.ms), 0);
  console.log(`\nboth fits: quasi-Newton ${ms(total('new'))} ms, Nelder-Mead ${ms(total('old'))} ms (${ratio(total('old'), total('new'))})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
