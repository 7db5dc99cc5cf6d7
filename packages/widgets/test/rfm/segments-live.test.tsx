// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isIn, NO_FILTER, Selection, type Dataset, type QueryResult, type Row } from '@clvkit/core';
import { runQuery } from '@clvkit/analytics';
import { sampleDataset } from '@clvkit/sample-data';
import type { EngineLike } from '../../src/engine-like.js';
import { SegmentsLayout } from '../../src/presets/segments.js';
import { Dashboard } from '../../src/widgets/Dashboard.js';
import { click, interact, renderInto, settle } from '../helpers.js';
import { settleUntil } from '../chart-helpers.js';

/**
 * The segments dashboard over the real RFM analyses (runQuery on the synthetic shop, on the
 * main thread): every widget draws without an error, and a treemap click narrows the customer
 * list to customers of that segment, as an independent `rfm` query over the raw data says.
 */
let dataset: Dataset;
let unmount: () => void = () => {};
beforeAll(async () => {
  ({ dataset } = await sampleDataset({ orders: 3000, seed: 42 }));
}, 60_000);
afterAll(() => unmount());

function engineOf(data: Dataset): EngineLike & { names: string[] } {
  const names: string[] = [];
  return {
    names,
    async query<R = Row>(spec: Parameters<EngineLike['query']>[0], options: { filter?: import('@clvkit/core').Filter } = {}) {
      if (spec.kind === 'analysis') names.push(spec.name);
      await Promise.resolve();
      return runQuery(data, { spec, filter: options.filter ?? NO_FILTER }) as QueryResult<R>;
    },
  };
}

describe('SegmentsLayout on the real analyses', { timeout: 120_000 }, () => {
  test('every widget draws; a treemap click lists only that segment\'s customers', async () => {
    const engine = engineOf(dataset);
    const selection = new Selection();
    const r = renderInto(
      <Dashboard engine={engine} selection={selection} locale="en-US">
        <SegmentsLayout />
      </Dashboard>,
    );
    unmount = r.unmount;
    const container = r.container;
    await settleUntil(() => container.querySelectorAll('.clv-loading').length === 0, 400, 20_000);
    await settle();
    expect([...container.querySelectorAll('.clv-error-detail')].map((e) => e.textContent)).toEqual([]);
    expect(container.querySelectorAll('.clv-empty').length).toBe(0);
    expect(container.querySelectorAll('.clv-treemap-tile').length).toBeGreaterThan(3);
    expect(container.querySelectorAll('.clv-cluster-bar').length).toBeGreaterThan(10);
    expect(container.querySelectorAll('table.clv-movement tbody tr').length).toBeGreaterThan(2);

    // The customers rfm calls Champions, by an independent query over the whole data.
    const champions = new Set(
      (runQuery(dataset, { spec: { kind: 'analysis', name: 'rfm' }, filter: NO_FILTER }).rows as Row[]).filter((row) => row.segment === 'Champions').map((row) => String(row.client)),
    );
    expect(champions.size).toBeGreaterThan(0);
    await interact(() => click(container.querySelector('.clv-treemap-tile[data-segment="Champions"]')!));
    await settleUntil(() => container.querySelectorAll('.clv-loading, .clv-reloading').length === 0, 400, 20_000);
    await settle();
    expect(selection.value.map((c) => c.predicate)).toEqual([isIn('rfm_segment', ['Champions'])]);
    const list = [...container.querySelectorAll('.clv-widget.clv-customer-list')].at(-1)!;
    const clients = [...list.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('td')!.textContent!.trim());
    expect(clients.length).toBeGreaterThan(0);
    for (const client of clients) expect(champions.has(client), client).toBe(true);
    // The three pair scatters now show Champions only (the basket scatter is coloured by bracket).
    const pairs = [...container.querySelectorAll('.clv-widget.clv-scatter')].slice(0, 3);
    for (const pair of pairs) {
      const categories = new Set([...pair.querySelectorAll('.clv-scatter-points circle')].map((c) => c.getAttribute('data-category')));
      expect([...categories]).toEqual(['Champions']);
    }
  });
});
