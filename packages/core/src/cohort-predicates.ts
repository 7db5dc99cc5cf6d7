import type { Calendar, TimeUnit } from './calendar.js';
import { allOf, interval, isIn, type AndPredicate, type Predicate } from './predicate.js';

/** Bucket of a retention cohort (`retention_cohorts`, `cohort_lifetime`). */
export type CohortUnit = 'month' | 'week';
/** Bucket of an order-gap cohort table (`daily_cohort_*`, `weekly_cohort_*`). */
export type GapUnit = 'day' | 'week';
/** The event a gap table starts from: 0 = download, n = the n-th order (to the (n+1)-th). */
export type GapEvent = 0 | 1 | 2 | 3;
/** A gap table column: whole buckets from the event, or `later` for past the last column. */
export type GapOffset = number | 'later';

/**
 * The filters a cohort heatmap publishes when a row or a cell is clicked. Every cohort label
 * (`cohort: 'YYYY-MM-DD'`) is the local date its bucket starts on; `meta.cohortStarts` holds the
 * same instants in epoch ms, and either form is accepted here.
 *
 * Without other clauses in the filter (or with only a date range) the plain aggregate under
 * the published predicate reproduces the cell: buyers = customers, orders and revenue = the
 * cell's (tested). Under a non-date clause (e.g. a channel) the cohort analyses define the
 * first order within that clause, while `first_order_at` / `order_number` /
 * `previous_order_at` are over all orders, so the predicate then selects by the customer's
 * overall sequence (see the README).
 */

/** `[start, end)` of the bucket of `unit` that starts at `cohort` (ISO date or epoch ms). */
export function cohortBounds(calendar: Calendar, unit: TimeUnit, cohort: string | number): readonly [number, number] {
  const start = typeof cohort === 'string' ? calendar.parseDate(cohort) : calendar.floor(cohort, unit);
  return [start, calendar.add(start, unit, 1)];
}

/** A whole retention cohort: the sessions of the customers whose first order is in the cohort's bucket. */
export function retentionCohortPredicate(calendar: Calendar, bucket: CohortUnit, cohort: string | number): Predicate {
  const [start, end] = cohortBounds(calendar, bucket, cohort);
  return interval('first_order_at', start, end);
}

/**
 * A retention cell: the cohort's customers' sessions in the bucket `offset` buckets after the
 * cohort's: `allOf([interval('first_order_at', cohortStart, cohortEnd), interval('session_start', cellStart, cellEnd)])`.
 */
export function retentionCellPredicate(calendar: Calendar, bucket: CohortUnit, cohort: string | number, offset: number): AndPredicate {
  const [start, end] = cohortBounds(calendar, bucket, cohort);
  return allOf([interval('first_order_at', start, end), interval('session_start', calendar.add(start, bucket, offset), calendar.add(start, bucket, offset + 1))]);
}

/**
 * An order-gap row: downloads (event 0) -> the sessions of the customers who downloaded in the
 * bucket (`interval('customers.download_date', start, end)`); event n -> the customers' n-th
 * orders in the bucket (`allOf([isIn('order_number', [n]), interval('session_start', start, end)])`,
 * so orders = buyers = cohortSize).
 */
export function orderGapRowPredicate(calendar: Calendar, unit: GapUnit, event: GapEvent, cohort: string | number): Predicate {
  const [start, end] = cohortBounds(calendar, unit, cohort);
  if (event === 0) return interval('customers.download_date', start, end);
  return allOf([isIn('order_number', [event]), interval('session_start', start, end)]);
}

/**
 * An order-gap cell: the next orders (the first for downloads, else the (n+1)-th) of the row's
 * customers that came `offset` buckets after the row's bucket (`later`: from maxOffset + 1 on),
 * so orders = buyers = the cell's customers.
 * - downloads: `allOf([interval('customers.download_date', rowStart, rowEnd), isIn('order_number', [1]), interval('session_start', cellStart, cellEnd)])`;
 * - n-th order: `allOf([isIn('order_number', [n + 1]), interval('previous_order_at', rowStart, rowEnd), interval('session_start', cellStart, cellEnd)])`.
 */
export function orderGapCellPredicate(calendar: Calendar, unit: GapUnit, event: GapEvent, cohort: string | number, offset: GapOffset, maxOffset = 15): AndPredicate {
  const [start, end] = cohortBounds(calendar, unit, cohort);
  const cellStart = calendar.add(start, unit, offset === 'later' ? maxOffset + 1 : offset);
  const cellEnd = offset === 'later' ? Number.POSITIVE_INFINITY : calendar.add(start, unit, offset + 1);
  const cell = interval('session_start', cellStart, cellEnd);
  if (event === 0) return allOf([interval('customers.download_date', start, end), isIn('order_number', [1]), cell]);
  return allOf([isIn('order_number', [event + 1]), interval('previous_order_at', start, end), cell]);
}
