import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Row, StringColumn } from '@clvkit/core';
import { generateShop, groupOfClient, sampleDataset, type PlantedEffects } from '@clvkit/sample-data';
import { runAnalysisAsync } from '../../src/index.js';

/*
 * The sample shop's planted customer groups seen through the CLV predictions: each group's
 * rhythm (sample-data groups.ts) should order their expected orders, and the churners who
 * stopped for good should look dead.
 */
const OPTIONS = { orders: 20_000, seed: 42 };
const DAY = 86_400_000;
let planted: PlantedEffects;
let dataset: Dataset;
let rows: readonly Row[];
let asOf: number;

beforeAll(async () => {
  planted = generateShop(OPTIONS).planted;
  dataset = (await sampleDataset(OPTIONS)).dataset;
  const result = await runAnalysisAsync(dataset, 'client_feature_predicted', { limit: 1_000_000 });
  rows = result.rows;
  asOf = result.meta!.asOf as number;
}, 300_000);

function byGroup(select: (row: Row) => boolean = () => true) {
  const groups = new Map<string, { customers: number; expectedOrders: number; pAlive: number }>();
  for (const row of rows) {
    if (!select(row)) continue;
    const name = groupOfClient(planted, row.client as string) ?? 'unknown';
    const g = groups.get(name) ?? { customers: 0, expectedOrders: 0, pAlive: 0 };
    g.customers++;
    g.expectedOrders += row.expectedOrders as number;
    g.pAlive += row.pAlive as number;
    groups.set(name, g);
  }
  return (name: string) => {
    const g = groups.get(name)!;
    return { customers: g.customers, expectedOrders: g.expectedOrders / g.customers, pAlive: g.pAlive / g.customers };
  };
}

describe('CLV predictions on the sample shop', () => {
  it('orders the groups by their planted buying rhythm: champions > weekly > monthly > occasional > one-timers', () => {
    const group = byGroup();
    const order = ['champion', 'weekly', 'monthly', 'occasional', 'one-timer'].map((g) => group(g).expectedOrders);
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeLessThan(order[i - 1]);
    // browsers never order, so they are not customers here
    expect(rows.some((r) => groupOfClient(planted, r.client as string) === 'browser')).toBe(false);
  });

  it('sees the lapsed churners as probably gone, the regulars as alive', () => {
    // churners stop for good at most 150 days after their first order: those who started 250+
    // days before the as-of have been silent for 100+ days
    const firstOrder = new Map<string, number>();
    const client = dataset.sessions.columns.client as StringColumn;
    const start = dataset.sessions.columns.session_start as { values: Float64Array };
    const bought = dataset.sessions.columns.has_purchased as { values: Uint8Array };
    for (let i = 0; i < dataset.sessions.length; i++) {
      if (!bought.values[i]) continue;
      const id = client.dictionary[client.codes[i]];
      firstOrder.set(id, Math.min(firstOrder.get(id) ?? Infinity, start.values[i]));
    }
    const lapsed = byGroup((r) => (firstOrder.get(r.client as string) ?? Infinity) <= asOf - 250 * DAY && (r.x as number) > 0);
    expect(lapsed('churner').customers).toBeGreaterThan(50);
    expect(lapsed('churner').pAlive).toBeLessThan(0.25);
    for (const regular of ['champion', 'weekly', 'monthly']) expect(lapsed(regular).pAlive).toBeGreaterThan(0.6);
    expect(lapsed('churner').expectedOrders).toBeLessThan(lapsed('monthly').expectedOrders / 3);
  });

  it('puts champions and weekly regulars at the top by CLV', () => {
    const top = rows.slice(0, 100).map((r) => groupOfClient(planted, r.client as string));
    expect(top.filter((g) => g === 'champion' || g === 'weekly').length).toBeGreaterThanOrEqual(90);
    expect(top[0]).toBe('champion');
  });
});
