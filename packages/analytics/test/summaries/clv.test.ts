import { calendarFor, importDataset, isIn, type Dataset, type QueryRequest } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { runQueryAsync, runSummaryAnalysis } from '../../src/index.js';
import { analysis, byClient, envOf, expectSameRows } from './harness.js';

// CLV from summaries against the in-memory CLV analyses. The in-memory model merges the orders
// of one local day into one transaction; summary rows count orders. On a shop where nobody
// orders twice on one day the two must agree exactly; with same-day orders x differs by the
// extra orders (the documented difference).
/**
 * The sample shop's sessions as rows, with every purchase on a local day on which the same
 * client already purchased turned into a browsing session (`sameDayExtra: false`), or as they
 * are plus a second order a minute after the first order of every 10th buyer (`true`).
 */
async function shop(sameDayExtra: boolean): Promise<Dataset> {
  const { dataset } = await sampleDataset({ orders: 3000, seed: 9, timeZone: 'Europe/London' });
  const calendar = calendarFor(dataset.time);
  const s = dataset.sessions;
  const client = s.columns.client;
  const start = s.columns.session_start;
  const bought = s.columns.has_purchased;
  const pay = s.columns.payment_amount;
  if (client.type !== 'string' || start.type !== 'time' || bought.type !== 'boolean' || pay.type !== 'number') throw new Error('sample columns missing');
  const purchasedOn = new Set<string>();
  const buyers: string[] = [];
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < s.length; i++) {
    const id = client.dictionary[client.codes[i]];
    const t = start.values[i];
    let purchased = bought.values[i] === 1;
    const key = `${id}@${calendar.floor(t, 'day')}`;
    if (purchased && !sameDayExtra && purchasedOn.has(key)) purchased = false;
    if (purchased) purchasedOn.add(key);
    rows.push({ order_id: `o${i}`, client: id, session_start: new Date(t).toISOString(), has_purchased: purchased, payment_amount: purchased ? pay.values[i] : 0 });
    if (purchased && sameDayExtra && !buyers.includes(id)) {
      buyers.push(id);
      if (buyers.length % 10 === 3) rows.push({ order_id: `x${i}`, client: id, session_start: new Date(t + 60_000).toISOString(), has_purchased: true, payment_amount: 12.5 });
    }
  }
  return (await importDataset({ sessions: { data: rows } }, { timeZone: 'Europe/London' })).dataset;
}

/** The buyers given a same-day second order by `shop(true)`. */
async function sameDayBuyers(dataset: Dataset): Promise<Set<string>> {
  const out = new Set<string>();
  const x = dataset.sessions.columns.order_id;
  const client = dataset.sessions.columns.client;
  if (x.type === 'string' && client.type === 'string') for (let i = 0; i < dataset.sessions.length; i++) if (x.dictionary[x.codes[i]].startsWith('x')) out.add(client.dictionary[client.codes[i]]);
  return out;
}

let plain: Dataset;
const twoClients = (): string[] => {
  const column = plain.sessions.columns.client;
  return column.type === 'string' ? [column.dictionary[10], column.dictionary[20]] : [];
};
let sameDay: Dataset;
beforeAll(async () => {
  [plain, sameDay] = await Promise.all([shop(false), shop(true)]);
});

async function both(dataset: Dataset, request: QueryRequest) {
  const remote = await runSummaryAnalysis(request, envOf(dataset));
  const memory = await runQueryAsync(dataset, request);
  expect(memory.rows.length).toBeGreaterThan(0);
  return { remote, memory };
}

/** Model meta equal to 9 significant digits. */
function expectSameMeta(actual: Record<string, unknown> | undefined, expected: Record<string, unknown> | undefined): void {
  const flat = (m: Record<string, unknown> | undefined) => JSON.parse(JSON.stringify(m ?? {})) as Record<string, unknown>;
  const a = flat(actual);
  const e = flat(expected);
  for (const part of ['bgnbd', 'gammaGamma'] as const) expectSameRows([a[part] as never], [e[part] as never]);
  expectSameRows([{ ...a, bgnbd: 0, gammaGamma: 0 } as never], [{ ...e, bgnbd: 0, gammaGamma: 0 } as never]);
}

describe('CLV from summaries, nobody ordering twice on one day: equal to the in-memory analyses', () => {
  const cases: [string, () => QueryRequest][] = [
    ['client_feature_predicted', () => analysis('client_feature_predicted', { limit: 10_000 })],
    ['client_feature_predicted as of a date, by pAlive, horizon 90', () => analysis('client_feature_predicted', { asOf: envOf(plain).timeExtent![1] - 40 * 86_400_000, sort: 'pAlive', horizonDays: 90, limit: 50 })],
    ['client_feature_predicted of two clients', () => analysis('client_feature_predicted', {}, { mode: 'and', predicates: [isIn('client', twoClients())] })],
    ['clvsegments_amount', () => analysis('clvsegments_amount')],
    ['clvsegments_amount, 2 % a month', () => analysis('clvsegments_amount', { discountRate: 0.02, horizonDays: 365 })],
    ['clvsegments_amount under a segment click (selects customers, not the fit)', () => analysis('clvsegments_amount', {}, { mode: 'and', predicates: [isIn('rfm_segment', ['Champions', 'At Risk'])] })],
    ['client_feature_predicted under a segment click', () => analysis('client_feature_predicted', { limit: 10_000 }, { mode: 'and', predicates: [isIn('rfm_segment', ['Loyal Customers'])] })],
  ];
  it.each(cases)('%s', async (_name, make) => {
    const { remote, memory } = await both(plain, make());
    expectSameRows(remote.rows, memory.rows);
    expectSameMeta(remote.meta, memory.meta);
  });
});

describe('CLV from summaries with same-day orders: the documented difference', () => {
  it('x counts orders (in memory: purchase days), so x and monetary differ exactly for the customers with a same-day order', async () => {
    const { remote, memory } = await both(sameDay, analysis('client_feature_predicted', { limit: 10_000 }));
    const r = byClient(remote.rows);
    const m = byClient(memory.rows);
    expect(r.map((row) => row.client)).toEqual(m.map((row) => row.client));
    const differing = r.filter((row, i) => row.x !== m[i].x).map((row) => row.client as string);
    // Every 10th buyer got a second order on their first day (the sample may have its own same-day orders too).
    const extra = await sameDayBuyers(sameDay);
    expect(extra.size).toBeGreaterThan(10);
    for (const c of extra) expect(differing).toContain(c);
    r.forEach((row, i) => {
      expect(row.t_x).toBe(m[i].t_x);
      expect(row.T).toBe(m[i].T);
      if (extra.has(row.client as string)) expect(row.x as number).toBeGreaterThan(m[i].x as number);
      if (!differing.includes(row.client as string)) expect(row.monetary as number).toBeCloseTo(m[i].monetary as number, 9);
    });
  });
});
