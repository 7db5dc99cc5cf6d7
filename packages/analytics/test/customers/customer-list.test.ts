import { describe, expect, it } from 'vitest';
import { interval, isIn } from '@clvkit/core';
import { DAY, fixture, ms, report } from './fixtures.js';
import { profileShop } from './profile-shop.js';

const at = (iso: string) => ms(`${iso}T10:00:00Z`);

describe('customer_list', () => {
  it('lists every client with a session in the selection, with contact fields, status, orders and top products', () => {
    const { rows, meta } = report(profileShop(), 'customer_list');
    // Default sort: revenue descending. k5 has no session: not listed. As of 03-20T10:00Z.
    expect(rows).toEqual([
      {
        client: 'k1', email: 'k1@x', phone: '+44 1', email_opt_in: true, sms_opt_in: false, push_opt_in: true,
        // A in both orders; C (5 units) before B (1 unit), each in one order.
        status: 'active', orders: 2, revenue: 150, averageOrderValue: 75, firstOrder: at('2024-02-01'), lastOrder: at('2024-03-01'), recencyDays: 19, topProducts: 'A; C; B',
      },
      {
        client: 'k2', email: 'k2@x', phone: null, email_opt_in: false, sms_opt_in: false, push_opt_in: false,
        // 02-10 -> 03-20 = 19 + 20 = 39 days.
        status: 'active', orders: 1, revenue: 30, averageOrderValue: 30, firstOrder: at('2024-02-10'), lastOrder: at('2024-02-10'), recencyDays: 39, topProducts: 'D',
      },
      {
        client: 'k4', email: 'k4@x', phone: '+44 4', email_opt_in: true, sms_opt_in: true, push_opt_in: false,
        status: 'active', orders: 1, revenue: 20, averageOrderValue: 20, firstOrder: at('2024-03-15'), lastOrder: at('2024-03-15'), recencyDays: 5, topProducts: 'B',
      },
      {
        // No customers row, and no basket lines.
        client: 'z', email: null, phone: null, email_opt_in: null, sms_opt_in: null, push_opt_in: null,
        status: 'active', orders: 1, revenue: 10, averageOrderValue: 10, firstOrder: at('2024-03-20'), lastOrder: at('2024-03-20'), recencyDays: 0, topProducts: null,
      },
      {
        client: 'k3', email: null, phone: '+44 3', email_opt_in: false, sms_opt_in: true, push_opt_in: false,
        status: null, orders: 0, revenue: 0, averageOrderValue: null, firstOrder: null, lastOrder: null, recencyDays: null, topProducts: null,
      },
    ]);
    expect(meta).toEqual({
      total: 5,
      offset: 0,
      limit: 50,
      sort: { field: 'revenue', order: 'desc' },
      fields: ['email', 'phone', 'email_opt_in', 'sms_opt_in', 'push_opt_in'],
      asOf: at('2024-03-20'),
    });
  });

  it('sorts by any field with nulls last, ties by client id, and pages', () => {
    const clients = (params: Record<string, unknown>) => report(profileShop(), 'customer_list', params).rows.map((r) => r.client);
    expect(clients({ sort: { field: 'recencyDays', order: 'asc' } })).toEqual(['z', 'k4', 'k1', 'k2', 'k3']);
    expect(clients({ sort: { field: 'recencyDays', order: 'desc' } })).toEqual(['k2', 'k1', 'k4', 'z', 'k3']);
    expect(clients({ sort: { field: 'client', order: 'asc' } })).toEqual(['k1', 'k2', 'k3', 'k4', 'z']);
    // Equal order counts (1): k2, k4, z by id; k3 (0) last.
    expect(clients({ sort: { field: 'orders', order: 'desc' } })).toEqual(['k1', 'k2', 'k4', 'z', 'k3']);
    expect(clients({ sort: { field: 'email', order: 'asc' } })).toEqual(['k1', 'k2', 'k4', 'k3', 'z']);
    expect(clients({ sort: { field: 'status' } })).toEqual(['k1', 'k2', 'k4', 'z', 'k3']);
    const page = report(profileShop(), 'customer_list', { offset: 1, limit: 2 });
    expect(page.rows.map((r) => r.client)).toEqual(['k2', 'k4']);
    expect(page.meta).toMatchObject({ total: 5, offset: 1, limit: 2 });
    expect(report(profileShop(), 'customer_list', { offset: 10 }).rows).toEqual([]);
  });

  it('narrows orders to a brushed range and takes the status as of its end', () => {
    // Sessions in [03-01, 03-16): k1 (order 03-01), k2 (visit), k3 (visit), k4 (order 03-15). asOf = 03-16T00:00Z.
    const { rows, meta } = report(profileShop(), 'customer_list', { fields: ['location'] }, [interval('session_start', ms('2024-03-01'), ms('2024-03-16'))]);
    expect(meta?.asOf).toBe(ms('2024-03-16'));
    expect(rows.map((r) => r.client)).toEqual(['k1', 'k4', 'k2', 'k3']);
    // k1: only the 03-01 order (A×1, C×5: one order each, C has more units).
    expect(rows[0]).toEqual({
      client: 'k1', location: 'London', status: 'active', orders: 1, revenue: 50, averageOrderValue: 50,
      firstOrder: at('2024-03-01'), lastOrder: at('2024-03-01'), recencyDays: 14 + 14 / 24, topProducts: 'C; A',
    });
    // k2 has no order in the range but is active: its 02-10 order is within 3 months of 03-16.
    expect(rows[2]).toMatchObject({ client: 'k2', status: 'active', orders: 0, revenue: 0, lastOrder: null, recencyDays: (ms('2024-03-16') - at('2024-02-10')) / DAY });
  });

  it('follows product and status filters', () => {
    // Orders with a B line: s1 (k1) and s6 (k4); only their B lines count for top products.
    const withB = report(profileShop(), 'customer_list', {}, [isIn('product', ['B'])]).rows;
    expect(withB.map((r) => [r.client, r.orders, r.revenue, r.topProducts])).toEqual([['k1', 1, 100, 'B'], ['k4', 1, 20, 'B']]);
    // The derived status field (as of the data end): every buyer here is active, k3 has no status.
    expect(report(profileShop(), 'customer_list', {}, [isIn('customer_status', ['active'])]).meta?.total).toBe(4);
  });

  it('works without a customers table or basket lines, and rejects unknown fields', () => {
    const bare = fixture({ sessions: [{ id: 'o', client: 'x', start: '2024-01-01T00:00:00Z', payment: 5 }] });
    expect(report(bare, 'customer_list').rows).toEqual([
      { client: 'x', status: 'active', orders: 1, revenue: 5, averageOrderValue: 5, firstOrder: ms('2024-01-01'), lastOrder: ms('2024-01-01'), recencyDays: 0, topProducts: null },
    ]);
    expect(() => report(profileShop(), 'customer_list', { sort: { field: 'shoe_size' } })).toThrow(/not a row field/);
    expect(() => report(profileShop(), 'customer_list', { fields: ['nope'] })).toThrow(/nope/);
    expect(() => report(profileShop(), 'customer_list', { limit: 0 })).toThrow(/limit/);
  });
});

describe('customer_list pages of a large selection', () => {
  // 400 clients with ties on purpose (a few revenues and order counts): a first page is picked
  // with a bounded heap, a late page by sorting; both must be the slices of the full order.
  const sessions = Array.from({ length: 1200 }, (_, i) => ({
    id: `s${i}`,
    client: `c${String((i * 37) % 400).padStart(3, '0')}`,
    start: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 90) * DAY).toISOString(),
    purchased: i % 5 !== 0,
    payment: 10 * ((i * 13) % 4),
  }));
  const data = () => fixture({ sessions });
  for (const sort of [
    { field: 'revenue', order: 'desc' },
    { field: 'orders', order: 'asc' },
    { field: 'lastOrder', order: 'desc' },
    { field: 'client', order: 'asc' },
    { field: 'status', order: 'desc' },
  ]) {
    it(`sorted by ${sort.field} ${sort.order}`, () => {
      const all = report(data(), 'customer_list', { sort, limit: 10_000 }).rows;
      expect(all).toHaveLength(400);
      for (const [offset, limit] of [[0, 10], [0, 50], [37, 20], [350, 50], [390, 50]]) {
        expect(report(data(), 'customer_list', { sort, offset, limit }).rows).toEqual(all.slice(offset, offset + limit));
      }
    });
  }
});
