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

/** The `_search` body of one summaries page (no I/O). */
export function summariesBody(env: QueryEnv, input: SummariesInput): Record<string, unknown> {
  const size = pageSize(env, input.size);
  const composite: Record<string, unknown> = { size, sources: [{ client: { terms: { field: 'client' } } }] };
  if (input.after) {
    if (typeof input.after !== 'object' || Array.isArray(input.after)) throw new UnsupportedQueryError('summaries.after', 'after must be the object a previous page returned');
    composite.after = input.after;
  }
  const filter = input.filter ?? { mode: 'and', predicates: [] };
  // quantity: the nested sum of the aggregate's `quantity` measure (lines passing the filter's
  // basket-line predicates, missing quantity = 1), inside the same `purchased` filter.
  const lines = (sessionMeasureAggs(quantity(), lineSelection(env.layout, [filter]).line).purchased as { aggs: Record<string, unknown> }).aggs;
  return {
    size: 0,
    query: sessionsQuery(env.layout, [filter], env.extraFilters),
    aggs: {
      customers: {
        composite,
        aggs: {
          firstSessionAt: { min: { field: 'session_start' } },
          lastSessionAt: { max: { field: 'session_start' } },
          purchased: {
            filter: purchasedClause(),
            aggs: {
              firstOrderAt: { min: { field: 'session_start' } },
              lastOrderAt: { max: { field: 'session_start' } },
              revenue: { sum: { field: 'payment_amount' } },
              discount: { sum: { field: 'discount_amount' } },
              first: { top_metrics: { metrics: [{ field: 'payment_amount' }], sort: [{ session_start: { order: 'asc' } }], size: 1 } },
              promoted: { filter: { exists: { field: 'promotion_id' } } },
              discountShare: { sum: { field: 'discount_share' } },
              ...lines,
            },
          },
        },
      },
    },
  };
}

function pageSize(env: QueryEnv, size: number | undefined): number {
  const wanted = size ?? Math.min(DEFAULT_SUMMARY_PAGE, env.limits.maxSummaryRows);
  if (!Number.isInteger(wanted) || wanted < 1) throw new UnsupportedQueryError('summaries.size', `size must be a positive integer, got ${JSON.stringify(size)}`);
  return Math.min(wanted, env.limits.maxSummaryRows);
}

/** Runs one summaries page. */
export async function runSummaries(env: QueryEnv, input: SummariesInput): Promise<SummariesPage> {
  const body = summariesBody(env, input);
  const size = ((body.aggs as { customers: { composite: { size: number } } }).customers.composite.size);
  const agg = aggregationAt(await runSearch(env, body), ['customers']) as { buckets?: Record<string, unknown>[]; after_key?: Record<string, unknown> };
  const buckets = Array.isArray(agg.buckets) ? agg.buckets : [];
  const rows = buckets.map(readSummary).filter((r): r is CustomerSummaryRow => r !== null);
  const after = buckets.length >= size && agg.after_key && typeof agg.after_key === 'object' ? agg.after_key : null;
  return { rows, after };
}

/** One summary row from a composite bucket (null for a bucket without a client key). */
export function readSummary(bucket: Record<string, unknown>): CustomerSummaryRow | null {
  const client = (bucket.key as { client?: unknown } | undefined)?.client;
  if (client === null || client === undefined) return null;
  const purchased = (bucket.purchased ?? {}) as Record<string, unknown>;
  const orders = count(purchased);
  const top = (purchased.first as { top?: { metrics?: Record<string, unknown> }[] } | undefined)?.top?.[0]?.metrics?.payment_amount;
  return {
    client: String(client),
    sessions: count(bucket),
    firstSessionAt: time(bucket.firstSessionAt),
    lastSessionAt: time(bucket.lastSessionAt),
    orders,
    firstOrderAt: orders > 0 ? time(purchased.firstOrderAt) : null,
    lastOrderAt: orders > 0 ? time(purchased.lastOrderAt) : null,
    revenue: metric(purchased.revenue),
    discount: metric(purchased.discount),
    firstOrderRevenue: orders > 0 && typeof top === 'number' ? top : null,
    promotionOrders: count(purchased.promoted),
    quantity: readSessionMeasures(bucket, quantity()).values.quantity ?? 0,
    discountShareSum: metric(purchased.discountShare),
  };
}

/** `min` / `max` of no values is null (Elasticsearch 8 answers `"value": null`). */
function time(agg: unknown): number | null {
  const v = (agg as { value?: unknown } | undefined)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
