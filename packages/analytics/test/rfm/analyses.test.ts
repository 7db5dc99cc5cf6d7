import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError, type Dataset } from '@clvkit/core';
import { reportNames, SEGMENTS } from '../../src/index.js';
import { byClient, ms, report, rfmShop } from './fixtures.js';

/*
 * Every analysis over the shop of fixtures.ts, whose default snapshot (k-means, total, as of
 * 2024-04-01T00:00Z) is, per client (recency, F, M, score, segment):
 * a 0.5 4 400 '554' Champions; b 11.5 1 50 '311' About to Sleep; c 71.5 2 60 '222' Hibernating;
 * d 304.5 1 500 '115' At Risk; e 1.5 3 120 '443' Loyal Customers.
 */

describe('rfm analyses', () => {
  it('are registered under the seed\'s report names', () => {
    expect(reportNames()).toEqual(
      expect.arrayContaining(['rfm', 'segmentation', 'recency_clusters', 'frequency_clusters', 'monetary_clusters', 'frequency_recency', 'monetary_frequency', 'recency_monetary', 'rfm_3d', 'segment_movement', 'basket_sensitivity']),
    );
  });
});

describe('segmentation', () => {
  it('lists all 11 segments in map order with sizes, revenue shares and means', () => {
    const { rows, meta } = report(rfmShop(), 'segmentation');
    expect(rows.map((r) => r.segment)).toEqual([...SEGMENTS]);
    const one = (revenue: number, recency: number, frequency: number) => ({ customers: 1, share: 0.2, revenue, revenueShare: revenue / 1130, recency, frequency, monetary: revenue });
    const zero = { customers: 0, share: 0, revenue: 0, revenueShare: 0, recency: null, frequency: null, monetary: null };
    // Total revenue 400 + 50 + 60 + 500 + 120 = 1130 over 5 customers.
    expect(Object.fromEntries(rows.map(({ segment, ...rest }) => [segment, rest]))).toEqual({
      Champions: one(400, 0.5, 4),
      'Loyal Customers': one(120, 1.5, 3),
      'Potential Loyalists': zero,
      'New Customers': zero,
      Promising: zero,
      'Need Attention': zero,
      'About to Sleep': one(50, 11.5, 1),
      'At Risk': one(500, 304.5, 1),
      "Can't Lose Them": zero,
      Hibernating: one(60, 71.5, 2),
      Lost: zero,
    });
    expect(meta).toMatchObject({ customers: 5, revenue: 1130, asOf: ms('2024-04-01T00:00:00Z'), method: 'kmeans', monetary: 'total' });
  });

  it('keeps revenue as revenue when monetary is the average, and gives nulls without customers', () => {
    const rows = report(rfmShop(), 'segmentation', { monetary: 'average' }).rows;
    // a: revenue 400, monetary = 400 / 4 = 100.
    expect(rows[0]).toMatchObject({ segment: 'Champions', revenue: 400, monetary: 100 });
    const empty = report(rfmShop(), 'segmentation', {}, [isIn('dimension', ['store'])]);
    expect(empty.rows[0]).toEqual({ segment: 'Champions', customers: 0, share: null, revenue: 0, revenueShare: null, recency: null, frequency: null, monetary: null });
  });

  it('counts only the selected segments under a segment clause', () => {
    const rows = report(rfmShop(), 'segmentation', {}, [isIn('rfm_segment', ['At Risk', 'Hibernating'])]).rows;
    // d (500) and c (60): shares among the selection.
    expect(rows.filter((r) => r.customers).map((r) => [r.segment, r.customers, r.share, r.revenueShare])).toEqual([
      ['At Risk', 1, 0.5, 500 / 560],
      ['Hibernating', 1, 0.5, 60 / 560],
    ]);
  });
});

describe('recency_clusters, frequency_clusters, monetary_clusters', () => {
  it('give each score its customers, range and centroid, and a histogram by score', () => {
    const { rows, meta } = report(rfmShop(), 'recency_clusters', { bins: 2 });
    expect(rows).toEqual([
      { score: 1, customers: 1, min: 304.5, max: 304.5, centroid: 304.5 },
      { score: 2, customers: 1, min: 71.5, max: 71.5, centroid: 71.5 },
      { score: 3, customers: 1, min: 11.5, max: 11.5, centroid: 11.5 },
      { score: 4, customers: 1, min: 1.5, max: 1.5, centroid: 1.5 },
      { score: 5, customers: 1, min: 0.5, max: 0.5, centroid: 0.5 },
    ]);
    // Two linear bins over [0.5, 304.5]: edge (0.5 + 304.5) / 2 = 152.5. d alone in the second.
    expect(meta).toMatchObject({
      metric: 'recency',
      scale: 'linear',
      bins: [
        { x0: 0.5, x1: 152.5, score: 2, customers: 1 },
        { x0: 0.5, x1: 152.5, score: 3, customers: 1 },
        { x0: 0.5, x1: 152.5, score: 4, customers: 1 },
        { x0: 0.5, x1: 152.5, score: 5, customers: 1 },
        { x0: 152.5, x1: 304.5, score: 1, customers: 1 },
      ],
    });
  });

  it('bin integer metrics on whole numbers (log-spaced edges rounded up)', () => {
    const { rows, meta } = report(rfmShop(), 'frequency_clusters');
    // F scores: b, d 1 (1 order); c 2 (2); e 4 (3); a 5 (4); score 3 empty.
    expect(rows.map((r) => [r.score, r.customers, r.min, r.max, r.centroid])).toEqual([
      [1, 2, 1, 1, 1],
      [2, 1, 2, 2, 2],
      [3, 0, null, null, null],
      [4, 1, 3, 3, 3],
      [5, 1, 4, 4, 4],
    ]);
    // 40 log-spaced edges between 1 and 4, rounded up: 1 2 3 4, closed by 5.
    expect(meta?.scale).toBe('log');
    expect(meta?.bins).toEqual([
      { x0: 1, x1: 2, score: 1, customers: 2 },
      { x0: 2, x1: 3, score: 2, customers: 1 },
      { x0: 3, x1: 4, score: 4, customers: 1 },
      { x0: 4, x1: 5, score: 5, customers: 1 },
    ]);
  });

  it('report monetary scores (total revenue)', () => {
    const rows = report(rfmShop(), 'monetary_clusters', { scale: 'linear' }).rows;
    expect(rows.map((r) => [r.score, r.min])).toEqual([
      [1, 50],
      [2, 60],
      [3, 120],
      [4, 400],
      [5, 500],
    ]);
    expect(() => report(rfmShop(), 'monetary_clusters', { bins: 0 })).toThrow(/params.bins/);
  });
});

describe('frequency_recency, monetary_frequency, recency_monetary, rfm_3d', () => {
  it('give x and y as named, with the segment', () => {
    const fr = report(rfmShop(), 'frequency_recency');
    expect(byClient(fr.rows).a).toEqual({ client: 'a', x: 4, y: 0.5, segment: 'Champions' });
    expect(fr.meta).toMatchObject({ x: 'frequency', y: 'recency', truncated: false, customers: 5 });
    expect(byClient(report(rfmShop(), 'monetary_frequency').rows).d).toEqual({ client: 'd', x: 500, y: 1, segment: 'At Risk' });
    expect(byClient(report(rfmShop(), 'recency_monetary').rows).c).toEqual({ client: 'c', x: 71.5, y: 60, segment: 'Hibernating' });
    expect(byClient(report(rfmShop(), 'rfm_3d').rows).e).toEqual({ client: 'e', recency: 1.5, frequency: 3, monetary: 120, segment: 'Loyal Customers' });
  });

  it('sample deterministically beyond the limit, and a larger sample contains a smaller one', () => {
    const two = report(rfmShop(), 'recency_monetary', { limit: 2 });
    const three = report(rfmShop(), 'recency_monetary', { limit: 3 });
    expect(two.rows).toHaveLength(2);
    expect(two.meta).toMatchObject({ truncated: true, customers: 5 });
    expect(report(rfmShop(), 'recency_monetary', { limit: 2 }).rows).toEqual(two.rows);
    const clients3 = three.rows.map((r) => r.client);
    for (const row of two.rows) expect(clients3).toContain(row.client);
    // The sampled customers keep their values and segments.
    const all = byClient(report(rfmShop(), 'recency_monetary').rows);
    for (const row of three.rows) expect(row).toEqual(all[row.client as string]);
    expect(report(rfmShop(), 'rfm_3d', { limit: 4 }).meta).toMatchObject({ truncated: true, customers: 5 });
  });
});

describe('segment_movement', () => {
  it('crosses the segments at two dates, customers new since the first date coming from "New"', () => {
    const { rows, meta } = report(rfmShop(), 'segment_movement', { from: '2024-03-01' });
    // As of 03-01 (see rfm.test.ts): a Champions, c At Risk, d At Risk, e New Customers, b no order.
    // As of the data's end: a Champions, b About to Sleep, c Hibernating, d At Risk, e Loyal.
    expect(rows).toEqual([
      { from: 'Champions', to: 'Champions', customers: 1 },
      { from: 'New Customers', to: 'Loyal Customers', customers: 1 },
      { from: 'At Risk', to: 'At Risk', customers: 1 },
      { from: 'At Risk', to: 'Hibernating', customers: 1 },
      { from: 'New', to: 'About to Sleep', customers: 1 },
    ]);
    expect(meta).toEqual({ from: ms('2024-03-01T00:00:00Z'), to: ms('2024-04-01T00:00:00Z'), customers: 5, segments: [...SEGMENTS, 'New'] });
  });

  it('defaults from to three months before to, and checks the dates', () => {
    // to 2024-03-01, from 2023-12-01: only d had ordered by then (one customer: scores 3 3 3,
    // Need Attention); at 03-01 d is At Risk and a, c, e are new.
    const { rows } = report(rfmShop(), 'segment_movement', { to: '2024-03-01' });
    expect(rows).toEqual([
      { from: 'Need Attention', to: 'At Risk', customers: 1 },
      { from: 'New', to: 'Champions', customers: 1 },
      { from: 'New', to: 'New Customers', customers: 1 },
      { from: 'New', to: 'At Risk', customers: 1 },
    ]);
    expect(() => report(rfmShop(), 'segment_movement', { from: '2024-03-01', to: '2024-02-01' })).toThrow(/from must be before/);
    expect(() => report(rfmShop(), 'segment_movement', { from: 'yesterday' })).toThrow(/params.from/);
    expect(() => report(rfmShop(), 'segment_movement', { asOf: '2024-03-01' })).toThrow(/params.from and params.to/);
  });
});

describe('basket_sensitivity', () => {
  it('gives each customer the mean order value and the mean discount share, in k-means brackets', () => {
    const { rows, meta } = report(rfmShop(), 'basket_sensitivity');
    // Discount shares per order, discount / (payment + discount):
    // a 0, 0, 25/125 = 0.2, 0 -> 0.05; b 50/100 = 0.5; c 0, 10/40 = 0.25 -> 0.125; d 0;
    // e 0, 10/50 = 0.2, 0 -> 0.2/3.
    // Basket brackets, k = 3 on log1p(AOV): c 3.434 (30), e 3.714 (40), b 3.932 (50), a 4.615 (100),
    // d 6.217 (500). {c, e, b} {a} {d}: squared error 0.125; the next best {c, e} {b, a} {d}: 0.272.
    // Discount brackets on d 0, a 0.05, e 0.0667, c 0.125, b 0.5: {d, a, e} {c} {b}: 0.0024;
    // {d, a} {e, c} {b}: 0.0030; {d} {a, e, c} {b}: 0.0031.
    const got = byClient(rows);
    expect(got.a).toEqual({ client: 'a', averageOrderValue: 100, discountSensitivity: 0.05, basketBracket: 'mid', discountBracket: 'low' });
    expect(got.b).toEqual({ client: 'b', averageOrderValue: 50, discountSensitivity: 0.5, basketBracket: 'low', discountBracket: 'high' });
    expect(got.c).toEqual({ client: 'c', averageOrderValue: 30, discountSensitivity: 0.125, basketBracket: 'low', discountBracket: 'mid' });
    expect(got.d).toEqual({ client: 'd', averageOrderValue: 500, discountSensitivity: 0, basketBracket: 'high', discountBracket: 'low' });
    expect(got.e.averageOrderValue).toBe(40);
    expect(got.e.discountSensitivity).toBeCloseTo(0.2 / 3, 12);
    expect(got.e).toMatchObject({ basketBracket: 'low', discountBracket: 'low' });
    expect(meta).toMatchObject({
      basketBrackets: [
        { bracket: 'low', min: 30, max: 50, customers: 3 },
        { bracket: 'mid', min: 100, max: 100, customers: 1 },
        { bracket: 'high', min: 500, max: 500, customers: 1 },
      ],
      discountBrackets: [
        { bracket: 'low', min: 0, max: 0.2 / 3, customers: 3 },
        { bracket: 'mid', min: 0.125, max: 0.125, customers: 1 },
        { bracket: 'high', min: 0.5, max: 0.5, customers: 1 },
      ],
      customers: 5,
      truncated: false,
      asOf: ms('2024-04-01T00:00:00Z'),
    });
  });

  it('follows the filter and the as-of date', () => {
    // App orders only: c (30 / 10 discount -> 0.25) and e (0.2/3). Two values: low and high.
    const app = byClient(report(rfmShop(), 'basket_sensitivity', {}, [isIn('dimension', ['app'])]).rows);
    expect(Object.keys(app)).toEqual(['c', 'e']);
    expect(app.c).toMatchObject({ averageOrderValue: 30, discountSensitivity: 0.25, basketBracket: 'low', discountBracket: 'high' });
    expect(app.e).toMatchObject({ basketBracket: 'high', discountBracket: 'low' });
    // Up to 03-01: a's orders 01-01 and 02-01 (no discount) -> 0.
    const march = byClient(report(rfmShop(), 'basket_sensitivity', {}, [interval('session_start', ms('2024-01-01'), ms('2024-03-01'))]).rows);
    expect(march.a).toMatchObject({ averageOrderValue: 100, discountSensitivity: 0 });
    expect(march.b).toBeUndefined();
    // A segment clause selects customers without moving the brackets.
    expect(byClient(report(rfmShop(), 'basket_sensitivity', {}, [isIn('rfm_segment', ['Champions'])]).rows)).toEqual({ a: byClient(report(rfmShop(), 'basket_sensitivity').rows).a });
  });

  it('needs the discount column', () => {
    const shop = rfmShop();
    const { discount_amount: _discount, ...columns } = shop.sessions.columns;
    const noDiscount: Dataset = { ...shop, sessions: { ...shop.sessions, columns } };
    expect(() => report(noDiscount, 'basket_sensitivity')).toThrow(MissingInputError);
    expect(() => report(noDiscount, 'basket_sensitivity')).toThrow(/needs sessions.discount_amount/);
    // The RFM analyses do not need it.
    expect(report(noDiscount, 'rfm').rows).toHaveLength(5);
  });
});
