import { describe, expect, it } from 'vitest';
import { interval, isIn, type Filter } from '@clvkit/core';
import { buildDataset } from '../helpers.js';
import { runStats } from './run.js';
import { funnelShop, utc } from './fixtures.js';

const and = (...predicates: Filter['predicates']): Filter => ({ mode: 'and', predicates });

/*
 * Orders (fixtures.ts): c1 s1 12-28 10:00 (100), s3 01-01 09:30 (40), s4 01-02 20:00 (60); c2 s6 01-05 09:15 (30);
 * c3 s8 01-06 10:00 (90); c4 none. Repeat buyers: c1 (3 orders) -> K = 3.
 */
describe('customer_journey', () => {
  it('follows the k-th orders up to the median order count of repeat buyers', () => {
    const { rows, meta } = runStats(funnelShop(), 'customer_journey');
    expect(rows).toEqual([
      // k = 1: c1 100, c2 30, c3 90; only c1 has a 2nd order: 12-28 10:00 -> 01-01 09:30 = 4 × 24 - 0.5 = 95.5 h
      { k: 1, meanOrderValue: 220 / 3, meanHoursToNext: 95.5, customers: 3, customersWithNext: 1 },
      // k = 2: c1 40; 01-01 09:30 -> 01-02 20:00 = 34.5 h
      { k: 2, meanOrderValue: 40, meanHoursToNext: 34.5, customers: 1, customersWithNext: 1 },
      { k: 3, meanOrderValue: 60, meanHoursToNext: null, customers: 1, customersWithNext: 0 },
    ]);
    expect(meta).toEqual({
      K: 3,
      buyers: 3,
      repeatBuyers: 1,
      // download -> first order: c1 12-27 08:00 -> 12-28 10:00 = 26 h; c2 12-29 22:00 -> 01-05 09:15 = 6 × 24 + 11.25 = 155.25 h;
      // c3 01-01 12:00 -> 01-06 10:00 = 5 × 24 - 2 = 118 h
      meanHoursDownloadToFirstOrder: (26 + 155.25 + 118) / 3,
      customersDownloadToFirstOrder: 3,
      downloadAfterFirstOrder: 0,
      // asOf = the last session, 01-06 10:00: c1 since 01-02 20:00 = 86 h, c2 since 01-05 09:15 = 24.75 h, c3 0 h
      meanHoursSinceLastOrder: (86 + 24.75 + 0) / 3,
      asOf: utc('2025-01-06T10:00'),
      period: [utc('2024-12-28'), utc('2025-01-07')],
    });
  });

  it('leaves out orders after asOf', () => {
    // asOf 2025-01-03 (midnight): c1's three orders only; since last 01-02 20:00 -> 4 h
    const { rows, meta } = runStats(funnelShop(), 'customer_journey', { asOf: '2025-01-03' });
    expect(rows.map((r) => [r.k, r.meanOrderValue, r.meanHoursToNext, r.customers])).toEqual([[1, 100, 95.5, 1], [2, 40, 34.5, 1], [3, 60, null, 1]]);
    expect(meta).toMatchObject({ K: 3, buyers: 1, meanHoursDownloadToFirstOrder: 26, meanHoursSinceLastOrder: 4, asOf: utc('2025-01-03') });
    expect(runStats(funnelShop(), 'customer_journey', { asOf: utc('2025-01-03') }).meta.meanHoursSinceLastOrder).toBe(4);
    // a date-time without a zone is wall-clock time in the dataset's zone: 01:00 in Berlin = 00:00Z
    const berlin = runStats(funnelShop({ time: { timeZone: 'Europe/Berlin' } }), 'customer_journey', { asOf: '2025-01-03T01:00' });
    expect(berlin.meta).toMatchObject({ asOf: utc('2025-01-03'), meanHoursSinceLastOrder: 4 });
  });

  it('uses the orders passing the filter, asOf at the end of the filter interval', () => {
    // web orders: c1 s1 100, s4 60 (2 orders, gap 12-28 10:00 -> 01-02 20:00 = 5 × 24 + 10 = 130 h); c3 s8 90. K = 2.
    const web = runStats(funnelShop(), 'customer_journey', {}, and(isIn('dimension', ['web'])));
    expect(web.rows).toEqual([
      { k: 1, meanOrderValue: 95, meanHoursToNext: 130, customers: 2, customersWithNext: 1 },
      { k: 2, meanOrderValue: 60, meanHoursToNext: null, customers: 1, customersWithNext: 0 },
    ]);
    // December only: c1 s1; asOf = the interval's end 2025-01-01 00:00 (before the last session) -> 3 × 24 + 14 = 86 h
    const december = runStats(funnelShop(), 'customer_journey', {}, and(interval('session_start', utc('2024-12-01'), utc('2025-01-01'))));
    expect(december.rows).toEqual([{ k: 1, meanOrderValue: 100, meanHoursToNext: null, customers: 1, customersWithNext: 0 }]);
    expect(december.meta).toMatchObject({ K: 1, buyers: 1, repeatBuyers: 0, meanHoursSinceLastOrder: 86, asOf: utc('2025-01-01') });
  });

  it('takes the lower middle value for an even number of repeat buyers', () => {
    // a: 2 orders, b: 4 orders -> median of [2, 4] is 3, the lower middle value 2 -> K = 2
    const dataset = buildDataset({
      sessions: [
        { id: 'a1', client: 'a', start: '2025-01-01T00:00:00Z', payment: 10 },
        { id: 'a2', client: 'a', start: '2025-01-02T00:00:00Z', payment: 20 }, // 24 h after a1
        { id: 'b1', client: 'b', start: '2025-01-01T00:00:00Z', payment: 30 },
        { id: 'b2', client: 'b', start: '2025-01-01T12:00:00Z', payment: 40 }, // 12 h
        { id: 'b3', client: 'b', start: '2025-01-02T12:00:00Z', payment: 50 }, // 24 h
        { id: 'b4', client: 'b', start: '2025-01-03T00:00:00Z', payment: 60 },
      ],
    });
    const { rows, meta } = runStats(dataset, 'customer_journey');
    expect(meta).toMatchObject({ K: 2, repeatBuyers: 2, meanHoursDownloadToFirstOrder: null, note: expect.stringMatching(/customers table/) });
    expect(rows).toEqual([
      { k: 1, meanOrderValue: 20, meanHoursToNext: 18, customers: 2, customersWithNext: 2 }, // (10 + 30) / 2; (24 + 12) / 2
      { k: 2, meanOrderValue: 30, meanHoursToNext: 24, customers: 2, customersWithNext: 1 }, // (20 + 40) / 2; b2 -> b3 24 h
    ]);
    // asOf defaults to the last session (b4, 01-03 00:00): a since 01-02 = 24 h, b 0 h
    expect(meta.meanHoursSinceLastOrder).toBe(12);
  });

  it('has no rows without buyers and one row without repeat buyers', () => {
    const none = runStats(funnelShop(), 'customer_journey', {}, and(isIn('client', ['c4'])));
    expect(none.rows).toEqual([]);
    expect(none.meta).toMatchObject({ K: 0, buyers: 0, meanHoursSinceLastOrder: null, meanHoursDownloadToFirstOrder: null });
    // c2 and c3: one order each
    const single = runStats(funnelShop(), 'customer_journey', {}, and(isIn('client', ['c2', 'c3'])));
    expect(single.rows).toEqual([{ k: 1, meanOrderValue: 60, meanHoursToNext: null, customers: 2, customersWithNext: 0 }]);
    expect(single.meta.K).toBe(1);
  });

  it('works on an order log without customers', () => {
    // the 5 orders as rows: the same journey, no download times
    const { rows, meta } = runStats(funnelShop({ ordersOnly: true, customers: false }), 'customer_journey');
    expect(rows.map((r) => r.meanOrderValue)).toEqual([220 / 3, 40, 60]);
    expect(meta.meanHoursDownloadToFirstOrder).toBeNull();
    expect(meta.note).toMatch(/download_date/);
  });
});
