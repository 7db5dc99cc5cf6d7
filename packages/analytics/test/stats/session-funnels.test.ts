import { describe, expect, it } from 'vitest';
import { interval, isIn, type Filter, type Row } from '@clvkit/core';
import { runStats } from './run.js';
import { funnelShop, utc } from './fixtures.js';

const and = (...predicates: Filter['predicates']): Filter => ({ mode: 'and', predicates });
const STEPS = ['session', 'has_basket', 'order_screen', 'purchase'];
/** [count, conversionFromPrevious, conversionFromFirst] per step of the rows with `head`. */
const steps = (rows: readonly Row[], head: Row) =>
  rows.filter((r) => Object.entries(head).every(([k, v]) => r[k] === v)).map((r) => [r.step, r.count, r.conversionFromPrevious, r.conversionFromFirst]);

describe('funnel', () => {
  it('totals each step over the period with step and overall conversion', () => {
    // sessions 9; has_basket s1 s2 s3 s4 s6 s7 s8 = 7; order_screen s1 s3 s4 s6 s7 s8 = 6; purchase s1 s3 s4 s6 s8 = 5
    const { rows, meta } = runStats(funnelShop(), 'funnel');
    expect(rows).toEqual([
      { step: 'session', stepIndex: 0, count: 9, conversionFromPrevious: 1, conversionFromFirst: 1 },
      { step: 'has_basket', stepIndex: 1, count: 7, conversionFromPrevious: 7 / 9, conversionFromFirst: 7 / 9 },
      { step: 'order_screen', stepIndex: 2, count: 6, conversionFromPrevious: 6 / 7, conversionFromFirst: 6 / 9 },
      { step: 'purchase', stepIndex: 3, count: 5, conversionFromPrevious: 5 / 6, conversionFromFirst: 5 / 9 },
    ]);
    expect(meta).toEqual({ period: [utc('2024-12-28'), utc('2025-01-07')], steps: STEPS, fields: [null, 'has_basket', 'order_screen', 'has_purchased'] });
  });

  it('runs under the filter, and with nulls when nothing passes', () => {
    // app: s3 (b s p), s5 (-), s6 (b s p), s9 (-) -> 4, 2, 2, 2
    expect(steps(runStats(funnelShop(), 'funnel', {}, and(isIn('dimension', ['app']))).rows, {})).toEqual([
      ['session', 4, 1, 1], ['has_basket', 2, 0.5, 0.5], ['order_screen', 2, 1, 0.5], ['purchase', 2, 1, 0.5],
    ]);
    expect(steps(runStats(funnelShop(), 'funnel', {}, and(interval('session_start', utc('2023-01-01'), utc('2023-02-01')))).rows, {})).toEqual([
      ['session', 0, null, null], ['has_basket', 0, null, null], ['order_screen', 0, null, null], ['purchase', 0, null, null],
    ]);
  });

  it('has only session and purchase without host actions, and works on an order log', () => {
    expect(steps(runStats(funnelShop({ actions: false }), 'funnel').rows, {})).toEqual([['session', 9, 1, 1], ['purchase', 5, 5 / 9, 5 / 9]]);
    // order log: 5 rows, each an order
    expect(steps(runStats(funnelShop({ ordersOnly: true, customers: false }), 'funnel').rows, {})).toEqual([['session', 5, 1, 1], ['purchase', 5, 1, 1]]);
  });
});

describe('daily_funnel, weekly_funnel, monthly_funnel', () => {
  it('gives one row per day and step over the data range, empty days as zeros with null conversion', () => {
    const { rows, meta } = runStats(funnelShop(), 'daily_funnel');
    expect(meta).toMatchObject({ unit: 'day', period: [utc('2024-12-28'), utc('2025-01-07')], steps: STEPS });
    expect(rows).toHaveLength(10 * 4); // 12-28 .. 01-06
    expect(rows[0]).toEqual({ bucket: utc('2024-12-28'), step: 'session', stepIndex: 0, count: 1, conversionFromPrevious: 1, conversionFromFirst: 1 });
    expect(steps(rows, { bucket: utc('2024-12-30') })).toEqual([
      ['session', 1, 1, 1], ['has_basket', 1, 1, 1], ['order_screen', 0, 0, 0], ['purchase', 0, null, 0], // s2 basket only
    ]);
    expect(steps(rows, { bucket: utc('2024-12-31') })).toEqual([
      ['session', 0, null, null], ['has_basket', 0, null, null], ['order_screen', 0, null, null], ['purchase', 0, null, null],
    ]);
    expect(steps(rows, { bucket: utc('2025-01-06') })).toEqual([
      ['session', 2, 1, 1], ['has_basket', 1, 0.5, 0.5], ['order_screen', 1, 1, 0.5], ['purchase', 1, 1, 0.5], // s8 (b s p), s9 (-)
    ]);
  });

  it('puts a late session on the next local day (Europe/Berlin)', () => {
    // s5 2024-12-29 23:30Z = 12-30 00:30 Berlin: 12-29 (Berlin) is empty, 12-30 has s5 and s2 (basket)
    const rows = runStats(funnelShop({ time: { timeZone: 'Europe/Berlin' } }), 'daily_funnel').rows;
    expect(steps(rows, { bucket: Date.parse('2024-12-28T23:00:00Z') }).map((s) => s[1])).toEqual([0, 0, 0, 0]);
    expect(steps(rows, { bucket: Date.parse('2024-12-29T23:00:00Z') }).map((s) => s[1])).toEqual([2, 1, 0, 0]);
  });

  it('spans weeks across the new year and calendar months', () => {
    const weekly = runStats(funnelShop(), 'weekly_funnel').rows;
    expect(weekly).toHaveLength(3 * 4);
    expect(steps(weekly, { bucket: utc('2024-12-23') }).map((s) => s[1])).toEqual([2, 1, 1, 1]); // s1, s5
    expect(steps(weekly, { bucket: utc('2024-12-30') })).toEqual([
      ['session', 5, 1, 1], ['has_basket', 5, 1, 1], ['order_screen', 4, 0.8, 0.8], ['purchase', 3, 0.75, 0.6], // s2 s3 s4 s6 s7
    ]);
    expect(steps(weekly, { bucket: utc('2025-01-06') }).map((s) => s[1])).toEqual([2, 1, 1, 1]); // s8, s9
    const monthly = runStats(funnelShop(), 'monthly_funnel').rows;
    expect(steps(monthly, { bucket: utc('2024-12-01') }).map((s) => s[1])).toEqual([3, 2, 1, 1]); // s1 s2 s5
    expect(steps(monthly, { bucket: utc('2025-01-01') }).map((s) => s[1])).toEqual([6, 5, 5, 4]); // s3 s4 s6 s7 s8 s9
  });

  it('spans the filter interval and is empty outside the data', () => {
    const rows = runStats(funnelShop(), 'daily_funnel', {}, and(interval('session_start', utc('2025-01-05'), utc('2025-01-10')))).rows;
    expect([...new Set(rows.map((r) => r.bucket))]).toEqual([utc('2025-01-05'), utc('2025-01-06')]); // clipped to the data's last day
    expect(runStats(funnelShop(), 'daily_funnel', {}, and(interval('session_start', utc('2023-01-01'), utc('2023-02-01')))).rows).toEqual([]);
  });
});

describe('hourly_funnel', () => {
  it('averages each hour over every day of the period, days without sessions counting as 0', () => {
    // 10 days (12-28 .. 01-06; 12-31 and 01-04 have no session). UTC hours:
    // 9: s2 (b), s3 (b s p), s6 (b s p), s7 (b s), s9 (-) -> 5, 4, 3, 2; 10: s1, s8 (b s p) -> 2 each;
    // 20: s4 -> 1 each; 23: s5 -> 1, 0, 0, 0.
    const { rows, meta } = runStats(funnelShop(), 'hourly_funnel');
    expect(meta).toMatchObject({ days: 10, steps: STEPS });
    expect(rows).toHaveLength(24 * 4);
    expect(steps(rows, { hour: 9 })).toEqual([
      ['session', 0.5, 1, 1], ['has_basket', 0.4, 4 / 5, 4 / 5], ['order_screen', 0.3, 3 / 4, 3 / 5], ['purchase', 0.2, 2 / 3, 2 / 5],
    ]);
    expect(steps(rows, { hour: 10 }).map((s) => s[1])).toEqual([0.2, 0.2, 0.2, 0.2]);
    expect(steps(rows, { hour: 23 })).toEqual([['session', 0.1, 1, 1], ['has_basket', 0, 0, 0], ['order_screen', 0, null, 0], ['purchase', 0, null, 0]]);
    expect(steps(rows, { hour: 3 })).toEqual([['session', 0, null, null], ['has_basket', 0, null, null], ['order_screen', 0, null, null], ['purchase', 0, null, null]]);
  });

  it('divides by the days of the filter interval, empty trailing days included', () => {
    // [01-01, 01-08): 7 days (01-04 and 01-07 without sessions); hour 9: s3 (b s p), s6 (b s p), s7 (b s), s9 (-) -> 4, 3, 3, 2
    const { rows, meta } = runStats(funnelShop(), 'hourly_funnel', {}, and(interval('session_start', utc('2025-01-01'), utc('2025-01-08'))));
    expect(meta.days).toBe(7);
    expect(steps(rows, { hour: 9 }).map((s) => s[1])).toEqual([4 / 7, 3 / 7, 3 / 7, 2 / 7]);
  });

  it('uses local hours (Europe/Berlin, UTC+1 in winter)', () => {
    // s5 23:30Z -> hour 0; 9:xxZ sessions -> hour 10; Berlin data range 12-28 .. 01-06 = 10 days
    const { rows, meta } = runStats(funnelShop({ time: { timeZone: 'Europe/Berlin' } }), 'hourly_funnel');
    expect(meta.days).toBe(10);
    expect(steps(rows, { hour: 0 }).map((s) => s[1])).toEqual([0.1, 0, 0, 0]);
    expect(steps(rows, { hour: 10 }).map((s) => s[1])).toEqual([0.5, 0.4, 0.3, 0.2]);
    expect(steps(rows, { hour: 11 }).map((s) => s[1])).toEqual([0.2, 0.2, 0.2, 0.2]); // s1, s8
  });

  it('is all zeros for an empty period', () => {
    const { rows, meta } = runStats(funnelShop(), 'hourly_funnel', {}, and(interval('session_start', utc('2023-01-01'), utc('2023-01-01'))));
    expect(meta.days).toBe(0);
    expect(rows.every((r) => r.count === 0 && r.conversionFromFirst === null)).toBe(true);
  });
});
