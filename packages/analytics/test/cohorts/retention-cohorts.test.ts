import { describe, expect, it } from 'vitest';
import { interval, isIn } from '@clvkit/core';
import { ms, retentionShop, run, yearEndShop } from './fixtures.js';

const row = (cohort: string, offset: number, customers: number, cohortSize: number, revenue: number, orders: number, cumulative: number) => ({
  cohort,
  offset,
  customers,
  cohortSize,
  retention: customers / cohortSize,
  revenue,
  cumulativeRevenuePerCustomer: cumulative,
  averageOrderValue: orders > 0 ? revenue / orders : null,
  orders,
});

describe('retention_cohorts (retentionShop, see fixtures.ts)', () => {
  it('monthly in UTC: cohorts by first-order month, cells per month since, a complete triangle', () => {
    const result = run(retentionShop(), 'retention_cohorts', { bucket: 'month' });
    // Data: January .. March (the last session is 03-31 22:30Z).
    // January cohort = p (01-15), q (01-31 23:00): size 2.
    //   m0 January: p 100 + 50, q 40 -> 2 customers, 3 orders, 190; cumulative 190 / 2 = 95; AOV 190 / 3.
    //   m1 February: q 60 -> 1 customer (1/2), 60; cumulative (190 + 60) / 2 = 125.
    //   m2 March: p 30 -> 1 customer, 30; cumulative 280 / 2 = 140.
    // February cohort = r (02-10), s (02-29): size 2.
    //   m0 February: r 20, s 70 -> 2, 2 orders, 90; cumulative 45; AOV 45.
    //   m1 March: s 10 (03-31 22:30Z) -> 1, 10; cumulative 100 / 2 = 50.
    // No one's first order is in March: no March cohort. v only visited: in no cohort.
    expect(result.rows).toEqual([
      row('2024-01-01', 0, 2, 2, 190, 3, 95),
      row('2024-01-01', 1, 1, 2, 60, 1, 125),
      row('2024-01-01', 2, 1, 2, 30, 1, 140),
      row('2024-02-01', 0, 2, 2, 90, 2, 45),
      row('2024-02-01', 1, 1, 2, 10, 1, 50),
    ]);
    expect(result.meta).toEqual({
      bucket: 'month',
      period: [ms('2024-01-10T00:00Z'), ms('2024-04-01T00:00Z')],
      cohorts: ['2024-01-01', '2024-02-01'],
      cohortStarts: [ms('2024-01-01T00:00Z'), ms('2024-02-01T00:00Z')],
      cohortSizes: [2, 2],
      offsets: [0, 1, 2],
      maxOffset: null,
    });
  });

  it('monthly in Europe/Berlin: local month edges and the DST change', () => {
    const result = run(retentionShop({ timeZone: 'Europe/Berlin' }), 'retention_cohorts', { bucket: 'month' });
    // q's first order 01-31 23:00Z is 02-01 00:00 in Berlin (UTC+1): q joins the February cohort.
    // s's 03-31 22:30Z is 04-01 00:30 in Berlin (UTC+2 since 03-31): April, so the data runs to April.
    // January cohort = p: m0 150 in 2 orders (AOV 75); m1 nothing; m2 30; m3 nothing.
    // February cohort = q, r, s: m0 q 40 + 60, r 20, s 70 = 190 in 4 orders by 3 customers (AOV 47.5);
    //   m1 March nothing; m2 April s 10 -> 1/3; cumulative 190/3, 190/3, 200/3.
    expect(result.rows).toEqual([
      row('2024-01-01', 0, 1, 1, 150, 2, 150),
      row('2024-01-01', 1, 0, 1, 0, 0, 150),
      row('2024-01-01', 2, 1, 1, 30, 1, 180),
      row('2024-01-01', 3, 0, 1, 0, 0, 180),
      row('2024-02-01', 0, 3, 3, 190, 4, 190 / 3),
      row('2024-02-01', 1, 0, 3, 0, 0, 190 / 3),
      row('2024-02-01', 2, 1, 3, 10, 1, 200 / 3),
    ]);
    // Cohort labels are local dates; their starts are local midnights (UTC+1 in winter).
    expect(result.meta).toMatchObject({ cohorts: ['2024-01-01', '2024-02-01'], cohortStarts: [ms('2023-12-31T23:00Z'), ms('2024-01-31T23:00Z')] });
  });

  it('weekly across the year end, weeks from Monday and from Sunday', () => {
    // Monday weeks: 12-30 .. 01-05, 01-06 .. 01-12, 01-13 .. 01-19, 01-20 .. 01-26.
    // Cohort 2024-12-30 = x (12-31), y (01-02): m0 x 10 + 20, y 40 -> 2 customers, 3 orders, 70;
    //   m1 x 30; m2 nothing; m3 y 50. Cumulative /2: 35, 50, 50, 75.
    // Cohort 2025-01-06 = z: m0 60; m1, m2 nothing (the data ends in the week of 01-20).
    expect(run(yearEndShop(1), 'retention_cohorts', { bucket: 'week' }).rows).toEqual([
      row('2024-12-30', 0, 2, 2, 70, 3, 35),
      row('2024-12-30', 1, 1, 2, 30, 1, 50),
      row('2024-12-30', 2, 0, 2, 0, 0, 50),
      row('2024-12-30', 3, 1, 2, 50, 1, 75),
      row('2025-01-06', 0, 1, 1, 60, 1, 60),
      row('2025-01-06', 1, 0, 1, 0, 0, 60),
      row('2025-01-06', 2, 0, 1, 0, 0, 60),
    ]);
    // Sunday weeks: 12-29 .. 01-04, 01-05 .. 01-11, 01-12 .. 01-18, 01-19 .. 01-25.
    // Cohort 2024-12-29 = x, y: m0 x 10, y 40 = 50; m1 x 20 + 30 (01-05, 01-06) = 50 in 2 orders by 1
    //   customer (AOV 25); m2 nothing; m3 y 50. Cumulative /2: 25, 50, 50, 75.
    // Cohort 2025-01-05 = z (01-07): m0 60, m1, m2 nothing.
    expect(run(yearEndShop(0), 'retention_cohorts', { bucket: 'week' }).rows).toEqual([
      row('2024-12-29', 0, 2, 2, 50, 2, 25),
      row('2024-12-29', 1, 1, 2, 50, 2, 50),
      row('2024-12-29', 2, 0, 2, 0, 0, 50),
      row('2024-12-29', 3, 1, 2, 50, 1, 75),
      row('2025-01-05', 0, 1, 1, 60, 1, 60),
      row('2025-01-05', 1, 0, 1, 0, 0, 60),
      row('2025-01-05', 2, 0, 1, 0, 0, 60),
    ]);
  });

  it('maxOffset cuts the columns, not the cumulative sums before it', () => {
    const result = run(yearEndShop(1), 'retention_cohorts', { bucket: 'week', maxOffset: 1 });
    expect(result.rows.map((r) => [r.cohort, r.offset, r.cumulativeRevenuePerCustomer])).toEqual([
      ['2024-12-30', 0, 35],
      ['2024-12-30', 1, 50],
      ['2025-01-06', 0, 60],
      ['2025-01-06', 1, 60],
    ]);
    expect(result.meta).toMatchObject({ offsets: [0, 1], maxOffset: 1 });
    expect(() => run(yearEndShop(1), 'retention_cohorts', { bucket: 'day' })).toThrow(/bucket/);
  });

  it('a channel filter defines the cohort by the first order in that channel', () => {
    // Web orders: p 01-15 100, p 03-10 30; q 02-01 01:00 60; r 02-10 20; s 03-31 22:30 10.
    // First web orders: p January, q and r February, s March (overall, q is January's and s February's).
    const result = run(retentionShop(), 'retention_cohorts', { bucket: 'month' }, [isIn('dimension', ['web'])]);
    expect(result.rows).toEqual([
      row('2024-01-01', 0, 1, 1, 100, 1, 100),
      row('2024-01-01', 1, 0, 1, 0, 0, 100),
      row('2024-01-01', 2, 1, 1, 30, 1, 130),
      row('2024-02-01', 0, 2, 2, 80, 2, 40),
      row('2024-02-01', 1, 0, 2, 0, 0, 40),
      row('2024-03-01', 0, 1, 1, 10, 1, 10),
    ]);
    expect(result.meta).toMatchObject({ cohortSizes: [1, 2, 1] });
  });

  it('a date range limits the cells, not who is in which cohort', () => {
    const february = [interval('session_start', ms('2024-02-01T00:00Z'), ms('2024-03-01T00:00Z'))];
    const result = run(retentionShop(), 'retention_cohorts', { bucket: 'month' }, february);
    // January cohort (p, q; size 2) is listed because q ordered in February: m1 = q 60, retention 1/2;
    //   cumulative over the range = 60 / 2 = 30 (January's revenue is outside the range).
    // February cohort (r, s; size 2): m0 = r 20 + s 70.
    expect(result.rows).toEqual([row('2024-01-01', 1, 1, 2, 60, 1, 30), row('2024-02-01', 0, 2, 2, 90, 2, 45)]);
    expect(result.meta).toMatchObject({ cohorts: ['2024-01-01', '2024-02-01'], cohortSizes: [2, 2], offsets: [0, 1], period: [ms('2024-02-01T00:00Z'), ms('2024-03-01T00:00Z')] });
    // A range with no data: nothing.
    const empty = run(retentionShop(), 'retention_cohorts', {}, [interval('session_start', ms('2030-01-01T00:00Z'), ms('2030-02-01T00:00Z'))]);
    expect(empty.rows).toEqual([]);
    expect(empty.meta).toMatchObject({ cohorts: [], offsets: [] });
  });

  it('works on an order log (ordersOnly) and on a shop without orders', () => {
    const log = { ...retentionShop(), ordersOnly: true };
    // Every session is an order now: v's visit on 01-10 (payment 0) makes v a January customer.
    const result = run(log, 'retention_cohorts', { bucket: 'month' });
    expect(result.rows[0]).toEqual(row('2024-01-01', 0, 3, 3, 190, 4, 190 / 3));
    const noOrders = { ...retentionShop(), ordersOnly: false, sessions: { ...retentionShop().sessions, columns: { ...retentionShop().sessions.columns, has_purchased: { type: 'boolean' as const, values: new Uint8Array(9) } } } };
    expect(run(noOrders, 'retention_cohorts').rows).toEqual([]);
    expect(run(noOrders, 'cohort_lifetime').rows).toEqual([]);
  });
});

describe('cohort_lifetime', () => {
  const DAY = 86_400_000;
  it('means (last - first order) per cohort in days and in buckets, one-order customers as 0', () => {
    const result = run(retentionShop(), 'cohort_lifetime', { bucket: 'month' });
    // January: p 01-15 12:00 -> 03-10 12:00 = 55 days (16 + 29 + 10), 2 months; q 01-31 23:00 ->
    //   02-01 01:00 = 2 hours = 1/12 day, 1 month. Means: (55 + 1/12) / 2 days, (2 + 1) / 2 months.
    // February: r one order (0); s 02-29 12:00 -> 03-31 22:30 = 31 days 10.5 hours, 1 month.
    expect(result.rows).toEqual([
      { cohort: '2024-01-01', cohortSize: 2, meanLifetimeDays: (55 + 1 / 12) / 2, meanLifetimeBuckets: 1.5 },
      { cohort: '2024-02-01', cohortSize: 2, meanLifetimeDays: (31 + 10.5 / 24) / 2, meanLifetimeBuckets: 0.5 },
    ]);
    expect(result.meta).toMatchObject({ bucket: 'month', asOf: null });
    expect((ms('2024-03-10T12:00Z') - ms('2024-01-15T12:00Z')) / DAY).toBe(55);
  });

  it('measures lifetimes up to the end of a date range, and by first order within a channel', () => {
    const february = [interval('session_start', ms('2024-02-01T00:00Z'), ms('2024-03-01T00:00Z'))];
    // Up to 03-01: p 01-15 -> 01-20 = 5 days, 0 months; q 2 hours, 1 month. r 0; s only 02-29: 0.
    expect(run(retentionShop(), 'cohort_lifetime', {}, february).rows).toEqual([
      { cohort: '2024-01-01', cohortSize: 2, meanLifetimeDays: (5 + 1 / 12) / 2, meanLifetimeBuckets: 0.5 },
      { cohort: '2024-02-01', cohortSize: 2, meanLifetimeDays: 0, meanLifetimeBuckets: 0 },
    ]);
    // Web only: p 01-15 -> 03-10 (55 days, 2 months); q and r one web order each; s one web order.
    expect(run(retentionShop(), 'cohort_lifetime', {}, [isIn('dimension', ['web'])]).rows).toEqual([
      { cohort: '2024-01-01', cohortSize: 1, meanLifetimeDays: 55, meanLifetimeBuckets: 2 },
      { cohort: '2024-02-01', cohortSize: 2, meanLifetimeDays: 0, meanLifetimeBuckets: 0 },
      { cohort: '2024-03-01', cohortSize: 1, meanLifetimeDays: 0, meanLifetimeBuckets: 0 },
    ]);
  });

  it('weekly buckets across the year end', () => {
    // Monday weeks. Cohort 12-30: x 12-31 10:00 -> 01-06 10:00 = 6 days, 1 week; y 01-02 -> 01-20 = 18 days, 3 weeks.
    // Cohort 01-06: z one order.
    expect(run(yearEndShop(1), 'cohort_lifetime', { bucket: 'week' }).rows).toEqual([
      { cohort: '2024-12-30', cohortSize: 2, meanLifetimeDays: 12, meanLifetimeBuckets: 2 },
      { cohort: '2025-01-06', cohortSize: 1, meanLifetimeDays: 0, meanLifetimeBuckets: 0 },
    ]);
  });
});
