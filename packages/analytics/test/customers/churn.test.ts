import { describe, expect, it } from 'vitest';
import { interval, isIn } from '@clvkit/core';
import { DAY, fixture, ms, report } from './fixtures.js';

type Order = [client: string, date: string, payment?: number, dimension?: string];
const shop = (orders: Order[], extra: { visits?: [string, string][]; time?: { timeZone?: string; weekStart?: number } } = {}) =>
  fixture({
    time: extra.time,
    sessions: [
      ...orders.map(([client, date, payment = 10, dimension = 'web'], i) => ({ id: `o${i}`, client, start: `${date}T00:00:00Z`, payment, dimension })),
      ...(extra.visits ?? []).map(([client, date], i) => ({ id: `v${i}`, client, start: `${date}T00:00:00Z`, purchased: false })),
    ],
  });

describe('churn', () => {
  /*
   * Orders at 00:00Z; asOf = the last session_start = 2024-10-15 (h's visit).
   * | client | orders            | mean gap (days)       |
   * | a      | 01-10 01-20 01-30 | (01-30 - 01-10) / 2 = 10 |
   * | b      | 03-01 03-21       | 20                    |
   * | f      | 08-01 10-01       | 61                    |
   * | c      | 06-01             | one order             |
   * | d      | 09-15             | one order             |
   * avgGap = (10 + 20 + 61) / 3 = 91/3 = 30.33 days; engaged = last order within 30.33 days of 10-15:
   * d (30 days) and f (14 days); buyers 5; churn = 1 - 2/5 = 0.6.
   */
  const orders: Order[] = [
    ['a', '2024-01-10'], ['a', '2024-01-20'], ['a', '2024-01-30'],
    ['b', '2024-03-01'], ['b', '2024-03-21'],
    ['f', '2024-08-01', 10, 'app'], ['f', '2024-10-01', 10, 'app'],
    ['c', '2024-06-01'], ['d', '2024-09-15'],
  ];
  const data = () => shop(orders, { visits: [['h', '2024-10-15']] });

  it('is 1 - engaged / buyers with the average gap of repeat buyers', () => {
    const { rows, meta } = report(data(), 'churn');
    expect(rows).toHaveLength(1);
    expect(rows[0].avgGapDays).toBeCloseTo(91 / 3, 12);
    expect(rows[0]).toMatchObject({ repeatBuyers: 3, buyers: 5, engaged: 2 });
    expect(rows[0].churn).toBeCloseTo(0.6, 12);
    expect(meta?.asOf).toBe(ms('2024-10-15'));
    expect(meta?.engagedSince as number).toBeCloseTo(ms('2024-10-15') - (91 / 3) * DAY, 3);
  });

  it('counts only the orders by asOf, and the filter\'s other predicates', () => {
    // asOf 2024-05-01: a (gap 10) and b (gap 20) -> avgGap 15; last orders 01-30 (92 days), 03-21 (41 days): none engaged.
    const early = report(data(), 'churn', { asOf: '2024-05-01' }).rows[0];
    expect(early).toEqual({ avgGapDays: 15, repeatBuyers: 2, buyers: 2, engaged: 0, churn: 1 });
    // app only: f, gap 61, last order 14 days ago -> engaged, churn 0.
    expect(report(data(), 'churn', {}, [isIn('dimension', ['app'])]).rows[0]).toEqual({ avgGapDays: 61, repeatBuyers: 1, buyers: 1, engaged: 1, churn: 0 });
  });

  it('has no churn without repeat buyers (one-order customers only) or without orders', () => {
    const single = shop([['x', '2024-01-01'], ['y', '2024-02-01']]);
    expect(report(single, 'churn').rows[0]).toEqual({ avgGapDays: null, repeatBuyers: 0, buyers: 2, engaged: null, churn: null });
    expect(report(single, 'churn', {}, [isIn('dimension', ['none'])]).rows[0]).toEqual({ avgGapDays: null, repeatBuyers: 0, buyers: 0, engaged: null, churn: null });
  });
});

describe('churn_monthly', () => {
  /*
   * | client | orders (00:00Z)          |
   * | p      | 01-10, 01-30, 02-25      |
   * | q      | 01-20, 01-28             |
   * | r      | 02-05, 02-27, 03-04      |
   * | s      | 01-25                    |
   * Period: 01-10 .. end of 03-04 = 03-05T00:00. Boundaries 01-01, 02-01, 03-01, 03-05 (clipped).
   * 02-01: gaps p (01-30 - 01-10) = 20, q 8 -> avgGap 14. Engaged: p (2 days), q (4), s (7) -> 3.
   * 03-01: gaps p (02-25 - 01-10) / 2 = 46/2 = 23, q 8, r (02-27 - 02-05) = 22 -> 53/3 = 17.67.
   *        Engaged: p (4 days), r (2); q (33) and s (36) are not -> February lost q and s of 3.
   * 03-05: gaps p 23, q 8, r (03-04 - 02-05) / 2 = 28/2 = 14 -> 45/3 = 15.
   *        Engaged: p (02-25, 9 days), r (1 day) -> March lost none of 2.
   */
  const data = () =>
    shop([
      ['p', '2024-01-10'], ['p', '2024-01-30'], ['p', '2024-02-25'],
      ['q', '2024-01-20'], ['q', '2024-01-28'],
      ['r', '2024-02-05'], ['r', '2024-02-27'], ['r', '2024-03-04'],
      ['s', '2024-01-25'],
    ]);

  it('is the share of the customers engaged at the start of the month who are not at its end', () => {
    const { rows, meta } = report(data(), 'churn_monthly');
    expect(meta).toEqual({ unit: 'month', period: [ms('2024-01-10'), ms('2024-03-05')] });
    expect(rows.map(({ avgGapDays, ...rest }) => rest)).toEqual([
      { bucket: ms('2024-01-01'), engagedAtStart: 0, lost: 0, churn: null, engaged: 3 },
      { bucket: ms('2024-02-01'), engagedAtStart: 3, lost: 2, churn: 2 / 3, engaged: 2 },
      { bucket: ms('2024-03-01'), engagedAtStart: 2, lost: 0, churn: 0, engaged: 2 },
    ]);
    expect(rows[0].avgGapDays).toBe(14);
    expect(rows[1].avgGapDays).toBeCloseTo(53 / 3, 12);
    expect(rows[2].avgGapDays).toBe(15);
  });

  it('keeps history before a brushed period and returns nothing for an empty one', () => {
    // Only March: engaged at 03-01 still uses January and February's orders.
    expect(report(data(), 'churn_monthly', {}, [interval('session_start', ms('2024-03-01'), ms('2024-04-01'))]).rows).toEqual([
      { bucket: ms('2024-03-01'), engagedAtStart: 2, lost: 0, churn: 0, engaged: 2, avgGapDays: 15 },
    ]);
    expect(report(data(), 'churn_monthly', {}, [interval('session_start', ms('2025-03-01'), ms('2025-04-01'))]).rows).toEqual([]);
  });
});

describe('churn_weekly', () => {
  /*
   * Weeks start on Monday; the second week crosses the new year.
   * | u | 2024-12-23 (Mon), 12-27, 2025-01-02 |
   * | v | 2024-12-24, 12-26                  |
   * Period: 12-23 .. end of 01-02 = 01-03. Boundaries 12-23, 12-30, 01-03 (clipped).
   * 12-30: gaps u 4, v 2 -> avgGap 3; u's last order 3 days ago (exactly the gap: engaged), v's 4 days -> 1 engaged.
   * 01-03: gaps u (01-02 - 12-23) / 2 = 5, v 2 -> 3.5; u (1 day) engaged, v (8 days) not.
   */
  const data = (weekStart = 1) =>
    shop([['u', '2024-12-23'], ['u', '2024-12-27'], ['u', '2025-01-02'], ['v', '2024-12-24'], ['v', '2024-12-26']], { time: { weekStart } });

  it('counts per week, across the turn of the year', () => {
    expect(report(data(), 'churn_weekly').rows).toEqual([
      { bucket: ms('2024-12-23'), engagedAtStart: 0, lost: 0, churn: null, engaged: 1, avgGapDays: 3 },
      { bucket: ms('2024-12-30'), engagedAtStart: 1, lost: 0, churn: 0, engaged: 1, avgGapDays: 3.5 },
    ]);
  });

  it('uses the dataset\'s week start', () => {
    // Sunday weeks: 12-22 .. 12-29 .. 01-03 (clipped). At 12-29: u (12-27) 2 days, v (12-26) 3 days, avgGap 3 -> both engaged.
    // At 01-03: only u -> the second week lost v.
    expect(report(data(0), 'churn_weekly').rows).toEqual([
      { bucket: ms('2024-12-22'), engagedAtStart: 0, lost: 0, churn: null, engaged: 2, avgGapDays: 3 },
      { bucket: ms('2024-12-29'), engagedAtStart: 2, lost: 1, churn: 0.5, engaged: 1, avgGapDays: 3.5 },
    ]);
  });
});
