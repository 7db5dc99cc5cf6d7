import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError, NO_FILTER, type Dataset, type Filter, type QueryResult } from '@clvkit/core';
import { runQuery, runQueryAsync, type Progress } from '../../src/index.js';
import { buildDataset } from '../helpers.js';
import { dayMs, downloadCohorts, isoDay, rfmHistories, steadyShop } from './fixtures.js';

type AnomalyRow = {
  key: string;
  day?: number;
  value: number;
  expected?: number | null;
  deviationPercent?: number | null;
  score: number;
  anomaly: boolean;
  features?: Record<string, number>;
};

const EPOCHS = 15;
const SLOW = { timeout: 120_000 };

async function run(dataset: Dataset, name: string, params: Record<string, unknown> = {}, filter: Filter = NO_FILTER, onProgress?: (p: Progress) => void): Promise<{ rows: AnomalyRow[]; meta: QueryResult['meta'] }> {
  const result = await runQueryAsync(dataset, { spec: { kind: 'analysis', name, params: { epochs: EPOCHS, ...params } }, filter }, { onProgress });
  return { rows: result.rows as unknown as AnomalyRow[], meta: result.meta };
}

const flaggedKeys = (rows: readonly AnomalyRow[]) => rows.filter((r) => r.anomaly).map((r) => r.key);

describe('dorders_anomaly', () => {
  const shop = steadyShop();

  it('compares each day with the median of the same weekday in the 4 weeks before, and flags the broken day', SLOW, async () => {
    const { rows, meta } = await run(shop, 'dorders_anomaly');
    // days 28..55 have 4 weeks of history: 28 rows
    expect(rows.length).toBe(28);
    expect(rows[0].key).toBe(isoDay(28));
    expect(rows[0].day).toBe(dayMs(28));
    const broken = rows.find((r) => r.key === '2024-02-05')!;
    // 0 orders; days 28, 21, 14, 7 had 3 -> expected 3; deviation 100 × (0 − 3) / 3 = −100
    // sqrtDifference = 2(√0.375 − √3.375) = 2(0.612372 − 1.837117) = −2.449490
    expect([broken.value, broken.expected, broken.deviationPercent]).toEqual([0, 3, -100]);
    expect(broken.features!.orders).toBe(0);
    expect(broken.features!.sqrtDifference).toBeCloseTo(-2.44949, 5);
    // a week later the broken Monday is one of four lags: median(0, 3, 3, 3) = 3, deviation 0
    const next = rows.find((r) => r.key === '2024-02-12')!;
    expect([next.value, next.expected, next.deviationPercent]).toEqual([3, 3, 0]);
    expect(flaggedKeys(rows)).toEqual(['2024-02-05']);
    expect(meta).toMatchObject({ epochs: EPOCHS, k: 3.5, weeks: 4, features: ['orders', 'expected', 'sqrtDifference'], layers: [3, 3, 1, 3, 3] });
    expect((meta as { threshold: number }).threshold).toBeLessThan(broken.score);
  });

  it('trains on the whole history and reports only the days of the filter’s date range', SLOW, async () => {
    const all = await run(shop, 'dorders_anomaly');
    const range: Filter = { mode: 'and', predicates: [interval('session_start', dayMs(33), dayMs(40))] };
    const { rows } = await run(shop, 'dorders_anomaly', {}, range);
    expect(rows.map((r) => r.key)).toEqual([33, 34, 35, 36, 37, 38, 39].map(isoDay));
    const same = all.rows.find((r) => r.key === '2024-02-05')!;
    expect(rows.find((r) => r.key === '2024-02-05')!.score).toBe(same.score);
  });

  it('reports loading and every epoch, and stops when cancelled', SLOW, async () => {
    const seen: Progress[] = [];
    await run(shop, 'dorders_anomaly', { epochs: 3 }, NO_FILTER, (p) => seen.push(p));
    expect(seen).toEqual([
      { done: 0, total: 3, message: 'Loading tfjs' },
      { done: 1, total: 3, message: 'Training autoencoder' },
      { done: 2, total: 3, message: 'Training autoencoder' },
      { done: 3, total: 3, message: 'Training autoencoder' },
    ]);
    const controller = new AbortController();
    const cancelled = runQueryAsync(
      shop,
      { spec: { kind: 'analysis', name: 'dorders_anomaly', params: { epochs: 50 } }, filter: NO_FILTER },
      { signal: controller.signal, onProgress: (p) => p.done === 2 && controller.abort() },
    );
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('is the same for the same seed, refuses the synchronous runner and checks its params', SLOW, async () => {
    const a = await run(shop, 'dorders_anomaly', { seed: 7 });
    const b = await run(shop, 'dorders_anomaly', { seed: 7 });
    expect(a.rows.map((r) => r.score)).toEqual(b.rows.map((r) => r.score));
    expect(() => runQuery(shop, { spec: { kind: 'analysis', name: 'dorders_anomaly' }, filter: NO_FILTER })).toThrow(TypeError);
    await expect(run(shop, 'dorders_anomaly', { k: -1 })).rejects.toThrow(/params\.k/);
    await expect(run(shop, 'dorders_anomaly', { epochs: 0 })).rejects.toThrow(/params\.epochs/);
    await expect(run(shop, 'dorders_anomaly', { window: 3 })).rejects.toThrow(/unknown param "window"/);
  });

  it('has no rows before 4 weeks of history', SLOW, async () => {
    const short = buildDataset({ sessions: [{ id: 'o1', client: 'a', start: '2024-01-01T10:00Z' }, { id: 'o2', client: 'a', start: '2024-01-20T10:00Z' }] });
    const { rows, meta } = await run(short, 'dorders_anomaly');
    expect(rows).toEqual([]);
    expect(meta).toMatchObject({ epochs: 0, finalLoss: null, threshold: null });
  });
});

describe('dfunnel_anomaly', () => {
  const shop = steadyShop();

  it('uses shrunk step ratios as features and flags the day nobody could buy', SLOW, async () => {
    const { rows, meta } = await run(shop, 'dfunnel_anomaly');
    // every day has sessions: 56 rows
    expect(rows.length).toBe(56);
    expect(meta).toMatchObject({ steps: ['session', 'add_to_cart', 'purchase'], features: ['session_to_add_to_cart', 'add_to_cart_to_purchase'] });
    // overall session -> cart: 336 / 560 = 0.6; a day: (6 + 10 × 0.6) / (10 + 10) = 0.6
    // overall cart -> purchase: 3 × 55 / (6 × 56) = 165 / 336 = 0.491071
    //   an ordinary day: (3 + 4.910714) / (6 + 10) = 0.494420; the broken day: 4.910714 / 16 = 0.306920
    const normal = rows.find((r) => r.key === isoDay(34))!;
    const broken = rows.find((r) => r.key === isoDay(35))!;
    expect(normal.features!.session_to_add_to_cart).toBeCloseTo(0.6, 12);
    expect(normal.features!.add_to_cart_to_purchase).toBeCloseTo(0.49442, 5);
    expect(broken.features!.add_to_cart_to_purchase).toBeCloseTo(0.30692, 5);
    // value = purchases / sessions: 3 / 10; the broken day 0 against the median 0.3 of days 28, 21, 14, 7
    expect([normal.value, normal.expected]).toEqual([0.3, 0.3]);
    expect([broken.value, broken.expected, broken.deviationPercent]).toEqual([0, 0.3, -100]);
    expect(rows[0].expected).toBeNull(); // day 0 has no history
    expect(flaggedKeys(rows)).toEqual([isoDay(35)]);
  });

  it('needs host actions and a purchase flag', async () => {
    const plain = { ...steadyShop(), sessionActions: [] };
    await expect(run(plain, 'dfunnel_anomaly')).rejects.toBeInstanceOf(MissingInputError);
    const orderLog = { ...steadyShop(), ordersOnly: true };
    await expect(run(orderLog, 'dfunnel_anomaly')).rejects.toThrow(/has_purchased/);
  });
});

describe('dcohort_anomaly', () => {
  it('scores download days by the cumulative shares of their first 7 days and flags the cohort that never ordered', SLOW, async () => {
    const { rows, meta } = await run(downloadCohorts(), 'dcohort_anomaly');
    // 20 cohorts of 2 customers; the data end on day 31, so every cohort has its 7 days
    expect(rows.length).toBe(20);
    expect(meta).toMatchObject({ columns: 7, features: ['within_0', 'within_1', 'within_2', 'within_3', 'within_4', 'within_5', 'within_6'] });
    // overall over 40 customers: 19 order on day 0, 19 more on day 2
    //   within_0 = within_1 = 19 / 40 = 0.475; within_2 .. within_6 = 38 / 40 = 0.95
    // an ordinary cohort: within_0 = (1 + 10 × 0.475) / (2 + 10) = 5.75 / 12 = 0.479167,
    //   within_2 = (2 + 9.5) / 12 = 0.958333; day 10's: 4.75 / 12 = 0.395833 and 9.5 / 12 = 0.791667
    const normal = rows.find((r) => r.key === isoDay(9))!;
    const silent = rows.find((r) => r.key === isoDay(10))!;
    expect(normal.features!.within_0).toBeCloseTo(0.479167, 6);
    expect(normal.features!.within_2).toBeCloseTo(0.958333, 6);
    expect(normal.features!.within_6).toBeCloseTo(0.958333, 6);
    expect(silent.features!.within_0).toBeCloseTo(0.395833, 6);
    expect(silent.features!.within_6).toBeCloseTo(0.791667, 6);
    expect(normal.features!.customers).toBe(2);
    // value = raw share ordering within 7 days: 2 / 2 and 0 / 2
    expect([normal.value, silent.value]).toEqual([1, 0]);
    // expected needs 4 earlier same weekdays: none before day 28
    expect(silent.expected).toBeNull();
    expect(flaggedKeys(rows)).toEqual([isoDay(10)]);
  });

  it('leaves out cohorts whose 7 days are not all in the data, and needs the customers table', SLOW, async () => {
    // without the late order the data end with day 21 (b19's order), i.e. at the start of day 22;
    // cohort d's days are d .. d + 6, all inside when d + 7 <= 22: cohorts 0..15
    const { rows } = await run(downloadCohorts(false), 'dcohort_anomaly');
    expect(rows.map((r) => r.key)).toEqual(Array.from({ length: 16 }, (_, d) => isoDay(d)));
    const noCustomers = buildDataset({ sessions: [{ id: 'o1', client: 'a', start: '2024-01-01T10:00Z' }] });
    await expect(run(noCustomers, 'dcohort_anomaly')).rejects.toBeInstanceOf(MissingInputError);
  });
});

describe('clvrfm_anomaly', () => {
  const histories = rfmHistories();
  const params = { asOf: '2024-12-31', lookbackDays: 90, epochs: 40 };

  it('compares what the CLV model predicted for the last 90 days with what happened, and flags the customer whose spending jumped', SLOW, async () => {
    const { rows, meta } = await run(histories, 'clvrfm_anomaly', params);
    // the model is fitted as of day 275: s0..s39 and x had an order by then, `new` had not
    expect(rows.length).toBe(41);
    expect(rows.some((r) => r.key === 'new')).toBe(false);
    expect(meta).toMatchObject({ asOf: dayMs(365), before: dayMs(275), lookbackDays: 90, customers: 41, anomalies: 1, truncated: false });
    expect((meta as { bgnbd: { r: number } }).bgnbd.r).toBeGreaterThan(0);
    for (let i = 1; i < rows.length; i++) expect(rows[i].score).toBeLessThanOrEqual(rows[i - 1].score);
    expect(rows[0].key).toBe('x');
    expect(flaggedKeys(rows)).toEqual(['x']);
    // s0 in the window (day 275, day 365]: orders on days 300, 330, 360 -> 3 order days paying
    //   5 × (1 + (2100 mod 11 = 10) / 10) = 10, 5 × (1 + (2310 mod 11 = 0) / 10) = 5,
    //   5 × (1 + (2520 mod 11 = 1) / 10) = 5.5 -> 20.5 €;
    //   recency = 365 − 360.5 = 4.5 days
    const s0 = rows.find((r) => r.key === 's0')!;
    expect(s0.features!.actualOrders).toBe(3);
    expect(s0.features!.logActualRevenue).toBeCloseTo(Math.log(21.5), 12);
    expect(s0.features!.recency).toBeCloseTo(4.5, 10);
    expect(s0.value).toBeCloseTo(20.5, 12);
    // x: days 280, 288, …, 352 -> 10 order days, 1000 €; recency 365 − 352.5 = 12.5
    expect([rows[0].value, rows[0].features!.actualOrders]).toEqual([1000, 10]);
    expect(rows[0].features!.recency).toBeCloseTo(12.5, 10);
    // the prediction is the CLV analyses' own, as of day 275 over 90 days
    const clv = runQueryAsync(histories, { spec: { kind: 'analysis', name: 'client_feature_predicted', params: { asOf: dayMs(275), horizonDays: 90, discountRate: 0, limit: 100 } }, filter: NO_FILTER });
    const predicted = (await clv).rows.find((r) => r.client === 's0')!;
    expect(s0.features!.predictedOrders).toBeCloseTo(predicted.expectedOrders as number, 10);
    expect(s0.features!.pAlive).toBeCloseTo(predicted.pAlive as number, 10);
    expect(s0.expected).toBeCloseTo((predicted.expectedOrders as number) * (predicted.expectedValue as number), 8);
    expect(s0.deviationPercent).toBeCloseTo((100 * (20.5 - s0.expected!)) / s0.expected!, 8);
  });

  it('returns at most `limit` rows, highest score first, and reports only the selected customers', SLOW, async () => {
    const { rows, meta } = await run(histories, 'clvrfm_anomaly', { ...params, limit: 3 });
    expect(rows.length).toBe(3);
    expect(rows[0].key).toBe('x');
    expect(meta).toMatchObject({ customers: 41, truncated: true });
    const some: Filter = { mode: 'and', predicates: [isIn('client', ['s1', 's2', 'x'])] };
    const picked = await run(histories, 'clvrfm_anomaly', params, some);
    expect(picked.rows.map((r) => r.key).sort()).toEqual(['s1', 's2', 'x']);
    expect(picked.meta).toMatchObject({ customers: 3 });
  });
});
