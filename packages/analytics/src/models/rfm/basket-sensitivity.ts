import type { AsOf } from '../../as-of.js';
import type { CustomerOrders } from '../../customer-orders.js';
import { DEFAULT_SEED, kmeans1d } from './kmeans1d.js';

/** The three brackets of basket value and of discount sensitivity, low to high. */
export const BRACKETS = ['low', 'mid', 'high'] as const;
export type Bracket = (typeof BRACKETS)[number];

/** One bracket: its customers and the range of their values. */
export interface BracketSummary {
  readonly bracket: Bracket;
  readonly customers: number;
  readonly min: number | null;
  readonly max: number | null;
}

/** Per customer (index i is client code `clients[i]`) basket value and discount sensitivity. */
export interface BasketSensitivity {
  readonly clients: Int32Array;
  readonly orders: Float64Array;
  /** Σ payment / orders. */
  readonly averageOrderValue: Float64Array;
  /** Mean over the customer's orders of discount / (payment + discount), each in [0, 1]. */
  readonly discountSensitivity: Float64Array;
  /** Bracket codes: index into `BRACKETS`. */
  readonly basketBracket: Uint8Array;
  readonly discountBracket: Uint8Array;
  readonly basketBrackets: readonly BracketSummary[];
  readonly discountBrackets: readonly BracketSummary[];
}

/**
 * One order's discount share: discount / (payment + discount), the part of the undiscounted
 * basket given back, clamped to [0, 1]; 0 when payment + discount <= 0 (nothing to share).
 * The per-order term of `discountSensitivity`; an Elasticsearch order document stores it as
 * `discount_share` so a per-customer sum can be pushed down (one definition for both sides).
 */
export function discountShare(payment: number, discount: number): number {
  const whole = payment + discount;
  return whole > 0 ? Math.min(1, Math.max(0, discount / whole)) : 0;
}

/**
 * Basket and discount sensitivity (seed 000) of every customer with an order by `at`
 * (`time <= at.asOf && time < at.before`):
 * - averageOrderValue = Σ payment / number of orders;
 * - discountSensitivity = mean over the orders of discount / (payment + discount): the share of
 *   the undiscounted basket given back; an order with payment + discount <= 0 counts as 0, and
 *   each share is clamped to [0, 1];
 * - brackets: `kmeans1d` with k = 3 (seeded) on log1p(max(0, average order value)) and, apart,
 *   on the sensitivity; clusters ranked by centroid are low, mid, high (two clusters: low and
 *   high; one: mid).
 */
export function basketSensitivity(orders: CustomerOrders, payment: Float64Array, discount: Float64Array, at: AsOf, options: { seed?: number } = {}): BasketSensitivity {
  const { rows, starts, start } = orders;
  const clients: number[] = [];
  const count: number[] = [];
  const aov: number[] = [];
  const sensitivity: number[] = [];
  for (let c = 0; c < orders.clients; c++) {
    let k = 0;
    let paid = 0;
    let shares = 0;
    for (let i = starts[c]; i < starts[c + 1]; i++) {
      const row = rows[i];
      const t = start[row];
      if (!(t <= at.asOf && t < at.before)) break;
      k++;
      paid += payment[row];
      shares += discountShare(payment[row], discount[row]);
    }
    if (k === 0) continue;
    clients.push(c);
    count.push(k);
    aov.push(paid / k);
    sensitivity.push(shares / k);
  }
  return { clients: Int32Array.from(clients), orders: Float64Array.from(count), ...sensitivityBrackets(Float64Array.from(aov), Float64Array.from(sensitivity), options.seed ?? DEFAULT_SEED) };
}

/** The per-customer values and brackets of `BasketSensitivity` (all but clients and orders). */
export type SensitivityBrackets = Omit<BasketSensitivity, 'clients' | 'orders'>;

/**
 * The brackets of `basketSensitivity` from each customer's average order value and discount
 * sensitivity however they were computed (from the order log, or from per-customer sums of a
 * remote source's summaries): seeded 1-D k-means, k = 3, on log1p(max(0, average order value))
 * and, apart, on the sensitivity. `kmeans1d` sorts its input, so the customers' order does not
 * change the brackets.
 */
export function sensitivityBrackets(averageOrderValue: Float64Array, discountSensitivity: Float64Array, seed: number = DEFAULT_SEED): SensitivityBrackets {
  const basket = brackets(averageOrderValue, true, seed);
  const discounts = brackets(discountSensitivity, false, seed);
  return {
    averageOrderValue,
    discountSensitivity,
    basketBracket: basket.codes,
    discountBracket: discounts.codes,
    basketBrackets: basket.summary,
    discountBrackets: discounts.summary,
  };
}

function brackets(values: Float64Array, log: boolean, seed: number): { codes: Uint8Array; summary: BracketSummary[] } {
  const input = log ? Float64Array.from(values, (v) => Math.log1p(Math.max(0, v))) : values;
  const { labels, centroids } = kmeans1d(input, BRACKETS.length, { seed });
  const c = centroids.length;
  const codes = new Uint8Array(values.length);
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  const customers = [0, 0, 0];
  for (let i = 0; i < values.length; i++) {
    const b = c === 1 ? 1 : Math.round((labels[i] * 2) / (c - 1));
    codes[i] = b;
    customers[b]++;
    min[b] = Math.min(min[b], values[i]);
    max[b] = Math.max(max[b], values[i]);
  }
  const summary = BRACKETS.map((bracket, b) => ({ bracket, customers: customers[b], min: customers[b] ? min[b] : null, max: customers[b] ? max[b] : null }));
  return { codes, summary };
}
