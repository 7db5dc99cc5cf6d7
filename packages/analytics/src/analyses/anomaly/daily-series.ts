/**
 * Daily series of the sessions table for the anomaly analyses: every local day from the first
 * session's day to the last one's, under the filter's non-date clauses (the whole history
 * trains the detector; the date range only picks the rows reported).
 */
import { sessionMask } from '@clvkit/core';
import { periodOf, type Period } from '../../period.js';
import type { BucketIndex } from '../../time-buckets.js';
import type { AnalysisContext } from '../../types.js';

/** The day index of the sessions, the period, and the sessions counted. */
export interface DailyScope {
  readonly period: Period;
  /** Day buckets of sessions.session_start (contiguous days; `bounds[d]` = start of day d). */
  readonly days: BucketIndex;
  /** Per session row, 1 when it passes the filter's non-date clauses. */
  readonly mask: Uint8Array;
}

/** The daily scope of `context` (see the module comment). */
export function dailyScope(context: AnalysisContext): DailyScope {
  const period = periodOf(context);
  const days = context.derived.buckets('sessions', 'session_start', 'day');
  const mask = period.rest.predicates.length === 0 ? new Uint8Array(context.dataset.sessions.length).fill(1) : sessionMask(context.dataset, period.rest);
  return { period, days, mask };
}

/**
 * A daily series' days, wherever the series was counted (the order log in memory, a server's
 * daily aggregates): contiguous local days, day d from `bounds[d]` to `bounds[d + 1]`; the
 * period whose days are reported; the ISO date of a day start.
 */
export interface SeriesDays {
  readonly count: number;
  /** count + 1 day boundaries (epoch ms). */
  readonly bounds: ArrayLike<number>;
  /** The period (null: no days reported). */
  readonly range: readonly [number, number] | null;
  isoDate(at: number): string;
}

/** True when day d of `bounds` overlaps `range`. */
export function dayInRange(bounds: ArrayLike<number>, d: number, range: readonly [number, number] | null): boolean {
  if (!range) return false;
  return bounds[d] < range[1] && bounds[d + 1] > range[0];
}

/** The days of an in-memory scope as `SeriesDays`. */
export function scopeDays(scope: DailyScope, isoDate: (at: number) => string): SeriesDays {
  return { count: scope.days.count, bounds: scope.days.bounds, range: scope.period.range, isoDate };
}

/** Orders per day (sessions with has_purchased passing the scope's mask). */
export function dailyOrders(context: AnalysisContext, scope: DailyScope): Float64Array {
  const { codes, count } = scope.days;
  const purchased = context.derived.purchased();
  const orders = new Float64Array(count);
  for (let i = 0; i < codes.length; i++) {
    if (scope.mask[i] && purchased[i] && codes[i] >= 0) orders[codes[i]]++;
  }
  return orders;
}
