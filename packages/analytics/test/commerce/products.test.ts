import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError } from '@clvkit/core';
import { at, buildDataset, shop } from '../helpers.js';
import { and, run } from './fixtures.js';

const day = (d: string) => at(`2024-03-${d}T00:00:00Z`);

// shop() basket lines of orders (s2's line is an abandoned basket, not counted):
// s1 A shoes/running 30×2, B shirts 40×1 | s3 C shoes/boots 55×1 | s4 B shirts 40×2
// s6 A shoes/running 30×2, C shoes/boots 65×1 | s7 B shirts 20×3 | s9 A shoes/running 40×1
// s10 D socks 10×3

describe('category_tree', () => {
  it('lists the top level with orders, quantity and line revenue', () => {
    const { rows, meta } = run(shop(), 'category_tree');
    expect(rows).toEqual([
      // shoes: s1 s3 s6 s9 = 4 orders; qty 2 + 1 + 2 + 1 + 1 = 7; revenue 60 + 55 + 60 + 65 + 40 = 280
      { name: 'shoes', kind: 'category', category: 'shoes', product: null, orders: 4, quantity: 7, revenue: 280, hasChildren: true },
      // shirts: s1 s4 s7 = 3; qty 1 + 2 + 3 = 6; revenue 40 + 80 + 60 = 180
      { name: 'shirts', kind: 'category', category: 'shirts', product: null, orders: 3, quantity: 6, revenue: 180, hasChildren: true },
      // socks: s10; 3; 30
      { name: 'socks', kind: 'category', category: 'socks', product: null, orders: 1, quantity: 3, revenue: 30, hasChildren: true },
    ]);
    // 7 orders have lines; 16 items; 490
    expect(meta).toEqual({ path: '', parent: null, metric: 'orders', children: 3, total: { orders: 7, quantity: 16, revenue: 490 } });
  });

  it('drills down to sub-categories, then to products', () => {
    const shoes = run(shop(), 'category_tree', { path: 'shoes' });
    expect(shoes.rows).toEqual([
      // running: s1 s6 s9; qty 2 + 2 + 1; 60 + 60 + 40
      { name: 'running', kind: 'category', category: 'shoes/running', product: null, orders: 3, quantity: 5, revenue: 160, hasChildren: true },
      // boots: s3 s6; 1 + 1; 55 + 65
      { name: 'boots', kind: 'category', category: 'shoes/boots', product: null, orders: 2, quantity: 2, revenue: 120, hasChildren: true },
    ]);
    expect(shoes.meta).toMatchObject({ path: 'shoes', parent: '', total: { orders: 4, quantity: 7, revenue: 280 } });
    expect(run(shop(), 'category_tree', { path: 'shoes/' }).rows).toEqual(shoes.rows);
    const running = run(shop(), 'category_tree', { path: 'shoes/running' });
    expect(running.rows).toEqual([{ name: 'A', kind: 'product', category: 'shoes/running', product: 'A', orders: 3, quantity: 5, revenue: 160, hasChildren: false }]);
    expect(running.meta.parent).toBe('shoes');
    // A prefix of a segment is not a path: "sho" matches nothing.
    expect(run(shop(), 'category_tree', { path: 'sho' })).toEqual({ rows: [], meta: { path: 'sho', parent: '', metric: 'orders', children: 0, total: { orders: 0, quantity: 0, revenue: 0 } } });
  });

  it('mixes sub-categories and the products listed at a node, and sorts by the metric', () => {
    // t1: X home 10×1, Y home/kitchen 5×2 | t2: Y home/kitchen 5×1, Z home/kitchen/knives 20×1
    // t3: W (no category) 7×1, X home 10×3 | t4 (no purchase): X home 10×1
    const dataset = buildDataset({
      sessions: [
        { id: 't1', client: 'a', start: '2024-01-01T10:00:00Z', payment: 20 },
        { id: 't2', client: 'b', start: '2024-01-02T10:00:00Z', payment: 25 },
        { id: 't3', client: 'a', start: '2024-01-03T10:00:00Z', payment: 37 },
        { id: 't4', client: 'b', start: '2024-01-04T10:00:00Z', purchased: false },
      ],
      lines: [
        { order: 't1', product: 'X', category: 'home', price: 10 },
        { order: 't1', product: 'Y', category: 'home/kitchen', price: 5, quantity: 2 },
        { order: 't2', product: 'Y', category: 'home/kitchen', price: 5 },
        { order: 't2', product: 'Z', category: 'home/kitchen/knives', price: 20 },
        { order: 't3', product: 'W', category: null, price: 7 },
        { order: 't3', product: 'X', category: 'home', price: 10, quantity: 3 },
        { order: 't4', product: 'X', category: 'home', price: 10 },
      ],
    });
    // Top: home = t1 t2 t3; qty 1 + 2 + 1 + 1 + 3 = 8; revenue 10 + 10 + 5 + 20 + 30 = 75 (W is outside the tree).
    expect(run(dataset, 'category_tree').rows).toEqual([{ name: 'home', kind: 'category', category: 'home', product: null, orders: 3, quantity: 8, revenue: 75, hasChildren: true }]);
    // home: product X (t1 t3; qty 4; 40) and kitchen (t1 t2; qty 2 + 1 + 1 = 4; 10 + 5 + 20 = 35).
    const X = { name: 'X', kind: 'product', category: 'home', product: 'X', orders: 2, quantity: 4, revenue: 40, hasChildren: false };
    const kitchen = { name: 'kitchen', kind: 'category', category: 'home/kitchen', product: null, orders: 2, quantity: 4, revenue: 35, hasChildren: true };
    expect(run(dataset, 'category_tree', { path: 'home' }).rows).toEqual([X, kitchen]); // orders tie 2 = 2: "X" < "kitchen" by code point
    expect(run(dataset, 'category_tree', { path: 'home', metric: 'revenue' }).rows).toEqual([X, kitchen]);
    expect(run(dataset, 'category_tree', { path: 'home', limit: 1 })).toMatchObject({ rows: [X], meta: { children: 2 } });
    // home/kitchen: product Y (t1 t2; qty 3; 15) and knives (t2; 1; 20).
    const kitchenRows = run(dataset, 'category_tree', { path: 'home/kitchen' }).rows;
    expect(kitchenRows.map((r) => [r.name, r.kind, r.orders, r.quantity, r.revenue, r.hasChildren])).toEqual([
      ['Y', 'product', 2, 3, 15, false],
      ['knives', 'category', 1, 1, 20, true],
    ]);
    expect(run(dataset, 'category_tree', { path: 'home/kitchen', metric: 'revenue' }).rows.map((r) => r.name)).toEqual(['knives', 'Y']);
  });

  it('runs under the filter and validates params', () => {
    // app sessions: s4 (B shirts 40×2), s6 (A 30×2, C 65×1), s9 (A 40×1)
    expect(run(shop(), 'category_tree', {}, and(isIn('dimension', ['app']))).rows.map((r) => [r.name, r.orders, r.quantity, r.revenue])).toEqual([
      ['shoes', 2, 4, 165],
      ['shirts', 1, 2, 80],
    ]);
    expect(() => run(shop(), 'category_tree', { path: 3 })).toThrow(/params.path/);
    expect(() => run(shop(undefined, { lines: false }), 'category_tree')).toThrow(MissingInputError);
  });
});

describe('product_kpis', () => {
  // A's lines in orders: s1 (c1, 03-01 09:15Z, 30×2), s6 (c2, 03-04 09:05Z, 30×2), s9 (c3, 03-05 23:30Z, 40×1).
  const metrics = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [r.metric, r.value]));

  it('reports orders, line revenue, quantity, buyers, first and last sale', () => {
    const { rows, meta } = run(shop(), 'product_kpis', { product: 'A' });
    expect(rows.map((r) => r.metric)).toEqual(['orders', 'revenue', 'quantity', 'buyers', 'firstSale', 'lastSale']);
    // orders 3; revenue 60 + 60 + 40 = 160; quantity 2 + 2 + 1 = 5; buyers c1 c2 c3
    expect(metrics(rows)).toEqual({ orders: 3, revenue: 160, quantity: 5, buyers: 3, firstSale: at('2024-03-01T09:15:00Z'), lastSale: at('2024-03-05T23:30:00Z') });
    expect(meta).toMatchObject({ product: 'A', found: true, unit: 'day', period: [day('01'), day('07')] });
    expect(meta.series).toEqual([
      { bucket: day('01'), orders: 1, quantity: 2, revenue: 60 },
      { bucket: day('02'), orders: 0, quantity: 0, revenue: 0 },
      { bucket: day('03'), orders: 0, quantity: 0, revenue: 0 },
      { bucket: day('04'), orders: 1, quantity: 2, revenue: 60 },
      { bucket: day('05'), orders: 1, quantity: 1, revenue: 40 },
      { bucket: day('06'), orders: 0, quantity: 0, revenue: 0 },
    ]);
  });

  it('buckets the series by week and in the shop time zone', () => {
    // Weeks from Monday: 02-26 (s1), 03-04 (s6, s9)
    expect(run(shop(), 'product_kpis', { product: 'A', bucket: 'week' }).meta.series).toEqual([
      { bucket: at('2024-02-26T00:00:00Z'), orders: 1, quantity: 2, revenue: 60 },
      { bucket: day('04'), orders: 2, quantity: 3, revenue: 100 },
    ]);
    // Berlin (UTC+1): s9 at 23:30Z is 00:30 on 03-06, so it lands on the 6th local day.
    const berlin = run(shop({ timeZone: 'Europe/Berlin' }), 'product_kpis', { product: 'A' }).meta.series as Record<string, number>[];
    expect(berlin.map((r) => [r.bucket, r.orders])).toEqual([
      [at('2024-02-29T23:00:00Z'), 1],
      [at('2024-03-01T23:00:00Z'), 0],
      [at('2024-03-02T23:00:00Z'), 0],
      [at('2024-03-03T23:00:00Z'), 1],
      [at('2024-03-04T23:00:00Z'), 0],
      [at('2024-03-05T23:00:00Z'), 1],
    ]);
  });

  it('runs under the filter, and answers zeros for an unknown product', () => {
    // web sessions: only s1 has A
    expect(metrics(run(shop(), 'product_kpis', { product: 'A' }, and(isIn('dimension', ['web']))).rows)).toEqual({
      orders: 1, revenue: 60, quantity: 2, buyers: 1, firstSale: at('2024-03-01T09:15:00Z'), lastSale: at('2024-03-01T09:15:00Z'),
    });
    // 03-04 .. 03-06: s6 and s9 (c2, c3)
    const range = run(shop(), 'product_kpis', { product: 'A' }, and(interval('session_start', day('04'), day('06'))));
    expect(metrics(range.rows)).toMatchObject({ orders: 2, revenue: 100, quantity: 3, buyers: 2 });
    expect(range.meta.series).toEqual([
      { bucket: day('04'), orders: 1, quantity: 2, revenue: 60 },
      { bucket: day('05'), orders: 1, quantity: 1, revenue: 40 },
    ]);
    const unknown = run(shop(), 'product_kpis', { product: 'nope' });
    expect(metrics(unknown.rows)).toEqual({ orders: 0, revenue: 0, quantity: 0, buyers: 0, firstSale: null, lastSale: null });
    expect(unknown.meta.found).toBe(false);
    expect(() => run(shop(), 'product_kpis', {})).toThrow(/params.product is required/);
    expect(() => run(shop(), 'product_kpis', { product: 'A', bucket: 'hourOfDay' })).toThrow(/params.bucket/);
    expect(() => run(shop(undefined, { lines: false }), 'product_kpis', { product: 'A' })).toThrow(MissingInputError);
  });
});
