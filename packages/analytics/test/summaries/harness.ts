import { calendarFor, lineMask, sessionMask, type Dataset, type Filter, type QueryRequest, type Row } from '@clvkit/core';
import { expect } from 'vitest';
import type { CustomerDayRecord, CustomerSummaryRecord, SummaryEnv } from '../../src/index.js';

/**
 * Per-customer summaries computed straight from a dataset's session columns, in this test and
 * independently of the code under test: for each client with a session passing `filter`
 * (core's `sessionMask`), counts, sums, min / max times, the payment of the earliest order,
 * the quantity of the order lines passing the filter as lines (core's `lineMask`; missing = 1)
 * and Σ discount / (payment + discount) per order (clamped to [0, 1], 0 without a basket value).
 * Rows ascending by client id, as the proxy pages them.
 */
export function summariesOf(dataset: Dataset, filter: Filter): CustomerSummaryRecord[] {
  const s = dataset.sessions;
  const client = s.columns.client;
  const start = s.columns.session_start;
  const bought = s.columns.has_purchased;
  const pay = s.columns.payment_amount;
  const discount = s.columns.discount_amount;
  const promo = s.columns.promotion_id;
  if (client.type !== 'string' || start.type !== 'time' || bought.type !== 'boolean' || pay.type !== 'number') throw new Error('sample columns missing');
  const mask = sessionMask(dataset, filter);
  const quantityOf = new Float64Array(s.length);
  const lines = dataset.lines;
  if (lines) {
    const order = lines.columns.order;
    const quantity = lines.columns.quantity;
    const passing = lineMask(dataset, filter);
    if (order?.type !== 'ref') throw new Error('lines.order must be a ref column');
    for (let k = 0; k < lines.length; k++) {
      if (!passing[k] || order.rows[k] < 0) continue;
      const q = quantity?.type === 'number' ? quantity.values[k] : NaN;
      quantityOf[order.rows[k]] += Number.isNaN(q) ? 1 : q;
    }
  }
  const rows = new Map<string, { sessions: number; firstSessionAt: number; lastSessionAt: number; orders: number; firstOrderAt: number; lastOrderAt: number; revenue: number; discount: number; firstOrderRevenue: number | null; promotionOrders: number; quantity: number; discountShareSum: number }>();
  for (let i = 0; i < s.length; i++) {
    if (!mask[i] || client.codes[i] < 0) continue;
    const id = client.dictionary[client.codes[i]];
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { sessions: 0, firstSessionAt: Infinity, lastSessionAt: -Infinity, orders: 0, firstOrderAt: Infinity, lastOrderAt: -Infinity, revenue: 0, discount: 0, firstOrderRevenue: null, promotionOrders: 0, quantity: 0, discountShareSum: 0 }));
    const t = start.values[i];
    r.sessions++;
    r.firstSessionAt = Math.min(r.firstSessionAt, t);
    r.lastSessionAt = Math.max(r.lastSessionAt, t);
    if (bought.values[i] !== 1) continue;
    const amount = Number.isNaN(pay.values[i]) ? 0 : pay.values[i];
    r.orders++;
    if (t < r.firstOrderAt) r.firstOrderRevenue = amount;
    r.firstOrderAt = Math.min(r.firstOrderAt, t);
    r.lastOrderAt = Math.max(r.lastOrderAt, t);
    r.revenue += amount;
    const off = discount?.type === 'number' && !Number.isNaN(discount.values[i]) ? discount.values[i] : 0;
    r.discount += off;
    r.discountShareSum += amount + off > 0 ? Math.min(1, Math.max(0, off / (amount + off))) : 0;
    r.quantity += quantityOf[i];
    if (promo?.type === 'string' && promo.codes[i] >= 0) r.promotionOrders++;
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, r]) => ({
      client: id,
      sessions: r.sessions,
      firstSessionAt: r.firstSessionAt,
      lastSessionAt: r.lastSessionAt,
      orders: r.orders,
      firstOrderAt: r.orders ? r.firstOrderAt : null,
      lastOrderAt: r.orders ? r.lastOrderAt : null,
      revenue: r.revenue,
      discount: r.discount,
      firstOrderRevenue: r.firstOrderRevenue,
      promotionOrders: r.promotionOrders,
      quantity: r.quantity,
      discountShareSum: r.discountShareSum,
    }));
}

/** The environment of a summary-based analysis over `dataset`, recording the filters asked for. */
export function envOf(dataset: Dataset, asked: Filter[] = []): SummaryEnv {
  const start = dataset.sessions.columns.session_start;
  let lo = Infinity;
  let hi = -Infinity;
  if (start.type === 'time') for (const v of start.values) if (v === v) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
  return {
    time: dataset.time,
    timeExtent: lo <= hi ? [lo, hi] : null,
    summaries: async (filter) => {
      asked.push(filter);
      return summariesOf(dataset, filter);
    },
    activity: async (filter) => {
      asked.push(filter);
      return activityOf(dataset, filter);
    },
  };
}

/** Rows equal: numbers to 9 significant digits (sums added in another order), the rest exactly. */
export function expectSameRows(actual: readonly Row[], expected: readonly Row[], fields?: readonly string[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, k) => {
    const keys = fields ?? Object.keys(expected[k]);
    if (!fields) expect(Object.keys(row).sort()).toEqual(Object.keys(expected[k]).sort());
    for (const key of keys) {
      const value = expected[k][key];
      if (typeof value === 'number' && Number.isFinite(value)) expect(row[key] as number, `${k}.${key}`).toBeCloseTo(value, Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(value) + 1))));
      else expect(row[key], `${k}.${key}`).toEqual(value);
    }
  });
}

/** Rows sorted by client id. */
export function byClient(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => (String(a.client) < String(b.client) ? -1 : String(a.client) > String(b.client) ? 1 : 0));
}

/** An analysis request. */
export function analysis(name: string, params: Record<string, unknown> = {}, filter: Filter = { mode: 'and', predicates: [] }): QueryRequest {
  return { spec: { kind: 'analysis', name, params }, filter };
}

/**
 * Per-customer, per-local-day activity computed straight from a dataset's session columns
 * (independently of the code under test, as the proxy's activity pages would give them): for
 * each client and day (core's calendar in the dataset's zone) with a session passing `filter`,
 * counts, sums, first / last session and order times, and the payment and discount of the
 * day's first and last order. Rows ascending by client id, then day.
 */
export function activityOf(dataset: Dataset, filter: Filter): CustomerDayRecord[] {
  const s = dataset.sessions;
  const client = s.columns.client;
  const start = s.columns.session_start;
  const bought = s.columns.has_purchased;
  const pay = s.columns.payment_amount;
  const discount = s.columns.discount_amount;
  const promo = s.columns.promotion_id;
  if (client.type !== 'string' || start.type !== 'time' || pay.type !== 'number') throw new Error('sample columns missing');
  const calendar = calendarFor(dataset.time);
  const mask = sessionMask(dataset, filter);
  type Day = { -readonly [K in keyof CustomerDayRecord]: CustomerDayRecord[K] };
  const days = new Map<string, Day>();
  for (let i = 0; i < s.length; i++) {
    if (!mask[i] || client.codes[i] < 0) continue;
    const t = start.values[i];
    if (t !== t) continue;
    const id = client.dictionary[client.codes[i]];
    const day = calendar.floor(t, 'day');
    const key = `${id}\u0000${day}`;
    let r = days.get(key);
    if (!r) {
      r = { client: id, day, sessions: 0, firstSessionAt: t, lastSessionAt: t, orders: 0, firstOrderAt: null, lastOrderAt: null, revenue: 0, discount: 0, firstOrderRevenue: null, lastOrderRevenue: null, firstOrderDiscount: null, lastOrderDiscount: null, promotionOrders: 0 };
      days.set(key, r);
    }
    r.sessions++;
    r.firstSessionAt = Math.min(r.firstSessionAt, t);
    r.lastSessionAt = Math.max(r.lastSessionAt, t);
    if (bought && bought.type === 'boolean' && bought.values[i] !== 1) continue;
    const amount = Number.isNaN(pay.values[i]) ? 0 : pay.values[i];
    const off = discount?.type === 'number' && !Number.isNaN(discount.values[i]) ? discount.values[i] : 0;
    r.orders++;
    r.revenue += amount;
    r.discount += off;
    if (r.firstOrderAt === null || t < r.firstOrderAt) ((r.firstOrderAt = t), (r.firstOrderRevenue = amount), (r.firstOrderDiscount = off));
    if (r.lastOrderAt === null || t >= r.lastOrderAt) ((r.lastOrderAt = t), (r.lastOrderRevenue = amount), (r.lastOrderDiscount = off));
    if (promo?.type === 'string' && promo.codes[i] >= 0) r.promotionOrders++;
  }
  return [...days.values()].sort((a, b) => (a.client < b.client ? -1 : a.client > b.client ? 1 : a.day - b.day));
}
