import { describe, expect, it } from 'vitest';
import { allOf, interval, isIn } from '@clvkit/core';
import { allCustomerOrders, derivedColumns, runQuery, withDerivedFields } from '../src/index.js';
import { buildDataset } from './helpers.js';

/*
 * Orders out of time order on purpose (row order is not time order):
 *   row 0: o3 c1 03-05 bought 30
 *   row 1: o1 c1 03-01 bought 10
 *   row 2: v1 c2 03-02 visit only
 *   row 3: o4 c2 03-06 bought 40
 *   row 4: o2 c1 03-03 bought 20
 *   row 5: o5 c3 03-02 bought 50
 * c1's orders by time: o1 (row 1), o2 (row 4), o3 (row 0); c2: o4 (row 3); c3: o5 (row 5).
 */
const data = () =>
  buildDataset({
    sessions: [
      { id: 'o3', client: 'c1', start: '2024-03-05T10:00Z', payment: 30 },
      { id: 'o1', client: 'c1', start: '2024-03-01T10:00Z', payment: 10 },
      { id: 'v1', client: 'c2', start: '2024-03-02T10:00Z', purchased: false, payment: 0 },
      { id: 'o4', client: 'c2', start: '2024-03-06T10:00Z', payment: 40 },
      { id: 'o2', client: 'c1', start: '2024-03-03T10:00Z', payment: 20 },
      { id: 'o5', client: 'c3', start: '2024-03-02T10:00Z', payment: 50 },
    ],
  });
const t = (d: string) => Date.parse(`2024-03-${d}T10:00Z`);
const orders = (dataset: ReturnType<typeof data>, predicates: Parameters<typeof allOf>[0]) =>
  runQuery(dataset, { spec: { kind: 'aggregate', measures: ['orders', 'revenue'] }, filter: { mode: 'and', predicates } }).rows[0];

describe('customer orders and the derived customer fields', () => {
  it('lists each customer\'s orders in time order', () => {
    const index = allCustomerOrders(derivedColumns(data()));
    const of = (c: number) => [...index.rows.subarray(index.starts[c], index.starts[c + 1])];
    expect([of(0), of(1), of(2)]).toEqual([[1, 4, 0], [3], [5]]);
  });

  it('numbers orders per customer and gives every session its customer\'s first order time', () => {
    const enriched = withDerivedFields(data());
    const number = enriched.sessions.columns.order_number;
    const first = enriched.sessions.columns.first_order_at;
    expect(number.type === 'number' && [...number.values]).toEqual([3, 1, 0, 1, 2, 1]);
    // c2's first (and only) order is o4 on 03-06, also for the visit v1.
    expect(first.type === 'time' && [...first.values]).toEqual([t('01'), t('01'), t('06'), t('06'), t('01'), t('02')]);
    // c1 has 3 orders, c2 1 (the visit v1 counts as c2's session), c3 1.
    const count = enriched.sessions.columns.customer_orders;
    expect(count.type === 'number' && [...count.values]).toEqual([3, 3, 1, 1, 3, 1]);
    expect(withDerivedFields(enriched)).toBe(enriched);
    expect(withDerivedFields(data())).not.toBe(enriched);
  });

  it('filters like imported columns, alone and inside a compound clause', () => {
    const dataset = data();
    // First orders: o1 10 + o4 40 + o5 50.
    expect(orders(dataset, [isIn('order_number', [1])])).toEqual({ orders: 3, revenue: 100 });
    // Repeat orders: o2 20 + o3 30.
    expect(orders(dataset, [interval('order_number', 2, Infinity)])).toEqual({ orders: 2, revenue: 50 });
    // Customers with 3+ orders: c1's o1 10 + o2 20 + o3 30.
    expect(orders(dataset, [interval('customer_orders', 3, Infinity)])).toEqual({ orders: 3, revenue: 60 });
    // Cohort cell: customers who first ordered on 03-01 or 03-02 (c1, c3), orders from 03-03 on: o2 20, o3 30.
    const cell = allOf([interval('first_order_at', t('01'), t('03')), interval('session_start', t('03'), t('07'))]);
    expect(orders(dataset, [cell])).toEqual({ orders: 2, revenue: 50 });
  });
});
