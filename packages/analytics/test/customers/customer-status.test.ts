import { describe, expect, it } from 'vitest';
import { interval, isIn } from '@clvkit/core';
import { reportNames, runQuery } from '../../src/index.js';
import { DAY, fixture, ms, report } from './fixtures.js';

/*
 * Shop A (UTC), every order 10:00Z:
 * | client | orders (payment)                      | dim |
 * | a      | 01-10 (10), 01-20 (20), 01-30 (30)    | web |   gaps 10, 10
 * | b      | 03-01 (50), 03-21 (50)                | web |   gap 20
 * | c      | 06-01 (100)                           | web |
 * | g      | 07-15 (7)                             | web |   exactly 3 months before asOf
 * | d      | 09-15 (40)                            | web |
 * | f      | 08-01 (5), 10-01 (5)                  | app |   gap 61
 * | e      | visit 10-15 (no order)                | web |   the last session: asOf = 2024-10-15T10:00Z
 */
const SESSIONS_A = [
  { id: 'a1', client: 'a', start: '2024-01-10T10:00:00Z', payment: 10, dimension: 'web' },
  { id: 'a2', client: 'a', start: '2024-01-20T10:00:00Z', payment: 20, dimension: 'web' },
  { id: 'a3', client: 'a', start: '2024-01-30T10:00:00Z', payment: 30, dimension: 'web' },
  { id: 'b1', client: 'b', start: '2024-03-01T10:00:00Z', payment: 50, dimension: 'web' },
  { id: 'b2', client: 'b', start: '2024-03-21T10:00:00Z', payment: 50, dimension: 'web' },
  { id: 'c1', client: 'c', start: '2024-06-01T10:00:00Z', payment: 100, dimension: 'web' },
  { id: 'g1', client: 'g', start: '2024-07-15T10:00:00Z', payment: 7, dimension: 'web' },
  { id: 'd1', client: 'd', start: '2024-09-15T10:00:00Z', payment: 40, dimension: 'web' },
  { id: 'f1', client: 'f', start: '2024-08-01T10:00:00Z', payment: 5, dimension: 'app' },
  { id: 'f2', client: 'f', start: '2024-10-01T10:00:00Z', payment: 5, dimension: 'app' },
  { id: 'e1', client: 'e', start: '2024-10-15T10:00:00Z', purchased: false, dimension: 'web' },
];
const shopA = () => fixture({ sessions: SESSIONS_A });

const byStatus = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [r.status, [r.customers, r.share, r.revenue]]));

describe('customer_status', () => {
  it('splits buyers by the time since their last order (3 and 6 months, inclusive at the cut)', () => {
    const result = report(shopA(), 'customer_status');
    // asOf = 10-15T10:00Z; active since 07-15T10:00Z; long gone before 04-15T10:00Z.
    // active: g (07-15, exactly at the cut) 7, d (09-15) 40, f (10-01) 5+5 -> 3 customers, 57
    // churned: c (06-01) 100; long gone: a (01-30) 60, b (03-21) 100 -> 160; e never bought.
    expect(result.rows.map((r) => r.status)).toEqual(['active', 'churned', 'long_gone']);
    expect(byStatus(result.rows)).toEqual({ active: [3, 3 / 6, 57], churned: [1, 1 / 6, 100], long_gone: [2, 2 / 6, 160] });
    expect(result.meta).toMatchObject({
      asOf: ms('2024-10-15T10:00:00Z'),
      activeSince: ms('2024-07-15T10:00:00Z'),
      longGoneBefore: ms('2024-04-15T10:00:00Z'),
      buyers: 6,
      revenue: 317,
      thresholds: { active: { months: 3 }, longGone: { months: 6 } },
    });
  });

  it('takes an ISO date as its local midnight and clamps month ends (31 May - 3 months = 29 Feb)', () => {
    const result = report(shopA(), 'customer_status', { asOf: '2024-05-31' });
    // asOf 05-31T00:00Z: active since 02-29T00:00Z, long gone before 2023-11-30T00:00Z.
    // Orders by then: a (last 01-30) -> churned 60; b (last 03-21) -> active 100.
    expect(byStatus(result.rows)).toEqual({ active: [1, 0.5, 100], churned: [1, 0.5, 60], long_gone: [0, 0, 0] });
    expect(result.meta).toMatchObject({ asOf: ms('2024-05-31T00:00:00Z'), activeSince: ms('2024-02-29T00:00:00Z'), longGoneBefore: ms('2023-11-30T00:00:00Z') });
  });

  it('accepts thresholds in days', () => {
    const result = report(shopA(), 'customer_status', { activeDays: 30, longGoneDays: 90 });
    // active since 09-15T10:00Z (d exactly at the cut, f); long gone before 07-17T10:00Z (g, c, a, b).
    expect(byStatus(result.rows)).toEqual({ active: [2, 2 / 6, 50], churned: [0, 0, 0], long_gone: [4, 4 / 6, 267] });
    expect(result.meta?.thresholds).toEqual({ active: { days: 30 }, longGone: { days: 90 } });
  });

  it('follows the dimension filter and takes a brushed range end as the as-of date', () => {
    expect(byStatus(report(shopA(), 'customer_status', {}, [isIn('dimension', ['app'])]).rows)).toEqual({ active: [1, 1, 10], churned: [0, 0, 0], long_gone: [0, 0, 0] });
    // Range [01-01, 06-01T00:00): asOf = 06-01T00:00Z (c's order at 10:00 that day is after it).
    // Active since 03-01T00:00Z: b (03-21) 100; churned (since 2023-12-01): a 60.
    const ranged = report(shopA(), 'customer_status', {}, [interval('session_start', ms('2024-01-01'), ms('2024-06-01'))]);
    expect(byStatus(ranged.rows)).toEqual({ active: [1, 0.5, 100], churned: [1, 0.5, 60], long_gone: [0, 0, 0] });
    expect(ranged.meta?.asOf).toBe(ms('2024-06-01T00:00:00Z'));
  });

  it('returns zero rows of every status for an empty selection, and rejects bad params', () => {
    const empty = report(shopA(), 'customer_status', {}, [isIn('dimension', ['store'])]);
    expect(byStatus(empty.rows)).toEqual({ active: [0, null, 0], churned: [0, null, 0], long_gone: [0, null, 0] });
    expect(() => report(shopA(), 'customer_status', { activeMonths: 6, longGoneMonths: 3 })).toThrow(/shorter than the long-gone/);
    expect(() => report(shopA(), 'customer_status', { activeMonths: 3, activeDays: 90 })).toThrow(/not both/);
    expect(() => report(shopA(), 'customer_status', { asOf: 'yesterday' })).toThrow(/params.asOf/);
    expect(() => report(shopA(), 'customer_status', { since: 1 })).toThrow(/unknown param "since"/);
  });

  it('works on an order log (no purchase flag: every row is an order)', () => {
    // Without e's visit, the last session is f's order on 10-01: active since 07-01 (g, d, f), churned since 04-01 (c).
    const orders = fixture({ sessions: SESSIONS_A.filter((r) => r.purchased !== false) });
    const { has_purchased: _flag, ...columns } = orders.sessions.columns;
    const log = { ...orders, ordersOnly: true, sessions: { ...orders.sessions, columns } };
    expect(byStatus(report(log, 'customer_status').rows)).toEqual({ active: [3, 0.5, 57], churned: [1, 1 / 6, 100], long_gone: [2, 2 / 6, 160] });
    expect(report(log, 'lifecycle').rows[0]).toMatchObject({ new: 1, active: 1 });
    expect(report(log, 'customer_list').meta?.total).toBe(6);
  });

  it('is registered with the other customers analyses', () => {
    expect(reportNames()).toEqual(
      expect.arrayContaining([
        'customer_status',
        'customer_status_trend',
        'churn',
        'churn_weekly',
        'churn_monthly',
        'newcomers_and_churners',
        'lifecycle',
        'demographics',
        'profile_completeness',
        'customer_base',
        'communications',
        'contactable_customers',
        'customer_list',
      ]),
    );
  });
});

describe('sessions.customer_status (derived filterable field)', () => {
  it('gives every session its customer\'s status as of the last session_start, missing for non-buyers', () => {
    const dataset = shopA();
    const count = (status: string) =>
      runQuery(dataset, { spec: { kind: 'aggregate', measures: ['orders', 'visitors', 'revenue'] }, filter: { mode: 'and', predicates: [isIn('customer_status', [status])] } }).rows[0];
    // Same split as customer_status with its defaults: active g, d, f (4 orders, 57); churned c; long gone a, b.
    expect(count('active')).toEqual({ orders: 4, visitors: 3, revenue: 57 });
    expect(count('churned')).toEqual({ orders: 1, visitors: 1, revenue: 100 });
    expect(count('long_gone')).toEqual({ orders: 5, visitors: 2, revenue: 160 });
    // e (no order) has no status: grouping shows it as null.
    const grouped = runQuery(dataset, { spec: { kind: 'aggregate', groupBy: [{ field: 'customer_status' }], measures: ['sessions'] }, filter: { mode: 'and', predicates: [] } }).rows;
    expect(grouped).toEqual([
      { customer_status: 'active', sessions: 4 },
      { customer_status: 'churned', sessions: 1 },
      { customer_status: 'long_gone', sessions: 5 },
      { customer_status: null, sessions: 1 },
    ]);
  });
});

describe('customer_status_trend', () => {
  it('is customer_status at the end of every month of the period', () => {
    const { rows, meta } = report(shopA(), 'customer_status_trend');
    expect(meta).toMatchObject({ unit: 'month', period: [ms('2024-01-10'), ms('2024-10-16')] });
    // Months 2024-01 .. 2024-10 (the last one ends at the data end, 10-16T00:00Z): 10 × 3 rows.
    expect(rows).toHaveLength(30);
    const at = (month: string) => byStatus(rows.filter((r) => r.bucket === ms(`2024-${month}-01`)));
    // End of January (02-01): a bought (01-30) -> active 60.
    expect(at('01')).toEqual({ active: [1, 1, 60], churned: [0, 0, 0], long_gone: [0, 0, 0] });
    // End of May (06-01T00:00): active since 03-01: b 100; a (01-30) churned (since 12-01).
    expect(at('05')).toEqual({ active: [1, 0.5, 100], churned: [1, 0.5, 60], long_gone: [0, 0, 0] });
    // End of July (08-01T00:00): active since 05-01: c, g -> 107; churned since 02-01: b 100; long gone: a 60.
    expect(at('07')).toEqual({ active: [2, 0.5, 107], churned: [1, 0.25, 100], long_gone: [1, 0.25, 60] });
    // End of October = data end 10-16T00:00: active since 07-16T00:00: d 40, f 10 (g at 07-15T10 is now churned);
    // churned since 04-16: g 7, c 100; long gone: a 60, b 100.
    expect(at('10')).toEqual({ active: [2, 2 / 6, 50], churned: [2, 2 / 6, 107], long_gone: [2, 2 / 6, 160] });
  });

  it('goes down to days, in the dataset\'s zone, and honours a brushed period', () => {
    const { rows } = report(shopA(), 'customer_status_trend', { unit: 'day', activeDays: 30, longGoneDays: 60 }, [interval('session_start', ms('2024-09-14'), ms('2024-09-17'))]);
    // Days 09-14, 09-15, 09-16. Snapshots at 09-15T00, 09-16T00, 09-17T00 (orders strictly before).
    // 09-15T00: active since 08-16T00: none; churned since 07-17T00: f (08-01) 5; long gone: a, b, c, g.
    // 09-16T00: d (09-15) active 40.
    const day = (d: string) => byStatus(rows.filter((r) => r.bucket === ms(`2024-09-${d}`)));
    expect(rows.map((r) => r.bucket)).toEqual([14, 14, 14, 15, 15, 15, 16, 16, 16].map((d) => ms(`2024-09-${d}`)));
    expect(day('14')).toEqual({ active: [0, 0, 0], churned: [1, 0.2, 5], long_gone: [4, 0.8, 267] });
    expect(day('15')).toEqual({ active: [1, 1 / 6, 40], churned: [1, 1 / 6, 5], long_gone: [4, 4 / 6, 267] });
    expect(day('16')).toEqual(day('15'));
    // Europe/Berlin: buckets start at local midnight (22:00Z in summer).
    const berlin = fixture({ time: { timeZone: 'Europe/Berlin' }, sessions: [{ id: 'x', client: 'x', start: '2024-07-31T22:30:00Z', payment: 1 }] });
    expect(report(berlin, 'customer_status_trend', { unit: 'day' }).rows.map((r) => r.bucket)).toEqual([ms('2024-07-31T22:00:00Z'), ms('2024-07-31T22:00:00Z'), ms('2024-07-31T22:00:00Z')]);
    // E = the end of the data (the end of the local day of the last session, 08-02 00:00 CEST);
    // E − 3 months = 05-02 00:00 CEST, E − 6 months = 02-02 00:00 CET.
    expect(report(berlin, 'customer_status_trend').rows[0]).toEqual({
      bucket: ms('2024-07-31T22:00:00Z'),
      status: 'active',
      customers: 1,
      share: 1,
      revenue: 1,
      end: ms('2024-08-01T22:00:00Z'),
      activeSince: ms('2024-05-01T22:00:00Z'),
      longGoneBefore: ms('2024-02-01T23:00:00Z'),
    });
  });

  it('returns no rows for an empty period', () => {
    expect(report(shopA(), 'customer_status_trend', {}, [interval('session_start', ms('2030-01-01'), ms('2030-02-01'))]).rows).toEqual([]);
    expect(DAY).toBe(86_400_000);
  });
});
