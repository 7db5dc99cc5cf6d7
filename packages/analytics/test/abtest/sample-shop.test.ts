import { beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTER, type Dataset, type Row } from '@clvkit/core';
import { generateShop, sampleDataset, type PlantedEffects } from '@clvkit/sample-data';
import { runQueryAsync, type Progress } from '../../src/index.js';
import { run } from './fixtures.js';

/**
 * The planted promotions of the sample shop (sample-data README, "What is planted"):
 * BUNDLEUP gives customers 1.8× the basket lines on their orders in the 7 days from their
 * first use and a 35 % chance of an extra order; THANKYOU changes nothing but a 2 % discount.
 * 50 000 orders give BUNDLEUP about a hundred existing customers with orders on both sides of
 * their first use (at 20 000 there are about 35: too few to show a 40 % lift reliably).
 */
const OPTIONS = { orders: 50_000, seed: 42 };
let dataset: Dataset;
let planted: PlantedEffects;

beforeAll(async () => {
  dataset = (await sampleDataset(OPTIONS)).dataset;
  planted = generateShop(OPTIONS).planted;
}, 120_000);

const bySubject = (rows: readonly Row[], subject: string) => rows.find((r) => r.subject === subject);

describe('planted promotions', () => {
  it('BUNDLEUP is a significant increase in spend; THANKYOU no significant change', async () => {
    expect(planted.effectivePromotion.id).toBe('BUNDLEUP');
    expect(planted.neutralPromotion.id).toBe('THANKYOU');
    const accept = await run(dataset, 'promotion_usage_before_after_amount_accept');
    const bundle = bySubject(accept.rows, 'BUNDLEUP')!;
    expect(bundle, 'BUNDLEUP in the _accept rows').toBeDefined();
    expect(bundle.verdict).toBe('increase');
    expect(bundle.customers as number).toBeGreaterThan(50);
    expect(bundle.relativeChange as number).toBeGreaterThan(0.25); // planted: +40..60 % per customer (median)
    expect(bundle.relativeChange as number).toBeLessThan(0.8);
    expect(bundle.ciLow as number).toBeGreaterThan(0);
    expect(bundle.pValue as number).toBeLessThan(0.001);
    expect(bundle.acceptRatio as number).toBeLessThan(0.05);
    expect(bySubject(accept.rows, 'THANKYOU')).toBeUndefined();

    const reject = await run(dataset, 'promotion_usage_before_after_amount_reject');
    const thanks = bySubject(reject.rows, 'THANKYOU')!;
    expect(thanks.verdict).toBe('no significant change');
    expect(thanks.customers as number).toBeGreaterThan(100);
    expect(Math.abs(thanks.relativeChange as number)).toBeLessThan(0.15); // planted: within ±10 % plus noise
    expect(thanks.ciLow as number).toBeLessThan(0);
    expect(thanks.ciHigh as number).toBeGreaterThan(0);
    expect(thanks.acceptRatio as number).toBeGreaterThan(0.3);
  });

  it('BUNDLEUP also brings more orders; it leads the comparison and beats the rest', async () => {
    const orders = await run(dataset, 'promotion_usage_before_after_orders_accept');
    expect(bySubject(orders.rows, 'BUNDLEUP')).toMatchObject({ verdict: 'increase' });
    const comparison = await run(dataset, 'promotion_comparison');
    expect(comparison.rows[0]).toMatchObject({ subject: 'BUNDLEUP', verdict: 'increase', method: 'welch' });
    expect(comparison.rows[0].pValue as number).toBeLessThan(0.01);
    expect(bySubject(comparison.rows, 'THANKYOU')).toMatchObject({ verdict: 'no significant change' });
    const differences = await run(dataset, 'order_and_payment_amount_differences');
    expect(differences.rows[0]).toMatchObject({ subject: 'BUNDLEUP', amountVerdict: 'increase', ordersVerdict: 'increase' });
    expect(bySubject(differences.rows, 'THANKYOU')).toMatchObject({ amountVerdict: 'no significant change' });
  });

  it('report progress per subject and stop when cancelled', async () => {
    const seen: Progress[] = [];
    const request = { spec: { kind: 'analysis' as const, name: 'promotion_usage_before_after_amount_accept', params: {} }, filter: NO_FILTER };
    await runQueryAsync(dataset, request, { onProgress: (p) => seen.push(p) });
    expect(seen.some((p) => /^Testing BUNDLEUP \(\d+ of \d+\)$/.test(p.message ?? ''))).toBe(true);
    expect(seen[seen.length - 1]).toMatchObject({ done: seen[seen.length - 1].total });
    const controller = new AbortController();
    const cancelled = runQueryAsync(dataset, request, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 1) controller.abort(new Error('stale'));
      },
    });
    await expect(cancelled).rejects.toThrow('stale');
  });
});
