import { lineMask, sessionMask, type Dataset, type Filter } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { executeSummaries, type CustomerSummaryRow } from '../../src/query/index.js';
import { datasetOrderDocuments } from './documents.js';
import { close, fixture, pageAll as pageRows, random, randomFilter, type Fixture } from './harness.js';

/**
 * executeSummaries paged to the end equals per-customer sums computed straight from the
 * dataset's columns under `sessionMask` (an independent loop, not the query layer).
 */
function expectedSummaries(dataset: Dataset, filter: Filter): Map<string, CustomerSummaryRow> {
  const mask = sessionMask(dataset, filter);
  const c = dataset.sessions.columns as Record<string, any>;
  // quantity: Σ quantity of each order's lines that pass the filter as lines (core's lineMask).
  const linesPassing = dataset.lines ? lineMask(dataset, filter) : null;
  const l = (dataset.lines?.columns ?? {}) as Record<string, any>;
  const quantityOf = new Float64Array(dataset.sessions.length);
  if (linesPassing) for (let k = 0; k < linesPassing.length; k++) if (linesPassing[k] && l.order.rows[k] >= 0) quantityOf[l.order.rows[k]] += l.quantity.values[k] === l.quantity.values[k] ? l.quantity.values[k] : 1;
  const out = new Map<string, CustomerSummaryRow & { firstTie: boolean }>();
  for (let i = 0; i < dataset.sessions.length; i++) {
    if (!mask[i]) continue;
    const client = c.client.dictionary[c.client.codes[i]] as string;
    const t = c.session_start.values[i] as number;
    const bought = c.has_purchased.values[i] === 1;
    const pay = c.payment_amount.values[i] === c.payment_amount.values[i] ? c.payment_amount.values[i] : 0;
    const disc = c.discount_amount.values[i] === c.discount_amount.values[i] ? c.discount_amount.values[i] : 0;
    const promoted = c.promotion_id.codes[i] >= 0;
    const row = (out.get(client) ?? { client, sessions: 0, firstSessionAt: null, lastSessionAt: null, orders: 0, firstOrderAt: null, lastOrderAt: null, revenue: 0, discount: 0, firstOrderRevenue: null, promotionOrders: 0, quantity: 0, discountShareSum: 0, firstTie: false }) as any;
    row.sessions++;
    row.firstSessionAt = row.firstSessionAt === null ? t : Math.min(row.firstSessionAt, t);
    row.lastSessionAt = row.lastSessionAt === null ? t : Math.max(row.lastSessionAt, t);
    if (bought) {
      row.orders++;
      row.revenue += pay;
      row.discount += disc;
      row.quantity += quantityOf[i];
      row.discountShareSum += pay + disc > 0 ? Math.min(1, Math.max(0, disc / (pay + disc))) : 0;
      if (promoted) row.promotionOrders++;
      if (row.firstOrderAt === null || t < row.firstOrderAt) {
        row.firstOrderAt = t;
        row.firstOrderRevenue = pay;
        row.firstTie = false;
      } else if (t === row.firstOrderAt) row.firstTie = true;
      row.lastOrderAt = row.lastOrderAt === null ? t : Math.max(row.lastOrderAt, t);
    }
    out.set(client, row);
  }
  return out;
}

describe('executeSummaries parity (Europe/London)', () => {
  let fx: Fixture;
  let dataset: Dataset;
  beforeAll(async () => {
    ({ dataset } = await sampleDataset({ orders: 2000, seed: 21, timeZone: 'Europe/London' }));
    fx = fixture(dataset, datasetOrderDocuments(dataset));
  }, 60_000);

  const pageAll = (filter: Filter, size: number) => pageRows((after) => executeSummaries({ filter, after, size }, { layout: fx.layout, search: fx.search }));

  it('pages through every customer once, ascending, with the same sums', async () => {
    const rand = random(99);
    for (let run = 0; run < 5; run++) {
      const filter = run === 0 ? { mode: 'and' as const, predicates: [] } : randomFilter(rand, dataset, { or: false });
      const { rows, pages } = await pageAll(filter, 37);
      const expected = expectedSummaries(dataset, filter);
      expect(rows.map((r) => r.client)).toEqual([...expected.keys()].sort());
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.size / 37));
      for (const row of rows) {
        const want = expected.get(row.client) as CustomerSummaryRow & { firstTie: boolean };
        const { firstTie, ...plain } = want;
        expect({ ...row, revenue: 0, discount: 0, discountShareSum: 0, firstOrderRevenue: firstTie ? null : row.firstOrderRevenue }).toEqual({ ...plain, revenue: 0, discount: 0, discountShareSum: 0, firstOrderRevenue: firstTie ? null : want.firstOrderRevenue });
        expect(close(row.revenue, want.revenue) && close(row.discount, want.discount) && close(row.discountShareSum, want.discountShareSum)).toBe(true);
      }
    }
  }, 120_000);

  it('caps the page size at limits.maxSummaryRows', async () => {
    const page = await executeSummaries({ filter: { mode: 'and', predicates: [] }, size: 500 }, { layout: fx.layout, search: fx.search, limits: { maxSummaryRows: 10 } });
    expect(page.rows).toHaveLength(10);
    expect(page.after).toEqual({ client: page.rows[9].client });
  });
});
