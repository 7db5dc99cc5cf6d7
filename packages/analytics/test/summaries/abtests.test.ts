import { beforeAll, describe, expect, it } from 'vitest';
import { interval, isIn, type Dataset, type Filter, type QueryRequest, type Row } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { runQuery, runQueryAsync, runSummaryAnalysis, type SummaryEnv } from '../../src/index.js';
import { abShop } from '../abtest/fixtures.js';
import { analysis, envOf, expectSameRows } from './harness.js';

/**
 * The before/after A/B tests from activity pages (src/summaries/abtests.ts) against the
 * registry analyses (`runQueryAsync`) on the same datasets: the env's activity pages are the
 * harness's independent `activityOf`, and the server's aggregates (the promotion / product
 * lists) are `runQuery` aggregates on the same data.
 */
function serverEnv(dataset: Dataset, asked: Filter[] = []): SummaryEnv {
  return { ...envOf(dataset, asked), query: async (request) => runQuery(dataset, request) };
}

const and = (...predicates: Filter['predicates'][number][]): Filter => ({ mode: 'and', predicates });

/** Both ways; the remote rows and meta (without its own fields) must equal the registry's. */
async function expectParity(dataset: Dataset, request: QueryRequest): Promise<{ rows: Row[]; meta: Record<string, unknown> }> {
  const expected = await runQueryAsync(dataset, request);
  const actual = await runSummaryAnalysis(request, serverEnv(dataset));
  const { approximatedOrders, unmatchedMarks, ...meta } = (actual.meta ?? {}) as Record<string, unknown>;
  expectSameRows(actual.rows, expected.rows);
  expect(meta).toEqual(expected.meta);
  expect(unmatchedMarks).toBe(0);
  return { rows: actual.rows, meta: { ...meta, approximatedOrders } };
}

const USAGE = ['promotion', 'product'].flatMap((kind) => ['amount', 'orders'].flatMap((metric) => ['', '_accept', '_reject'].map((o) => `${kind}_usage_before_after_${metric}${o}`)));
const PROMOTION_ONLY = ['order_and_payment_amount_differences', 'promotion_comparison'];

describe('A/B tests from activity pages: the promotion shop (fixtures.ts, one order a day)', () => {
  const params = { minCustomers: 3, resamples: 200 };
  const filters: [string, Filter][] = [
    ['no filter', and()],
    ['a dimension', and(isIn('dimension', ['web']))],
    ['a date range', and(interval('session_start', Date.parse('2024-01-16T00:00:00Z'), Date.parse('2024-03-01T00:00:00Z')))],
    ['a promotion picked', and(isIn('promotion_id', ['P']))],
    ['a product picked', and(isIn('product', ['A']))],
  ];
  for (const name of [...USAGE, ...PROMOTION_ONLY]) {
    it(`${name}: same rows and meta as in memory under each filter, nothing approximated`, async () => {
      for (const [, filter] of filters) {
        const { meta } = await expectParity(abShop(), analysis(name, params, filter));
        expect(meta.approximatedOrders).toBe(0);
      }
    });
  }

  it('the windows are fetched without the subject and date clauses; one fetch per subject', async () => {
    const asked: Filter[] = [];
    const range = interval('session_start', Date.parse('2024-01-16T00:00:00Z'), Date.parse('2024-03-01T00:00:00Z'));
    await runSummaryAnalysis(analysis('promotion_usage_before_after_amount', params, and(isIn('dimension', ['web']), range, isIn('promotion_id', ['P']))), serverEnv(abShop(), asked));
    expect(asked).toEqual([and(isIn('dimension', ['web'])), and(isIn('dimension', ['web']), isIn('promotion_id', ['P']))]);
  });

  it('a picked subject with pairs lists the same customers', async () => {
    const { meta } = await expectParity(abShop(), analysis('promotion_usage_before_after_amount', { ...params, subject: 'P' }));
    expect((meta.pairs as Row[]).map((p) => p.client).sort()).toEqual(['c1', 'c2', 'c6']);
    await expectParity(abShop(), analysis('promotion_usage_before_after_amount', { ...params, pairs: true }));
  });

  it('refuses an "or" selection of several clauses, and a source without activity pages', async () => {
    const or: Filter = { mode: 'or', predicates: [isIn('dimension', ['app']), isIn('promotion_id', ['P'])] };
    await expect(runSummaryAnalysis(analysis('promotion_usage_before_after_amount', params, or), serverEnv(abShop()))).rejects.toThrow(/"or" selection.*use an "and" selection/);
    const { activity: _, ...noActivity } = serverEnv(abShop());
    await expect(runSummaryAnalysis(analysis('promotion_comparison', params), noActivity)).rejects.toThrow(/no activity pages/);
  });
});

describe('A/B tests from activity pages: the sample shop (promotions, basket lines, several orders a day)', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = (await sampleDataset({ orders: 4000, seed: 11 })).dataset;
  }, 120_000);

  const params = { minCustomers: 5, resamples: 100 };
  const range = interval('session_start', Date.parse('2025-03-01T00:00:00Z'), Date.parse('2025-12-01T00:00:00Z'));
  const filter = and(isIn('dimension', ['web', 'app']), range);

  /** Days of the windows' pages with 3+ orders of one customer (where orders are placed). */
  it('the sample shop has customers with several orders a day (so the marks matter)', async () => {
    const days = await serverEnv(dataset).activity!(and());
    expect(days.filter((d) => d.orders >= 2).length).toBeGreaterThan(0);
  });

  for (const name of ['promotion_usage_before_after_amount', 'promotion_usage_before_after_orders_reject', 'order_and_payment_amount_differences', 'promotion_comparison', 'product_usage_before_after_amount']) {
    it(`${name}: same rows and meta as in memory, no filter and a dimension + date range`, async () => {
      for (const f of [and(), filter]) {
        const { rows, meta } = await expectParity(dataset, analysis(name, params, f));
        if (f === filter) expect(rows.length, 'rows to compare').toBeGreaterThan(0);
        expect(meta.approximatedOrders as number).toBeGreaterThanOrEqual(0);
      }
    }, 120_000);
  }
});
