import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError, type Row } from '@clvkit/core';
import { at, buildDataset } from '../helpers.js';
import { abShop, and, run } from './fixtures.js';

/**
 * Hand-worked before/after tests on abShop (see fixtures.ts for every order and window).
 *
 * P, amount (customers with orders in both windows): c1 50 → 75, c2 30 → 75, c6 25 → 50.
 *   d = [25, 45, 25]: mean 95/3 = 31.667; Σ(d − mean)² = 44.44 + 177.78 + 44.44 = 266.67;
 *   sd = √133.33 = 11.547; se = 6.6667; t = 4.75; df 2 → p = 1 − 4.75/√(2 + 22.5625) = 1 − 4.75/4.95606 = 0.041577.
 *   Jarque–Bera: g1 = 0.7071, g2 = −1.5, JB = 0.5 · (0.5 + 0.5625) = 0.53125, p = 0.767 → t test.
 *   before mean 105/3 = 35, after 200/3 = 66.667, relative change 200/105 − 1 = 0.90476;
 *   d_z = 31.667 / 11.547 = 2.7424.
 * Q, amount: c7 100 → 30, c8 80 → 30, c9 70 → 40: d = [−70, −50, −30], mean −50, sd 20,
 *   se = 11.547, t = −4.3301, df 2 → p = 1 − 4.3301/√20.75 = 0.049414 (JB p = 0.869 → t).
 * P, orders: c1 2 → 3, c2 1 → 1, c3 0 → 0, c6 1 → 1: d = [1, 0, 0, 0], mean 0.25, sd 0.5,
 *   t = 1, df 3 → p = 1 − (2/π)(π/6 + sin(π/6)cos(π/6)) = 0.39100 (JB p = 0.618 → t).
 * Q, orders: c7 2 → 1, c8 1 → 1, c9 1 → 0: d = [−1, 0, −1], mean −2/3, se 1/3, t = −2, df 2 →
 *   p = 1 − 2/√6 = 0.18350.
 */
const P_AMOUNT_P = 1 - 4.75 / Math.sqrt(24.5625);
const Q_AMOUNT_P = 1 - Math.sqrt(18.75) / Math.sqrt(20.75);
const P_ORDERS_P = 1 - (2 / Math.PI) * (Math.PI / 6 + 0.5 * Math.cos(Math.PI / 6));
const Q_ORDERS_P = 1 - 2 / Math.sqrt(6);
const PARAMS = { minCustomers: 3, resamples: 200 };

function expectRow(row: Row, expected: Record<string, number | string>) {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === 'number') expect(row[key] as number, key).toBeCloseTo(value, 6);
    else expect(row[key], key).toBe(value);
  }
}

describe('promotion_usage_before_after_amount_accept / _reject', () => {
  it('tests each promotion and splits increases from the rest', async () => {
    const accept = await run(abShop(), 'promotion_usage_before_after_amount_accept', PARAMS);
    expect(accept.rows).toHaveLength(1);
    const p = accept.rows[0];
    expectRow(p, {
      test: 'promotion_usage_before_after_amount',
      subject: 'P',
      customers: 3,
      before: 35,
      after: 200 / 3,
      meanDifference: 95 / 3,
      relativeChange: 200 / 105 - 1,
      pValue: P_AMOUNT_P,
      statistic: 4.75,
      df: 2,
      effectSize: 95 / 3 / Math.sqrt(400 / 3),
      method: 't',
      verdict: 'increase',
    });
    expect(p.pValue as number).toBeCloseTo(0.041577, 5);
    // the bootstrap interval brackets the mean difference, within the range of d (25 .. 45)
    expect(p.ciLow as number).toBeGreaterThanOrEqual(25);
    expect(p.ciHigh as number).toBeLessThanOrEqual(45);
    expect(p.ciLow as number).toBeLessThan(95 / 3);
    expect(p.acceptRatio as number).toBeGreaterThanOrEqual(0);
    expect(p.acceptRatio as number).toBeLessThanOrEqual(1);
    expect(accept.meta).toMatchObject({ test: 'promotion_usage_before_after_amount', outcome: 'accept', windowDays: 7, alpha: 0.05, tested: 2, subjects: 2, untested: 0, metric: 'amount', kind: 'promotion' });

    const reject = await run(abShop(), 'promotion_usage_before_after_amount_reject', PARAMS);
    expect(reject.rows.map((r) => r.subject)).toEqual(['Q']);
    expectRow(reject.rows[0], { customers: 3, before: 250 / 3, after: 100 / 3, meanDifference: -50, statistic: -Math.sqrt(18.75), pValue: Q_AMOUNT_P, verdict: 'decrease' });
    expect(reject.rows[0].pValue as number).toBeCloseTo(0.049414, 5);
  });

  it('alpha moves the line: at 0.04 neither is significant', async () => {
    const reject = await run(abShop(), 'promotion_usage_before_after_amount_reject', { ...PARAMS, alpha: 0.04 });
    // P (31.667) and Q (−50) both "no significant change", smallest mean difference first
    expect(reject.rows.map((r) => [r.subject, r.verdict])).toEqual([
      ['Q', 'no significant change'],
      ['P', 'no significant change'],
    ]);
  });

  it('lists the pairs of one subject', async () => {
    const { rows, meta } = await run(abShop(), 'promotion_usage_before_after_amount_accept', { ...PARAMS, subject: 'P' });
    expect(rows.map((r) => r.subject)).toEqual(['P']);
    expect([...(meta.pairs as Row[])].sort((a, b) => String(a.client).localeCompare(String(b.client)))).toEqual([
      { client: 'c1', before: 50, after: 75 },
      { client: 'c2', before: 30, after: 75 },
      { client: 'c6', before: 25, after: 50 },
    ]);
  });
});

describe('promotion_usage_before_after_amount (every tested subject)', () => {
  it('is the union of _accept and _reject, by mean difference descending', async () => {
    const all = await run(abShop(), 'promotion_usage_before_after_amount', PARAMS);
    const accept = await run(abShop(), 'promotion_usage_before_after_amount_accept', PARAMS);
    const reject = await run(abShop(), 'promotion_usage_before_after_amount_reject', PARAMS);
    expect(all.rows).toEqual([...accept.rows, ...reject.rows]); // P (31.667) then Q (−50)
    expect(all.meta.outcome).toBe('all');
  });

  it("pairs: true lists the first row's customers", async () => {
    const { meta } = await run(abShop(), 'promotion_usage_before_after_amount', { ...PARAMS, pairs: true });
    expect(meta.pairsSubject).toBe('P');
    expect((meta.pairs as Row[]).map((p) => p.client).sort()).toEqual(['c1', 'c2', 'c6']);
    const decrease = await run(abShop(), 'promotion_usage_before_after_amount_reject', { ...PARAMS, pairs: true });
    expect(decrease.meta.pairsSubject).toBe('Q');
    expect((decrease.meta.pairs as Row[]).map((p) => `${p.client}:${p.before}->${p.after}`).sort()).toEqual(['c7:100->30', 'c8:80->30', 'c9:70->40']);
    await expect(run(abShop(), 'promotion_usage_before_after_amount', { pairs: 'yes' })).rejects.toThrow(/params.pairs must be true or false/);
  });
});

describe('promotion_usage_before_after_orders_accept / _reject', () => {
  it('counts orders per window, the trigger not counted', async () => {
    expect((await run(abShop(), 'promotion_usage_before_after_orders_accept', PARAMS)).rows).toEqual([]);
    const { rows, meta } = await run(abShop(), 'promotion_usage_before_after_orders_reject', { ...PARAMS, subject: 'P' });
    expect(rows).toHaveLength(1);
    expectRow(rows[0], { subject: 'P', customers: 4, before: 1, after: 1.25, meanDifference: 0.25, statistic: 1, df: 3, pValue: P_ORDERS_P, verdict: 'no significant change' });
    expect(rows[0].pValue as number).toBeCloseTo(0.391, 3);
    // c3 is in the orders test (0 → 0) though it has no average order value before
    expect((meta.pairs as Row[]).map((p) => `${p.client}:${p.before}->${p.after}`).sort()).toEqual(['c1:2->3', 'c2:1->1', 'c3:0->0', 'c6:1->1']);
    const both = await run(abShop(), 'promotion_usage_before_after_orders_reject', PARAMS);
    expect(both.rows.map((r) => r.subject)).toEqual(['Q', 'P']); // −2/3 before 0.25
    expectRow(both.rows[0], { customers: 3, meanDifference: -2 / 3, statistic: -2, pValue: Q_ORDERS_P });
  });
});

describe('the selection', () => {
  it('a promotion clause picks the subject but leaves the windows whole', async () => {
    const filtered = await run(abShop(), 'promotion_usage_before_after_amount_accept', PARAMS, and(isIn('promotion_id', ['P'])));
    const whole = await run(abShop(), 'promotion_usage_before_after_amount_accept', PARAMS);
    expect(filtered.rows).toEqual(whole.rows);
    expect((await run(abShop(), 'promotion_usage_before_after_amount_reject', PARAMS, and(isIn('promotion_id', ['P'])))).rows).toEqual([]);
  });

  it('the date range picks whose first use counts', async () => {
    // from 01-16: c1's first use (01-15) is out; c2 (01-16), c3 (01-18), c6 (01-20) stay
    const { rows, meta } = await run(abShop(), 'promotion_usage_before_after_orders_reject', { ...PARAMS, subject: 'P' }, and(interval('session_start', at('2024-01-16T00:00:00Z'), at('2024-03-01T00:00:00Z'))));
    expect((meta.pairs as Row[]).map((p) => p.client).sort()).toEqual(['c2', 'c3', 'c6']);
    // d = [0, 0, 0]: no difference at all
    expectRow(rows[0], { customers: 3, meanDifference: 0, pValue: 1, verdict: 'no significant change' });
    // only 2 customers left for the amount test of P: below minCustomers, untested
    const amount = await run(abShop(), 'promotion_usage_before_after_amount_accept', PARAMS, and(interval('session_start', at('2024-01-16T00:00:00Z'), at('2024-03-01T00:00:00Z'))));
    expect(amount.meta).toMatchObject({ tested: 1, untested: 1 });
  });

  it('other clauses decide which orders the windows count', async () => {
    // web only: c1's 01-10 app order leaves its before window, whose average becomes 60
    const { meta } = await run(abShop(), 'promotion_usage_before_after_amount_accept', { ...PARAMS, subject: 'P' }, and(isIn('dimension', ['web'])));
    expect((meta.pairs as Row[]).find((p) => p.client === 'c1')).toEqual({ client: 'c1', before: 60, after: 75 });
  });

  it('W = 3 days narrows both windows', async () => {
    // c1: before [01-12, 01-15): 01-12 (60); after [01-15, 01-18): 100 80 → 60 → 90
    // c2: before [01-13, 01-16): 01-14 (30); after 60 → 30 → 60; c6: [01-17, 01-20): none
    const { meta } = await run(abShop(), 'promotion_usage_before_after_amount_accept', { ...PARAMS, minCustomers: 3, windowDays: 3, subject: 'P' });
    expect([...(meta.pairs as Row[])].sort((a, b) => String(a.client).localeCompare(String(b.client)))).toEqual([
      { client: 'c1', before: 60, after: 90 },
      { client: 'c2', before: 30, after: 60 },
    ]);
  });
});

describe('product_usage_before_after_*', () => {
  it("tests each product around the customer's first purchase", async () => {
    // product A is on exactly the P orders, so its test is P's; X is every customer's first
    // order (never an existing customer's first purchase), B is Q's
    const promotion = await run(abShop(), 'promotion_usage_before_after_amount_accept', PARAMS);
    const product = await run(abShop(), 'product_usage_before_after_amount_accept', PARAMS);
    expect(product.rows).toEqual(promotion.rows.map((r) => ({ ...r, test: 'product_usage_before_after_amount', subject: 'A' })));
    expect(product.meta).toMatchObject({ kind: 'product', tested: 2, subjects: 2 });
    expect((await run(abShop(), 'product_usage_before_after_amount_reject', PARAMS)).rows.map((r) => r.subject)).toEqual(['B']);
    expect((await run(abShop(), 'product_usage_before_after_orders_reject', PARAMS)).rows.map((r) => r.subject)).toEqual(['B', 'A']);
  });

  it('a product clause picks the product; a missing lines table is a MissingInputError', async () => {
    const { rows } = await run(abShop(), 'product_usage_before_after_orders_reject', PARAMS, and(isIn('product', ['A'])));
    expect(rows.map((r) => [r.subject, r.customers])).toEqual([['A', 4]]);
    const noLines = buildDataset({ sessions: [{ id: 'o1', client: 'a', start: '2024-01-01T10:00Z', payment: 10 }] });
    await expect(run(noLines, 'product_usage_before_after_orders_reject')).rejects.toBeInstanceOf(MissingInputError);
  });
});

describe('order_and_payment_amount_differences', () => {
  it('gives both differences per promotion', async () => {
    const { rows } = await run(abShop(), 'order_and_payment_amount_differences', { minCustomers: 3 });
    expect(rows.map((r) => r.subject)).toEqual(['P', 'Q']); // by amount difference, descending
    expectRow(rows[0], { customers: 4, ordersBefore: 1, ordersAfter: 1.25, ordersDifference: 0.25, ordersPValue: P_ORDERS_P, ordersVerdict: 'no significant change', amountCustomers: 3, amountBefore: 35, amountDifference: 95 / 3, amountPValue: P_AMOUNT_P, amountVerdict: 'increase' });
    expectRow(rows[1], { customers: 3, ordersBefore: 4 / 3, ordersAfter: 2 / 3, ordersPValue: Q_ORDERS_P, amountDifference: -50, amountVerdict: 'decrease' });
  });
});

describe('promotion_comparison', () => {
  it('Welch of each promotion against the rest, Holm over promotions, pairwise wins', async () => {
    // uplifts P [25, 45, 25] (mean 31.667, var 133.33), Q [−70, −50, −30] (mean −50, var 400)
    // se² = 133.33/3 + 400/3 = 177.78, t = 81.667/13.333 = 6.125
    // df = 177.78² / ((44.44)²/2 + (133.33)²/2) = 31604.9 / 9876.5 = 3.2
    // table: t(0.995; 3) = 5.841, t(0.995; 4) = 4.604 < 6.125 < t(0.9975; 3) = 7.453 → 0.005 < p < 0.01
    // Holm over the two (mirror) comparisons: 2p for both, in (0.01, 0.02)
    // Hedges: s_p = √((2·133.33 + 2·400)/4) = 16.330, d = 5.0010, J = 1 − 3/15 = 0.8 → g = 4.0008
    const { rows, meta } = await run(abShop(), 'promotion_comparison', PARAMS);
    expect(rows.map((r) => r.subject)).toEqual(['P', 'Q']);
    const [p, q] = rows;
    expectRow(p, { test: 'promotion_comparison', method: 'welch', customers: 3, before: 35, meanDifference: 95 / 3 + 50, statistic: 6.125, df: 3.2, effectSize: 0.8 * (245 / 3) / Math.sqrt(800 / 3), verdict: 'increase', uplift: 95 / 3, restUplift: -50, wins: 1, losses: 0, ties: 0 });
    expect(p.pValue as number).toBeGreaterThan(0.01);
    expect(p.pValue as number).toBeLessThan(0.02);
    expectRow(q, { meanDifference: -(95 / 3 + 50), statistic: -6.125, verdict: 'decrease', wins: 0, losses: 1 });
    expect(q.pValue).toBeCloseTo(p.pValue as number, 12);
    expect((p.acceptRatio as number) + (p.rejectRatio as number)).toBeCloseTo(1, 12);
    const pairs = meta.pairs as Row[];
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ first: 'P', second: 'Q', verdict: 'increase' });
    expect(pairs[0].adjustedPValue as number).toBeCloseTo((p.pValue as number) / 2, 10); // one pair: no adjustment
  });

  it('orders metric, and no rows with fewer than two promotions', async () => {
    const { rows, meta } = await run(abShop(), 'promotion_comparison', { ...PARAMS, metric: 'orders' });
    expect(meta.metric).toBe('orders');
    // uplifts P [1, 0, 0, 0] (mean 0.25) vs Q [−1, 0, −1] (mean −2/3)
    expectRow(rows[0], { subject: 'P', meanDifference: 0.25 + 2 / 3, uplift: 0.25 });
    // orders: P has 4 customers, Q 3; at minCustomers 4 there is nothing to compare P with
    expect((await run(abShop(), 'promotion_comparison', { ...PARAMS, metric: 'orders', minCustomers: 4 })).rows).toEqual([]);
  });

  it('a picked promotion is still compared with all the others', async () => {
    const all = await run(abShop(), 'promotion_comparison', PARAMS);
    const picked = await run(abShop(), 'promotion_comparison', PARAMS, and(isIn('promotion_id', ['P'])));
    expect(picked.rows).toEqual([all.rows[0]]);
    expect((await run(abShop(), 'promotion_comparison', { ...PARAMS, subject: 'Q' })).rows).toEqual([all.rows[1]]);
  });
});

describe('params', () => {
  it('are validated with messages naming the analysis and the param', async () => {
    await expect(run(abShop(), 'promotion_usage_before_after_amount_accept', { windowDays: 0 })).rejects.toThrow(/promotion_usage_before_after_amount_accept: params.windowDays/);
    await expect(run(abShop(), 'promotion_usage_before_after_amount_accept', { alpha: 0.7 })).rejects.toThrow(/params.alpha/);
    await expect(run(abShop(), 'promotion_usage_before_after_amount_accept', { subject: 3 })).rejects.toThrow(/params.subject/);
    await expect(run(abShop(), 'promotion_comparison', { metric: 'revenue' })).rejects.toThrow(/params.metric/);
    await expect(run(abShop(), 'promotion_usage_before_after_amount_accept', { nope: 1 })).rejects.toThrow(/unknown param "nope"/);
  });

  it('a dataset without promotions says what to map', async () => {
    const dataset = abShop();
    const columns = { ...dataset.sessions.columns };
    delete columns.promotion_id;
    const without = { ...dataset, sessions: { ...dataset.sessions, columns } };
    await expect(run(without, 'promotion_comparison')).rejects.toBeInstanceOf(MissingInputError);
  });
});
