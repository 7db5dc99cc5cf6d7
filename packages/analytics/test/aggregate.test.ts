import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError, NO_FILTER, prefix, type AggregateSpec, type Filter } from '@clvkit/core';
import { runQuery } from '../src/index.js';
import { at, buildDataset, shop } from './helpers.js';

const run = (spec: Omit<AggregateSpec, 'kind'>, filter: Filter = NO_FILTER, dataset = shop()) =>
  runQuery(dataset, { spec: { kind: 'aggregate', ...spec }, filter });

describe('aggregate over sessions', () => {
  it('totals without group keys', () => {
    const { rows } = run({ measures: ['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'averageOrderValue'] });
    // 7 orders of 10 sessions; revenue 480; discount 5+10; 3 clients, all bought
    expect(rows).toEqual([{ orders: 7, sessions: 10, revenue: 480, discount: 15, visitors: 3, buyers: 3, averageOrderValue: 480 / 7 }]);
  });

  it('groups by a string column, keys ascending', () => {
    const { rows } = run({ groupBy: [{ field: 'dimension' }], measures: ['sessions', 'orders', 'revenue', 'visitors', 'buyers'] });
    expect(rows).toEqual([
      // app: s2 s4 s6 s9; orders s4 s6 s9 = 80+120+40; clients c2 c3; buyers c3 c2
      { dimension: 'app', sessions: 4, orders: 3, revenue: 240, visitors: 2, buyers: 2 },
      // web: s1 s3 s5 s7 s8 s10; orders s1 s3 s7 s10 = 100+50+60+30; clients c1 c2 c3; buyers c1
      { dimension: 'web', sessions: 6, orders: 4, revenue: 240, visitors: 3, buyers: 1 },
    ]);
  });

  it('groups under a customers filter applied through the customer reference', () => {
    const { rows } = run({ groupBy: [{ field: 'dimension' }], measures: ['sessions', 'orders', 'revenue', 'visitors', 'buyers'] }, {
      mode: 'and',
      predicates: [isIn('customers.gender', ['f'])],
    });
    // women c1, c3. app: s4 s9 (c3); web: s1 s3 s7 s10 (c1), s8 (c3, no order)
    expect(rows).toEqual([
      { dimension: 'app', sessions: 2, orders: 2, revenue: 120, visitors: 1, buyers: 1 },
      { dimension: 'web', sessions: 5, orders: 4, revenue: 240, visitors: 2, buyers: 1 },
    ]);
  });

  it('groups by a customers field through the reference', () => {
    const { rows } = run({ groupBy: [{ field: 'gender' }], measures: ['orders', 'revenue'] });
    // f: c1 (100+50+60+30) + c3 (80+40) = 360 in 6 orders; m: c2 120 in 1 order
    expect(rows).toEqual([
      { gender: 'f', orders: 6, revenue: 360 },
      { gender: 'm', orders: 1, revenue: 120 },
    ]);
  });

  it('puts missing values in a null group, last', () => {
    const { rows } = run({ groupBy: [{ field: 'promotion_id' }], measures: ['orders', 'revenue', 'discount'] });
    expect(rows).toEqual([
      { promotion_id: 'P1', orders: 2, revenue: 170, discount: 15 }, // s3 50 + s6 120
      { promotion_id: null, orders: 5, revenue: 310, discount: 0 }, // 100+80+60+40+30
    ]);
  });

  it('groups by a boolean as true/false', () => {
    const { rows } = run({ groupBy: [{ field: 'has_purchased' }], measures: ['sessions', 'averageOrderValue'] });
    expect(rows).toEqual([
      { has_purchased: false, sessions: 3, averageOrderValue: null },
      { has_purchased: true, sessions: 7, averageOrderValue: 480 / 7 },
    ]);
  });

  it('groups by day with and without fill', () => {
    const filter: Filter = { mode: 'and', predicates: [isIn('dimension', ['app'])] };
    // app orders: s4 03-03 (80), s6 03-04 (120), s9 03-05 (40); s2 on 03-01 is a session without order
    const plain = run({ groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'] }, filter);
    expect(plain.rows).toEqual([
      { session_start: at('2024-03-01T00:00:00Z'), orders: 0, revenue: 0 },
      { session_start: at('2024-03-03T00:00:00Z'), orders: 1, revenue: 80 },
      { session_start: at('2024-03-04T00:00:00Z'), orders: 1, revenue: 120 },
      { session_start: at('2024-03-05T00:00:00Z'), orders: 1, revenue: 40 },
    ]);
    const filled = run({ groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'], fill: true }, filter);
    expect(filled.rows.map((r) => r.session_start)).toEqual(
      ['01', '02', '03', '04', '05'].map((d) => at(`2024-03-${d}T00:00:00Z`)),
    );
    expect(filled.rows[1]).toEqual({ session_start: at('2024-03-02T00:00:00Z'), orders: 0, revenue: 0 });
  });

  it('fills every hour of day for a cyclic key', () => {
    const { rows } = run({ groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders'], fill: true });
    expect(rows).toHaveLength(24);
    // order hours (UTC): s1 9, s3 10, s4 9, s6 9, s7 11, s9 23, s10 8
    expect(rows.map((r) => r.orders)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(rows[9]).toEqual({ session_start: 9, orders: 3 });
  });

  it('buckets days in the dataset time zone: 23:30 UTC is the next day in Berlin', () => {
    const { rows } = run({ groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'] }, NO_FILTER, shop({ timeZone: 'Europe/Berlin' }));
    // Berlin is UTC+1 in early March: days start at 23:00Z the day before.
    // s9 (03-05 23:30Z = 03-06 00:30 local) joins s10 on 03-06: 2 orders, 40 + 30.
    expect(rows.at(-1)).toEqual({ session_start: at('2024-03-05T23:00:00Z'), orders: 2, revenue: 70 });
    // 03-05 local has only s8, not an order
    expect(rows.at(-2)).toEqual({ session_start: at('2024-03-04T23:00:00Z'), orders: 0, revenue: 0 });
    expect(rows[0].session_start).toBe(at('2024-02-29T23:00:00Z'));
  });

  it('names keys field:bucket when one field is grouped twice', () => {
    const { rows } = run({ groupBy: [{ field: 'session_start', bucket: 'dayOfWeek' }, { field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders'], where: [isIn('has_purchased', [true])] });
    // 2024-03-01 is a Friday (5). Orders: Fri 9 (s1), Sat 10 (s3), Sun 9 (s4), Mon 9 (s6), Mon 11 (s7), Tue 23 (s9), Wed 8 (s10)
    expect(rows).toEqual([
      { 'session_start:dayOfWeek': 0, 'session_start:hourOfDay': 9, orders: 1 },
      { 'session_start:dayOfWeek': 1, 'session_start:hourOfDay': 9, orders: 1 },
      { 'session_start:dayOfWeek': 1, 'session_start:hourOfDay': 11, orders: 1 },
      { 'session_start:dayOfWeek': 2, 'session_start:hourOfDay': 23, orders: 1 },
      { 'session_start:dayOfWeek': 3, 'session_start:hourOfDay': 8, orders: 1 },
      { 'session_start:dayOfWeek': 5, 'session_start:hourOfDay': 9, orders: 1 },
      { 'session_start:dayOfWeek': 6, 'session_start:hourOfDay': 10, orders: 1 },
    ]);
  });

  it('ANDs where with the filter, orders by a measure and limits', () => {
    const { rows, meta } = run(
      { groupBy: [{ field: 'client' }], measures: ['orders'], where: [isIn('dimension', ['web'])], orderBy: { measure: 'revenue' }, limit: 2 },
      { mode: 'or', predicates: [isIn('customers.gender', ['m']), isIn('product', ['D'])] },
    );
    // filter: c2's sessions (s2 s5 s6) or sessions with a D line (s10); where web: s5, s10
    // revenue by client: c1 30 (s10), c2 0 (s5 no order)
    expect(rows).toEqual([{ client: 'c1', orders: 1 }, { client: 'c2', orders: 0 }]);
    expect(meta).toEqual({ groups: 2 });
    const asc = run({ groupBy: [{ field: 'client' }], measures: ['revenue'], orderBy: { measure: 'revenue', order: 'asc' }, limit: 1 });
    expect(asc.rows).toEqual([{ client: 'c2', revenue: 120 }]); // c1 240, c2 120, c3 120: the tie goes to the smaller key
  });

  it('sums basket lines of the orders per session group', () => {
    const { rows } = run({ groupBy: [{ field: 'dimension' }], measures: ['quantity', 'lineRevenue', 'lines'] });
    // app orders s4 (B 40×2), s6 (A 30×2, C 65×1), s9 (A 40×1); s2's abandoned line is not an order
    // web orders s1 (A 30×2, B 40×1), s3 (C 55×1), s7 (B 20×3), s10 (D 10×3)
    expect(rows).toEqual([
      { dimension: 'app', quantity: 6, lineRevenue: 80 + 60 + 65 + 40, lines: 4 },
      { dimension: 'web', quantity: 10, lineRevenue: 60 + 40 + 55 + 60 + 30, lines: 5 },
    ]);
  });

  it('sums only the lines passing a lines filter on a sessions query', () => {
    const { rows } = run({ measures: ['orders', 'quantity', 'lineRevenue'] }, { mode: 'and', predicates: [prefix('category', ['shoes'])] });
    // orders with a shoes line: s1 s3 s6 s9; shoes lines: s1 A 30×2, s3 C 55, s6 A 30×2 + C 65, s9 A 40
    expect(rows).toEqual([{ orders: 4, quantity: 2 + 1 + 2 + 1 + 1, lineRevenue: 60 + 55 + 60 + 65 + 40 }]);
  });

  it('bins a number column into fixed-width bins with step, empty bins filled by nothing', () => {
    const { rows } = run({ groupBy: [{ field: 'payment_amount', step: 50 }], measures: ['orders'], where: [isIn('has_purchased', [true])] });
    // order values 100 50 60 30 80 120 40: [0,50) 30 40; [50,100) 50 60 80; [100,150) 100 120
    expect(rows).toEqual([
      { payment_amount: 0, orders: 2 },
      { payment_amount: 50, orders: 3 },
      { payment_amount: 100, orders: 2 },
    ]);
    expect(() => run({ groupBy: [{ field: 'payment_amount', step: 0 }], measures: ['orders'] })).toThrow(/step must be a positive finite number/);
    expect(() => run({ groupBy: [{ field: 'dimension', step: 5 }], measures: ['orders'] })).toThrow(/step needs a number column/);
  });

  it('returns no rows when nothing passes', () => {
    expect(run({ groupBy: [{ field: 'dimension' }], measures: ['orders'] }, { mode: 'and', predicates: [isIn('dimension', ['shop'])] }).rows).toEqual([]);
    expect(run({ groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders'], fill: true }, { mode: 'and', predicates: [interval('session_start', 0, 1)] }).rows).toEqual([]);
  });
});

describe('aggregate over basket lines', () => {
  it('counts distinct orders and the basket revenue once per order', () => {
    const { rows } = run({ table: 'lines', groupBy: [{ field: 'category' }], measures: ['orders', 'sessions', 'lines', 'quantity', 'lineRevenue', 'revenue', 'buyers', 'visitors'] });
    expect(rows).toEqual([
      // shirts: s1 B, s4 B×2, s7 B×3 -> 3 orders of c1 c3 c1; basket revenue 100+80+60
      { category: 'shirts', orders: 3, sessions: 3, lines: 3, quantity: 6, lineRevenue: 40 + 80 + 60, revenue: 240, buyers: 2, visitors: 2 },
      // boots: s3 C, s6 C
      { category: 'shoes/boots', orders: 2, sessions: 2, lines: 2, quantity: 2, lineRevenue: 120, revenue: 170, buyers: 2, visitors: 2 },
      // running: s1 A×2, s2 A (abandoned: a session, not an order), s6 A×2, s9 A
      { category: 'shoes/running', orders: 3, sessions: 4, lines: 3, quantity: 5, lineRevenue: 60 + 60 + 40, revenue: 260, buyers: 3, visitors: 3 },
      { category: 'socks', orders: 1, sessions: 1, lines: 1, quantity: 3, lineRevenue: 30, revenue: 30, buyers: 1, visitors: 1 },
    ]);
  });

  it('groups lines by a sessions field through their order', () => {
    const { rows } = run({ table: 'lines', groupBy: [{ field: 'session_start', bucket: 'week' }, { field: 'product' }], measures: ['quantity'], where: [isIn('product', ['A', 'B'])] });
    // weeks start Monday: 02-26 holds 03-01..03-03 (s1 A2 B1, s2 A1 abandoned, s4 B2), 03-04 holds s6 A2, s7 B3, s9 A1
    expect(rows).toEqual([
      { session_start: at('2024-02-26T00:00:00Z'), product: 'A', quantity: 2 },
      { session_start: at('2024-02-26T00:00:00Z'), product: 'B', quantity: 3 },
      { session_start: at('2024-03-04T00:00:00Z'), product: 'A', quantity: 3 },
      { session_start: at('2024-03-04T00:00:00Z'), product: 'B', quantity: 3 },
    ]);
  });

  it('needs basket lines', () => {
    const error = (() => {
      try {
        run({ table: 'lines', measures: ['orders'] }, NO_FILTER, shop(undefined, { lines: false }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MissingInputError);
    expect((error as MissingInputError).missing).toBe('basket lines');
    expect(() => run({ measures: ['quantity'] }, NO_FILTER, shop(undefined, { lines: false }))).toThrow(MissingInputError);
  });
});

describe('week buckets across a year boundary', () => {
  const data = (weekStart: number) =>
    buildDataset({
      time: { weekStart },
      sessions: ['2024-12-30T10:00:00Z', '2025-01-01T10:00:00Z', '2025-01-04T10:00:00Z', '2025-01-05T10:00:00Z', '2025-01-06T10:00:00Z'].map((start, i) => ({
        id: `o${i}`,
        client: 'c',
        start,
        payment: 10 * (i + 1),
      })),
    });
  const weeks = (weekStart: number) => run({ groupBy: [{ field: 'session_start', bucket: 'week' }], measures: ['orders', 'revenue'] }, NO_FILTER, data(weekStart)).rows;

  it('starts weeks on Monday with weekStart 1', () => {
    // Mon 2024-12-30 .. Sun 2025-01-05: 12-30, 01-01, 01-04, 01-05 (10+20+30+40); Mon 01-06: 50
    expect(weeks(1)).toEqual([
      { session_start: at('2024-12-30T00:00:00Z'), orders: 4, revenue: 100 },
      { session_start: at('2025-01-06T00:00:00Z'), orders: 1, revenue: 50 },
    ]);
  });

  it('starts weeks on Sunday with weekStart 0', () => {
    // Sun 2024-12-29 .. Sat 2025-01-04: 12-30, 01-01, 01-04 (10+20+30); Sun 01-05 .. : 01-05, 01-06 (40+50)
    expect(weeks(0)).toEqual([
      { session_start: at('2024-12-29T00:00:00Z'), orders: 3, revenue: 60 },
      { session_start: at('2025-01-05T00:00:00Z'), orders: 2, revenue: 90 },
    ]);
  });

  it('buckets months, quarters and years', () => {
    const q = (bucket: 'month' | 'quarter' | 'year') => run({ groupBy: [{ field: 'session_start', bucket }], measures: ['orders'] }, NO_FILTER, data(1)).rows;
    const split = [
      { orders: 1 }, // 2024-12-30
      { orders: 4 },
    ];
    expect(q('month')).toEqual([{ session_start: at('2024-12-01T00:00:00Z'), ...split[0] }, { session_start: at('2025-01-01T00:00:00Z'), ...split[1] }]);
    expect(q('quarter')).toEqual([{ session_start: at('2024-10-01T00:00:00Z'), ...split[0] }, { session_start: at('2025-01-01T00:00:00Z'), ...split[1] }]);
    expect(q('year')).toEqual([{ session_start: at('2024-01-01T00:00:00Z'), ...split[0] }, { session_start: at('2025-01-01T00:00:00Z'), ...split[1] }]);
  });
});

describe('aggregate spec errors', () => {
  it('explains what is wrong', () => {
    expect(() => run({ measures: [] })).toThrow(/measures must be a non-empty array/);
    expect(() => run({ measures: ['profit' as never] })).toThrow(/unknown measure "profit"/);
    expect(() => run({ groupBy: [{ field: 'session_start' }], measures: ['orders'] })).toThrow(/needs a bucket/);
    expect(() => run({ groupBy: [{ field: 'dimension', bucket: 'day' }], measures: ['orders'] })).toThrow(/needs a time column/);
    expect(() => run({ groupBy: [{ field: 'product' }], measures: ['orders'] })).toThrow(/query table "lines"/);
    expect(() => run({ groupBy: [{ field: 'colour' }], measures: ['orders'] })).toThrow(/Unknown field "colour".*sessions\.dimension/);
    expect(() => run({ groupBy: [{ field: 'dimension' }], measures: ['orders'], fill: true })).toThrow(/fill needs exactly one group key/);
    expect(() => run({ table: 'customers', measures: ['orders'] })).toThrow(/table must be "sessions" or "lines"/);
    expect(() => run({ measures: ['orders'], limit: -1 })).toThrow(/limit/);
  });
});
