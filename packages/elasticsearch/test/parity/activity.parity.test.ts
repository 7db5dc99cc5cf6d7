import type { Dataset, Filter } from '@clvkit/core';
import { withDerivedFields, type CustomerDayRecord } from '@clvkit/analytics';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { executeActivity } from '../../src/query/index.js';
import { activityBody } from '../../src/query/activity.js';
import { queryEnv } from '../../src/query/env.js';
import { activityOf } from '../../../analytics/test/summaries/harness.js';
import { datasetOrderDocuments } from './documents.js';
import { close, fixture, pageAll as pageRows, random, randomFilter, type Fixture } from './harness.js';

/**
 * executeActivity paged to the end, through the stand-in cluster, equals the customer-day
 * activity computed straight from the dataset's columns (analytics' test harness `activityOf`,
 * an independent loop over the sessions with core's calendar).
 */
describe('executeActivity parity (Europe/London, DST inside the data)', () => {
  let fx: Fixture;
  let dataset: Dataset;
  beforeAll(async () => {
    ({ dataset } = await sampleDataset({ orders: 2000, seed: 21, timeZone: 'Europe/London' }));
    fx = fixture(dataset, datasetOrderDocuments(dataset));
  }, 60_000);

  const pageAll = (filter: Filter, size: number) => pageRows((after) => executeActivity({ filter, after, size }, { layout: fx.layout, search: fx.search }));

  it('pages every customer-day once, ascending, with the same counts, sums and edge orders', async () => {
    const rand = random(7);
    for (let run = 0; run < 5; run++) {
      const filter = run === 0 ? { mode: 'and' as const, predicates: [] } : randomFilter(rand, dataset, { or: false });
      const { rows, pages } = await pageAll(filter, 250);
      const expected = activityOf(withDerivedFields(dataset), filter);
      expect(rows.map((r) => `${r.client}@${r.day}`)).toEqual(expected.map((r) => `${r.client}@${r.day}`));
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / 250));
      rows.forEach((row, k) => {
        const want = expected[k];
        const money = ['revenue', 'discount', 'firstOrderRevenue', 'lastOrderRevenue', 'firstOrderDiscount', 'lastOrderDiscount'] as const;
        const strip = (r: CustomerDayRecord) => ({ ...r, ...Object.fromEntries(money.map((m) => [m, 0])) });
        expect(strip(row)).toEqual(strip(want));
        for (const m of money) expect(want[m] === null ? row[m] === null : close(row[m] as number, want[m] as number), `${row.client}@${row.day} ${m}`).toBe(true);
      });
    }
  }, 120_000);

  it('keys days at local midnight in the layout zone (a day source, not 24-hour bins)', () => {
    const body = activityBody(queryEnv({ layout: fx.layout, search: fx.search }), { filter: { mode: 'and', predicates: [] } });
    expect((body.aggs as any).days.composite.sources[1]).toEqual({ day: { date_histogram: { field: 'session_start', calendar_interval: 'day', time_zone: 'Europe/London' } } });
  });

  it('caps the page size at limits.maxSummaryRows', async () => {
    const page = await executeActivity({ filter: { mode: 'and', predicates: [] }, size: 500 }, { layout: fx.layout, search: fx.search, limits: { maxSummaryRows: 10 } });
    expect(page.rows).toHaveLength(10);
    expect(page.after).toEqual({ client: page.rows[9].client, day: page.rows[9].day });
  });
});
