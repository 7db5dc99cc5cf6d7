import { interval, resolveField, type Filter, type Predicate } from '@clvkit/core';
import type { AnalysisContext } from './types.js';

/** A half-open time range `[lo, hi)` in epoch ms. */
export type Range = readonly [number, number];

/**
 * The period an analysis reports on, and the one before it.
 *
 * - With an `and` filter (or a single predicate) holding intervals on `session_start`, the
 *   period is their intersection, and `rest` is the filter without them.
 * - Otherwise the period is the whole data range: from the start of the first session's local
 *   day to the end of the last session's local day; `rest` is the whole filter.
 * - `previous` has the same length and ends where the period starts. When both ends of the
 *   period are local midnights it is the same number of calendar days (so DST does not shift
 *   it off midnight); otherwise the same number of milliseconds.
 * - `range` and `previous` are null when the dataset has no session times.
 */
export interface Period {
  readonly range: Range | null;
  readonly previous: Range | null;
  /** True when the period came from the filter's interval on session_start. */
  readonly fromFilter: boolean;
  /** The filter without the period's interval(s). */
  readonly rest: Filter;
}

/** The period of `context` (see `Period`). */
export function periodOf(context: AnalysisContext): Period {
  const { filter } = context;
  const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
  const intervals: Predicate[] = isAnd ? filter.predicates.filter((p) => isSessionStartInterval(context, p)) : [];
  let range: Range | null;
  let rest: Filter = filter;
  if (intervals.length > 0) {
    let lo = -Infinity;
    let hi = Infinity;
    for (const p of intervals) {
      if (p.type !== 'interval') continue;
      lo = Math.max(lo, p.range[0]);
      hi = Math.min(hi, p.range[1]);
    }
    // An open-ended interval (a brush dragged past the data) ends where the data ends.
    const data = dataRange(context);
    if (!Number.isFinite(lo) && data) lo = data[0];
    if (!Number.isFinite(hi) && data) hi = data[1];
    range = [lo, Math.max(lo, hi)];
    rest = { mode: 'and', predicates: filter.predicates.filter((p) => !intervals.includes(p)) };
  } else {
    range = dataRange(context);
  }
  return { range, previous: range && previousRange(context, range), fromFilter: intervals.length > 0, rest };
}

/** A filter holding only `session_start` in `range`. */
export function rangeFilter(range: Range): Filter {
  return { mode: 'and', predicates: [interval('session_start', range[0], range[1])] };
}

/**
 * The filters selecting the sessions of `period` for an analysis that buckets them by
 * session_start (orders per day, per hour of day, per week ...): the filter's other clauses,
 * plus the period's interval when it came from the filter. Over the data range the interval
 * would only drop sessions without a start time, which fall in no bucket anyway, so it is left
 * out: a whole-range interval costs a mask per query and hides that nothing is filtered.
 */
export function bucketedPeriodFilters(period: Period): Filter[] {
  return period.fromFilter && period.range ? [period.rest, rangeFilter(period.range)] : [period.rest];
}

/** The number of local calendar days touched by `range` (first to last day inclusive); 0 when empty. */
export function daysIn(context: AnalysisContext, range: Range | null): number {
  if (!range || !(range[1] > range[0]) || !Number.isFinite(range[0]) || !Number.isFinite(range[1])) return 0;
  return context.calendar.diff(range[0], range[1] - 1, 'day') + 1;
}

/** From the start of the first session's local day to the end of the last session's local day. */
export function dataRange(context: AnalysisContext): Range | null {
  const extent = context.derived.sessionStartExtent();
  return extent ? [context.calendar.floor(extent[0], 'day'), context.calendar.add(extent[1], 'day', 1)] : null;
}

function previousRange(context: AnalysisContext, [lo, hi]: Range): Range {
  const { calendar } = context;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [lo, lo];
  if (calendar.floor(lo, 'day') === lo && calendar.floor(hi, 'day') === hi) {
    const days = calendar.diff(lo, hi, 'day');
    return [calendar.add(lo, 'day', -days), lo];
  }
  return [lo - (hi - lo), lo];
}

function isSessionStartInterval(context: AnalysisContext, predicate: Predicate): boolean {
  if (predicate.type !== 'interval') return false;
  try {
    const resolved = resolveField(context.dataset, predicate.field);
    return resolved.table === 'sessions' && resolved.column === 'session_start';
  } catch {
    return false;
  }
}
