import type { QueryResult, Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { basketsOf } from './baskets.js';
import { forEachPair } from './pair-counter.js';
import { DEFAULT_MAX_BASKET, PAIR_METRICS, pairStatistics, type PairMetric } from './pair-statistics.js';
import { compareText, TopK } from './top-k.js';

/** Params of `most_combined_products`. */
export interface MostCombinedProductsParams {
  readonly limit: number;
  readonly minOrders: number;
  readonly metric: PairMetric;
  readonly maxBasket: number;
}

/**
 * `most_combined_products`: product pairs bought together. The baskets are the orders
 * (has_purchased) with basket lines passing the filter, each the set of distinct products of
 * those lines; orders with more than `maxBasket` (100) distinct products are left out (see
 * `Baskets`). N = the number of baskets. Per unordered pair {A, B} seen in at least
 * `minOrders` (1) baskets, one row
 * `{ productA, productB, orders, ordersA, ordersB, support, confidence, lift }`:
 * - orders = baskets containing both; ordersA / ordersB = baskets containing A / B;
 * - support = orders / N; confidence = orders / ordersA (the rule A -> B);
 * - lift = confidence / (ordersB / N) = orders × N / (ordersA × ordersB).
 * productA is the product with fewer baskets (ties by name), so `confidence` is the stronger
 * direction of the rule; B -> A is orders / ordersB.
 * Sorted by `metric` (orders) descending, ties by orders, lift, then productA and productB by
 * name; the first `limit` (10) rows. Cost: O(lines + products + Σ k²) over baskets of k
 * products (see `forEachPair`), then O(pairs × log limit). meta: `{ metric, orders: N, pairs (rows before the limit),
 * skippedOrders, maxBasket }`. Needs basket lines with a product column.
 */
/** A pair kept for ranking. */
interface PairCandidate {
  readonly first: number;
  readonly second: number;
  readonly orders: number;
  readonly confidence: number;
  readonly lift: number;
}

export const mostCombinedProducts = defineAnalysis<MostCombinedProductsParams>({
  name: 'most_combined_products',
  description: 'Product pairs bought together, with support, confidence and lift',
  tables: ['lines'],
  params: (raw) => {
    const read = new ParamReader('most_combined_products', raw, ['limit', 'minOrders', 'metric', 'maxBasket']);
    return {
      limit: read.integer('limit', 1, 100_000, 10),
      minOrders: read.integer('minOrders', 1, 1_000_000_000, 1),
      metric: read.oneOf('metric', PAIR_METRICS, 'orders'),
      maxBasket: read.integer('maxBasket', 2, 100_000, DEFAULT_MAX_BASKET),
    };
  },
  run(context, params) {
    const baskets = basketsOf(context, 'most_combined_products', params.maxBasket);
    return rankCombinedPairs({ baskets: baskets.count, productOrders: baskets.productOrders, dictionary: baskets.dictionary, skipped: baskets.skipped, forEachPair: (visit) => forEachPair(baskets, visit) }, params);
  },
});

/**
 * What ranking product pairs needs, however the baskets were counted (from the order log in
 * memory, or by a server's nested aggregations): N baskets, baskets per product code, product
 * names by code, baskets left out, and every unordered pair with its baskets holding both.
 */
export interface PairCounts {
  /** N, the number of baskets (the denominator of support). */
  readonly baskets: number;
  /** Baskets containing each product code. */
  readonly productOrders: ArrayLike<number>;
  /** Product names by code. */
  readonly dictionary: readonly string[];
  /** Orders left out (more than maxBasket distinct products). */
  readonly skipped: number;
  /** Calls `visit(a, b, orders)` once per unordered pair of codes bought together (orders > 0). */
  forEachPair(visit: (a: number, b: number, orders: number) => void): void;
}

/** The rows and meta of `most_combined_products` from pair counts (see the analysis for the definitions and order). */
export function rankCombinedPairs(counts: PairCounts, params: MostCombinedProductsParams): QueryResult {
  const { productOrders, dictionary } = counts;
  const n = counts.baskets;
  const score = params.metric === 'confidence' ? (c: PairCandidate) => c.confidence : params.metric === 'lift' ? (c: PairCandidate) => c.lift : (c: PairCandidate) => c.orders;
  const top = new TopK<PairCandidate>(params.limit, (x, y) =>
    score(y) - score(x) || y.orders - x.orders || y.lift - x.lift || compareText(dictionary[x.first], dictionary[y.first]) || compareText(dictionary[x.second], dictionary[y.second]));
  const scratch: { -readonly [K in keyof PairCandidate]: PairCandidate[K] } = { first: 0, second: 0, orders: 0, confidence: 0, lift: 0 };
  counts.forEachPair((x, y, orders) => {
    if (orders < params.minOrders) return;
    // A is the product with fewer baskets, so confidence (A -> B) is the stronger rule.
    const xFirst = productOrders[x] < productOrders[y] || (productOrders[x] === productOrders[y] && dictionary[x] < dictionary[y]);
    const first = xFirst ? x : y;
    const second = xFirst ? y : x;
    scratch.first = first;
    scratch.second = second;
    scratch.orders = orders;
    scratch.confidence = orders / productOrders[first];
    scratch.lift = (orders * n) / (productOrders[first] * productOrders[second]);
    // Most pairs rank below the kept ones: test with a reused object, copy only the kept.
    if (top.admits(scratch)) top.offer({ ...scratch });
    else top.skip();
  });
  const rows: Row[] = top.result().map((c) => {
    const ordersA = productOrders[c.first];
    const ordersB = productOrders[c.second];
    return { productA: dictionary[c.first], productB: dictionary[c.second], orders: c.orders, ordersA, ordersB, ...pairStatistics(c.orders, ordersA, ordersB, n) };
  });
  return { rows, meta: { metric: params.metric, orders: n, pairs: top.offered, skippedOrders: counts.skipped, maxBasket: params.maxBasket } };
}
