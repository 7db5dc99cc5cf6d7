import { describe, expect, it } from 'vitest';
import type { Dataset } from '@clvkit/core';
import { timelineDataset, type CustomerDayRecord } from '../../src/index.js';
import { EXTENT_CLIENT } from '../../src/summaries/timeline-dataset.js';

/**
 * The marks and extent of `timelineDataset` (TimelineInput.marks / extent), on hand-written
 * activity rows: where each rebuilt order lands, with which payment, promotion and products.
 */
const at = (iso: string) => Date.parse(iso);
const TIME = { timeZone: 'UTC', weekStart: 1 };

/** A day of client c1 on 2024-01-08 with 4 orders: 08:00 (20), ?, ?, 18:00 (50); revenue 140, discount 14. */
const BUSY: CustomerDayRecord = {
  client: 'c1',
  day: at('2024-01-08T00:00:00Z'),
  sessions: 4,
  firstSessionAt: at('2024-01-08T08:00:00Z'),
  lastSessionAt: at('2024-01-08T18:00:00Z'),
  orders: 4,
  firstOrderAt: at('2024-01-08T08:00:00Z'),
  lastOrderAt: at('2024-01-08T18:00:00Z'),
  revenue: 140,
  discount: 14,
  firstOrderRevenue: 20,
  lastOrderRevenue: 50,
  firstOrderDiscount: 2,
  lastOrderDiscount: 5,
  promotionOrders: 1,
};

/** A quiet day of client c2 on 2024-01-09: one order at 10:00 paying 30, and one session without an order at 11:00. */
const QUIET: CustomerDayRecord = { ...BUSY, client: 'c2', day: at('2024-01-09T00:00:00Z'), sessions: 2, firstSessionAt: at('2024-01-09T10:00:00Z'), lastSessionAt: at('2024-01-09T11:00:00Z'), orders: 1, firstOrderAt: at('2024-01-09T10:00:00Z'), lastOrderAt: at('2024-01-09T10:00:00Z'), revenue: 30, discount: 0, firstOrderRevenue: 30, lastOrderRevenue: 30, firstOrderDiscount: 0, lastOrderDiscount: 0, promotionOrders: 0 };

/** The sessions of a rebuilt dataset as plain rows, in row order. */
function sessionsOf(dataset: Dataset): { client: string; at: number; purchased: boolean; payment: number; promotion: string | null }[] {
  const { client, session_start: start, has_purchased: purchased, payment_amount: payment, promotion_id: promo } = dataset.sessions.columns;
  if (client.type !== 'string' || start.type !== 'time' || purchased.type !== 'boolean' || payment.type !== 'number') throw new Error('columns');
  return Array.from({ length: dataset.sessions.length }, (_, i) => ({
    client: client.dictionary[client.codes[i]],
    at: start.values[i],
    purchased: purchased.values[i] === 1,
    payment: payment.values[i],
    promotion: promo && promo.type === 'string' && promo.codes[i] >= 0 ? promo.dictionary[promo.codes[i]] : null,
  }));
}

describe('timelineDataset without marks (unchanged)', () => {
  it('places the middle orders of a busy day evenly, with no promotion column and no lines', async () => {
    const { dataset, approximatedOrders, unmatchedMarks } = await timelineDataset({ time: TIME, activity: [BUSY] });
    expect(approximatedOrders).toBe(2);
    expect(unmatchedMarks).toBe(0);
    // 08:00 + 10 h × 1/3 and 2/3: 11:20 and 14:40, sharing 140 − 20 − 50 = 70
    expect(sessionsOf(dataset).map((s) => [s.at, s.payment])).toEqual([
      [at('2024-01-08T08:00:00Z'), 20],
      [at('2024-01-08T11:20:00Z'), 35],
      [at('2024-01-08T14:40:00Z'), 35],
      [at('2024-01-08T18:00:00Z'), 50],
    ]);
    expect(dataset.sessions.columns.promotion_id).toBeUndefined();
    expect(dataset.lines).toBeUndefined();
  });
});

describe('timelineDataset with marks', () => {
  it('a mark between the first and last order places a middle order at its time with its payment; the rest share what is left', async () => {
    const { dataset, approximatedOrders } = await timelineDataset({
      time: TIME,
      activity: [BUSY],
      marks: [{ client: 'c1', at: at('2024-01-08T13:00:00Z'), payment: 40, discount: 4, promotion: 'P' }],
    });
    expect(approximatedOrders).toBe(1);
    // the one unknown middle order: halfway 08:00..18:00 = 13:00, paying 140 − 20 − 50 − 40 = 30
    expect(sessionsOf(dataset).map((s) => [s.at, s.payment, s.promotion])).toEqual([
      [at('2024-01-08T08:00:00Z'), 20, null],
      [at('2024-01-08T13:00:00Z'), 40, 'P'],
      [at('2024-01-08T13:00:00Z'), 30, null],
      [at('2024-01-08T18:00:00Z'), 50, null],
    ]);
  });

  it('marks at the first and last order tag them; two marks of one instant are one order with both products', async () => {
    const { dataset, approximatedOrders, unmatchedMarks } = await timelineDataset({
      time: TIME,
      activity: [BUSY, QUIET],
      marks: [
        { client: 'c1', at: at('2024-01-08T18:00:00Z'), payment: 50, products: ['A'] },
        { client: 'c1', at: at('2024-01-08T18:00:00Z'), payment: 50, products: ['B'] },
        { client: 'c2', at: at('2024-01-09T10:00:00Z'), payment: 30, promotion: 'Q', products: ['A'] },
      ],
    });
    expect(approximatedOrders).toBe(2);
    expect(unmatchedMarks).toBe(0);
    const rows = sessionsOf(dataset);
    expect(rows.filter((s) => s.promotion !== null).map((s) => [s.client, s.at, s.promotion])).toEqual([['c2', at('2024-01-09T10:00:00Z'), 'Q']]);
    // c2's session without an order stays one, at 11:00
    expect(rows.filter((s) => s.client === 'c2').map((s) => [s.at, s.purchased])).toEqual([
      [at('2024-01-09T10:00:00Z'), true],
      [at('2024-01-09T11:00:00Z'), false],
    ]);
    const lines = dataset.lines!;
    const product = lines.columns.product;
    const order = lines.columns.order;
    if (product.type !== 'string' || order.type !== 'ref') throw new Error('lines columns');
    const byOrder = Array.from({ length: lines.length }, (_, k) => `${rows[order.rows[k]].client}@${new Date(rows[order.rows[k]].at).toISOString().slice(11, 16)}:${product.dictionary[product.codes[k]]}`);
    expect(byOrder.sort()).toEqual(['c1@18:00:A', 'c1@18:00:B', 'c2@10:00:A']);
  });

  it('marks matching no order are left out and counted', async () => {
    const { dataset, unmatchedMarks } = await timelineDataset({
      time: TIME,
      activity: [QUIET],
      marks: [
        { client: 'c2', at: at('2024-01-09T09:00:00Z'), promotion: 'P' }, // before the day's only order
        { client: 'c2', at: at('2024-01-10T10:00:00Z'), promotion: 'P' }, // a day without activity
        { client: 'c9', at: at('2024-01-09T10:00:00Z'), promotion: 'P' }, // another client
      ],
    });
    expect(unmatchedMarks).toBe(3);
    expect(sessionsOf(dataset).every((s) => s.promotion === null)).toBe(true);
    // no marked product: the lines table is there, empty
    expect(dataset.lines?.length).toBe(0);
  });
});

describe('timelineDataset extent', () => {
  it('stretches the data to the extent with two sessions without an order of a synthetic last client', async () => {
    const extent: [number, number] = [at('2024-01-01T00:00:00Z'), at('2024-02-29T12:00:00Z')];
    const { dataset } = await timelineDataset({ time: TIME, activity: [QUIET], extent });
    const rows = sessionsOf(dataset);
    expect(rows.slice(-2)).toEqual([
      { client: EXTENT_CLIENT, at: extent[0], purchased: false, payment: 0, promotion: null },
      { client: EXTENT_CLIENT, at: extent[1], purchased: false, payment: 0, promotion: null },
    ]);
    const client = dataset.sessions.columns.client;
    expect(client.type === 'string' ? client.dictionary : []).toEqual(['c2', EXTENT_CLIENT]);
  });
});
