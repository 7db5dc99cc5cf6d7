import type { CustomerDayRecord } from '@clvkit/analytics';
import { aggregationAt, runSearch } from './composite.js';
import type { QueryEnv } from './env.js';
import { UnsupportedQueryError } from './errors.js';
import { sessionsQuery } from './filter.js';
import { count, metric, purchasedClause } from './measures.js';
import type { SummariesInput } from './summaries.js';

/**
 * Activity pages: one row per customer and local day (`CustomerDayRecord`) of the sessions
 * passing the filter, from a `composite` aggregation on `client` and a `date_histogram` day
 * source in the layout's time zone, paged with `after_key`. The worker rebuilds each
 * customer's order timeline from them (cohorts, lifecycle, churn series, journey, A/B tests)
 * without the raw order log: a day's first and last order come exactly (`top_metrics`), the
 * orders between only as counts and sums.
 */

/** One page: its rows (ascending by client, then day) and the `after` of the next page (null at the end). */
export interface ActivityPage {
  readonly rows: CustomerDayRecord[];
  readonly after: Record<string, unknown> | null;
}

/** Rows per page when the input does not say. */
export const DEFAULT_ACTIVITY_PAGE = 1_000;

/** `top_metrics` of `field` on the first (`asc`) or last (`desc`) order by session_start. */
function edgeOrder(field: string, order: 'asc' | 'desc'): Record<string, unknown> {
  return { top_metrics: { metrics: [{ field }], sort: [{ session_start: { order } }], size: 1 } };
}

/** The `_search` body of one activity page (no I/O). */
export function activityBody(env: QueryEnv, input: SummariesInput): Record<string, unknown> {
  const size = input.size ?? Math.min(DEFAULT_ACTIVITY_PAGE, env.limits.maxSummaryRows);
  if (!Number.isInteger(size) || size < 1) throw new UnsupportedQueryError('activity.size', `size must be a positive integer, got ${JSON.stringify(input.size)}`);
  const composite: Record<string, unknown> = {
    size: Math.min(size, env.limits.maxSummaryRows),
    sources: [{ client: { terms: { field: 'client' } } }, { day: { date_histogram: { field: 'session_start', calendar_interval: 'day', time_zone: env.layout.timeZone } } }],
  };
  if (input.after) {
    if (typeof input.after !== 'object' || Array.isArray(input.after)) throw new UnsupportedQueryError('activity.after', 'after must be the object a previous page returned');
    composite.after = input.after;
  }
  return {
    size: 0,
    query: sessionsQuery(env.layout, [input.filter ?? { mode: 'and', predicates: [] }], env.extraFilters),
    aggs: {
      days: {
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
              firstPayment: edgeOrder('payment_amount', 'asc'),
              lastPayment: edgeOrder('payment_amount', 'desc'),
              firstDiscount: edgeOrder('discount_amount', 'asc'),
              lastDiscount: edgeOrder('discount_amount', 'desc'),
              promoted: { filter: { exists: { field: 'promotion_id' } } },
            },
          },
        },
      },
    },
  };
}

/** Runs one activity page. */
export async function runActivity(env: QueryEnv, input: SummariesInput): Promise<ActivityPage> {
  const body = activityBody(env, input);
  const size = (body.aggs as { days: { composite: { size: number } } }).days.composite.size;
  const agg = aggregationAt(await runSearch(env, body), ['days']) as { buckets?: Record<string, unknown>[]; after_key?: Record<string, unknown> };
  const buckets = Array.isArray(agg.buckets) ? agg.buckets : [];
  const rows = buckets.map(readActivity).filter((r): r is CustomerDayRecord => r !== null);
  const after = buckets.length >= size && agg.after_key && typeof agg.after_key === 'object' ? agg.after_key : null;
  return { rows, after };
}

/** One activity row from a composite bucket (null for a bucket without a client or day key). */
export function readActivity(bucket: Record<string, unknown>): CustomerDayRecord | null {
  const key = (bucket.key ?? {}) as { client?: unknown; day?: unknown };
  if (key.client === null || key.client === undefined || typeof key.day !== 'number') return null;
  const purchased = (bucket.purchased ?? {}) as Record<string, unknown>;
  const orders = count(purchased);
  const firstSessionAt = time(bucket.firstSessionAt) ?? key.day;
  return {
    client: String(key.client),
    day: key.day,
    sessions: count(bucket),
    firstSessionAt,
    lastSessionAt: time(bucket.lastSessionAt) ?? firstSessionAt,
    orders,
    firstOrderAt: orders > 0 ? time(purchased.firstOrderAt) : null,
    lastOrderAt: orders > 0 ? time(purchased.lastOrderAt) : null,
    revenue: metric(purchased.revenue),
    discount: metric(purchased.discount),
    firstOrderRevenue: orders > 0 ? topMetric(purchased.firstPayment, 'payment_amount') : null,
    lastOrderRevenue: orders > 0 ? topMetric(purchased.lastPayment, 'payment_amount') : null,
    firstOrderDiscount: orders > 0 ? topMetric(purchased.firstDiscount, 'discount_amount') : null,
    lastOrderDiscount: orders > 0 ? topMetric(purchased.lastDiscount, 'discount_amount') : null,
    promotionOrders: count(purchased.promoted),
  };
}

/** The value of a `top_metrics` result (null when absent: a document without the field). */
function topMetric(agg: unknown, field: string): number | null {
  const value = (agg as { top?: { metrics?: Record<string, unknown> }[] } | undefined)?.top?.[0]?.metrics?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** `min` / `max` of no values is null (Elasticsearch 8 answers `"value": null`). */
function time(agg: unknown): number | null {
  const v = (agg as { value?: unknown } | undefined)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
