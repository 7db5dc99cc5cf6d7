import { type Filter, type Predicate, type TimeUnit } from '@clvkit/core';
import { aggregationAt, runSearch } from '../composite.js';
import type { QueryEnv } from '../env.js';
import { sessionsQuery } from '../filter.js';
import { bucketedPeriodFilters, rangeFilter, type Period, type Range } from '@clvkit/analytics';

/**
 * The period of an analysis, as `periodOf` in @clvkit/analytics: the intersection of the `and`
 * filter's intervals on session_start (open ends clipped to the data), else the data range (the
 * first session's local day to the end of the last session's local day, over every document the
 * host's tenant filter lets through); `previous` of the same length ending at its start.
 */
// The period's shape and its filters are the in-memory engine's: the same request makes the same period.
export { bucketedPeriodFilters, rangeFilter, type Period, type Range };

/** The [min, max] session_start of the whole index (tenant filter only); null when empty. */
export async function sessionExtent(env: QueryEnv): Promise<Range | null> {
  const body = { size: 0, query: sessionsQuery(env.layout, [], env.extraFilters), aggs: { first: { min: { field: 'session_start' } }, last: { max: { field: 'session_start' } } } };
  const response = await runSearch(env, body);
  const lo = (aggregationAt(response, ['first']) as { value?: unknown }).value;
  const hi = (aggregationAt(response, ['last']) as { value?: unknown }).value;
  return typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/** The data range of `extent` in local days. */
export function dataRange(env: QueryEnv, extent: Range | null): Range | null {
  return extent ? [env.calendar.floor(extent[0], 'day'), env.calendar.add(extent[1], 'day', 1)] : null;
}

function isSessionStartInterval(predicate: Predicate): boolean {
  return predicate?.type === 'interval' && (predicate.field === 'session_start' || predicate.field === 'sessions.session_start');
}

/** The period of `filter` (fetches the data extent only when it is needed). */
export async function periodOf(env: QueryEnv, filter: Filter, extent?: () => Promise<Range | null>): Promise<Period> {
  const getExtent = extent ?? (() => sessionExtent(env));
  const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
  const intervals = isAnd ? filter.predicates.filter(isSessionStartInterval) : [];
  let range: Range | null;
  let rest: Filter = filter;
  if (intervals.length > 0) {
    let lo = -Infinity;
    let hi = Infinity;
    for (const p of intervals) {
      if (p.type !== 'interval') continue;
      lo = Math.max(lo, p.range[0] ?? -Infinity);
      hi = Math.min(hi, p.range[1] ?? Infinity);
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      const data = dataRange(env, await getExtent());
      if (!Number.isFinite(lo) && data) lo = data[0];
      if (!Number.isFinite(hi) && data) hi = data[1];
    }
    range = [lo, Math.max(lo, hi)];
    rest = { mode: 'and', predicates: filter.predicates.filter((p) => !intervals.includes(p)) };
  } else {
    range = dataRange(env, await getExtent());
  }
  return { range, previous: range && previousRange(env, range), fromFilter: intervals.length > 0, rest };
}

function previousRange(env: QueryEnv, [lo, hi]: Range): Range {
  const { calendar } = env;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [lo, lo];
  if (calendar.floor(lo, 'day') === lo && calendar.floor(hi, 'day') === hi) {
    const days = calendar.diff(lo, hi, 'day');
    return [calendar.add(lo, 'day', -days), lo];
  }
  return [lo - (hi - lo), lo];
}

/** Local calendar days touched by `range`; 0 when empty. */
export function daysIn(env: QueryEnv, range: Range | null): number {
  if (!range || !(range[1] > range[0]) || !Number.isFinite(range[0]) || !Number.isFinite(range[1])) return 0;
  return env.calendar.diff(range[0], range[1] - 1, 'day') + 1;
}

/**
 * The bucket starts of `unit` overlapping the period clipped to the data's buckets (as
 * `periodBuckets` lays them out), in time order; empty when none.
 */
export function periodBucketStarts(env: QueryEnv, unit: TimeUnit, period: Period, extent: Range | null): number[] {
  const { calendar } = env;
  if (!period.range || !extent) return [];
  const lo = Math.max(period.range[0], calendar.floor(extent[0], unit));
  const hi = Math.min(period.range[1], calendar.add(extent[1], unit, 1));
  if (!(lo < hi)) return [];
  const first = calendar.floor(lo, unit);
  const last = calendar.floor(hi - 1, unit);
  const out: number[] = [];
  for (let t = first, k = 1; t <= last; t = calendar.add(first, unit, k++)) out.push(t);
  return out;
}
