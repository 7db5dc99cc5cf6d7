import { beforeAll, describe, expect, it } from 'vitest';
import { isIn, type Dataset, type Filter, type QueryResult, type Row, type StringColumn } from '@clvkit/core';
import { bgNbdConditionalExpected, bgNbdExpected, predictCustomer, reportNames, runQuery, SEGMENTS, type BgNbdParams, type GammaGammaParams } from '../../src/index.js';
import { AS_OF, clvFixture, DAY, run, type ClvFixture } from './fixtures.js';
import { createContext } from '../../src/context.js';
import { clvCustomerPredictions } from '../../src/analyses/clv/index.js';

const and = (...predicates: Filter['predicates']): Filter => ({ mode: 'and', predicates });
const byClient = (rows: readonly Row[]) => new Map(rows.map((r) => [r.client as string, r]));

let fixture: ClvFixture;
let dataset: Dataset;
let clients: QueryResult;
let bg: BgNbdParams;
let gg: GammaGammaParams;

beforeAll(async () => {
  fixture = clvFixture();
  dataset = fixture.dataset;
  clients = await run(dataset, 'client_feature_predicted', { limit: 100_000 });
  bg = clients.meta!.bgnbd as BgNbdParams;
  gg = clients.meta!.gammaGamma as GammaGammaParams;
}, 120_000);

describe('CLV analyses: registration and contract', () => {
  it('registers the four long analyses, which runQuery refuses', () => {
    for (const name of ['daily_clv', 'client_feature_predicted', 'clvsegments_amount', 'clv_by']) {
      expect(reportNames()).toContain(name);
      expect(() => runQuery(dataset, { spec: { kind: 'analysis', name }, filter: and() })).toThrow(/long-running/);
    }
  });

  it('validates params with the analysis and parameter named', async () => {
    await expect(run(dataset, 'daily_clv', { horizonDays: 0 })).rejects.toThrow(/daily_clv: params.horizonDays/);
    await expect(run(dataset, 'client_feature_predicted', { sort: 'age' })).rejects.toThrow(/params.sort/);
    await expect(run(dataset, 'clv_by', { by: 'colour' })).rejects.toThrow(/params.by/);
    await expect(run(dataset, 'clvsegments_amount', { discountRate: 2 })).rejects.toThrow(/discountRate/);
    await expect(run(dataset, 'clv_by', { asOf: 'yesterday' })).rejects.toThrow(/params.asOf/);
  });
});

describe('client_feature_predicted', () => {
  it('summarises the hand-made customers in days (same-day purchases merged; non-purchase sessions ignored)', () => {
    const rows = byClient(clients.rows);
    // A: transactions 1 Jan (30 + 10), 15 Jan (40), 20 Feb (50), 29 Jun (60): x = 3,
    //    t_x = T = 29 Jun − 1 Jan = 180 days (2024 is a leap year), monetary = (40 + 50 + 60)/3 = 50
    expect(rows.get('A')).toMatchObject({ x: 3, t_x: 180, T: 180, monetary: 50 });
    // B: one order on 10 Jun: x = 0, T = 19 days
    expect(rows.get('B')).toMatchObject({ x: 0, t_x: 0, T: 19, monetary: 0, pAlive: 1, churnProbability: 0 });
    // C: 5 and 25 Jan: x = 1, t_x = 20, T = 176, monetary 35
    expect(rows.get('C')).toMatchObject({ x: 1, t_x: 20, T: 176, monetary: 35 });
    expect(rows.has('D')).toBe(false);
    expect(clients.meta!.customers).toBe(303);
  });

  it('computes P(alive), expected value and CLV from the fitted parameters by the published formulas', () => {
    const rows = byClient(clients.rows);
    const { r, alpha, a, b } = bg;
    const { p, q, gamma } = gg;
    // A bought on the as-of day (t_x = T): P(alive) = 1 / (1 + a/(b + x − 1)) = 1/(1 + a/(b + 2))
    expect(rows.get('A')!.pAlive).toBeCloseTo(1 / (1 + a / (b + 2)), 12);
    // C: 1 / (1 + (a/b) · ((α + 176)/(α + 20))^(r + 1))
    expect(rows.get('C')!.pAlive).toBeCloseTo(1 / (1 + (a / b) * Math.pow((alpha + 176) / (alpha + 20), r + 1)), 12);
    expect(rows.get('C')!.churnProbability).toBeCloseTo(1 - (rows.get('C')!.pAlive as number), 14);
    // Gamma-Gamma: A p(γ + 150)/(3p + q − 1); B (x = 0) the population mean pγ/(q − 1); C p(γ + 35)/(p + q − 1)
    expect(rows.get('A')!.expectedValue).toBeCloseTo((p * (gamma + 150)) / (3 * p + q - 1), 10);
    expect(rows.get('B')!.expectedValue).toBeCloseTo((p * gamma) / (q - 1), 10);
    expect(rows.get('C')!.expectedValue).toBeCloseTo((p * (gamma + 35)) / (p + q - 1), 10);
    // expected orders over 182 days and the monthly-discounted CLV
    for (const id of ['A', 'B', 'C']) {
      const row = rows.get(id)!;
      const customer = { x: row.x as number, t_x: row.t_x as number, T: row.T as number, monetary: row.monetary as number };
      expect(row.expectedOrders).toBeCloseTo(bgNbdConditionalExpected(bg, customer, 182), 10);
      expect(row.clv).toBeCloseTo(predictCustomer({ bgnbd: bg, gammaGamma: gg }, customer, { unit: 'day', horizonDays: 182 }).clv, 8);
      expect(SEGMENTS).toContain(row.segment);
    }
  });

  it('sorts by CLV (default), P(alive) ascending, and cuts to limit', async () => {
    const clvs = clients.rows.map((r) => r.clv as number);
    for (let i = 1; i < clvs.length; i++) expect(clvs[i]).toBeLessThanOrEqual(clvs[i - 1]);
    const least = await run(dataset, 'client_feature_predicted', { sort: 'pAlive', limit: 5 });
    expect(least.rows).toHaveLength(5);
    expect(least.meta!.truncated).toBe(true);
    const lowest = Math.min(...clients.rows.map((r) => r.pAlive as number));
    expect(least.rows[0].pAlive).toBe(lowest);
  });

  it('a customer clause selects customers without refitting; an order clause refits', async () => {
    const onlyA = await run(dataset, 'client_feature_predicted', {}, and(isIn('client', ['A'])));
    expect(onlyA.rows).toHaveLength(1);
    expect(onlyA.rows[0]).toEqual(byClient(clients.rows).get('A'));
    expect(onlyA.meta!.bgnbd).toEqual(clients.meta!.bgnbd);
    const women = await run(dataset, 'client_feature_predicted', { limit: 100_000 }, and(isIn('customers.gender', ['F'])));
    expect(women.meta!.bgnbd).toEqual(clients.meta!.bgnbd);
    expect(women.rows.every((r) => r.client === 'A' || (r.client as string).startsWith('S'))).toBe(true);
    const web = await run(dataset, 'client_feature_predicted', { limit: 100_000 }, and(isIn('dimension', ['web'])));
    expect(web.meta!.bgnbd).not.toEqual(clients.meta!.bgnbd);
    // A's web orders: 1 Jan (30 + 10), 20 Feb (50), 29 Jun (60) → x = 2, monetary 55
    expect(byClient(web.rows).get('A')).toMatchObject({ x: 2, t_x: 180, T: 180, monetary: 55 });
  });

  it('an earlier asOf sees only the history up to it', async () => {
    const early = await run(dataset, 'client_feature_predicted', { asOf: '2024-03-01', limit: 100_000 });
    // by 1 Mar (local midnight, UTC): A has 1 Jan, 15 Jan, 20 Feb → x = 2, t_x = 50, T = 60 (29 Feb is 59 days after 1 Jan)
    expect(byClient(early.rows).get('A')).toMatchObject({ x: 2, t_x: 50, T: 60, monetary: 45 });
    expect(byClient(early.rows).has('B')).toBe(false);
    expect(early.meta!.asOf).toBe(Date.UTC(2024, 2, 1));
  });
});

describe('daily_clv', () => {
  it("one customer's timeline: actual revenue per day by hand, predictions summing to E[M]·E[Y(h)]", async () => {
    const result = await run(dataset, 'daily_clv', { horizonDays: 30 }, and(isIn('client', ['A'])));
    const rows = result.rows;
    // 1 Jan .. 29 Jun (181 days) then 30 forecast days
    expect(rows).toHaveLength(181 + 30);
    expect(rows[0].day).toBe(Date.UTC(2024, 0, 1));
    expect(rows[180].day).toBe(Date.UTC(2024, 5, 29));
    const actual = new Map(rows.filter((r) => (r.actual as number) > 0).map((r) => [new Date(r.day as number).toISOString().slice(0, 10), r.actual]));
    expect(Object.fromEntries(actual)).toEqual({ '2024-01-01': 40, '2024-01-15': 40, '2024-02-20': 50, '2024-06-29': 60 });
    expect(rows.slice(0, 181).every((r) => r.predicted === null && typeof r.actual === 'number')).toBe(true);
    expect(rows.slice(181).every((r) => r.actual === null && (r.predicted as number) >= 0)).toBe(true);
    const a = byClient(clients.rows).get('A')!;
    const total = rows.reduce((s, r) => s + ((r.predicted as number | null) ?? 0), 0);
    expect(total).toBeCloseTo((a.expectedValue as number) * bgNbdConditionalExpected(bg, { x: 3, t_x: 180, T: 180 }, 30), 8);
    expect(result.meta).toMatchObject({ asOf: AS_OF, horizonDays: 30, newCustomersPerDay: 0, customers: 1 });
  });

  it('adds new customers at the recent acquisition rate (first orders in the last 90 days)', async () => {
    const result = await run(dataset, 'daily_clv', {});
    const meta = result.meta!;
    // independent count over the fixture's sessions: customers whose first order day is in (as-of day − 90, as-of day]
    const first = new Map<string, { day: number; value: number }>();
    for (const s of fixture.sessions) {
      if (s.purchased === false) continue;
      const day = Math.floor(Date.parse(s.start) / DAY);
      const f = first.get(s.client);
      if (!f || day < f.day) first.set(s.client, { day, value: s.payment ?? 0 });
      else if (day === f.day) f.value += s.payment ?? 0;
    }
    const endDay = Math.floor(AS_OF / DAY);
    const recent = [...first.values()].filter((f) => f.day > endDay - 90);
    expect(meta.newCustomersPerDay).toBeCloseTo(recent.length / 90, 12);
    const m1 = recent.reduce((s, f) => s + f.value, 0) / recent.length;
    expect(meta.firstOrderValue).toBeCloseTo(m1, 9);
    // Σ over the horizon of ν (m₁ + E[M]₀ E[X(d−1)])
    const population = (gg.p * gg.gamma) / (gg.q - 1);
    let expectedNew = 0;
    for (let d = 1; d <= 182; d++) expectedNew += (recent.length / 90) * (m1 + population * bgNbdExpected(bg, d - 1));
    expect(meta.predictedNewCustomerRevenue).toBeCloseTo(expectedNew, 6);
    // existing customers: Σ expected revenue of client_feature_predicted (same horizon)
    const existing = clients.rows.reduce((s, r) => s + (r.expectedOrders as number) * (r.expectedValue as number), 0);
    expect(meta.predictedRevenue).toBeCloseTo(existing + expectedNew, 4);
    expect(result.rows.filter((r) => r.predicted !== null)).toHaveLength(182);
  });
});

describe('clvsegments_amount and clv_by', () => {
  it('sums the customers of each segment (all 11 in map order)', async () => {
    const result = await run(dataset, 'clvsegments_amount', {});
    expect(result.rows.map((r) => r.segment)).toEqual([...SEGMENTS]);
    let shares = 0;
    for (const row of result.rows) {
      const members = clients.rows.filter((c) => c.segment === row.segment);
      expect(row.customers).toBe(members.length);
      expect(row.expectedRevenue).toBeCloseTo(members.reduce((s, c) => s + (c.expectedOrders as number) * (c.expectedValue as number), 0), 8);
      expect(row.expectedOrders).toBeCloseTo(members.reduce((s, c) => s + (c.expectedOrders as number), 0), 8);
      expect(row.clv).toBeCloseTo(members.reduce((s, c) => s + (c.clv as number), 0), 8);
      if (members.length) expect(row.churnProbability).toBeCloseTo(members.reduce((s, c) => s + (c.churnProbability as number), 0) / members.length, 12);
      else expect(row.churnProbability).toBeNull();
      shares += (row.share as number) ?? 0;
    }
    expect(shares).toBeCloseTo(1, 12);
    const bySegment = await run(dataset, 'clv_by', { by: 'segment' });
    expect(bySegment.rows.map((r) => [r.key, r.customers, r.expectedRevenue])).toEqual(result.rows.map((r) => [r.segment, r.customers, r.expectedRevenue]));
  });

  it('by gender and location: customer attributes, customers without one under a null key', async () => {
    const gender = await run(dataset, 'clv_by', { by: 'gender' });
    const rows = new Map(gender.rows.map((r) => [r.key, r]));
    expect(gender.rows.at(-1)!.key).toBeNull();
    // C has no customers row: the null group is C alone
    const c = byClient(clients.rows).get('C')!;
    expect(rows.get(null)).toMatchObject({ customers: 1 });
    expect(rows.get(null)!.expectedRevenue).toBeCloseTo((c.expectedOrders as number) * (c.expectedValue as number), 10);
    // recency (days since the last order): C's last order was 25 Jan 09:00, the as-of 29 Jun 12:00 → 156 days 3 hours
    expect(rows.get(null)!.recency).toBeCloseTo(156 + 3 / 24, 10);
    expect(rows.get(null)!.frequency).toBe(2);
    expect(rows.get(null)!.monetary).toBe(50);
    // opportunity: expected revenue of customers with churn probability > 0.5
    const women = clients.rows.filter((r) => r.client === 'A' || fixtureGender(r.client as string) === 'F');
    expect(rows.get('F')!.customers).toBe(women.length);
    const opportunity = women.filter((r) => (r.churnProbability as number) > 0.5).reduce((s, r) => s + (r.expectedOrders as number) * (r.expectedValue as number), 0);
    expect(rows.get('F')!.opportunity).toBeCloseTo(opportunity, 8);
    const location = await run(dataset, 'clv_by', { by: 'location' });
    expect(location.rows.map((r) => r.key).sort()).toEqual(['Lyon', 'Paris', null].sort());
  });

  it('by product: a customer split by their line-revenue shares, units per past order', async () => {
    const onlyA = await run(dataset, 'clv_by', { by: 'product' }, and(isIn('client', ['A'])));
    const a = byClient(clients.rows).get('A')!;
    const revenue = (a.expectedOrders as number) * (a.expectedValue as number);
    // A's lines: P1 20 + 10 + 40 = 70, P2 5×2 + 50 = 60, P3 60; total 190
    const rows = new Map(onlyA.rows.map((r) => [r.key, r]));
    expect(rows.get('P1')!.expectedRevenue).toBeCloseTo((revenue * 70) / 190, 10);
    expect(rows.get('P2')!.expectedRevenue).toBeCloseTo((revenue * 60) / 190, 10);
    expect(rows.get('P3')!.expectedRevenue).toBeCloseTo((revenue * 60) / 190, 10);
    expect(rows.get('P1')!.expectedOrders).toBeCloseTo(((a.expectedOrders as number) * 70) / 190, 10);
    // units: A ordered 5 times (sessions); P2 units 2 + 1 = 3 → 3/5 per order
    expect(rows.get('P2')!.expectedUnits).toBeCloseTo(((a.expectedOrders as number) * 3) / 5, 10);
    expect(onlyA.rows.map((r) => r.key)).toEqual(['P1', 'P2', 'P3']); // by revenue, ties by name
    expect(rows.get('P1')!.customers).toBe(1);
  });

  it('by dimension: split by each dimension’s share of the customer’s past revenue', async () => {
    const onlyA = await run(dataset, 'clv_by', { by: 'dimension' }, and(isIn('client', ['A'])));
    const a = byClient(clients.rows).get('A')!;
    const revenue = (a.expectedOrders as number) * (a.expectedValue as number);
    // A paid 30 + 10 + 50 + 60 = 150 on web, 40 in store (190)
    const rows = new Map(onlyA.rows.map((r) => [r.key, r]));
    expect(rows.get('web')!.expectedRevenue).toBeCloseTo((revenue * 150) / 190, 10);
    expect(rows.get('store')!.expectedRevenue).toBeCloseTo((revenue * 40) / 190, 10);
  });

  it('needs basket lines for products and a customers column for attributes', async () => {
    const bare: Dataset = { ...dataset, lines: undefined, customers: undefined };
    await expect(run(bare, 'clv_by', { by: 'product' })).rejects.toMatchObject({ name: 'MissingInputError', missing: 'basket lines' });
    await expect(run(bare, 'clv_by', { by: 'gender' })).rejects.toMatchObject({ name: 'MissingInputError', missing: 'customers' });
    await expect(run(dataset, 'clv_by', { by: 'location' }, undefined)).resolves.toBeTruthy();
  });
});

describe('clvCustomerPredictions (for other analyses)', () => {
  it('gives the per-customer numbers client_feature_predicted reports', async () => {
    const predictions = (await clvCustomerPredictions(createContext(dataset, and())))!;
    const names = (dataset.sessions.columns.client as StringColumn).dictionary;
    const rows = byClient(clients.rows);
    expect(predictions.summary.length).toBe(303);
    for (let i = 0; i < predictions.summary.length; i++) {
      const row = rows.get(names[predictions.summary.client[i]])!;
      expect([predictions.pAlive[i], predictions.expectedOrders[i], predictions.clv[i], predictions.selected[i]]).toEqual([row.pAlive, row.expectedOrders, row.clv, 1]);
    }
  });
});

describe('long-run behaviour', () => {
  it('reports fitting progress once, then reuses the fitted model for the other analyses', async () => {
    const fresh = clvFixture().dataset;
    const messages: string[] = [];
    await run(fresh, 'daily_clv', {}, undefined, { onProgress: (p) => messages.push(p.message ?? '') });
    expect(messages.some((m) => m.startsWith('Fitting BG/NBD'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Fitting Gamma-Gamma'))).toBe(true);
    const later: string[] = [];
    await run(fresh, 'clv_by', { by: 'segment' }, undefined, { onProgress: (p) => later.push(p.message ?? '') });
    await run(fresh, 'client_feature_predicted', {}, and(isIn('client', ['A'])), { onProgress: (p) => later.push(p.message ?? '') });
    expect(later.filter((m) => m.startsWith('Fitting'))).toEqual([]);
  });

  it('a cancelled fit rejects and leaves nothing behind: the next run fits and succeeds', async () => {
    const fresh = clvFixture().dataset;
    const controller = new AbortController();
    const cancelled = run(fresh, 'clvsegments_amount', {}, undefined, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.message?.startsWith('Fitting BG/NBD')) controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    const again = await run(fresh, 'clvsegments_amount', {});
    expect(again.rows).toHaveLength(SEGMENTS.length);
  });

  it('two analyses started together share one fit', async () => {
    const fresh = clvFixture().dataset;
    const fits: string[] = [];
    const track = { onProgress: (p: { message?: string }) => p.message?.startsWith('Fitting BG/NBD to') && fits.push(p.message) };
    const [x, y] = await Promise.all([run(fresh, 'daily_clv', {}, undefined, track), run(fresh, 'clv_by', {}, undefined, track)]);
    expect(fits).toHaveLength(1);
    expect(x.meta!.bgnbd).toEqual(y.meta!.bgnbd);
  });

  it('says why when the model cannot be fitted', async () => {
    const { buildDataset } = await import('../helpers.js');
    const oneEach = buildDataset({ sessions: [{ id: '1', client: 'A', start: '2024-01-01T00:00:00Z', payment: 5 }, { id: '2', client: 'B', start: '2024-01-03T00:00:00Z', payment: 7 }] });
    await expect(run(oneEach, 'daily_clv', {})).rejects.toMatchObject({ name: 'ClvFitError', reason: 'no-repeat-buyers' });
  });
});

/** The fixture's gender of a simulated customer (read back from the dataset's customers table). */
function fixtureGender(client: string): string | null {
  const customers = dataset.customers!;
  const ids = customers.columns.client as StringColumn;
  const gender = customers.columns.gender as StringColumn;
  for (let i = 0; i < customers.length; i++) if (ids.dictionary[ids.codes[i]] === client) return gender.codes[i] < 0 ? null : gender.dictionary[gender.codes[i]];
  return null;
}
