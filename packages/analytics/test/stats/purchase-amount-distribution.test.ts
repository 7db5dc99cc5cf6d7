import { describe, expect, it } from 'vitest';
import { interval, isIn, type Filter } from '@clvkit/core';
import { niceBins, sturges, tickIncrement } from '../../src/analyses/stats/nice-bins.js';
import { runStats } from './run.js';
import { funnelShop, utc } from './fixtures.js';

const and = (...predicates: Filter['predicates']): Filter => ({ mode: 'and', predicates });

describe('niceBins', () => {
  it('picks 1, 2 or 5 × 10^k steps like d3', () => {
    expect(tickIncrement(30, 90, 3)).toBe(20); // 60 / 3 = 20
    expect(tickIncrement(0, 1, 10)).toBe(-10); // step 0.1 as 1 / 10
    expect(tickIncrement(0, 70, 2)).toBe(50); // 35: 3.5 >= √10 -> 5 × 10
    expect(sturges(1)).toBe(1);
    expect(sturges(5)).toBe(4); // ceil(log2 5) + 1 = 3 + 1
  });

  it('covers [min, max] with exact decimal edges', () => {
    // step 0.1: edges 1/10, 2/10, 3/10 (not 0.30000000000000004); 0.3 × 10 has float noise, no third bin
    const bins = niceBins(0.1, 0.3, 2);
    expect([bins.count, bins.step]).toEqual([2, 0.1]);
    expect([bins.edge(0), bins.edge(1), bins.edge(2)]).toEqual([0.1, 0.2, 0.3]);
    expect([bins.binOf(0.1), bins.binOf(0.19999), bins.binOf(0.2), bins.binOf(0.3)]).toEqual([0, 0, 1, 1]);
    // 0.57 × 100 = 56.99999999999999: the bin from the quotient is corrected against the edge 57 / 100 = 0.57
    const cents = niceBins(0.5, 0.6, 10);
    expect([cents.count, cents.edge(7), cents.binOf(0.57), cents.binOf(0.5699)]).toEqual([10, 0.57, 7, 6]);
  });

  it('re-nices the domain until the step settles, and gives one bin to a single value', () => {
    // target 1 over [30, 90]: step 50 -> domain [0, 100] -> step 100 -> domain [0, 100], one bin
    const one = niceBins(30, 90, 1);
    expect([one.count, one.edge(0), one.edge(1)]).toEqual([1, 0, 100]);
    const single = niceBins(5, 5, 4);
    expect([single.count, single.edge(0), single.edge(1), single.binOf(5)]).toEqual([1, 5, 6, 0]);
  });
});

describe('purchase_amount_distribution', () => {
  it("bins each customer's average order value", () => {
    // c1: (100 + 40 + 60) / 3 = 66.67, c2: 30, c3: 90; c4 never ordered (left out). n = 3 -> Sturges 3 bins wanted:
    // step = nice((90 - 30) / 3 = 20) = 20; domain floor(30/20)·20 = 20 .. ceil(90/20)·20 = 100 -> 4 bins of 20.
    const { rows, meta } = runStats(funnelShop(), 'purchase_amount_distribution');
    expect(rows).toEqual([
      { x0: 20, x1: 40, customers: 1 }, // c2 30
      { x0: 40, x1: 60, customers: 0 },
      { x0: 60, x1: 80, customers: 1 }, // c1 66.67
      { x0: 80, x1: 100, customers: 1 }, // c3 90
    ]);
    expect(meta).toEqual({ per: 'customer', values: 3, step: 20, min: 30, max: 90, mean: (200 / 3 + 30 + 90) / 3, period: [utc('2024-12-28'), utc('2025-01-07')] });
  });

  it('bins orders with per: order, the largest value in the closed last bin', () => {
    // orders 100, 40, 60, 30, 90: n = 5 -> 4 bins wanted: (100 - 30) / 4 = 17.5 -> step 20, domain 20..100
    const { rows, meta } = runStats(funnelShop(), 'purchase_amount_distribution', { per: 'order' });
    expect(rows).toEqual([
      { x0: 20, x1: 40, orders: 1 }, // 30
      { x0: 40, x1: 60, orders: 1 }, // 40 (left edge belongs to the bin)
      { x0: 60, x1: 80, orders: 1 }, // 60
      { x0: 80, x1: 100, orders: 2 }, // 90, and 100 on the right edge of the last bin
    ]);
    expect(meta.values).toBe(5);
  });

  it('takes a bin count and the filter', () => {
    expect(runStats(funnelShop(), 'purchase_amount_distribution', { bins: 1 }).rows).toEqual([{ x0: 0, x1: 100, customers: 3 }]);
    // web orders: c1 s1 100 + s4 60 -> 80; c3 s8 90. n = 2 -> 2 bins wanted: 10 / 2 = 5 -> step 5, 80..90
    expect(runStats(funnelShop(), 'purchase_amount_distribution', {}, and(isIn('dimension', ['web']))).rows).toEqual([
      { x0: 80, x1: 85, customers: 1 },
      { x0: 85, x1: 90, customers: 1 },
    ]);
  });

  it('is empty without orders and validates params', () => {
    const empty = runStats(funnelShop(), 'purchase_amount_distribution', {}, and(interval('session_start', utc('2024-12-31'), utc('2025-01-01'))));
    expect(empty.rows).toEqual([]);
    expect(empty.meta).toMatchObject({ values: 0, step: null, mean: null });
    expect(() => runStats(funnelShop(), 'purchase_amount_distribution', { per: 'week' })).toThrow(/params.per must be one of "customer", "order"/);
    expect(() => runStats(funnelShop(), 'purchase_amount_distribution', { bins: 0 })).toThrow(/params.bins must be an integer from 1/);
  });
});

describe('user_counts_per_order_seq', () => {
  it('counts customers by their number of orders, the last row open-ended', () => {
    // orders: c1 3 (s1 s3 s4), c2 1 (s6), c3 1 (s8); c4 none (left out)
    const { rows, meta } = runStats(funnelShop(), 'user_counts_per_order_seq');
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ orders: 1, label: '1', customers: 2, share: 2 / 3 });
    expect(rows[2]).toEqual({ orders: 3, label: '3', customers: 1, share: 1 / 3 });
    expect(rows[9]).toEqual({ orders: 10, label: '10+', customers: 0, share: 0 });
    expect(rows.reduce((sum, r) => sum + (r.customers as number), 0)).toBe(3);
    expect(meta).toMatchObject({ buyers: 3, max: 10 });
    expect(runStats(funnelShop(), 'user_counts_per_order_seq', { max: 2 }).rows).toEqual([
      { orders: 1, label: '1', customers: 2, share: 2 / 3 },
      { orders: 2, label: '2+', customers: 1, share: 1 / 3 }, // c1 with 3
    ]);
  });

  it('counts the orders passing the filter', () => {
    // app orders: s3 (c1), s6 (c2): both customers have one
    expect(runStats(funnelShop(), 'user_counts_per_order_seq', { max: 2 }, and(isIn('dimension', ['app']))).rows).toEqual([
      { orders: 1, label: '1', customers: 2, share: 1 },
      { orders: 2, label: '2+', customers: 0, share: 0 },
    ]);
    // January 2025 only: c1 s3 s4 (2), c2 s6, c3 s8
    expect(runStats(funnelShop(), 'user_counts_per_order_seq', { max: 3 }, and(interval('session_start', utc('2025-01-01'), utc('2025-02-01')))).rows.map((r) => r.customers)).toEqual([2, 1, 0]);
    const none = runStats(funnelShop(), 'user_counts_per_order_seq', { max: 2 }, and(interval('session_start', utc('2023-01-01'), utc('2023-02-01'))));
    expect(none.rows.map((r) => [r.customers, r.share])).toEqual([[0, null], [0, null]]);
    expect(() => runStats(funnelShop(), 'user_counts_per_order_seq', { max: 0 })).toThrow(/params.max/);
  });
});
