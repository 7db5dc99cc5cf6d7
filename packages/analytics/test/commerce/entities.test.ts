import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError } from '@clvkit/core';
import { at, buildDataset, shop } from '../helpers.js';
import { and, run, withoutSessionColumn } from './fixtures.js';

const metrics = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [r.metric, r.value]));
const DAY = 86_400_000;

describe('dimension_kpis', () => {
  // web: s1 s3 s5 s7 s8 s10 (orders s1 100, s3 50 disc 5, s7 60, s10 30; clients c1 c2 c3; buyer c1)
  // app: s2 s4 s6 s9 (orders s4 80, s6 120 disc 10, s9 40; clients c2 c3; buyers c3 c2)
  const web = { dimension: 'web', orders: 4, revenue: 240, discount: 5, visitors: 3, buyers: 1, averageOrderValue: 60 };
  const app = { dimension: 'app', orders: 3, revenue: 240, discount: 10, visitors: 2, buyers: 2, averageOrderValue: 80 };

  it('reports orders, revenue, discount, visitors, buyers and average order value per value', () => {
    expect(run(shop(), 'dimension_kpis')).toEqual({ rows: [web, app], meta: { sort: 'orders' } });
    // revenue tie 240 = 240 -> by value
    expect(run(shop(), 'dimension_kpis', { sort: 'revenue' }).rows).toEqual([app, web]);
    expect(run(shop(), 'dimension_kpis', { sort: 'value' }).rows).toEqual([app, web]);
  });

  it('follows the filter, and lists sessions without a dimension last', () => {
    // P1 orders: s3 (web, 50, disc 5, c1) and s6 (app, 120, disc 10, c2)
    expect(run(shop(), 'dimension_kpis', {}, and(isIn('promotion_id', ['P1']))).rows).toEqual([
      { dimension: 'app', orders: 1, revenue: 120, discount: 10, visitors: 1, buyers: 1, averageOrderValue: 120 },
      { dimension: 'web', orders: 1, revenue: 50, discount: 5, visitors: 1, buyers: 1, averageOrderValue: 50 },
    ]);
    const dataset = buildDataset({
      sessions: [
        { id: 'a', client: 'x', start: '2024-01-01T10:00:00Z', payment: 10, dimension: 'north' },
        { id: 'b', client: 'y', start: '2024-01-01T11:00:00Z', payment: 30, dimension: null },
        { id: 'c', client: 'y', start: '2024-01-02T11:00:00Z', purchased: false, dimension: null },
        { id: 'd', client: 'z', start: '2024-01-02T12:00:00Z', purchased: false, dimension: 'south' },
      ],
    });
    expect(run(dataset, 'dimension_kpis').rows).toEqual([
      { dimension: 'north', orders: 1, revenue: 10, discount: 0, visitors: 1, buyers: 1, averageOrderValue: 10 },
      { dimension: 'south', orders: 0, revenue: 0, discount: 0, visitors: 1, buyers: 0, averageOrderValue: null },
      { dimension: null, orders: 1, revenue: 30, discount: 0, visitors: 1, buyers: 1, averageOrderValue: 30 },
    ]);
    expect(() => run(withoutSessionColumn(shop(), 'dimension'), 'dimension_kpis')).toThrow(MissingInputError);
  });
});

describe('client_kpis', () => {
  it("reports a repeat customer's orders, value, gaps and favourite products", () => {
    // c1: s1 03-01 09:15 (100), s3 03-02 10:30 (50, disc 5), s7 03-04 11:00 (60), s10 03-06 08:00 (30)
    // gap: 03-06 08:00 - 03-01 09:15 = 4 d 22.75 h over 3 gaps
    const { rows, meta } = run(shop(), 'client_kpis', { client: 'c1' });
    expect(rows.map((r) => r.metric)).toEqual(['orders', 'revenue', 'discount', 'sessions', 'averageOrderValue', 'firstOrder', 'lastOrder', 'daysBetweenOrders', 'quantity']);
    const m = metrics(rows);
    expect(m).toMatchObject({ orders: 4, revenue: 240, discount: 5, sessions: 4, averageOrderValue: 60, firstOrder: at('2024-03-01T09:15:00Z'), lastOrder: at('2024-03-06T08:00:00Z') });
    expect(m.daysBetweenOrders).toBeCloseTo((4 + 22.75 / 24) / 3, 12);
    // lines: s1 A×2 B×1, s3 C×1, s7 B×3, s10 D×3 -> 10 items
    expect(m.quantity).toBe(10);
    // B in 2 orders (qty 4, 40 + 60); then 1 order each by quantity: D 3 (30), A 2 (60), C 1 (55)
    expect(meta).toEqual({
      client: 'c1',
      found: true,
      favouriteProducts: [
        { product: 'B', orders: 2, quantity: 4, revenue: 100 },
        { product: 'D', orders: 1, quantity: 3, revenue: 30 },
        { product: 'A', orders: 1, quantity: 2, revenue: 60 },
        { product: 'C', orders: 1, quantity: 1, revenue: 55 },
      ],
    });
    expect((run(shop(), 'client_kpis', { client: 'c1', limit: 2 }).meta.favouriteProducts as unknown[]).length).toBe(2);
  });

  it('handles a one-order customer, a filter, a client without sessions and a shop without lines', () => {
    // c2: sessions s2, s5 (no purchase), s6 (120, disc 10, A×2 + C×1)
    expect(run(shop(), 'client_kpis', { client: 'c2' })).toEqual({
      rows: [
        { metric: 'orders', value: 1 },
        { metric: 'revenue', value: 120 },
        { metric: 'discount', value: 10 },
        { metric: 'sessions', value: 3 },
        { metric: 'averageOrderValue', value: 120 },
        { metric: 'firstOrder', value: at('2024-03-04T09:05:00Z') },
        { metric: 'lastOrder', value: at('2024-03-04T09:05:00Z') },
        { metric: 'daysBetweenOrders', value: null },
        { metric: 'quantity', value: 3 },
      ],
      meta: { client: 'c2', found: true, favouriteProducts: [{ product: 'A', orders: 1, quantity: 2, revenue: 60 }, { product: 'C', orders: 1, quantity: 1, revenue: 65 }] },
    });
    // c1 from 03-02 to 03-05: s3 (03-02 10:30, 50) and s7 (03-04 11:00, 60): one gap of 2 d 0.5 h
    const ranged = metrics(run(shop(), 'client_kpis', { client: 'c1' }, and(interval('session_start', at('2024-03-02T00:00:00Z'), at('2024-03-05T00:00:00Z')))).rows);
    expect(ranged).toMatchObject({ orders: 2, revenue: 110, sessions: 2, averageOrderValue: 55, quantity: 4 });
    expect(ranged.daysBetweenOrders).toBeCloseTo((2 * DAY + 1_800_000) / DAY, 12);
    // A customer in the customers table without sessions, and an unknown id: zeros and nulls.
    const withCustomer = buildDataset({ sessions: [{ id: 'x1', client: 'c1', start: '2024-03-01T10:00:00Z', payment: 10 }], customers: [{ client: 'c1' }, { client: 'c4' }] });
    const none = run(withCustomer, 'client_kpis', { client: 'c4' });
    expect(metrics(none.rows)).toEqual({ orders: 0, revenue: 0, discount: 0, sessions: 0, averageOrderValue: null, firstOrder: null, lastOrder: null, daysBetweenOrders: null, quantity: null });
    expect(none.meta).toEqual({ client: 'c4', found: false, favouriteProducts: null });
    // Without basket lines: quantity and favourites are null.
    const noLines = run(shop(undefined, { lines: false }), 'client_kpis', { client: 'c1' });
    expect(metrics(noLines.rows).quantity).toBeNull();
    expect(noLines.meta.favouriteProducts).toBeNull();
    expect(() => run(shop(), 'client_kpis')).toThrow(/params.client is required/);
  });
});
