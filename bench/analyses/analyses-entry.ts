/**
 * The analyses benchmark for one data size (bundled by run.mjs with bench/lib/bundle.mjs and
 * run in its own Node process per size): the exploratory set, RFM with k-means and the
 * BG/NBD + Gamma-Gamma fit on the sample shop, each first-run (cold per-dataset caches) and
 * warm, and arquero doing the same relational computations on the same columns; the CLV fits
 * (BFGS on analytic gradients) also beside the previous derivative-free fit (Nelder-Mead).
 *
 *   node bench/.cache/analyses-entry.mjs --orders=1000000 --seed=42 --root=. --out=result.json
 *     [--only=name,name] [--repeat=2] [--no-data-cache] [--no-isolated] [--no-peers] [--no-clv-alternative]
 *
 * Writes the measurements as JSON to --out (run.mjs prints the table and keeps the results).
 */
import { runAnalysis, datasetSummaryColumns, fitBgNbd, fitGammaGamma, type BgNbdFit, type GammaGammaFit } from '@clvkit/analytics';
import { NO_FILTER, type Dataset } from '@clvkit/core';
import { writeFileSync } from 'node:fs';
import { coldCopy, loadShop } from './data.js';
import { entityParams, exploratoryAnalyses, RFM_TARGET } from './sets.js';
import { runPeers, type PeerResult } from './peers.js';

interface Args {
  orders: number;
  seed: number;
  root: string;
  out: string;
  only: string[] | null;
  repeat: number;
  dataCache: boolean;
  isolated: boolean;
  peers: boolean;
  clvAlternative: boolean;
}

type Optimiser = 'quasi-newton' | 'nelder-mead';

/** What a CLV fit found: parameters, the maximised log-likelihood and the work it took. */
interface FitSummary {
  params: Record<string, number>;
  logLikelihood: number;
  iterations: number;
  evaluations: number;
}

/** One CLV fit (quasi-Newton, the default) beside the previous derivative-free fit. */
export interface ClvFitComparison {
  model: string;
  fit: FitSummary;
  ms: number;
  cpuMs: number;
  alternative: { optimiser: Optimiser; fit: FitSummary; ms: number; cpuMs: number } | null;
}

function fitSummary(fit: BgNbdFit | GammaGammaFit): FitSummary {
  const { logLikelihood, iterations, evaluations, customers: _c, ...rest } = fit;
  const params = Object.fromEntries(Object.entries(rest).filter(([name]) => name !== 'repeatBuyers')) as Record<string, number>;
  return { params, logLikelihood, iterations, evaluations };
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const has = (name: string) => argv.includes(`--${name}`);
  return {
    orders: Number(get('orders') ?? 100_000),
    seed: Number(get('seed') ?? 42),
    root: get('root') ?? '.',
    out: get('out') ?? '',
    only: get('only')?.split(',').filter(Boolean) ?? null,
    repeat: Math.max(1, Number(get('repeat') ?? 2)),
    dataCache: !has('no-data-cache'),
    isolated: !has('no-isolated'),
    peers: !has('no-peers'),
    clvAlternative: !has('no-clv-alternative'),
  };
}

/** One timed analysis. */
export interface Timing {
  name: string;
  group: 'exploratory' | 'rfm' | 'clv';
  /** First run inside the sequence (caches filled by the analyses before it). */
  sequenceMs: number | null;
  /** First run on a dataset of its own (every per-dataset cache cold). */
  coldMs: number | null;
  /** Best of `repeat` runs once every cache is warm. */
  warmMs: number;
  /** CPU time (all threads) of the same runs: less sensitive to other processes on the machine. */
  sequenceCpuMs?: number | null;
  coldCpuMs?: number | null;
  warmCpuMs?: number;
  rows: number;
  error?: string;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * Wall time of `fn`, and the process's CPU time over it (user + system, all threads): on a
 * shared machine the wall time includes waiting for a core, the CPU time does not (it does
 * include the GC's helper threads).
 */
function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, value };
}

/** The best wall and CPU time of `repeat` runs. */
function best(fn: () => unknown, repeat: number): { ms: number; cpuMs: number } {
  let ms = Infinity;
  let cpuMs = Infinity;
  for (let k = 0; k < repeat; k++) {
    const t = time(fn);
    ms = Math.min(ms, t.ms);
    cpuMs = Math.min(cpuMs, t.cpuMs);
  }
  return { ms, cpuMs };
}

function run(dataset: Dataset, name: string, params: Record<string, unknown>) {
  return runAnalysis(dataset, name, params, NO_FILTER);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loaded = await loadShop(args.root, args.orders, args.seed, args.dataCache);
  const base = loaded.dataset;
  const customers = base.customers?.length ?? 0;
  console.error(`[analyses] ${args.orders} orders: ${base.sessions.length} sessions, ${base.lines?.length ?? 0} lines, ${customers} customers (${loaded.source}, ${(loaded.ms / 1000).toFixed(1)} s)`);
  const params = entityParams(coldCopy(base));
  const paramsOf = (name: string) => params[name] ?? {};
  const wanted = (name: string) => !args.only || args.only.includes(name);
  const exploratory = exploratoryAnalyses().filter(wanted);
  const timings: Timing[] = [];
  const clvFits: ClvFitComparison[] = [];

  // 1. The exploratory set in one sequence on one cold dataset: what opening every dashboard costs.
  gc();
  const sequence = coldCopy(base);
  for (const name of exploratory) {
    const t: Timing = { name, group: 'exploratory', sequenceMs: null, coldMs: null, warmMs: Number.NaN, rows: 0 };
    try {
      const { ms, cpuMs, value } = time(() => run(sequence, name, paramsOf(name)));
      t.sequenceMs = ms;
      t.sequenceCpuMs = cpuMs;
      t.rows = value.rows.length;
    } catch (error) {
      t.error = String((error as Error).message ?? error);
    }
    timings.push(t);
  }
  // 2. Warm: the same dataset again (every derived column and index built).
  for (const t of timings) {
    if (t.error) continue;
    const warm = best(() => run(sequence, t.name, paramsOf(t.name)), args.repeat);
    t.warmMs = warm.ms;
    t.warmCpuMs = warm.cpuMs;
  }
  // 3. Each alone on a cold dataset: what it costs when it is the first thing asked.
  if (args.isolated) {
    for (const t of timings) {
      if (t.error) continue;
      gc();
      const fresh = coldCopy(base);
      const cold = time(() => run(fresh, t.name, paramsOf(t.name)));
      t.coldMs = cold.ms;
      t.coldCpuMs = cold.cpuMs;
      console.error(`[analyses] ${t.name}: cold ${t.coldMs.toFixed(0)} ms, warm ${t.warmMs.toFixed(0)} ms`);
    }
  }

  // RFM with k-means: each cold on a dataset of its own, then warm.
  for (const name of RFM_TARGET.filter(wanted)) {
    gc();
    const fresh = coldCopy(base);
    const cold = time(() => run(fresh, name, {}));
    const warm = best(() => run(fresh, name, {}), args.repeat);
    timings.push({ name, group: 'rfm', sequenceMs: null, coldMs: cold.ms, coldCpuMs: cold.cpuMs, warmMs: warm.ms, warmCpuMs: warm.cpuMs, rows: cold.value.rows.length });
  }

  // BG/NBD + Gamma-Gamma: the customer summary (cold and warm), then each fit on it.
  if (wanted('clv')) {
    gc();
    const fresh = coldCopy(base);
    const cold = time(() => datasetSummaryColumns(fresh, { unit: 'day' }));
    const warm = best(() => datasetSummaryColumns(fresh, { unit: 'day' }), args.repeat);
    const summary = cold.value;
    timings.push({ name: 'clv: customer summary (x, t_x, T, monetary)', group: 'clv', sequenceMs: null, coldMs: cold.ms, coldCpuMs: cold.cpuMs, warmMs: warm.ms, warmCpuMs: warm.cpuMs, rows: summary.length });
    for (const [name, model, fit] of [
      ['clv: BG/NBD fit', 'BG/NBD', (optimiser?: Optimiser): FitSummary => fitSummary(fitBgNbd(summary, { optimiser }))],
      ['clv: Gamma-Gamma fit', 'Gamma-Gamma', (optimiser?: Optimiser): FitSummary => fitSummary(fitGammaGamma(summary, { optimiser }))],
    ] as const) {
      const first = time(() => fit());
      const again = args.repeat > 1 ? best(() => fit(), args.repeat - 1) : first;
      timings.push({ name, group: 'clv', sequenceMs: null, coldMs: first.ms, coldCpuMs: first.cpuMs, warmMs: Math.min(first.ms, again.ms), warmCpuMs: Math.min(first.cpuMs, again.cpuMs), rows: 1 });
      // The obvious alternative: the previous derivative-free fit (Nelder-Mead with restarts), once.
      if (args.clvAlternative) {
        gc();
        const old = time(() => fit('nelder-mead'));
        clvFits.push({ model, fit: first.value, ms: first.ms, cpuMs: first.cpuMs, alternative: { optimiser: 'nelder-mead', fit: old.value, ms: old.ms, cpuMs: old.cpuMs } });
      } else clvFits.push({ model, fit: first.value, ms: first.ms, cpuMs: first.cpuMs, alternative: null });
    }
  }

  // arquero doing the same relational computations, checked against clvkit's numbers.
  let peers: PeerResult[] = [];
  let peerSetupMs = 0;
  if (args.peers) {
    gc();
    const result = runPeers(coldCopy(base), args.repeat, wanted);
    peers = result.peers;
    peerSetupMs = result.setupMs;
  }

  const result = {
    orders: args.orders,
    seed: args.seed,
    sessions: base.sessions.length,
    lines: base.lines?.length ?? 0,
    customers,
    clients: base.sessions.columns.client?.type === 'string' ? base.sessions.columns.client.dictionary.length : 0,
    data: { source: loaded.source, ms: loaded.ms },
    repeat: args.repeat,
    timings,
    peers,
    peerSetupMs,
    clvFits,
    node: process.version,
  };
  if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
