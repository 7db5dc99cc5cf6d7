import { allOf, ordersIn, type Predicate } from './predicate.js';

/**
 * Predicates for the customers behind a mark of the customer-status, lifecycle and
 * newcomers/churners charts, built from `ordersIn` so they hold at any date, not only at the
 * end of the data. Each matches the definition of its analysis in @clvkit/analytics over the
 * customer's orders in the whole dataset.
 */

/** Earlier than any order: the lower end of "ever before". */
export const EARLIEST_TIME = -8.64e15;

/** A customer status at a date. */
export type CustomerStatusName = 'active' | 'churned' | 'long_gone';

/** The instants that define the statuses at `end` (`customer_status_trend` rows carry them). */
export interface StatusCuts {
  /** The date the status holds at (exclusive: orders before it count). */
  readonly end: number;
  /** Active: an order in [activeSince, end). */
  readonly activeSince: number;
  /** Long gone: no order in [longGoneBefore, end). */
  readonly longGoneBefore: number;
}

/**
 * The customers with `status` at `cuts.end`: active = an order in [activeSince, end); churned =
 * an order in [longGoneBefore, activeSince) and none since; long gone = an order before
 * longGoneBefore and none since.
 */
export function statusAtPredicate(status: CustomerStatusName, cuts: StatusCuts): Predicate {
  const { end, activeSince, longGoneBefore } = cuts;
  switch (status) {
    case 'active':
      return ordersIn(activeSince, end);
    case 'churned':
      return allOf([ordersIn(longGoneBefore, activeSince), ordersIn(activeSince, end, false)]);
    case 'long_gone':
      return allOf([ordersIn(EARLIEST_TIME, longGoneBefore), ordersIn(longGoneBefore, end, false)]);
  }
}

/** A lifecycle group of a bucket. */
export type LifecycleKind = 'new' | 'returning' | 'resurrecting' | 'dormant';

/** A bucket [start, end) and the start of the bucket before it (`lifecycle` rows carry them). */
export interface LifecycleBucket {
  readonly previous: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The customers of one lifecycle group in a bucket t = [start, end), t−1 = [previous, start):
 * new = first order in t; returning = ordered in t and t−1; resurrecting = ordered in t, not in
 * t−1, but before; dormant = ordered in t−1, not in t.
 */
export function lifecyclePredicate(kind: LifecycleKind, bucket: LifecycleBucket): Predicate {
  const { previous, start, end } = bucket;
  switch (kind) {
    case 'new':
      return allOf([ordersIn(start, end), ordersIn(EARLIEST_TIME, start, false)]);
    case 'returning':
      return allOf([ordersIn(start, end), ordersIn(previous, start)]);
    case 'resurrecting':
      return allOf([ordersIn(start, end), ordersIn(previous, start, false), ordersIn(EARLIEST_TIME, previous)]);
    case 'dormant':
      return allOf([ordersIn(previous, start), ordersIn(start, end, false)]);
  }
}

/** Newcomers of a date: the customers whose first order is in [windowStart, date). */
export function newcomersPredicate(windowStart: number, date: number): Predicate {
  return allOf([ordersIn(windowStart, date), ordersIn(EARLIEST_TIME, windowStart, false)]);
}

/** Churners of a date: the customers with an order before `date` and none in [date, horizonEnd). */
export function churnersPredicate(date: number, horizonEnd: number): Predicate {
  return allOf([ordersIn(EARLIEST_TIME, date), ordersIn(date, horizonEnd, false)]);
}
