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

/** True when day d of `days` overlaps the period (always, without a date range). */
export function dayInPeriod(scope: DailyScope, d: number): boolean {
  const range = scope.period.range;
  if (!range) return false;
  return scope.days.bounds[d] < range[1] && scope.days.bounds[d + 1] > range[0];
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
