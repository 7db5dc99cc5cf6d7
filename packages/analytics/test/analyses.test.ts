import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError, NO_FILTER, prefix, type Filter, type Dataset } from '@clvkit/core';
import { getAnalysis, registerAnalysis, reportNames, runQuery, defineAnalysis } from '../src/index.js';
import { at, buildDataset, shop } from './helpers.js';

const report = (name: string, params: Record<string, unknown> = {}, filter: Filter = NO_FILTER, dataset: Dataset = shop()) =>
  runQuery(dataset, { spec: { kind: 'analysis', name, params }, filter });
const and = (...predicates: Filter['predicates']): Filter => ({ mode: 'and', predicates });
const day = (d: string) => at(`2024-03-${d}T00:00:00Z`);

describe('registry', () => {
  it('lists the built-in report names', () => {
    expect(reportNames()).toEqual(expect.arrayContaining([
      'daily_orders', 'dimension_values', 'hourly_orders', 'kpis', 'monthly_orders', 'most_ordered_categories', 'most_ordered_products', 'weekly_orders',
    ]));
    expect(getAnalysis('kpis')?.description).toMatch(/KPI/);
  });

  it('registers a custom analysis and refuses duplicates', () => {
    registerAnalysis(defineAnalysis({
      name: 'test_session_count',
      description: 'sessions passing the filter',
      params: (raw) => ({ times: typeof raw.times === 'number' ? raw.times : 1 }),
      run: (context, params) => ({ rows: [{ n: context.sessionMask().reduce((a, b) => a + b, 0) * params.times }] }),
    }));
    expect(reportNames()).toContain('test_session_count');
    expect(report('test_session_count', { times: 2 }, and(isIn('dimension', ['app']))).rows).toEqual([{ n: 8 }]);
    expect(() => registerAnalysis({ name: 'kpis', description: '', run: () => ({ rows: [] }) })).toThrow(/already registered/);
    expect(() => registerAnalysis({ name: 'Bad Name', description: '', run: () => ({ rows: [] }) })).toThrow(/snake_case/);
  });

  it('names unknown analyses and lists the known ones', () => {
    expect(() => report('dayly_orders')).toThrow(/Unknown analysis "dayly_orders".*daily_orders/);
  });
});

describe('daily_orders, weekly_orders, monthly_orders', () => {
  it('gives orders and revenue per day over the data range, filled', () => {
    const { rows, meta } = report('daily_orders');
    expect(meta).toEqual({ unit: 'day', period: [day('01'), day('07')] });
    expect(rows).toEqual([
      { bucket: day('01'), orders: 1, revenue: 100 }, // s1 (s2 no order)
      { bucket: day('02'), orders: 1, revenue: 50 }, // s3
      { bucket: day('03'), orders: 1, revenue: 80 }, // s4 (s5 no order)
      { bucket: day('04'), orders: 2, revenue: 180 }, // s6 120 + s7 60
      { bucket: day('05'), orders: 1, revenue: 40 }, // s9 (s8 no order)
      { bucket: day('06'), orders: 1, revenue: 30 }, // s10
    ]);
  });

  it('keeps the whole data range under a non-time filter, with zero days', () => {
    // promoted orders only: s3 (03-02, 50) and s6 (03-04, 120)
    const { rows } = report('daily_orders', {}, and(isIn('promotion_id', ['P1'])));
    expect(rows.map((r) => [r.orders, r.revenue])).toEqual([[0, 0], [1, 50], [0, 0], [1, 120], [0, 0], [0, 0]]);
  });

  it('spans the filter interval clipped to the data', () => {
    const { rows } = report('daily_orders', {}, and(interval('session_start', day('05'), day('20'))));
    expect(rows).toEqual([
      { bucket: day('05'), orders: 1, revenue: 40 },
      { bucket: day('06'), orders: 1, revenue: 30 },
    ]);
    expect(report('daily_orders', {}, and(interval('session_start', at('2023-01-01T00:00:00Z'), at('2023-02-01T00:00:00Z')))).rows).toEqual([]);
  });

  it('buckets by week and month', () => {
    // weeks from Monday: 02-26 (s1 s3 s4: 100+50+80), 03-04 (s6 s7 s9 s10: 120+60+40+30)
    expect(report('weekly_orders').rows).toEqual([
      { bucket: at('2024-02-26T00:00:00Z'), orders: 3, revenue: 230 },
      { bucket: day('04'), orders: 4, revenue: 250 },
    ]);
    expect(report('monthly_orders').rows).toEqual([{ bucket: day('01'), orders: 7, revenue: 480 }]);
  });
});

describe('hourly_orders', () => {
  it('averages orders per hour of day over the days of the data range', () => {
    const { rows, meta } = report('hourly_orders');
    // 6 days (03-01..03-06). Order hours: 9 (s1 100, s4 80, s6 120), 10 (s3 50), 11 (s7 60), 23 (s9 40), 8 (s10 30)
    expect(meta).toEqual({ days: 6, period: [day('01'), day('07')] });
    expect(rows).toHaveLength(24);
    expect(rows[9]).toEqual({ hour: 9, orders: 3 / 6, revenue: 300 / 6 });
    expect(rows[10]).toEqual({ hour: 10, orders: 1 / 6, revenue: 50 / 6 });
    expect(rows[23]).toEqual({ hour: 23, orders: 1 / 6, revenue: 40 / 6 });
    expect(rows[0]).toEqual({ hour: 0, orders: 0, revenue: 0 });
    // the means sum to orders per day: 7 / 6
    expect(rows.reduce((sum, r) => sum + (r.orders as number), 0)).toBeCloseTo(7 / 6, 12);
  });

  it('counts the days of the filter interval, with days without orders as 0', () => {
    // interval 03-01 .. 03-11: 10 days, only 6 with sessions
    const { rows, meta } = report('hourly_orders', {}, and(interval('session_start', day('01'), day('11'))));
    expect(meta?.days).toBe(10);
    expect(rows[9]).toEqual({ hour: 9, orders: 0.3, revenue: 30 });
  });

  it('reads hours in the dataset time zone', () => {
    const { rows, meta } = report('hourly_orders', {}, NO_FILTER, shop({ timeZone: 'Europe/Berlin' }));
    // local = UTC+1: s1 s4 s6 at 10, s3 at 11, s7 at 12, s9 at 0 (next day), s10 at 9; days 03-01..03-06 local = 6
    expect(meta?.days).toBe(6);
    expect(rows[10].orders).toBe(0.5);
    expect(rows[0].orders).toBe(1 / 6);
    expect(rows[23].orders).toBe(0);
  });
});

describe('most_ordered_products and most_ordered_categories', () => {
  it('ranks products by orders containing them, ties by name', () => {
    const { rows, meta } = report('most_ordered_products');
    // A: s1 (30×2), s6 (30×2), s9 (40×1); s2's line is not an order. B: s1 (40×1), s4 (40×2), s7 (20×3)
    // C: s3 (55×1), s6 (65×1). D: s10 (10×3)
    expect(rows).toEqual([
      { product: 'A', orders: 3, quantity: 5, revenue: 160 },
      { product: 'B', orders: 3, quantity: 6, revenue: 180 },
      { product: 'C', orders: 2, quantity: 2, revenue: 120 },
      { product: 'D', orders: 1, quantity: 3, revenue: 30 },
    ]);
    expect(meta).toEqual({ metric: 'orders', values: 4 });
  });

  it('ranks by quantity or line revenue and limits', () => {
    expect(report('most_ordered_products', { metric: 'quantity', limit: 2 }).rows.map((r) => r.product)).toEqual(['B', 'A']);
    expect(report('most_ordered_products', { metric: 'revenue' }).rows.map((r) => [r.product, r.revenue])).toEqual([['B', 180], ['A', 160], ['C', 120], ['D', 30]]);
  });

  it('follows the filter: a category filter keeps only those lines', () => {
    // shoes lines: A and C; a web filter keeps s1 A×2 and s3 C
    const { rows } = report('most_ordered_products', {}, and(prefix('category', ['shoes']), isIn('dimension', ['web'])));
    expect(rows).toEqual([
      { product: 'A', orders: 1, quantity: 2, revenue: 60 },
      { product: 'C', orders: 1, quantity: 1, revenue: 55 },
    ]);
  });

  it('ranks categories, also cut to the top path level', () => {
    expect(report('most_ordered_categories').rows).toEqual([
      { category: 'shirts', orders: 3, quantity: 6, revenue: 180 },
      { category: 'shoes/running', orders: 3, quantity: 5, revenue: 160 },
      { category: 'shoes/boots', orders: 2, quantity: 2, revenue: 120 },
      { category: 'socks', orders: 1, quantity: 3, revenue: 30 },
    ]);
    // shoes = running + boots: orders s1 s3 s6 s9 = 4 (s6 has both, counted once); quantity 5+2; revenue 160+120
    expect(report('most_ordered_categories', { depth: 1 }).rows).toEqual([
      { category: 'shoes', orders: 4, quantity: 7, revenue: 280 },
      { category: 'shirts', orders: 3, quantity: 6, revenue: 180 },
      { category: 'socks', orders: 1, quantity: 3, revenue: 30 },
    ]);
  });

  it('needs basket lines', () => {
    let error: unknown;
    try {
      report('most_ordered_products', {}, NO_FILTER, shop(undefined, { lines: false }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingInputError);
    expect(error).toMatchObject({ analysis: 'most_ordered_products', missing: 'basket lines' });
    expect(() => report('most_ordered_categories', {}, NO_FILTER, shop(undefined, { lines: false }))).toThrow(/most_ordered_categories needs basket lines/);
  });

  it('validates params', () => {
    expect(() => report('most_ordered_products', { limit: 0 })).toThrow(/most_ordered_products: params.limit must be an integer from 1/);
    expect(() => report('most_ordered_products', { metric: 'profit' })).toThrow(/params.metric must be one of "orders", "quantity", "revenue"/);
    expect(() => report('most_ordered_products', { depth: 1 })).toThrow(/unknown param "depth"/);
  });
});

describe('dimension_values', () => {
  it('lists every value with orders and revenue, also those filtered to zero', () => {
    expect(report('dimension_values').rows).toEqual([
      { value: 'app', orders: 3, revenue: 240 },
      { value: 'web', orders: 4, revenue: 240 },
    ]);
    // client c3: s4 app 80, s8 web (no order), s9 app 40
    expect(report('dimension_values', { sort: 'orders' }, and(isIn('client', ['c3']))).rows).toEqual([
      { value: 'app', orders: 2, revenue: 120 }, // s4 80 + s9 40
      { value: 'web', orders: 0, revenue: 0 }, // s8 is not an order
    ]);
    expect(report('dimension_values', { field: 'customers.gender', sort: 'revenue' }).rows).toEqual([
      { value: 'f', orders: 6, revenue: 360 },
      { value: 'm', orders: 1, revenue: 120 },
    ]);
  });

  it('says when there is no dimension column', () => {
    const data = buildDataset({ sessions: [{ id: 'o1', client: 'c', start: '2024-01-01T00:00:00Z' }] });
    const { dimension: _d, ...columns } = data.sessions.columns;
    const without = { ...data, sessions: { ...data.sessions, columns } };
    expect(() => report('dimension_values', {}, NO_FILTER, without)).toThrow(MissingInputError);
    expect(() => report('dimension_values', { field: 'payment_amount' })).toThrow(/must be a string field/);
  });
});
