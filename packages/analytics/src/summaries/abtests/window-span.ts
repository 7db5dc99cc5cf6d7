import { calendarFor, type Predicate, type TimeOptions } from '@clvkit/core';
import type { CustomerDayRecord, CustomerSummaryRecord } from '../types.js';

/** Interval bounds at or beyond this stand for an open end (the wire's ±8.64e15, or ±Infinity). */
const OPEN = 8.64e15;

/**
 * The stretch of time `[lo, hi)` the windows of a before/after test can reach when the date
 * range (the `and` filter's session_start intervals) is `range`: a trigger t0 lies in the
 * range, and its windows in [t0 − W, t0 + W) local calendar days. The span is widened to whole
 * local days plus one day each side (DST-safe), and clamped to the data `extent` (finite bounds).
 * Null when there is no range, or the span holds the whole data (nothing to save). An open end
 * of the range (±Infinity, or the wire's ±8.64e15) leaves that end at the data's.
 */
export function windowSpan(range: readonly Predicate[], windowDays: number, time: TimeOptions, extent: readonly [number, number] | null): readonly [number, number] | null {
  if (range.length === 0 || !extent) return null;
  let lo = -Infinity;
  let hi = Infinity;
  for (const p of range) {
    if (p.type !== 'interval') continue;
    if (p.range[0] > -OPEN) lo = Math.max(lo, p.range[0]);
    if (p.range[1] < OPEN) hi = Math.min(hi, p.range[1]);
  }
  const calendar = calendarFor(time);
  const from = Number.isFinite(lo) ? calendar.add(calendar.floor(lo, 'day'), 'day', -(windowDays + 1)) : -Infinity;
  const to = Number.isFinite(hi) ? calendar.add(calendar.floor(hi, 'day'), 'day', windowDays + 2) : Infinity;
  if (from <= extent[0] && to > extent[1]) return null;
  // clamped to the data, so that no bound is infinite on the wire
  return [Math.max(from, extent[0]), Math.min(to, extent[1] + 1)];
}

/**
 * The orders before the span that still decide a test (the windows' pages start at the span):
 * each customer's first order (`early`: summaries of the pages' clauses before the span; it
 * makes them an existing customer) and their first use of each subject (`firstUses`, so a later
 * use inside the span is not taken for the first). As activity rows (all exact: every instant
 * of such a day is its first order, or a marked first use placed at its own time) with no
 * payment (they lie in no window).
 */
export function earlyDays(early: readonly CustomerSummaryRecord[], firstUses: readonly { client: string; at: number }[], time: TimeOptions): CustomerDayRecord[] {
  const calendar = calendarFor(time);
  const instants = new Map<string, Set<number>>();
  const add = (client: string, at: number) => {
    const days = instants.get(client);
    if (days) days.add(at);
    else instants.set(client, new Set([at]));
  };
  for (const row of early) if (row.firstOrderAt !== null) add(row.client, row.firstOrderAt);
  for (const use of firstUses) add(use.client, use.at);
  const out: CustomerDayRecord[] = [];
  for (const [client, set] of instants) {
    const byDay = new Map<number, number[]>();
    for (const at of set) {
      const day = calendar.floor(at, 'day');
      const list = byDay.get(day);
      if (list) list.push(at);
      else byDay.set(day, [at]);
    }
    for (const [day, list] of byDay) {
      list.sort((a, b) => a - b);
      const first = list[0];
      const last = list[list.length - 1];
      out.push({ client, day, sessions: list.length, firstSessionAt: first, lastSessionAt: last, orders: list.length, firstOrderAt: first, lastOrderAt: last, revenue: 0, discount: 0, firstOrderRevenue: 0, lastOrderRevenue: 0, firstOrderDiscount: 0, lastOrderDiscount: 0, promotionOrders: 0 });
    }
  }
  return out;
}

/** Activity rows merged in page order: ascending by client, then day. */
export function byClientAndDay(rows: readonly CustomerDayRecord[]): CustomerDayRecord[] {
  return [...rows].sort((a, b) => (a.client < b.client ? -1 : a.client > b.client ? 1 : a.day - b.day));
}
