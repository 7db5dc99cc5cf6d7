import { describe, expect, it } from 'vitest';
import { interval, isIn, NO_FILTER, type Filter } from '@clvkit/core';
import { runStats as runAnalysis } from './run.js';
import { funnelShop, utc } from './fixtures.js';

const and = (...predicates: Filter['predicates']): Filter => ({ mode: 'and', predicates });
const W1 = utc('2024-12-23');
const W2 = utc('2024-12-30');
const W3 = utc('2025-01-06');

describe('weekly_average_session_per_user', () => {
  it('divides sessions by customers with a session, week by week across the new year', () => {
    const { rows, meta } = runAnalysis(funnelShop(), 'weekly_average_session_per_user');
    expect(meta).toEqual({ unit: 'week', period: [utc('2024-12-28'), utc('2025-01-07')], value: 'averageSessions' });
    expect(rows).toEqual([
      { bucket: W1, sessions: 2, customers: 2, averageSessions: 1 }, // s1 (c1), s5 (c2)
      { bucket: W2, sessions: 5, customers: 3, averageSessions: 5 / 3 }, // s2 s3 s4 (c1), s6 (c2), s7 (c3)
      { bucket: W3, sessions: 2, customers: 2, averageSessions: 1 }, // s8 (c3), s9 (c4)
    ]);
  });

  it('buckets weeks in the dataset time zone: s5 (Sun 23:30 UTC) is Monday 00:30 of W2 in Berlin', () => {
    const { rows } = runAnalysis(funnelShop({ time: { timeZone: 'Europe/Berlin' } }), 'weekly_average_session_per_user');
    // Berlin weeks start at local midnight (UTC+1): W1 2024-12-22T23:00Z, W2 2024-12-29T23:00Z, W3 2025-01-05T23:00Z.
    // W1: s1 only; W2: s2 s3 s4 (c1) + s5 s6 (c2) + s7 (c3) = 6 sessions / 3 customers; W3: s8, s9.
    expect(rows).toEqual([
      { bucket: Date.parse('2024-12-22T23:00:00Z'), sessions: 1, customers: 1, averageSessions: 1 },
      { bucket: Date.parse('2024-12-29T23:00:00Z'), sessions: 6, customers: 3, averageSessions: 2 },
      { bucket: Date.parse('2025-01-05T23:00:00Z'), sessions: 2, customers: 2, averageSessions: 1 },
    ]);
  });

  it('honours a Sunday week start', () => {
    // Weeks from Sunday: 12-22 (s1 Sat), 12-29 (s5 Sun, s2, s3, s4, s7; s6 is Sunday 01-05, the next week), 01-05 (s6, s8, s9).
    const { rows } = runAnalysis(funnelShop({ time: { weekStart: 0 } }), 'weekly_average_session_per_user');
    expect(rows.map((r) => [r.bucket, r.sessions, r.customers])).toEqual([
      [utc('2024-12-22'), 1, 1],
      [utc('2024-12-29'), 5, 3], // c1: s2 s3 s4, c2: s5, c3: s7
      [utc('2025-01-05'), 3, 3], // c2: s6, c3: s8, c4: s9
    ]);
  });

  it('keeps empty weeks with a null average and returns no rows for an empty range', () => {
    // app sessions only: W1 s5 (c2); W2 s3 (c1), s6 (c2); W3 s9 (c4). Weeks of the data range all stay.
    const app = runAnalysis(funnelShop(), 'weekly_average_session_per_user', {}, and(isIn('dimension', ['app']))).rows;
    expect(app.map((r) => r.averageSessions)).toEqual([1, 1, 1]);
    const window = runAnalysis(funnelShop(), 'weekly_average_session_per_user', {}, and(interval('session_start', utc('2024-12-31'), utc('2025-01-01')))).rows;
    expect(window).toEqual([{ bucket: W2, sessions: 0, customers: 0, averageSessions: null }]); // no session on 12-31
    expect(runAnalysis(funnelShop(), 'weekly_average_session_per_user', {}, and(interval('session_start', utc('2023-01-01'), utc('2023-02-01')))).rows).toEqual([]);
  });
});

describe('weekly_average_order_per_user', () => {
  it('divides orders by customers with an order', () => {
    const { rows, meta } = runAnalysis(funnelShop(), 'weekly_average_order_per_user');
    expect(meta.value).toBe('averageOrders');
    expect(rows).toEqual([
      { bucket: W1, orders: 1, customers: 1, averageOrders: 1 }, // s1 (c1); s5 is no order
      { bucket: W2, orders: 3, customers: 2, averageOrders: 1.5 }, // s3 s4 (c1), s6 (c2); s2, s7 no orders
      { bucket: W3, orders: 1, customers: 1, averageOrders: 1 }, // s8 (c3)
    ]);
  });

  it('works on an order log (every row an order)', () => {
    // orders only: s1 s3 s4 s6 s8, the same weeks as above
    const { rows } = runAnalysis(funnelShop({ ordersOnly: true, customers: false }), 'weekly_average_order_per_user');
    expect(rows.map((r) => [r.orders, r.customers])).toEqual([[1, 1], [3, 2], [1, 1]]);
  });
});

describe('weekly_average_payment_amount', () => {
  it('is the mean order value per week', () => {
    const { rows, meta } = runAnalysis(funnelShop(), 'weekly_average_payment_amount', {}, NO_FILTER);
    expect(meta.value).toBe('averageOrderValue');
    expect(rows).toEqual([
      { bucket: W1, revenue: 100, orders: 1, averageOrderValue: 100 },
      { bucket: W2, revenue: 130, orders: 3, averageOrderValue: 130 / 3 }, // 40 + 60 + 30
      { bucket: W3, revenue: 90, orders: 1, averageOrderValue: 90 },
    ]);
  });

  it('rejects unknown params', () => {
    expect(() => runAnalysis(funnelShop(), 'weekly_average_payment_amount', { bins: 3 })).toThrow(/weekly_average_payment_amount: unknown param "bins"/);
  });
});
