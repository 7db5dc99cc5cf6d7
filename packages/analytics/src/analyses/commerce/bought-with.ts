import type { QueryResult, Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { basketsOf } from './baskets.js';
import { DEFAULT_MAX_BASKET, PAIR_METRICS, pairStatistics, type PairMetric } from './pair-statistics.js';
import { requiredString } from './required-param.js';
import { compareText, TopK } from './top-k.js';

export interface BoughtWithParams {
  readonly product: string;
  readonly limit: number;
  readonly minOrders: number;
  readonly metric: PairMetric;
  readonly maxBasket: number;
}

/**
 * `bought_with`: for one product X (param `product`, required), the other products in the
 * baskets that contain X. Baskets as in `most_combined_products` (orders with basket lines
 * passing the filter, distinct products, at most `maxBasket` = 100 of them); N = baskets,
 * ordersX = baskets with X. Per product Y seen with X in at least `minOrders` (1) baskets, one
 * row `{ product, orders, ordersProduct, support, confidence, lift }`:
 * orders = baskets with X and Y; ordersProduct = baskets with Y; support = orders / N;
 * confidence = orders / ordersX (the rule X -> Y); lift = confidence / (ordersProduct / N).
 * The numbers equal the pair's row of `most_combined_products` (whose confidence may be the
 * other direction). Sorted by `metric` (orders) descending, ties by orders, lift, then name;
 * the first `limit` (10) rows. A product without baskets gives no rows. meta:
 * `{ product, productOrders: ordersX, orders: N, values (rows before the limit), metric,
 * skippedOrders, maxBasket }`.
 */
export const boughtWith = defineAnalysis<BoughtWithParams>({
  name: 'bought_with',
  description: 'Products bought together with one product, with support, confidence and lift',
  tables: ['lines'],
  params: (raw) => {
    const read = new ParamReader('bought_with', raw, ['product', 'limit', 'minOrders', 'metric', 'maxBasket']);
    return {
      product: requiredString(read, 'bought_with', 'product'),
      limit: read.integer('limit', 1, 100_000, 10),
      minOrders: read.integer('minOrders', 1, 1_000_000_000, 1),
      metric: read.oneOf('metric', PAIR_METRICS, 'orders'),
      maxBasket: read.integer('maxBasket', 2, 100_000, DEFAULT_MAX_BASKET),
    };
  },
  run(context, params) {
    const baskets = basketsOf(context, 'bought_with', params.maxBasket);
    const { starts, products, productOrders, dictionary } = baskets;
    const x = dictionary.indexOf(params.product);
    const together = new Int32Array(dictionary.length);
    if (x >= 0) {
      for (let b = 0; b < baskets.count; b++) {
        const end = starts[b + 1];
        let has = false;
        for (let i = starts[b]; i < end && !has; i++) has = products[i] === x;
        if (!has) continue;
        for (let i = starts[b]; i < end; i++) if (products[i] !== x) together[products[i]]++;
      }
    }
    return rankBoughtWith({ baskets: baskets.count, productOrders, dictionary, together, skipped: baskets.skipped }, params);
  },
});

/** What `bought_with` ranks: the baskets, each product's baskets, and per product the baskets it shares with X. */
export interface BoughtWithCounts {
  /** N: the baskets. */
  readonly baskets: number;
  /** Per product code, the baskets holding it. */
  readonly productOrders: ArrayLike<number>;
  readonly dictionary: readonly string[];
  /** Per product code, the baskets holding it and X (0 for X itself). */
  readonly together: ArrayLike<number>;
  readonly skipped: number;
}

/**
 * The rows and meta of `bought_with` from its counts (see `boughtWith`): the in-memory analysis
 * and the Elasticsearch pushdown count differently and rank alike.
 */
export function rankBoughtWith(counts: BoughtWithCounts, params: BoughtWithParams): QueryResult {
  const { baskets: n, productOrders, dictionary, together } = counts;
  const x = dictionary.indexOf(params.product);
  const ordersX = x >= 0 ? productOrders[x] : 0;
  const lift = (y: number) => (together[y] * n) / (ordersX * productOrders[y]);
  // Support and confidence rank like orders for a fixed X.
  const score = params.metric === 'lift' ? lift : (y: number) => together[y];
  const top = new TopK<number>(params.limit, (a, b) => score(b) - score(a) || together[b] - together[a] || lift(b) - lift(a) || compareText(dictionary[a], dictionary[b]));
  for (let y = 0; y < dictionary.length; y++) if (y !== x && together[y] > 0 && together[y] >= params.minOrders) top.offer(y);
  const rows: Row[] = top.result().map((y) => ({ product: dictionary[y], orders: together[y], ordersProduct: productOrders[y], ...pairStatistics(together[y], ordersX, productOrders[y], n) }));
  return {
    rows,
    meta: { product: params.product, productOrders: ordersX, orders: n, values: top.offered, metric: params.metric, skippedOrders: counts.skipped, maxBasket: params.maxBasket },
  };
}
