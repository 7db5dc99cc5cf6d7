import { describe, expect, it } from 'vitest';
import { readTestRows, subjectField, testKind } from '../../src/widgets/abtest/test-rows.js';
import { pText, verdictSentence } from '../../src/widgets/abtest/verdict-text.js';
import { PROMOTION_AMOUNT, PROMOTION_ORDERS, SEGMENT_ORDERS } from './fixtures.js';

const US = { locale: 'en-US', currency: 'USD' };

describe('testKind and subjectField', () => {
  it('read the test from the report name and meta', () => {
    expect(testKind('promotion_usage_before_after_amount_accept', undefined)).toEqual({ subject: 'promotion', metric: 'amount', windowDays: 7, period: null });
    expect(testKind('promotion_usage_before_after_orders', { windowDays: 14 })).toEqual({ subject: 'promotion', metric: 'orders', windowDays: 14, period: null });
    expect(testKind('product_usage_before_after_orders_reject', undefined)).toMatchObject({ subject: 'product', metric: 'orders' });
    expect(testKind('segments_change_monthly_before_after_amount', undefined)).toMatchObject({ subject: 'segment', metric: 'amount', period: 'monthly' });
    expect(testKind('promotion_comparison', { metric: 'orders' })).toMatchObject({ subject: 'promotion', metric: 'orders' });
    expect(['promotion_usage_before_after_amount', 'product_usage_before_after_amount', 'segments_change_daily_before_after_orders'].map((r) => subjectField(testKind(r, undefined)))).toEqual(['promotion_id', 'product', 'rfm_segment']);
  });

  it('drop rows without a subject and non-finite numbers', () => {
    const rows = readTestRows([{ subject: '', pValue: 0.1 }, { subject: 'A', pValue: Number.NaN, verdict: 'maybe', customers: 3 }]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject: 'A', pValue: null, verdict: null, customers: 3 });
  });
});

describe('verdictSentence', () => {
  const amount = testKind('promotion_usage_before_after_amount', PROMOTION_AMOUNT.meta);
  const rows = readTestRows(PROMOTION_AMOUNT.rows);

  it('says a significant increase with its interval in words', () => {
    // relative change 0.4662 → "47%", interval 0.25 .. 0.7 on the same side → "25% to 70%"
    expect(verdictSentence(rows[0], amount, US)).toBe('Customers who used BUNDLEUP spent 47% more per order in the 7 days after than in the 7 days before (95% CI 25% to 70%), p < 0.001.');
  });

  it('signs an interval that crosses zero and says when a change is not significant', () => {
    // −0.0885 → 8.85 % → "8.9%" (one decimal below 10 %); interval −0.2 .. 0.04 crosses 0
    expect(verdictSentence(rows[2], amount, US)).toBe('Customers who used THANKYOU spent 8.9% less per order in the 7 days after than in the 7 days before (95% CI −20% to +4%), p = 0.12: no significant change.');
  });

  it('a significant decrease reads its interval as magnitudes, larger first', () => {
    // −0.2047 → "20%"; interval −0.28 .. −0.12 → "12% to 28%"
    expect(verdictSentence(rows[3], amount, US)).toBe('Customers who used BF25 spent 20% less per order in the 7 days after than in the 7 days before (95% CI 12% to 28%), p < 0.001.');
  });

  it('orders, products and segments', () => {
    const orders = readTestRows(PROMOTION_ORDERS.rows);
    expect(verdictSentence(orders[0], testKind('promotion_usage_before_after_orders', PROMOTION_ORDERS.meta), US)).toBe(
      'Customers who used BUNDLEUP placed 135% more orders in the 7 days after than in the 7 days before (95% CI 105% to 170%), p < 0.001.',
    );
    expect(verdictSentence({ ...rows[0], subject: 'Oxford Shirt' }, testKind('product_usage_before_after_amount', undefined), US)).toMatch(/^Customers who first bought Oxford Shirt spent 47% more per order/);
    const segments = readTestRows(SEGMENT_ORDERS.rows);
    const weekly = testKind('segments_change_weekly_before_after_orders', SEGMENT_ORDERS.meta);
    expect(verdictSentence(segments[0], weekly, US)).toBe('Champions customers placed 19% fewer orders this week than in the same days of the last 4 weeks (95% CI 11% to 27%), p < 0.001.');
    // before mean 0: no relative change, so units: +0.01 orders per customer, interval 0 .. 0.02
    expect(verdictSentence(segments[1], weekly, US)).toBe('Lost customers placed 0.01 more orders per customer this week than in the same days of the last 4 weeks (95% CI 0 to 0.02), p = 0.08: no significant change.');
  });

  it('formats p-values', () => {
    expect([pText(0.0004), pText(0.001), pText(0.0432), pText(0.5), pText(null)]).toEqual(['p < 0.001', 'p = 0.001', 'p = 0.043', 'p = 0.5', 'p unknown']);
  });
});
