import { describe, expect, it } from 'vitest';
import { interval, isIn, NO_FILTER, type Filter, type Row } from '@clvkit/core';
import { runQuery } from '../src/index.js';
import { at, shop } from './helpers.js';

const kpis = (dataset = shop(), filter: Filter = NO_FILTER) => runQuery(dataset, { spec: { kind: 'analysis', name: 'kpis' }, filter });
const byMetric = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.metric, r]));

describe('kpis', () => {
  it('computes every KPI for the filtered period and the previous one of equal length', () => {
    // Period [03-04, 03-06): sessions s6 s7 s8 s9. Previous [03-02, 03-04): s3 s4 s5.
    const result = kpis(shop(), { mode: 'and', predicates: [interval('session_start', at('2024-03-04T00:00:00Z'), at('2024-03-06T00:00:00Z'))] });
    expect(result.meta).toEqual({
      period: [at('2024-03-04T00:00:00Z'), at('2024-03-06T00:00:00Z')],
      previousPeriod: [at('2024-03-02T00:00:00Z'), at('2024-03-04T00:00:00Z')],
    });
    expect(result.rows.map((r) => r.metric)).toEqual([
      'orders', 'revenue', 'discount', 'sessions', 'visitors', 'buyers',
      'averageOrderValue', 'averageBasketSize', 'purchaseFrequency', 'conversion', 'historicalClv', 'quantity',
    ]);
    const k = byMetric(result.rows);
    // current: orders s6 s7 s9 = 3; previous: s3 s4 = 2; change (3-2)/2 = +50 %
    expect(k.orders).toEqual({ metric: 'orders', value: 3, previous: 2, change: 50 });
    // revenue 120+60+40 = 220 vs 50+80 = 130; change 90/130 = 69.2307.. %
    expect(k.revenue).toMatchObject({ value: 220, previous: 130 });
    expect(k.revenue.change).toBeCloseTo((90 / 130) * 100, 10);
    // discount 10 (s6) vs 5 (s3): +100 %
    expect(k.discount).toMatchObject({ value: 10, previous: 5, change: 100 });
    // sessions 4 vs 3: +33.33 %
    expect(k.sessions).toMatchObject({ value: 4, previous: 3 });
    expect(k.sessions.change).toBeCloseTo(100 / 3, 10);
    // visitors c2 c1 c3 = 3 vs c1 c3 c2 = 3: 0 %
    expect(k.visitors).toMatchObject({ value: 3, previous: 3, change: 0 });
    // buyers c2 c1 c3 = 3 vs c1 c3 = 2: +50 %
    expect(k.buyers).toMatchObject({ value: 3, previous: 2, change: 50 });
    // AOV 220/3 = 73.33 vs 130/2 = 65: (73.33-65)/65 = +12.82 %
    expect(k.averageOrderValue.value).toBeCloseTo(220 / 3, 10);
    expect(k.averageOrderValue.previous).toBe(65);
    expect(k.averageOrderValue.change).toBeCloseTo(((220 / 3 - 65) / 65) * 100, 10);
    // quantity: s6 2+1, s7 3, s9 1 = 7 vs s3 1, s4 2 = 3; basket size 7/3 vs 3/2
    expect(k.quantity.value).toBe(7);
    expect(k.quantity.previous).toBe(3);
    expect(k.quantity.change).toBeCloseTo((4 / 3) * 100, 10);
    expect(k.averageBasketSize.value).toBeCloseTo(7 / 3, 10);
    expect(k.averageBasketSize.previous).toBe(1.5);
    expect(k.averageBasketSize.change).toBeCloseTo(((7 / 3 - 1.5) / 1.5) * 100, 10);
    // frequency 3/3 = 1 vs 2/2 = 1
    expect(k.purchaseFrequency).toMatchObject({ value: 1, previous: 1, change: 0 });
    // conversion 3/4 vs 2/3: (0.75 - 0.6667)/0.6667 = +12.5 %
    expect(k.conversion.value).toBe(0.75);
    expect(k.conversion.previous).toBeCloseTo(2 / 3, 10);
    expect(k.conversion.change).toBeCloseTo(12.5, 10);
    // historical CLV: c1 60 + c2 120 + c3 40 = 220 over 3 buyers; before c1 50 + c3 80 over 2
    expect(k.historicalClv.value).toBeCloseTo(220 / 3, 10);
    expect(k.historicalClv.previous).toBe(65);
  });

  it('keeps the other predicates of the filter in the previous period', () => {
    // web only: current s7 (60) and s8 (no order); previous s3 (50) and s5 (no order).
    const filter: Filter = {
      mode: 'and',
      predicates: [isIn('dimension', ['web']), interval('session_start', at('2024-03-04T00:00:00Z'), at('2024-03-06T00:00:00Z'))],
    };
    const k = byMetric(kpis(shop(), filter).rows);
    expect(k.orders).toMatchObject({ value: 1, previous: 1, change: 0 });
    expect(k.revenue).toMatchObject({ value: 60, previous: 50, change: 20 });
    expect(k.sessions).toMatchObject({ value: 2, previous: 2 });
    expect(k.conversion).toMatchObject({ value: 0.5, previous: 0.5 });
  });

  it('uses the whole data range without an interval, with an empty previous period', () => {
    const result = kpis();
    // first session 03-01 09:15, last 03-06 08:00: period [03-01, 03-07), 6 days; previous [02-24, 03-01)
    expect(result.meta).toEqual({
      period: [at('2024-03-01T00:00:00Z'), at('2024-03-07T00:00:00Z')],
      previousPeriod: [at('2024-02-24T00:00:00Z'), at('2024-03-01T00:00:00Z')],
    });
    const k = byMetric(result.rows);
    // orders s1 s3 s4 s6 s7 s9 s10 = 7; revenue 100+50+80+120+60+40+30 = 480; discount 15
    expect(k.orders).toEqual({ metric: 'orders', value: 7, previous: 0, change: null });
    expect(k.revenue).toMatchObject({ value: 480, previous: 0, change: null });
    expect(k.discount.value).toBe(15);
    expect(k.sessions.value).toBe(10);
    expect(k.visitors.value).toBe(3);
    expect(k.buyers.value).toBe(3);
    // quantity of ordered lines: 2+1 +1 +2 +2+1 +3 +1 +3 = 16 (s2's abandoned line left out)
    expect(k.quantity.value).toBe(16);
    expect(k.averageBasketSize.value).toBeCloseTo(16 / 7, 10);
    expect(k.purchaseFrequency.value).toBeCloseTo(7 / 3, 10);
    expect(k.conversion.value).toBe(0.7);
    expect(k.historicalClv.value).toBe(160); // c1 100+50+60+30 = 240, c2 120, c3 80+40 = 120: 480/3
    // ratios over an empty previous period are null, and so is their change
    expect(k.averageOrderValue).toMatchObject({ value: 480 / 7, previous: null, change: null });
  });

  it('filters KPIs through basket lines', () => {
    // orders containing product C: s3 (50, C×1) and s6 (120, C×1; its A line does not count)
    const k = byMetric(kpis(shop(), { mode: 'and', predicates: [isIn('product', ['C'])] }).rows);
    expect(k.orders.value).toBe(2);
    expect(k.revenue.value).toBe(170);
    expect(k.quantity.value).toBe(2);
    expect(k.averageBasketSize.value).toBe(1);
  });

  it('gives null basket KPIs without lines', () => {
    const k = byMetric(kpis(shop(undefined, { lines: false })).rows);
    expect(k.quantity).toMatchObject({ value: null, previous: null, change: null });
    expect(k.averageBasketSize.value).toBeNull();
    expect(k.orders.value).toBe(7);
  });

  it('returns zeros and null ratios when the filter selects nothing', () => {
    const k = byMetric(kpis(shop(), { mode: 'and', predicates: [isIn('product', ['Z'])] }).rows);
    expect(k.orders.value).toBe(0);
    expect(k.revenue.value).toBe(0);
    expect(k.visitors.value).toBe(0);
    expect(k.averageOrderValue.value).toBeNull();
    expect(k.conversion.value).toBeNull();
  });

  it('uses calendar days for the previous period of a day-aligned period across DST', () => {
    // Berlin switches to summer time on 2024-03-31. Period = local 03-31 .. 04-02 (2 days, 47 h);
    // the previous period is local 03-29 .. 03-31 (48 h), not 47 h back.
    const data = shop({ timeZone: 'Europe/Berlin' });
    const lo = at('2024-03-30T23:00:00Z'); // 03-31 00:00 +01:00
    const hi = at('2024-04-01T22:00:00Z'); // 04-02 00:00 +02:00
    const result = kpis(data, { mode: 'and', predicates: [interval('session_start', lo, hi)] });
    expect(result.meta?.previousPeriod).toEqual([at('2024-03-28T23:00:00Z'), lo]);
  });

  it('rejects params', () => {
    expect(() => runQuery(shop(), { spec: { kind: 'analysis', name: 'kpis', params: { limit: 3 } }, filter: NO_FILTER })).toThrow(/kpis: unknown param "limit"/);
  });
});
