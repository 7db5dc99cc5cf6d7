import { beforeAll, describe, expect, it } from 'vitest';
import { interval, isIn, type Dataset, type Filter, type QueryRequest, type Row } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { runQuery, runQueryAsync, runSummaryAnalysis, type SummaryEnv } from '../../src/index.js';
import { abShop } from '../abtest/fixtures.js';
import { buildDataset, type SessionSpec } from '../helpers.js';
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
    await runSummaryAnalysis(analysis('promotion_usage_before_after_amount', params, and(isIn('dimension', ['web']), isIn('promotion_id', ['P']))), serverEnv(abShop(), asked));
    expect(asked).toEqual([and(isIn('dimension', ['web'])), and(isIn('dimension', ['web']), isIn('promotion_id', ['P']))]);
  });

  it('with a date range the windows are fetched for the stretch its windows reach, plus the first orders before it', async () => {
    const asked: Filter[] = [];
    const range = interval('session_start', Date.parse('2024-01-16T00:00:00Z'), Date.parse('2024-03-01T00:00:00Z'));
    await runSummaryAnalysis(analysis('promotion_usage_before_after_amount', params, and(isIn('dimension', ['web']), range, isIn('promotion_id', ['P']))), serverEnv(abShop(), asked));
    // W = 7: from 01-16 − 8 days to 03-01 + 9 days, clamped to the data (01-01 00:00 .. 02-29 12:00):
    // the subject fetches then need no end
    const dataStart = Date.parse('2024-01-01T00:00:00Z');
    const span = interval('session_start', Date.parse('2024-01-08T00:00:00Z'), Date.parse('2024-02-29T12:00:00Z') + 1);
    expect(asked).toEqual([
      and(isIn('dimension', ['web']), span),
      and(isIn('dimension', ['web']), isIn('promotion_id', ['P'])),
      and(isIn('dimension', ['web']), interval('session_start', dataStart, Date.parse('2024-01-08T00:00:00Z'))),
    ]);
    // a range ending early: the subject fetches end where its windows do (01-20 + 9 days)
    asked.length = 0;
    await runSummaryAnalysis(analysis('promotion_usage_before_after_amount', params, and(interval('session_start', Date.parse('2024-01-16T00:00:00Z'), Date.parse('2024-01-20T00:00:00Z')))), serverEnv(abShop(), asked));
    expect(asked[1]).toEqual(and(isIn('promotion_id', ['P']), interval('session_start', dataStart, Date.parse('2024-01-29T00:00:00Z'))));
  });

  it('a first use before the fetched stretch is kept, so a later use inside it does not pass for the first', async () => {
    // c6 uses P on 01-20 (first) and 01-24; with windows of 1 day and the range from 01-23 the
    // stretch starts 01-21: in memory c6 has no trigger in the range (01-20 is the first use)
    const late = and(interval('session_start', Date.parse('2024-01-23T00:00:00Z'), Date.parse('2024-03-01T00:00:00Z')));
    for (const name of ['promotion_usage_before_after_orders', 'promotion_comparison', 'order_and_payment_amount_differences']) {
      const { meta } = await expectParity(abShop(), analysis(name, { minCustomers: 3, resamples: 50, windowDays: 1 }, late));
      expect(meta.approximatedOrders).toBe(0);
    }
    const { meta } = await expectParity(abShop(), analysis('promotion_usage_before_after_orders', { minCustomers: 3, windowDays: 1, subject: 'P' }, late));
    // only c5 (first use 02-25); c6's use on 01-24 is not a first use, c1..c4 used P before 01-23
    expect(meta.pairs).toEqual([{ client: 'c5', before: 0, after: 0 }]);
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

  // what the "ab-tests" preset's widgets send (packages/widgets/src/presets/ab-tests.tsx), default params
  const PRESET: [string, Record<string, unknown>][] = [
    ['promotion_comparison', {}],
    ['order_and_payment_amount_differences', {}],
    ['promotion_usage_before_after_amount', {}],
    ['promotion_usage_before_after_amount', { pairs: true }],
    ['promotion_usage_before_after_orders', {}],
    ['product_usage_before_after_amount', {}],
  ];
  it("the ab-tests preset's usage requests: same rows and meta, unfiltered and with a promotion picked", async () => {
    for (const [name, p] of PRESET) {
      const { rows } = await expectParity(dataset, analysis(name, p));
      expect(rows.length, `${name} rows`).toBeGreaterThan(0);
      await expectParity(dataset, analysis(name, p, and(isIn('promotion_id', ['BUNDLEUP', 'THANKYOU']))));
    }
  }, 120_000);

  it('segments_change (from summaries, segments-change.ts): same rows and meta, bootstrap included, under a dimension + date range', async () => {
    for (const period of ['daily', 'weekly', 'monthly']) {
      for (const metric of ['amount', 'orders']) {
        for (const f of [and(), filter]) {
          const request = analysis(`segments_change_${period}_before_after_${metric}`, { minCustomers: 3 }, f);
          const expected = await runQueryAsync(dataset, request);
          const actual = await runSummaryAnalysis(request, serverEnv(dataset));
          expectSameRows(actual.rows, expected.rows);
          expect(actual.meta).toEqual(expected.meta);
        }
      }
    }
    // the preset's request (default params)
    const request = analysis('segments_change_weekly_before_after_amount');
    expectSameRows((await runSummaryAnalysis(request, serverEnv(dataset))).rows, (await runQueryAsync(dataset, request)).rows);
  }, 120_000);
});

/**
 * Busy days (3+ orders of one customer on one day), UTC, windows of 7 days, payments in ():
 *
 * Promotion P (t0 = first use):
 * | c1 | 01-01 10:00 (10); 01-08 08:00 (20), 12:30 (30), 13:00 (40), 18:00 (50); 01-15 12:00 P (100); 01-18 10:00 (60) |
 * | c2 | 01-01 10:00 (10); 01-12 10:00 (20); 01-16 10:00 P (30); 01-19 10:00 (40) |
 * | c3 | 01-02 10:00 (10); 01-13 10:00 (20); 01-17 10:00 P (30) |
 * c1's before window [01-08 12:00, 01-15 12:00) starts inside its busy day: in memory 12:30,
 * 13:00 and 18:00 are in it (3 orders); rebuilt, the two middle orders sit at 11:20 and 14:40
 * (08:00 + 10 h × 1/3, 2/3), so only 14:40 and 18:00 are (2): the documented bound, P's
 * before mean is 4/3 instead of 5/3 (off by at most approximatedOrders / customers = 2/3).
 *
 * Promotion Q, whose trigger is the middle order of a busy day (marked, so exact):
 * | c4 | 01-01 10:00 (10); 01-10 10:00 (20); 01-20 08:00 (10), 12:00 Q (70), 18:00 (20); 01-23 10:00 (30) |
 * | c5 | 01-01 10:00 (10); 01-15 10:00 (20); 01-21 10:00 Q (30) |
 * | c6 | 01-02 10:00 (10); 01-16 10:00 (20); 01-22 10:00 Q (40); 01-24 10:00 (50) |
 * z stretches the data to 01-01 00:00 .. 02-29 12:00.
 */
function busyShop(): Dataset {
  const orders: [client: string, start: string, payment: number, promotion?: string][] = [
    ['z', '01-01T00:00', 5],
    ['c1', '01-01T10:00', 10], ['c1', '01-08T08:00', 20], ['c1', '01-08T12:30', 30], ['c1', '01-08T13:00', 40], ['c1', '01-08T18:00', 50], ['c1', '01-15T12:00', 100, 'P'], ['c1', '01-18T10:00', 60],
    ['c2', '01-01T10:00', 10], ['c2', '01-12T10:00', 20], ['c2', '01-16T10:00', 30, 'P'], ['c2', '01-19T10:00', 40],
    ['c3', '01-02T10:00', 10], ['c3', '01-13T10:00', 20], ['c3', '01-17T10:00', 30, 'P'],
    ['c4', '01-01T10:00', 10], ['c4', '01-10T10:00', 20], ['c4', '01-20T08:00', 10], ['c4', '01-20T12:00', 70, 'Q'], ['c4', '01-20T18:00', 20], ['c4', '01-23T10:00', 30],
    ['c5', '01-01T10:00', 10], ['c5', '01-15T10:00', 20], ['c5', '01-21T10:00', 30, 'Q'],
    ['c6', '01-02T10:00', 10], ['c6', '01-16T10:00', 20], ['c6', '01-22T10:00', 40, 'Q'], ['c6', '01-24T10:00', 50],
    ['z', '02-29T12:00', 5],
  ];
  const sessions: SessionSpec[] = orders.map(([client, start, payment, promotion], i) => ({ id: `o${i}`, client, start: `2024-${start}:00Z`, payment, promotion: promotion ?? null, dimension: 'web' }));
  return buildDataset({ sessions });
}

describe('A/B tests from activity pages: busy days', () => {
  const params = { minCustomers: 3, resamples: 0 };

  it('a trigger among the middle orders of a busy day is marked at its own time and payment: Q is exact', async () => {
    for (const name of ['promotion_usage_before_after_orders', 'promotion_usage_before_after_amount']) {
      const request = analysis(name, { ...params, subject: 'Q' });
      const expected = await runQueryAsync(busyShop(), request);
      const actual = await runSummaryAnalysis(request, serverEnv(busyShop()));
      expectSameRows(actual.rows, expected.rows);
      expect(actual.meta?.pairs).toEqual(expected.meta?.pairs);
      // hand-computed orders pairs: c4 1 -> 2 (the trigger not counted), c5 1 -> 0, c6 1 -> 1
      if (name.endsWith('orders')) expect(expected.meta?.pairs).toEqual([{ client: 'c4', before: 1, after: 2 }, { client: 'c5', before: 1, after: 0 }, { client: 'c6', before: 1, after: 1 }]);
      expect(actual.meta?.approximatedOrders).toBe(2); // c1's two middle orders on 01-08
    }
  });

  it('a window edge inside a busy day counts its placed middle orders by their placed times (the documented bound)', async () => {
    const request = analysis('promotion_usage_before_after_orders', { ...params, subject: 'P' });
    const expected = await runQueryAsync(busyShop(), request);
    const actual = await runSummaryAnalysis(request, serverEnv(busyShop()));
    expect(expected.meta?.pairs).toEqual([{ client: 'c1', before: 3, after: 1 }, { client: 'c2', before: 1, after: 1 }, { client: 'c3', before: 1, after: 0 }]);
    expect(actual.meta?.pairs).toEqual([{ client: 'c1', before: 2, after: 1 }, { client: 'c2', before: 1, after: 1 }, { client: 'c3', before: 1, after: 0 }]);
    expect(expected.rows[0].before).toBeCloseTo(5 / 3, 12);
    expect(actual.rows[0].before).toBeCloseTo(4 / 3, 12);
    const approximated = actual.meta?.approximatedOrders as number;
    expect(approximated).toBe(3); // c1's two middle orders, and c4's middle one (Q is not fetched when P is the subject)
    expect(Math.abs((actual.rows[0].before as number) - (expected.rows[0].before as number))).toBeLessThanOrEqual(approximated / (expected.rows[0].customers as number));
  });
});
