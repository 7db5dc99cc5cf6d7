import type { Measure } from '@clvkit/core';
import { UnsupportedQueryError } from './errors.js';
import { BASKET } from './fields.js';
import type { Clause } from './filter.js';

/**
 * Measure compiler: the sub-aggregations that compute clvkit measures inside one bucket, and
 * their readers. Semantics are those of `measureSessions` / `measureLines` in @clvkit/analytics:
 * orders = sessions with has_purchased; revenue / discount = Σ over orders (a missing amount adds
 * nothing); visitors / buyers = distinct clients (of sessions / of orders); lines, quantity
 * (missing = 1) and lineRevenue (price × quantity, missing price = 0) over the lines of orders.
 *
 * Distinct counts use `cardinality` with `precision_threshold` 40000, Elasticsearch's maximum:
 * exact in practice below 40,000 distinct clients per bucket, approximate (HyperLogLog++,
 * typically within a few percent) above.
 */

/** Measures kept per group; `averageOrderValue` = revenue / orders is derived. */
export type StoredMeasure = Exclude<Measure, 'averageOrderValue'>;

/** Per group: values of stored measures, and `size` = the rows (sessions or lines) behind the group. */
export interface GroupValues {
  size: number;
  values: Partial<Record<StoredMeasure, number>>;
}

/** Every measure of the plain aggregate, in the order core/query.ts lists them. */
export const MEASURES: readonly Measure[] = Object.freeze(['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity', 'lineRevenue', 'lines', 'averageOrderValue']);
/** Measures that read basket lines. */
export const LINE_MEASURES: readonly StoredMeasure[] = Object.freeze(['quantity', 'lineRevenue', 'lines']);
/** Measures whose group values add up when buckets fold into one group. */
export const ADDITIVE: ReadonlySet<StoredMeasure> = new Set<StoredMeasure>(['sessions', 'orders', 'revenue', 'discount', 'quantity', 'lineRevenue', 'lines']);

/** Elasticsearch's largest `precision_threshold` for `cardinality`. */
export const PRECISION_THRESHOLD = 40_000;

/**
 * The one script the layer sends: a line's revenue, price × quantity, with the in-memory
 * defaults for missing values (no field holds the product). Fixed text, never built from data.
 */
export const LINE_REVENUE_SCRIPT = Object.freeze({
  lang: 'painless',
  source: "double p = doc['basket.price'].size() == 0 ? 0 : doc['basket.price'].value; double q = doc['basket.quantity'].size() == 0 ? 1 : doc['basket.quantity'].value; return p * q;",
});

/** The stored measures needed for `measures` (averageOrderValue needs orders and revenue). */
export function storedMeasures(measures: readonly Measure[]): Set<StoredMeasure> {
  const out = new Set<StoredMeasure>();
  for (const m of measures) {
    if (!(MEASURES as readonly unknown[]).includes(m)) throw new UnsupportedQueryError(`measure ${JSON.stringify(m)}`, `unknown measure (known: ${MEASURES.join(', ')})`);
    if (m === 'averageOrderValue') {
      out.add('orders');
      out.add('revenue');
    } else out.add(m);
  }
  return out;
}

const distinct = (field: string) => ({ cardinality: { field, precision_threshold: PRECISION_THRESHOLD } });
const PURCHASED: Clause = Object.freeze({ term: { has_purchased: true } });

/** The filter clause selecting orders (sessions with has_purchased). */
export function purchasedClause(): Clause {
  return PURCHASED;
}

function lineSums(measures: Set<StoredMeasure>): Record<string, unknown> {
  const aggs: Record<string, unknown> = {};
  if (measures.has('quantity')) aggs.quantity = { sum: { field: `${BASKET}.quantity`, missing: 1 } };
  if (measures.has('lineRevenue')) aggs.lineRevenue = { sum: { script: { ...LINE_REVENUE_SCRIPT } } };
  return aggs;
}

/**
 * Sub-aggregations of a bucket of order documents (sessions). `lineQuery` selects the basket
 * lines the line measures count (null: every line of the order).
 */
export function sessionMeasureAggs(measures: Set<StoredMeasure>, lineQuery: Clause | null): Record<string, unknown> {
  const aggs: Record<string, unknown> = {};
  if (measures.has('visitors')) aggs.visitors = distinct('client');
  const needsLines = LINE_MEASURES.some((m) => measures.has(m));
  if (measures.has('orders') || measures.has('revenue') || measures.has('discount') || measures.has('buyers') || needsLines) {
    const sub: Record<string, unknown> = {};
    if (measures.has('revenue')) sub.revenue = { sum: { field: 'payment_amount' } };
    if (measures.has('discount')) sub.discount = { sum: { field: 'discount_amount' } };
    if (measures.has('buyers')) sub.buyers = distinct('client');
    if (needsLines) {
      sub.basket = { nested: { path: BASKET }, aggs: { lines: { filter: lineQuery ?? { match_all: {} }, aggs: lineSums(measures) } } };
    }
    aggs.purchased = { filter: PURCHASED, aggs: sub };
  }
  return aggs;
}

/** Reads `sessionMeasureAggs` from a bucket (`size` = its doc_count). */
export function readSessionMeasures(bucket: Record<string, unknown>, measures: Set<StoredMeasure>): GroupValues {
  const size = count(bucket);
  const values: GroupValues['values'] = {};
  if (measures.has('sessions')) values.sessions = size;
  if (measures.has('visitors')) values.visitors = metric(bucket.visitors);
  const purchased = (bucket.purchased ?? {}) as Record<string, unknown>;
  if (measures.has('orders')) values.orders = count(purchased);
  if (measures.has('revenue')) values.revenue = metric(purchased.revenue);
  if (measures.has('discount')) values.discount = metric(purchased.discount);
  if (measures.has('buyers')) values.buyers = metric(purchased.buyers);
  if (LINE_MEASURES.some((m) => measures.has(m))) {
    const lines = (((purchased.basket ?? {}) as Record<string, unknown>).lines ?? {}) as Record<string, unknown>;
    if (measures.has('lines')) values.lines = count(lines);
    if (measures.has('quantity')) values.quantity = metric(lines.quantity);
    if (measures.has('lineRevenue')) values.lineRevenue = metric(lines.lineRevenue);
  }
  return { size, values };
}

/** Measures of a line bucket that come from the lines' orders (distinct orders, via reverse_nested). */
export function needsOrderSide(measures: Set<StoredMeasure>): boolean {
  return ['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers'].some((m) => measures.has(m as StoredMeasure));
}

/**
 * Sub-aggregations of a bucket of basket lines (inside `nested`), over every session's lines:
 * `passing` keeps the lines passing `lineQuery`; `reverse_nested` climbs to their distinct orders.
 */
export function lineOrderAggs(measures: Set<StoredMeasure>, lineQuery: Clause | null): Record<string, unknown> {
  const orderSide: Record<string, unknown> = {};
  if (measures.has('visitors')) orderSide.visitors = distinct('client');
  const purchased: Record<string, unknown> = {};
  if (measures.has('revenue')) purchased.revenue = { sum: { field: 'payment_amount' } };
  if (measures.has('discount')) purchased.discount = { sum: { field: 'discount_amount' } };
  if (measures.has('buyers')) purchased.buyers = distinct('client');
  orderSide.purchased = { filter: PURCHASED, aggs: purchased };
  return { passing: { filter: lineQuery ?? { match_all: {} }, aggs: { orders: { reverse_nested: {}, aggs: orderSide } } } };
}

/** Reads `lineOrderAggs` (`size` = the passing lines). */
export function readLineOrderMeasures(bucket: Record<string, unknown>, measures: Set<StoredMeasure>): GroupValues {
  const passing = (bucket.passing ?? {}) as Record<string, unknown>;
  const orders = (passing.orders ?? {}) as Record<string, unknown>;
  const purchased = (orders.purchased ?? {}) as Record<string, unknown>;
  const values: GroupValues['values'] = {};
  if (measures.has('sessions')) values.sessions = count(orders);
  if (measures.has('visitors')) values.visitors = metric(orders.visitors);
  if (measures.has('orders')) values.orders = count(purchased);
  if (measures.has('revenue')) values.revenue = metric(purchased.revenue);
  if (measures.has('discount')) values.discount = metric(purchased.discount);
  if (measures.has('buyers')) values.buyers = metric(purchased.buyers);
  return { size: count(passing), values };
}

/** Sub-aggregations of a bucket of lines of orders only (the search is filtered on has_purchased). */
export function lineSumAggs(measures: Set<StoredMeasure>, lineQuery: Clause | null): Record<string, unknown> {
  return { passing: { filter: lineQuery ?? { match_all: {} }, aggs: lineSums(measures) } };
}

/** Reads `lineSumAggs`. */
export function readLineSums(bucket: Record<string, unknown>, measures: Set<StoredMeasure>): GroupValues {
  const passing = (bucket.passing ?? {}) as Record<string, unknown>;
  const values: GroupValues['values'] = {};
  if (measures.has('lines')) values.lines = count(passing);
  if (measures.has('quantity')) values.quantity = metric(passing.quantity);
  if (measures.has('lineRevenue')) values.lineRevenue = metric(passing.lineRevenue);
  return { size: count(passing), values };
}

/** A bucket's doc_count (0 when absent). */
export function count(bucket: unknown): number {
  const n = (bucket as { doc_count?: unknown } | null)?.doc_count;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** A single-value metric's value: `sum` of no documents is 0, a missing or null value reads as 0. */
export function metric(agg: unknown): number {
  const v = (agg as { value?: unknown } | null | undefined)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
