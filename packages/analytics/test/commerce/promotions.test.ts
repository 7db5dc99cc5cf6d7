import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError } from '@clvkit/core';
import { at } from '../helpers.js';
import { and, promotionShop, run, withoutSessionColumn } from './fixtures.js';

// promotionShop (UTC): orders p1 05-01 10h SPRING, p2 05-01 12h SPRING, p3 05-01 18h organic,
// p4 05-02 09h SPRING, p5 05-02 09:30 BF, p7 05-04 11h organic, p8 05-04 23:30 BF;
// p6 (05-02) is no order. Nothing on 05-03. Data range 05-01 .. 05-04 = 4 days.
const may = (d: string) => at(`2024-05-${d}T00:00:00Z`);
const period = [may('01'), may('05')];

describe('daily_organic_orders and daily_inorganic_ratio', () => {
  it('split each day of the period into organic and promoted orders', () => {
    const { rows, meta } = run(promotionShop(), 'daily_organic_orders');
    expect(rows).toEqual([
      { bucket: may('01'), organic: 1, promoted: 2 }, // p3 | p1 p2
      { bucket: may('02'), organic: 0, promoted: 2 }, // p4 p5 (p6 no order)
      { bucket: may('03'), organic: 0, promoted: 0 }, // no session at all
      { bucket: may('04'), organic: 1, promoted: 1 }, // p7 | p8
    ]);
    expect(meta).toEqual({ unit: 'day', period });
  });

  it('gives the promoted share per day, null on a day without orders', () => {
    expect(run(promotionShop(), 'daily_inorganic_ratio').rows).toEqual([
      { bucket: may('01'), orders: 3, promoted: 2, ratio: 2 / 3 },
      { bucket: may('02'), orders: 2, promoted: 2, ratio: 1 },
      { bucket: may('03'), orders: 0, promoted: 0, ratio: null },
      { bucket: may('04'), orders: 2, promoted: 1, ratio: 0.5 },
    ]);
  });

  it('buckets local days (Berlin, UTC+2 in May) and follows the filter', () => {
    // Berlin: p8 (05-04 23:30Z) is 05-05 01:30 local, a fifth day.
    // berlin(d) = 22:00Z on day d = the local midnight that starts day d + 1.
    const berlin = (d: string) => at(`2024-05-${d}T22:00:00Z`);
    expect(run(promotionShop('Europe/Berlin'), 'daily_organic_orders').rows).toEqual([
      { bucket: at('2024-04-30T22:00:00Z'), organic: 1, promoted: 2 },
      { bucket: berlin('01'), organic: 0, promoted: 2 },
      { bucket: berlin('02'), organic: 0, promoted: 0 },
      { bucket: berlin('03'), organic: 1, promoted: 0 },
      { bucket: berlin('04'), organic: 0, promoted: 1 },
    ]);
    // app sessions: p2 SPRING (05-01), p5 BF (05-02), p7 organic and p8 BF (05-04); the whole data range stays.
    expect(run(promotionShop(), 'daily_inorganic_ratio', {}, and(isIn('dimension', ['app']))).rows.map((r) => r.ratio)).toEqual([1, 1, null, 0.5]);
    // 05-02 .. 05-04 (the interval sets the period): p4 p5 | nothing
    expect(run(promotionShop(), 'daily_organic_orders', {}, and(interval('session_start', may('02'), may('04')))).rows).toEqual([
      { bucket: may('02'), organic: 0, promoted: 2 },
      { bucket: may('03'), organic: 0, promoted: 0 },
    ]);
    expect(run(promotionShop(), 'daily_organic_orders', {}, and(interval('session_start', at('2023-01-01T00:00:00Z'), at('2023-02-01T00:00:00Z')))).rows).toEqual([]);
  });
});

describe('hourly_organic_orders and hourly_inorganic_ratio', () => {
  it('average each hour of day over the 4 days, the empty 05-03 included', () => {
    const { rows, meta } = run(promotionShop(), 'hourly_organic_orders');
    expect(meta).toEqual({ days: 4, period });
    expect(rows).toHaveLength(24);
    const byHour = Object.fromEntries(rows.filter((r) => r.organic !== 0 || r.promoted !== 0).map((r) => [r.hour, [r.organic, r.promoted]]));
    // 9h: p4 p5 promoted -> 2/4; 10h p1, 12h p2, 23h p8 promoted -> 1/4; 11h p7, 18h p3 organic -> 1/4
    expect(byHour).toEqual({ 9: [0, 0.5], 10: [0, 0.25], 11: [0.25, 0], 12: [0, 0.25], 18: [0.25, 0], 23: [0, 0.25] });
    expect(rows[0]).toEqual({ hour: 0, organic: 0, promoted: 0 });
  });

  it('gives the promoted share of each hour, null for hours without orders', () => {
    const rows = run(promotionShop(), 'hourly_inorganic_ratio').rows;
    expect(rows[9]).toEqual({ hour: 9, orders: 0.5, promoted: 0.5, ratio: 1 });
    expect(rows[11]).toEqual({ hour: 11, orders: 0.25, promoted: 0, ratio: 0 });
    expect(rows[0]).toEqual({ hour: 0, orders: 0, promoted: 0, ratio: null });
    // Berlin: 5 local days; p8 at 01:30 local, p4 and p5 at 11h.
    const berlin = run(promotionShop('Europe/Berlin'), 'hourly_inorganic_ratio');
    expect(berlin.meta.days).toBe(5);
    expect(berlin.rows[1]).toEqual({ hour: 1, orders: 0.2, promoted: 0.2, ratio: 1 });
    expect(berlin.rows[11]).toEqual({ hour: 11, orders: 0.4, promoted: 0.4, ratio: 1 });
    // An empty range: its 31 days count, all zero.
    const empty = run(promotionShop(), 'hourly_inorganic_ratio', {}, and(interval('session_start', at('2023-01-01T00:00:00Z'), at('2023-02-01T00:00:00Z'))));
    expect(empty.meta.days).toBe(31);
    expect(empty.rows.every((r) => r.orders === 0 && r.ratio === null)).toBe(true);
  });
});

describe('per day and promotion', () => {
  it('daily_promotion_revenue sums payments of promoted orders per day and promotion', () => {
    const { rows, meta } = run(promotionShop(), 'daily_promotion_revenue');
    expect(rows).toEqual([
      { bucket: may('01'), promotion: 'SPRING', orders: 2, revenue: 150 }, // p1 100 + p2 50
      { bucket: may('02'), promotion: 'BF', orders: 1, revenue: 40 }, // p5 (BF before SPRING by name)
      { bucket: may('02'), promotion: 'SPRING', orders: 1, revenue: 60 }, // p4
      { bucket: may('04'), promotion: 'BF', orders: 1, revenue: 20 }, // p8
    ]);
    expect(meta).toEqual({ unit: 'day', period, promotions: ['BF', 'SPRING'] });
  });

  it('daily_promotion_discount and inorganic_orders_per_promotion_per_day', () => {
    expect(run(promotionShop(), 'daily_promotion_discount').rows.map((r) => [r.promotion, r.orders, r.discount])).toEqual([
      ['SPRING', 2, 15], // 10 + 5
      ['BF', 1, 8],
      ['SPRING', 1, 6],
      ['BF', 1, 2],
    ]);
    expect(run(promotionShop(), 'inorganic_orders_per_promotion_per_day').rows).toEqual([
      { bucket: may('01'), promotion: 'SPRING', orders: 2 },
      { bucket: may('02'), promotion: 'BF', orders: 1 },
      { bucket: may('02'), promotion: 'SPRING', orders: 1 },
      { bucket: may('04'), promotion: 'BF', orders: 1 },
    ]);
    // Berlin: p8 moves to 05-05 local.
    expect(run(promotionShop('Europe/Berlin'), 'inorganic_orders_per_promotion_per_day').rows.at(-1)).toEqual({ bucket: at('2024-05-04T22:00:00Z'), promotion: 'BF', orders: 1 });
    // web only: p1 and p4
    expect(run(promotionShop(), 'daily_promotion_revenue', {}, and(isIn('dimension', ['web']))).rows).toEqual([
      { bucket: may('01'), promotion: 'SPRING', orders: 1, revenue: 100 },
      { bucket: may('02'), promotion: 'SPRING', orders: 1, revenue: 60 },
    ]);
  });
});

describe('promotion_kpis and its projections', () => {
  const SPRING = { promotion: 'SPRING', orders: 3, revenue: 210, discount: 21, customers: 2, ordersPerCustomer: 1.5, firstUse: at('2024-05-01T10:00:00Z'), lastUse: at('2024-05-02T09:00:00Z') };
  const BF = { promotion: 'BF', orders: 2, revenue: 60, discount: 10, customers: 1, ordersPerCustomer: 2, firstUse: at('2024-05-02T09:30:00Z'), lastUse: at('2024-05-04T23:30:00Z') };

  it('reports orders, revenue, discount, customers, orders per customer, first and last use', () => {
    // SPRING: p1 p2 p4 = 100 + 50 + 60, discount 10 + 5 + 6, clients c1 c2 -> 3 / 2
    // BF: p5 p8 = 40 + 20, discount 8 + 2, client c3 -> 2 / 1
    const { rows, meta } = run(promotionShop(), 'promotion_kpis');
    expect(rows).toEqual([SPRING, BF]);
    expect(meta).toEqual({ orders: 7, promotedOrders: 5, promotions: 2 });
    expect(run(promotionShop(), 'promotion_kpis', { promotion: 'BF' }).rows).toEqual([BF]);
    expect(run(promotionShop(), 'promotion_kpis', { promotion: 'NONE' }).rows).toEqual([]);
    expect(run(promotionShop(), 'promotion_kpis', { limit: 1 }).rows).toEqual([SPRING]);
  });

  it('follows the filter', () => {
    // 05-02 onwards: SPRING only p4; BF p5 p8 -> BF ranks first
    const { rows, meta } = run(promotionShop(), 'promotion_kpis', {}, and(interval('session_start', may('02'), may('10'))));
    expect(rows).toEqual([BF, { promotion: 'SPRING', orders: 1, revenue: 60, discount: 6, customers: 1, ordersPerCustomer: 1, firstUse: at('2024-05-02T09:00:00Z'), lastUse: at('2024-05-02T09:00:00Z') }]);
    expect(meta).toEqual({ orders: 4, promotedOrders: 3, promotions: 2 });
  });

  it('promotion_number_of_customer and avg_order_count_per_promo_per_cust project it', () => {
    expect(run(promotionShop(), 'promotion_number_of_customer').rows).toEqual([
      { promotion: 'SPRING', customers: 2 },
      { promotion: 'BF', customers: 1 },
    ]);
    expect(run(promotionShop(), 'avg_order_count_per_promo_per_cust').rows).toEqual([
      { promotion: 'BF', ordersPerCustomer: 2 },
      { promotion: 'SPRING', ordersPerCustomer: 1.5 },
    ]);
  });

  it('says it needs a promotion column', () => {
    const dataset = withoutSessionColumn(promotionShop(), 'promotion_id');
    for (const name of ['daily_organic_orders', 'daily_inorganic_ratio', 'hourly_organic_orders', 'hourly_inorganic_ratio', 'daily_promotion_revenue', 'daily_promotion_discount', 'inorganic_orders_per_promotion_per_day', 'promotion_kpis', 'promotion_number_of_customer', 'avg_order_count_per_promo_per_cust']) {
      expect(() => run(dataset, name), name).toThrow(MissingInputError);
    }
    expect(() => run(promotionShop(), 'daily_organic_orders', { bucket: 'week' })).toThrow(/unknown param "bucket"/);
  });
});
