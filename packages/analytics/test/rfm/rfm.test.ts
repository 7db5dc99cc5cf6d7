import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError, type Dataset } from '@clvkit/core';
import { SEGMENTS } from '../../src/index.js';
import { byClient, ms, report, rfmShop } from './fixtures.js';

const pick = (rows: Record<string, unknown>[], ...fields: string[]) =>
  Object.fromEntries(rows.map((r) => [r.client, fields.map((f) => r[f])]));

describe('rfm', () => {
  it('gives every customer recency, frequency, monetary and mean gap (one-order customers included)', () => {
    const { rows, meta } = report(rfmShop(), 'rfm');
    expect(rows.map((r) => r.client)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Values worked out in fixtures.ts; f has no order and is not a customer.
    expect(pick(rows, 'recency', 'frequency', 'monetary', 'meanGap')).toEqual({
      a: [0.5, 4, 400, 30],
      b: [11.5, 1, 50, null],
      c: [71.5, 2, 60, 10],
      d: [304.5, 1, 500, null],
      e: [1.5, 3, 120, 22],
    });
    expect(meta).toEqual({ asOf: ms('2024-04-01T00:00:00Z'), method: 'kmeans', monetary: 'total', segments: [...SEGMENTS], customers: 5 });
  });

  it('returns only the asked clients, scored among every customer', () => {
    const all = report(rfmShop(), 'rfm').rows;
    const { rows, meta } = report(rfmShop(), 'rfm', { clients: ['c', 'e', 'nobody'] });
    // The same rows as in the full run (c's scores depend on a, b, d, e too), in the same order.
    expect(rows).toEqual(all.filter((r) => r.client === 'c' || r.client === 'e'));
    expect(meta?.customers).toBe(5);
    expect(() => report(rfmShop(), 'rfm', { clients: [] })).toThrow(/params.clients must be a non-empty list/);
  });

  it('scores by k-means: clusters ranked by centroid, fewer than five spread over 1..5', () => {
    const rows = report(rfmShop(), 'rfm').rows;
    // Recency: 5 distinct values, 5 clusters, lowest best: a 0.5 -> 5, e 1.5 -> 4, b 11.5 -> 3,
    // c 71.5 -> 2, d 304.5 -> 1. Frequency: 4 distinct values 1 2 3 4 -> ranks 1, 2, 4, 5:
    // b, d 1; c 2; e 4; a 5. Monetary: 5 distinct: b 50 -> 1, c 60 -> 2, e 120 -> 3,
    // a 400 -> 4, d 500 -> 5.
    // Segments (R, F + M): a 5, 9 (high) Champions; e 4, 7 (mid) Loyal Customers;
    // b 3, 2 (low) About to Sleep; c 2, 4 (lowMid) Hibernating; d 1, 6 (mid) At Risk.
    expect(pick(rows, 'r', 'f', 'm', 'score', 'segment')).toEqual({
      a: [5, 5, 4, '554', 'Champions'],
      b: [3, 1, 1, '311', 'About to Sleep'],
      c: [2, 2, 2, '222', 'Hibernating'],
      d: [1, 1, 5, '115', 'At Risk'],
      e: [4, 4, 3, '443', 'Loyal Customers'],
    });
  });

  it('scores by quintiles with ties sharing the mid-percentile', () => {
    const { rows, meta } = report(rfmShop(), 'rfm', { method: 'quantile' });
    // n = 5, distinct values at position j score j + 1 (mid-percentile (2j + 1) / 10).
    // Frequency sorted 1 1 2 3 4: the 1s (positions 0, 1) -> 2/10 = 0.2 -> floor(1) + 1 = 2;
    // 2 -> 5/10 -> 3; 3 -> 7/10 -> 4; 4 -> 9/10 -> 5.
    // Segments: b R3 F2 M1 (3, low) About to Sleep; c R2 F3 M2 (5, lowMid) Hibernating;
    // d R1 F2 M5 (7, mid) At Risk; a, e as with k-means.
    expect(pick(rows, 'score', 'segment')).toEqual({
      a: ['554', 'Champions'],
      b: ['321', 'About to Sleep'],
      c: ['232', 'Hibernating'],
      d: ['125', 'At Risk'],
      e: ['443', 'Loyal Customers'],
    });
    expect(meta?.method).toBe('quantile');
  });

  it('uses the average order value as monetary on request', () => {
    const rows = report(rfmShop(), 'rfm', { monetary: 'average' }).rows;
    // M values a 100, b 50, c 30, d 500, e 40 -> scores c 1, e 2, b 3, a 4, d 5.
    // e R4 F4 M2 (6, mid) Loyal; b R3 F1 M3 (4, lowMid) About to Sleep; c R2 F2 M1 (3, low)
    // Hibernating; a Champions (5, 5, 4); d R1 F1 M5 (6, mid) At Risk.
    expect(pick(rows, 'monetary', 'score', 'segment')).toEqual({
      a: [100, '554', 'Champions'],
      b: [50, '313', 'About to Sleep'],
      c: [30, '221', 'Hibernating'],
      d: [500, '115', 'At Risk'],
      e: [40, '442', 'Loyal Customers'],
    });
  });

  // As of 2024-03-01T00:00Z only a (01-01, 02-01), c, d and e (02-15) have orders:
  // recency a: 02-01 12:00 -> 29 − 0.5 = 28.5; c: 01-20 12:00 -> 12 + 29 − 0.5 = 40.5;
  // d: 305 − 31 − 0.5 = 273.5; e: 02-15 12:00 -> 14.5. F: a 2, c 2, d 1, e 1. M: a 200, c 60, d 500, e 20.
  // R (4 distinct, ranks 1 2 4 5 ascending, reversed): e 5, a 4, c 2, d 1. F (2 distinct): 1 and 5.
  // M (4 distinct): e 1, c 2, a 4, d 5. Segments: a R4 (9) Champions; c R2 (7) At Risk;
  // d R1 (6) At Risk; e R5 (2) New Customers.
  const MARCH = {
    a: [28.5, 2, 200, '454', 'Champions'],
    c: [40.5, 2, 60, '252', 'At Risk'],
    d: [273.5, 1, 500, '115', 'At Risk'],
    e: [14.5, 1, 20, '511', 'New Customers'],
  };

  it('takes a snapshot as of an earlier date (its local midnight)', () => {
    const { rows, meta } = report(rfmShop(), 'rfm', { asOf: '2024-03-01' });
    expect(pick(rows, 'recency', 'frequency', 'monetary', 'score', 'segment')).toEqual(MARCH);
    expect(meta?.asOf).toBe(ms('2024-03-01T00:00:00Z'));
  });

  it('takes the snapshot at the end of a brushed date range, with the history before it', () => {
    const { rows, meta } = report(rfmShop(), 'rfm', {}, [interval('session_start', ms('2024-02-01T00:00:00Z'), ms('2024-03-01T00:00:00Z'))]);
    // The range's start does not cut the history: d (2023) is in.
    expect(pick(rows, 'recency', 'frequency', 'monetary', 'score', 'segment')).toEqual(MARCH);
    expect(meta?.asOf).toBe(ms('2024-03-01T00:00:00Z'));
  });

  it('fits the scores on the orders a dimension filter keeps', () => {
    const rows = report(rfmShop(), 'rfm', {}, [isIn('dimension', ['app'])]).rows;
    // App orders: c 01-20 (30), e all three (120). As of the data's end (04-01): c recency 71.5,
    // F 1, M 30; e 1.5, 3, 120. Two distinct values per metric: scores 1 and 5.
    expect(pick(rows, 'recency', 'frequency', 'monetary', 'score', 'segment')).toEqual({
      c: [71.5, 1, 30, '111', 'Lost'],
      e: [1.5, 3, 120, '555', 'Champions'],
    });
  });

  it('keeps the population scores when the filter selects segments (a treemap click)', () => {
    const rows = report(rfmShop(), 'rfm', {}, [isIn('rfm_segment', ['Champions', 'At Risk'])]).rows;
    // Not re-fitted on a and d alone (that would give 5 5 1 and 1 1 5 ...): the scores of the whole shop.
    expect(pick(rows, 'score', 'segment')).toEqual({ a: ['554', 'Champions'], d: ['115', 'At Risk'] });
  });

  it('is deterministic and the seed is a parameter', () => {
    const a = report(rfmShop(), 'rfm', { seed: 3 }).rows;
    const b = report(rfmShop(), 'rfm', { seed: 3 }).rows;
    expect(a).toEqual(b);
    expect(byClient(a).a.segment).toBe('Champions');
  });

  it('works on an order log (every session an order) and an empty data set', () => {
    const shop = rfmShop();
    const log: Dataset = { ...shop, ordersOnly: true };
    // f's visit becomes an order of 0 at the as-of instant: recency 0, F 1, M 0.
    expect(byClient(report(log, 'rfm').rows).f).toMatchObject({ recency: 0, frequency: 1, monetary: 0, meanGap: null });
    const none = report(shop, 'rfm', {}, [isIn('dimension', ['store'])]);
    expect(none.rows).toEqual([]);
    expect(none.meta?.customers).toBe(0);
  });

  it('says which input is missing, and rejects bad params', () => {
    const shop = rfmShop();
    const { payment_amount: _payment, ...columns } = shop.sessions.columns;
    const noPayment: Dataset = { ...shop, sessions: { ...shop.sessions, columns } };
    expect(() => report(noPayment, 'rfm')).toThrow(MissingInputError);
    expect(() => report(noPayment, 'segmentation')).toThrow(/needs sessions.payment_amount/);
    expect(() => report(shop, 'rfm', { method: 'dbscan' })).toThrow(/params.method must be one of "kmeans", "quantile"/);
    expect(() => report(shop, 'rfm', { monetary: 'median' })).toThrow(/params.monetary/);
    expect(() => report(shop, 'rfm', { asOf: 'soon' })).toThrow(/params.asOf/);
    expect(() => report(shop, 'rfm', { k: 4 })).toThrow(/unknown param "k"/);
  });
});
