import { interval, isIn, NO_FILTER, type AggregateSpec, type Filter, type Predicate, type QueryResult, type Row } from '@clvkit/core';
import { niceBins, sturges, type NiceBins } from '../analyses/stats/nice-bins.js';
import { purchaseAmountDistribution } from '../analyses/stats/purchase-amount-distribution.js';
import { userCountsPerOrderSeq } from '../analyses/stats/user-counts-per-order-seq.js';
import { summaryPeriodRange } from './as-of.js';
import type { SummaryAnalysis, SummaryEnv } from './types.js';

/** `user_counts_per_order_seq` from summaries: customers by their orders under the filter (the registry's rows and meta). */
export const userCountsPerOrderSeqSummary: SummaryAnalysis = {
  name: 'user_counts_per_order_seq',
  async run(request, env) {
    const { max } = userCountsPerOrderSeq.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const counts = new Float64Array(max + 1);
    let buyers = 0;
    for (const row of await env.summaries(request.filter)) {
      if (row.orders === 0) continue;
      counts[Math.min(row.orders, max)]++;
      buyers++;
    }
    const rows: Row[] = [];
    for (let n = 1; n <= max; n++) rows.push({ orders: n, label: n === max ? `${n}+` : String(n), customers: counts[n], share: buyers > 0 ? counts[n] / buyers : null });
    return { rows, meta: { buyers, max, period: summaryPeriodRange(request.filter, env) } };
  },
};

/**
 * `purchase_amount_distribution` from summaries, `per: 'customer'` (the default): the
 * histogram of each customer's average order value = revenue / orders under the filter, on the
 * registry's nice bins. `per: 'order'` is answered by the server's aggregates (`env.query`,
 * see `orderValueHistogram`): the same rows and meta as in memory.
 */
export const purchaseAmountDistributionSummary: SummaryAnalysis = {
  name: 'purchase_amount_distribution',
  async run(request, env) {
    const { per, bins } = purchaseAmountDistribution.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    const period = summaryPeriodRange(request.filter, env);
    if (per === 'order') return orderValueHistogram(request.filter, bins, period, env);
    const values = (await env.summaries(request.filter)).filter((row) => row.orders > 0).map((row) => row.revenue / row.orders);
    const n = values.length;
    if (n === 0) return { rows: [], meta: { per, values: 0, step: null, min: null, max: null, mean: null, period } };
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const histogram = niceBins(min, max, bins > 0 ? bins : sturges(n));
    const counts = new Float64Array(histogram.count);
    for (const v of values) counts[histogram.binOf(v)]++;
    const rows: Row[] = [];
    for (let b = 0; b < histogram.count; b++) rows.push({ x0: histogram.edge(b), x1: histogram.edge(b + 1), customers: counts[b] });
    return { rows, meta: { per, values: n, step: histogram.step, min, max, mean: sum / n, period } };
  },
};

/** Orders in a window above which its extreme value is looked for in finer bins, not among its distinct values. */
const EXACT_GROUPS = 500;
/** Bins of the first search for an extreme value (over the whole data's revenue range). */
const FIRST_BINS = 1000;
/** Refinement factor of the bin width per search. */
const REFINE = 100;

/**
 * `purchase_amount_distribution` with `per: 'order'` from the server's aggregates, exactly the
 * registry's rows: every order's payment_amount never leaves the server.
 *
 * 1. orders n and revenue Σ under the filter (mean = Σ / n), and the whole data's revenue R;
 * 2. the smallest and the largest payment (`extremePayment`): payments are >= 0, so every one
 *    lies in [0, R]; fixed-step histograms of width R / 1000, then narrower ones inside the
 *    extreme occupied bin, until that bin holds at most 500 orders, whose distinct values are
 *    then listed (an aggregate grouped by payment_amount inside the bin);
 * 3. the registry's `niceBins(min, max, bins || sturges(n))`, and the orders per bin from one
 *    histogram with the bins' step (the server's `histogram` / the in-memory `step` key: bin
 *    floor(v / step));
 * 4. floor(v / step) and the nice bins' `binOf` (which compares with the edges themselves) may
 *    disagree for a value lying exactly on an edge (0.3 / 0.1 = 2.999...): the orders whose
 *    payment equals an edge are counted apart (an `in` on the edges) and moved to `binOf`'s bin.
 * A payment_amount missing on an order (never after ingest, which writes 0) is left out.
 * @throws TypeError when the source cannot answer aggregates (`env.query` absent).
 */
export async function orderValueHistogram(filter: Filter, bins: number, period: readonly [number, number] | null, env: SummaryEnv): Promise<QueryResult> {
  const query = env.query;
  if (!query) throw new TypeError('purchase_amount_distribution: per "order" needs every order\'s value, binned by the server\'s aggregates, which this data source does not answer; use per "customer"');
  const ask = async (spec: Omit<AggregateSpec, 'kind'>, on: Filter = filter): Promise<Row[]> => (await query({ spec: { kind: 'aggregate', ...spec }, filter: on })).rows;
  const [totals] = await ask({ measures: ['orders', 'revenue'] });
  const n = Number(totals?.orders ?? 0);
  if (n === 0) return { rows: [], meta: { per: 'order', values: 0, step: null, min: null, max: null, mean: null, period } };
  const [everything] = await ask({ measures: ['revenue'] }, NO_FILTER);
  const width = Math.max(Number(everything?.revenue ?? 0), Number(totals.revenue)) / FIRST_BINS;
  const min = await extremePayment(ask, width, 'min');
  const max = await extremePayment(ask, width, 'max');
  const histogram = niceBins(min, max, bins > 0 ? bins : sturges(n));
  const counts = await binCounts(ask, histogram);
  const rows: Row[] = [];
  for (let b = 0; b < histogram.count; b++) rows.push({ x0: histogram.edge(b), x1: histogram.edge(b + 1), orders: counts[b] });
  return { rows, meta: { per: 'order', values: n, step: histogram.step, min, max, mean: Number(totals.revenue) / n, period } };
}

type Ask = (spec: Omit<AggregateSpec, 'kind'>, on?: Filter) => Promise<Row[]>;

/** Orders only (sessions without a purchase have payment 0 and would occupy a bin). */
const ORDERS: Predicate = isIn('has_purchased', [true]);

/** Occupied payment groups of an aggregate: `[value, orders]`, missing payments left out. */
function occupied(rows: readonly Row[]): [number, number][] {
  return rows.filter((r) => typeof r.payment_amount === 'number' && Number(r.orders) > 0).map((r) => [r.payment_amount as number, Number(r.orders)]);
}

/**
 * The smallest (or largest) payment_amount of the orders passing the filter, exactly: the
 * extreme occupied bin of ever narrower histograms (each inside the previous extreme bin,
 * widened by a hair for the float rounding of floor(v / step) × step), then the extreme of the
 * bin's distinct values once it holds few orders.
 */
async function extremePayment(ask: Ask, firstWidth: number, side: 'min' | 'max'): Promise<number> {
  const pick = (groups: [number, number][]) => groups.reduce((best, g) => ((side === 'min' ? g[0] < best[0] : g[0] > best[0]) ? g : best));
  let step = niceStep(firstWidth);
  let where: Predicate[] = [ORDERS];
  for (let round = 0; ; round++) {
    const groups = occupied(await ask({ groupBy: [{ field: 'payment_amount', step }], measures: ['orders'], where }));
    if (groups.length === 0) throw new TypeError('purchase_amount_distribution: the orders counted have no payment_amount histogram (the source answered no bins)');
    const [edge, orders] = pick(groups);
    const hair = 1e-9 * Math.max(1, Math.abs(edge) + step);
    where = [ORDERS, interval('payment_amount', edge - hair, edge + step + hair)];
    // Few orders, or a bin no wider than float noise: list the distinct values (few either way).
    if (orders <= EXACT_GROUPS || step <= 1e-9 * Math.max(1, Math.abs(edge)) || round >= 12) {
      return pick(occupied(await ask({ groupBy: [{ field: 'payment_amount' }], measures: ['orders'], where })))[0];
    }
    step = niceStep(step / REFINE);
  }
}

/** The smallest power of ten >= w (> 0): bin widths whose edges print as short decimals. */
function niceStep(w: number): number {
  if (!(w > 0) || !Number.isFinite(w)) return 1;
  const p = 10 ** Math.ceil(Math.log10(w));
  return p / 10 >= w ? p / 10 : p;
}

/** Orders per nice bin: one step histogram, then the orders lying exactly on an edge put in `binOf`'s bin. */
async function binCounts(ask: Ask, histogram: NiceBins): Promise<Float64Array> {
  const counts = new Float64Array(histogram.count);
  const { step } = histogram;
  const first = Math.round(histogram.edge(0) / step);
  const clamp = (b: number) => Math.min(histogram.count - 1, Math.max(0, b));
  const floorBin = (v: number) => clamp(Math.floor(v / step) - first);
  for (const [key, orders] of occupied(await ask({ groupBy: [{ field: 'payment_amount', step }], measures: ['orders'], where: [ORDERS] }))) counts[clamp(Math.round(key / step) - first)] += orders;
  const edges = Array.from({ length: histogram.count + 1 }, (_, i) => histogram.edge(i));
  for (const [value, orders] of occupied(await ask({ groupBy: [{ field: 'payment_amount' }], measures: ['orders'], where: [ORDERS, isIn('payment_amount', edges)] }))) {
    const from = floorBin(value);
    const to = histogram.binOf(value);
    if (from === to) continue;
    counts[from] -= orders;
    counts[to] += orders;
  }
  return counts;
}
