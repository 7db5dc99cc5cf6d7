import { describe, expect, it } from 'vitest';
import { MissingInputError, isIn } from '@clvkit/core';
import { runQuery } from '../../src/index.js';
import { buildDataset } from '../helpers.js';

/*
 * Orders (UTC):
 *   o1 03-01 web  30   lines: A 2×10, B 1×10
 *   o2 03-01 app  15   lines: A 1×15
 *   o3 03-02 web  40   lines: B 2×20
 *   v1 03-02 web  visit only (no order)
 *   o4 03-02 -    5    lines: C 1×5   (no dimension)
 */
const day = (d: string) => Date.parse(`2024-03-${d}T00:00:00Z`);
const data = () =>
  buildDataset({
    sessions: [
      { id: 'o1', client: 'a', start: '2024-03-01T09:00Z', payment: 30, dimension: 'web' },
      { id: 'o2', client: 'b', start: '2024-03-01T18:00Z', payment: 15, dimension: 'app' },
      { id: 'o3', client: 'a', start: '2024-03-02T10:00Z', payment: 40, dimension: 'web' },
      { id: 'v1', client: 'c', start: '2024-03-02T11:00Z', purchased: false, payment: 0, dimension: 'web' },
      { id: 'o4', client: 'c', start: '2024-03-02T12:00Z', payment: 5, dimension: null },
    ],
    lines: [
      { order: 'o1', product: 'A', price: 10, quantity: 2 },
      { order: 'o1', product: 'B', price: 10, quantity: 1 },
      { order: 'o2', product: 'A', price: 15, quantity: 1 },
      { order: 'o3', product: 'B', price: 20, quantity: 2 },
      { order: 'o4', product: 'C', price: 5, quantity: 1 },
    ],
  });
const run = (name: string, params: Record<string, unknown> = {}, predicates = [] as ReturnType<typeof isIn>[]) =>
  runQuery(data(), { spec: { kind: 'analysis', name, params }, filter: { mode: 'and', predicates } });

describe('daily_dimension_values', () => {
  it('orders and revenue per day and value, days in order, no-dimension sessions left out', () => {
    expect(run('daily_dimension_values').rows).toEqual([
      { bucket: day('01'), dimension: 'app', orders: 1, revenue: 15 },
      { bucket: day('01'), dimension: 'web', orders: 1, revenue: 30 },
      // 03-02 web: o3 (40) and the visit v1 (not an order).
      { bucket: day('02'), dimension: 'web', orders: 1, revenue: 40 },
    ]);
  });

  it('says the dimension is missing when the sessions have none', () => {
    const built = buildDataset({ sessions: [{ id: 'o1', client: 'a', start: '2024-03-01T09:00Z', payment: 1 }] });
    const { dimension: _dropped, ...columns } = built.sessions.columns;
    const plain = { ...built, sessions: { ...built.sessions, columns } };
    expect(() => runQuery(plain, { spec: { kind: 'analysis', name: 'daily_dimension_values' }, filter: { mode: 'and', predicates: [] } })).toThrow(MissingInputError);
  });
});

describe('daily_products_of_sales', () => {
  it('keeps the top products by orders and gives their daily orders, quantity and line revenue', () => {
    // Orders containing: A 2 (o1, o2), B 2 (o1, o3), C 1 (o4); top 2 = A, B (ties by the aggregate's order).
    const { rows, meta } = run('daily_products_of_sales', { limit: 2 });
    expect([...(meta!.products as string[])].sort()).toEqual(['A', 'B']);
    const byKey = Object.fromEntries(rows.map((r) => [`${r.bucket === day('01') ? '01' : '02'}:${r.product}`, [r.orders, r.quantity, r.revenue]]));
    expect(byKey).toEqual({
      '01:A': [2, 3, 35], // o1 2×10 + o2 1×15
      '01:B': [1, 1, 10], // o1 1×10
      '02:B': [1, 2, 40], // o3 2×20
    });
  });

  it('follows the filter: web only leaves A in o1 and B in o1, o3', () => {
    // Web orders containing: B 2 (o1, o3), A 1 (o1): B ranks first, and rows of a day follow the rank.
    const { rows, meta } = run('daily_products_of_sales', { limit: 5 }, [isIn('dimension', ['web'])]);
    expect(meta!.products).toEqual(['B', 'A']);
    expect(rows.map((r) => [r.product, r.orders, r.revenue])).toEqual([
      ['B', 1, 10],
      ['A', 1, 20],
      ['B', 1, 40],
    ]);
  });
});
