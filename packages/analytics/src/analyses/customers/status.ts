import type { Calendar } from '@clvkit/core';
import type { CustomerOrders } from '../../customer-orders.js';
import { describeSpan, readSpan, shiftBack, spanParams, type AsOf, type Span } from '../../as-of.js';

/** Customer statuses, in the order of the rows. */
export const STATUSES = ['active', 'churned', 'long_gone'] as const;
export type CustomerStatus = (typeof STATUSES)[number];

/** Status codes: index into `STATUSES`; -1 for a customer without an order by the as-of date. */
export const ACTIVE = 0;
export const CHURNED = 1;
export const LONG_GONE = 2;

/** Default thresholds of seed 000: active within 3 months, long gone after 6. */
export const DEFAULT_ACTIVE: Span = Object.freeze({ unit: 'months', count: 3 });
export const DEFAULT_LONG_GONE: Span = Object.freeze({ unit: 'months', count: 6 });

/** The two thresholds of the status. */
export interface StatusThresholds {
  /** A customer whose last order is at most this long before the as-of date is active. */
  readonly active: Span;
  /** A customer whose last order is more than this long before the as-of date is long gone. */
  readonly longGone: Span;
}

/** Params of the thresholds: activeDays | activeMonths, longGoneDays | longGoneMonths. */
export const THRESHOLD_PARAMS: readonly string[] = [...spanParams('active'), ...spanParams('longGone')];

/** Reads the thresholds (defaults 3 and 6 months) and checks that active < long gone. */
export function readThresholds(analysis: string, raw: Readonly<Record<string, unknown>>): StatusThresholds {
  const active = readSpan(analysis, raw, 'active', DEFAULT_ACTIVE);
  const longGone = readSpan(analysis, raw, 'longGone', DEFAULT_LONG_GONE);
  // Compare on a fixed date: 31 days per month is the longest a month can be.
  const length = (s: Span) => (s.unit === 'days' ? s.count : s.count * 31);
  const shortest = (s: Span) => (s.unit === 'days' ? s.count : s.count * 28);
  if (!(length(active) < shortest(longGone))) {
    throw new TypeError(`${analysis}: the active threshold (${describeSpan(active)}) must be shorter than the long-gone threshold (${describeSpan(longGone)})`);
  }
  return { active, longGone };
}

/** The thresholds as plain values for `meta`. */
export function thresholdsMeta(t: StatusThresholds): Record<string, unknown> {
  return { active: { [t.active.unit]: t.active.count }, longGone: { [t.longGone.unit]: t.longGone.count } };
}

/** The two cut instants at `asOf`: last order >= activeSince is active, < longGoneBefore long gone. */
export interface StatusCuts {
  readonly activeSince: number;
  readonly longGoneBefore: number;
}

/** The cuts of the thresholds at `asOf`, in the calendar's local time. */
export function statusCuts(asOf: number, thresholds: StatusThresholds, calendar: Calendar): StatusCuts {
  return { activeSince: shiftBack(asOf, thresholds.active, calendar), longGoneBefore: shiftBack(asOf, thresholds.longGone, calendar) };
}

/** Status code of a customer whose last order was at `last`. */
export function classify(last: number, cuts: StatusCuts): number {
  return last >= cuts.activeSince ? ACTIVE : last >= cuts.longGoneBefore ? CHURNED : LONG_GONE;
}

/** Per client code: status code (-1 without an order by then), last order time, revenue so far. */
export interface StatusSnapshot {
  readonly status: Int8Array;
  readonly lastOrder: Float64Array;
  readonly revenue: Float64Array;
  readonly orders: Int32Array;
}

/**
 * Every customer's status at `at`: each customer's orders with `time <= at.asOf && time <
 * at.before` count; the last of them decides the status, their payments are the revenue.
 */
export function statusSnapshot(orders: CustomerOrders, payment: Float64Array, at: AsOf, cuts: StatusCuts): StatusSnapshot {
  const n = orders.clients;
  const status = new Int8Array(n).fill(-1);
  const lastOrder = new Float64Array(n).fill(Number.NaN);
  const revenue = new Float64Array(n);
  const count = new Int32Array(n);
  const { rows, starts, start } = orders;
  for (let c = 0; c < n; c++) {
    let sum = 0;
    let k = 0;
    let last = Number.NaN;
    for (let i = starts[c]; i < starts[c + 1]; i++) {
      const t = start[rows[i]];
      if (!(t <= at.asOf && t < at.before)) break;
      sum += payment[rows[i]];
      last = t;
      k++;
    }
    if (k === 0) continue;
    status[c] = classify(last, cuts);
    lastOrder[c] = last;
    revenue[c] = sum;
    count[c] = k;
  }
  return { status, lastOrder, revenue, orders: count };
}
