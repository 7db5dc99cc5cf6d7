import type { CustomerDayRecord } from '@clvkit/analytics';
import type { QueryEnv } from './env.js';
import { sessionsQuery } from './filter.js';
import { customerSpanAggs, edgeOrder, pageComposite, readCustomerSpan, runPage, topMetric, type SummariesInput } from './summaries.js';

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

/** The `_search` body of one activity page (no I/O). */
export function activityBody(env: QueryEnv, input: SummariesInput): Record<string, unknown> {
  const sources = [{ client: { terms: { field: 'client' } } }, { day: { date_histogram: { field: 'session_start', calendar_interval: 'day', time_zone: env.layout.timeZone } } }];
  return {
    size: 0,
    query: sessionsQuery(env.layout, [input.filter ?? { mode: 'and', predicates: [] }], env.extraFilters),
    aggs: {
      days: {
        composite: pageComposite(env, 'activity', sources, input),
        aggs: customerSpanAggs({
          firstPayment: edgeOrder('payment_amount', 'asc'),
          lastPayment: edgeOrder('payment_amount', 'desc'),
          firstDiscount: edgeOrder('discount_amount', 'asc'),
          lastDiscount: edgeOrder('discount_amount', 'desc'),
        }),
      },
    },
  };
}

/** Runs one activity page. */
export function runActivity(env: QueryEnv, input: SummariesInput): Promise<ActivityPage> {
  return runPage(env, activityBody(env, input), 'days', readActivity);
}

/** One activity row from a composite bucket (null for a bucket without a client or day key). */
export function readActivity(bucket: Record<string, unknown>): CustomerDayRecord | null {
  const key = (bucket.key ?? {}) as { client?: unknown; day?: unknown };
  if (key.client === null || key.client === undefined || typeof key.day !== 'number') return null;
  const { purchased, ...span } = readCustomerSpan(bucket);
  const firstSessionAt = span.firstSessionAt ?? key.day;
  const edge = (name: string, field: string) => (span.orders > 0 ? topMetric(purchased[name], field) : null);
  return {
    client: String(key.client),
    day: key.day,
    ...span,
    firstSessionAt,
    lastSessionAt: span.lastSessionAt ?? firstSessionAt,
    firstOrderRevenue: edge('firstPayment', 'payment_amount'),
    lastOrderRevenue: edge('lastPayment', 'payment_amount'),
    firstOrderDiscount: edge('firstDiscount', 'discount_amount'),
    lastOrderDiscount: edge('lastDiscount', 'discount_amount'),
  };
}
