import type { Filter } from '@clvkit/core';
import type { CustomerSummaryRecord } from '@clvkit/analytics';
import { aggregationAt, runSearch } from './composite.js';
import type { QueryEnv } from './env.js';
import { UnsupportedQueryError } from './errors.js';
import { lineSelection, sessionsQuery } from './filter.js';
import { count, metric, purchasedClause, readSessionMeasures, sessionMeasureAggs, type StoredMeasure } from './measures.js';

/**
 * Per-customer summaries: one row per client of the sessions passing the filter, from a
 * `composite` aggregation on `client` paged with `after_key`, so per-customer analyses can run
 * in the worker without the raw order log.
 */

/**
 * One customer's summary over the sessions passing the filter: the record the summary-based
 * analyses of @clvkit/analytics read (one definition for both sides). Times are epoch ms; a
 * customer without orders has orders 0, revenue 0 and null order times / firstOrderRevenue
 * (`top_metrics` sorted by session_start gives the earliest order's payment; ties: any of them).
 */
export type CustomerSummaryRow = CustomerSummaryRecord;

/** What to summarise: the filter, where to resume (the previous page's `after`), how many rows. */
export interface SummariesInput {
  readonly filter: Filter;
  readonly after?: Record<string, unknown> | null;
  readonly size?: number;
}

/** One page: its rows (ascending by client) and the `after` of the next page (null at the end). */
export interface SummariesPage {
  readonly rows: CustomerSummaryRow[];
  readonly after: Record<string, unknown> | null;
}

/** The line measure a summary carries: `quantity`, with the aggregate's semantics (measures.ts). */
const quantity = (): Set<StoredMeasure> => new Set<StoredMeasure>(['quantity']);

/** Rows per page when the input does not say. */
export const DEFAULT_SUMMARY_PAGE = 1_000;

/** `top_metrics` of `field` on the first (`asc`) or last (`desc`) order by session_start. */
export function edgeOrder(field: string, order: 'asc' | 'desc'): Record<string, unknown> {
  return { top_metrics: { metrics: [{ field }], sort: [{ session_start: { order } }], size: 1 } };
}

/**
 * The sub-aggregations of one customer's bucket (a summaries or an activity row): first and
 * last session, and over the orders the first and last order time, revenue, discount and
 * promoted orders, plus `purchased` (more aggregations over the orders).
 */
export function customerSpanAggs(purchased: Record<string, unknown>): Record<string, unknown> {
  return {
    firstSessionAt: { min: { field: 'session_start' } },
    lastSessionAt: { max: { field: 'session_start' } },
    purchased: {
      filter: purchasedClause(),
      aggs: {
        firstOrderAt: { min: { field: 'session_start' } },
        lastOrderAt: { max: { field: 'session_start' } },
        revenue: { sum: { field: 'payment_amount' } },
        discount: { sum: { field: 'discount_amount' } },
        promoted: { filter: { exists: { field: 'promotion_id' } } },
        ...purchased,
      },
    },
  };
}

/** The fields `customerSpanAggs` gives, read from a bucket. */
export function readCustomerSpan(bucket: Record<string, unknown>) {
  const purchased = (bucket.purchased ?? {}) as Record<string, unknown>;
  const orders = count(purchased);
  return {
    purchased,
    sessions: count(bucket),
    firstSessionAt: time(bucket.firstSessionAt),
    lastSessionAt: time(bucket.lastSessionAt),
    orders,
    firstOrderAt: orders > 0 ? time(purchased.firstOrderAt) : null,
    lastOrderAt: orders > 0 ? time(purchased.lastOrderAt) : null,
    revenue: metric(purchased.revenue),
    discount: metric(purchased.discount),
    promotionOrders: count(purchased.promoted),
  };
}

/** The `composite` of a page keyed by `sources`, `size` rows (capped by limits), resumed `after` (what a previous page returned). */
export function pageComposite(env: QueryEnv, what: string, sources: readonly Record<string, unknown>[], input: SummariesInput): Record<string, unknown> {
  const wanted = input.size ?? Math.min(DEFAULT_SUMMARY_PAGE, env.limits.maxSummaryRows);
  if (!Number.isInteger(wanted) || wanted < 1) throw new UnsupportedQueryError(`${what}.size`, `size must be a positive integer, got ${JSON.stringify(input.size)}`);
  const composite: Record<string, unknown> = { size: Math.min(wanted, env.limits.maxSummaryRows), sources };
  if (input.after) {
    if (typeof input.after !== 'object' || Array.isArray(input.after)) throw new UnsupportedQueryError(`${what}.after`, 'after must be the object a previous page returned');
    composite.after = input.after;
  }
  return composite;
}

/** Runs one page whose composite aggregation is `name`, reading each bucket with `read` (null: skipped). */
export async function runPage<R>(env: QueryEnv, body: Record<string, unknown>, name: string, read: (bucket: Record<string, unknown>) => R | null): Promise<{ rows: R[]; after: Record<string, unknown> | null }> {
  const size = (body.aggs as Record<string, { composite: { size: number } }>)[name].composite.size;
  const agg = aggregationAt(await runSearch(env, body), [name]) as { buckets?: Record<string, unknown>[]; after_key?: Record<string, unknown> };
  const buckets = Array.isArray(agg.buckets) ? agg.buckets : [];
  const rows = buckets.map(read).filter((r): r is R => r !== null);
  const after = buckets.length >= size && agg.after_key && typeof agg.after_key === 'object' ? agg.after_key : null;
  return { rows, after };
}

/** The `_search` body of one summaries page (no I/O). */
export function summariesBody(env: QueryEnv, input: SummariesInput): Record<string, unknown> {
  const filter = input.filter ?? { mode: 'and', predicates: [] };
  // quantity: the nested sum of the aggregate's `quantity` measure (lines passing the filter's
  // basket-line predicates, missing quantity = 1), inside the same `purchased` filter.
  const lines = (sessionMeasureAggs(quantity(), lineSelection(env.layout, [filter]).line).purchased as { aggs: Record<string, unknown> }).aggs;
  return {
    size: 0,
    query: sessionsQuery(env.layout, [filter], env.extraFilters),
    aggs: {
      customers: {
        composite: pageComposite(env, 'summaries', [{ client: { terms: { field: 'client' } } }], input),
        aggs: customerSpanAggs({ first: edgeOrder('payment_amount', 'asc'), discountShare: { sum: { field: 'discount_share' } }, ...lines }),
      },
    },
  };
}

/** Runs one summaries page. */
export function runSummaries(env: QueryEnv, input: SummariesInput): Promise<SummariesPage> {
  return runPage(env, summariesBody(env, input), 'customers', readSummary);
}

/** One summary row from a composite bucket (null for a bucket without a client key). */
export function readSummary(bucket: Record<string, unknown>): CustomerSummaryRow | null {
  const client = (bucket.key as { client?: unknown } | undefined)?.client;
  if (client === null || client === undefined) return null;
  const { purchased, ...span } = readCustomerSpan(bucket);
  return {
    client: String(client),
    ...span,
    firstOrderRevenue: span.orders > 0 ? topMetric(purchased.first, 'payment_amount') : null,
    quantity: readSessionMeasures(bucket, quantity()).values.quantity ?? 0,
    discountShareSum: metric(purchased.discountShare),
  };
}

/** The value of a `top_metrics` result (null when absent: a document without the field). */
export function topMetric(agg: unknown, field: string): number | null {
  const value = (agg as { top?: { metrics?: Record<string, unknown> }[] } | undefined)?.top?.[0]?.metrics?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** `min` / `max` of no values is null (Elasticsearch 8 answers `"value": null`). */
export function time(agg: unknown): number | null {
  const v = (agg as { value?: unknown } | undefined)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
