import { calendarFor, interval, type Filter, type Predicate } from '@clvkit/core';
import { readInstant, type AsOf } from '../as-of.js';

/**
 * The as-of instant and the summaries filter of a summary-based analysis: the same rules as
 * `resolveAsOf` / `periodOf` in memory (see as-of.ts), without a dataset:
 *
 * - explicit `asOf` param: that instant, the whole history up to it;
 * - an interval on session_start in an `and` filter ending at hi: asOf = min(hi, last
 *   session_start of the data), orders before hi;
 * - otherwise the last session_start of the data.
 *
 * The filter sent for summaries is the filter without its session_start intervals, plus one
 * interval [first session_start, cut) selecting the orders that count by then (`time <= asOf
 * && time < before`). Session times are whole milliseconds (the importer's epoch ms), so
 * `time <= asOf` is `time < asOf + 1`.
 */
export interface SummaryAsOf {
  /** Null when the data has no session times. */
  readonly at: AsOf | null;
  /** The filter without its session_start intervals. */
  readonly rest: Filter;
  /** `rest` with the as-of cut: what the summaries are asked for. */
  readonly summariesFilter: Filter;
}

const SESSION_START = new Set(['session_start', 'sessions.session_start']);

/** Resolves the as-of instant of `filter` and an `asOf` param (see `SummaryAsOf`). */
export function summaryAsOf(analysis: string, filter: Filter, asOfParam: unknown, env: { readonly time: import('@clvkit/core').TimeOptions; readonly timeExtent: readonly [number, number] | null }): SummaryAsOf {
  const calendar = calendarFor(env.time);
  const explicit = readInstant(analysis, 'asOf', asOfParam, calendar);
  const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
  const intervals = isAnd ? filter.predicates.filter(isSessionStartInterval) : [];
  const rest: Filter = intervals.length > 0 ? { mode: 'and', predicates: filter.predicates.filter((p) => !intervals.includes(p)) } : filter;
  const extent = env.timeExtent;
  let at: AsOf | null;
  if (explicit !== undefined) at = { asOf: explicit, before: Infinity };
  else if (!extent) at = null;
  else if (intervals.length > 0) {
    let hi = Infinity;
    for (const p of intervals) if (p.type === 'interval') hi = Math.min(hi, p.range[1]);
    // An open-ended interval ends where the data ends (as `periodOf`).
    if (!Number.isFinite(hi)) hi = calendar.add(extent[1], 'day', 1);
    at = { asOf: Math.min(hi, extent[1]), before: hi };
  } else at = { asOf: extent[1], before: Infinity };
  if (!at || !extent) return { at, rest, summariesFilter: rest };
  const cut = Math.min(at.asOf + 1, at.before);
  if (cut > extent[1]) return { at, rest, summariesFilter: rest };
  const clause = interval('session_start', extent[0], cut);
  if (rest.mode === 'or' && rest.predicates.length > 1) {
    throw new TypeError(`${analysis}: an "or" filter with an as-of date cannot be summarised on this data source; use an "and" selection or leave asOf out`);
  }
  return { at, rest, summariesFilter: { mode: 'and', predicates: [...rest.predicates, clause] } };
}

function isSessionStartInterval(p: Predicate): boolean {
  return p.type === 'interval' && SESSION_START.has(p.field);
}

/**
 * The period's range of `periodOf` without a dataset: the intersection of the `and` filter's
 * session_start intervals (open ends at the data range's), else the data range (from the
 * first session's local day to a day after the last session); null without session times.
 */
export function summaryPeriodRange(filter: Filter, env: { readonly time: import('@clvkit/core').TimeOptions; readonly timeExtent: readonly [number, number] | null }): readonly [number, number] | null {
  const calendar = calendarFor(env.time);
  const extent = env.timeExtent;
  const data: [number, number] | null = extent ? [calendar.floor(extent[0], 'day'), calendar.add(extent[1], 'day', 1)] : null;
  const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
  const intervals = isAnd ? filter.predicates.filter(isSessionStartInterval) : [];
  if (intervals.length === 0) return data;
  let lo = -Infinity;
  let hi = Infinity;
  for (const p of intervals) {
    if (p.type !== 'interval') continue;
    lo = Math.max(lo, p.range[0]);
    hi = Math.min(hi, p.range[1]);
  }
  if (!Number.isFinite(lo) && data) lo = data[0];
  if (!Number.isFinite(hi) && data) hi = data[1];
  return [lo, Math.max(lo, hi)];
}
