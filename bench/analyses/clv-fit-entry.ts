/**
 * The BG/NBD + Gamma-Gamma fits alone, for profiling (bundled by clv-fit.mjs):
 *
 *   node bench/analyses/clv-fit.mjs [--orders=1000000] [--repeat=3] [--optimiser=nelder-mead] [--cpu-prof] [--micro] [--trace]
 *
 * Loads the sample shop (bench/.cache), summarises it in days and times each fit (wall and CPU).
 * --micro times the BG/NBD compression and single likelihood evaluations; --trace prints the
 * Gamma-Gamma fit's iterations.
 */
import { datasetSummaryColumns, fitBgNbd, fitGammaGamma } from '@clvkit/analytics';
import { loadShop } from './data.js';
import { bgNbdTotal, compressBgNbd } from '../../packages/analytics/src/models/clv/bgnbd-likelihood.js';

const get = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

async function main(): Promise<void> {
  const orders = Number(get('orders') ?? 1_000_000);
  const repeat = Number(get('repeat') ?? 3);
  // --optimiser=nelder-mead times the previous fit.
  const optimiser = get('optimiser') as 'quasi-newton' | 'nelder-mead' | undefined;
  const loaded = await loadShop(get('root') ?? '.', orders, 42, true);
  const summary = datasetSummaryColumns(loaded.dataset, { unit: 'day' });
  const distinct = new Set<string>();
  const distinctSpend = new Set<string>();
  let maxX = 0;
  for (let i = 0; i < summary.length; i++) {
    distinct.add(`${summary.x[i]}|${summary.tx[i]}|${summary.T[i]}`);
    if (summary.x[i] > 0) distinctSpend.add(`${summary.x[i]}|${summary.monetary[i]}`);
    maxX = Math.max(maxX, summary.x[i]);
  }
  console.log(`${orders} orders, ${summary.length} customers (${loaded.source}); ${distinct.size} distinct (x, t_x, T), ${distinctSpend.size} distinct (x, m_x), max x ${maxX}`);
  if (process.argv.includes('--micro')) {
    let t0 = performance.now();
    const data = compressBgNbd(summary.x, summary.tx, summary.T, summary.length);
    console.log(`compress ${(performance.now() - t0).toFixed(1)} ms: ${data.weight.length} rows with x > 0, ${data.zeroTime.length} with x = 0, ${data.xs.length} x, ${data.times.length} times`);
    const g = new Float64Array(4);
    const first: string[] = [];
    for (let k = 0; k < 8; k++) {
      const t = performance.now();
      bgNbdTotal(data, 0.38 + k * 1e-3, 8.5, 0.56, 17.7, g);
      first.push((performance.now() - t).toFixed(1));
    }
    console.log(`first calls (ms): ${first.join(', ')}`);
    for (const withGradient of [false, true, false, true]) {
      t0 = performance.now();
      for (let k = 0; k < 50; k++) bgNbdTotal(data, 0.38 + k * 1e-3, 8.5, 0.56, 17.7, withGradient ? g : undefined);
      console.log(`bgNbdTotal ${withGradient ? 'with' : 'without'} gradient: ${((performance.now() - t0) / 50).toFixed(2)} ms`);
    }
  }
  if (process.argv.includes('--trace')) {
    const show = (p: { model: string; start: number; iteration: number; evaluations: number; logLikelihood: number; params: Record<string, number> }) =>
      console.log(p.model, p.start, p.iteration, p.evaluations, p.logLikelihood, JSON.stringify(p.params));
    try {
      fitGammaGamma(summary, { onIteration: show });
    } catch (e) {
      console.log(String(e));
    }
  }
  for (let k = 0; k < repeat; k++) {
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    const bg = fitBgNbd(summary, { optimiser });
    const bgMs = performance.now() - t0;
    const bgCpu = process.cpuUsage(c0);
    t0 = performance.now();
    c0 = process.cpuUsage();
    const gg = fitGammaGamma(summary, { optimiser });
    const ggMs = performance.now() - t0;
    const ggCpu = process.cpuUsage(c0);
    const cpu = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1000).toFixed(0);
    console.log(`BG/NBD ${bgMs.toFixed(0)} ms, CPU ${cpu(bgCpu)} ms (${bg.iterations} it, ${bg.evaluations} ev) r=${bg.r} α=${bg.alpha} a=${bg.a} b=${bg.b} LL=${bg.logLikelihood}`);
    console.log(`Gamma-Gamma (${gg.customers} repeat buyers) ${ggMs.toFixed(0)} ms, CPU ${cpu(ggCpu)} ms (${gg.iterations} it, ${gg.evaluations} ev) p=${gg.p} q=${gg.q} γ=${gg.gamma} LL=${gg.logLikelihood}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
