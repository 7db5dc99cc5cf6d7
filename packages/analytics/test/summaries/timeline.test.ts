import { importDataset, interval, isIn, type Dataset, type Filter, type QueryRequest } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { runQueryAsync, runSummaryAnalysis } from '../../src/index.js';
import { analysis, envOf, expectSameRows } from './harness.js';
import { customersEnvOf } from './customers-harness.js';

// The registry analyses run on a timeline dataset (rebuilt from customer-day activity computed
// in the test, harness.ts) against the same analyses on the sample shop itself.
let dataset: Dataset;
let first: number;
let last: number;
let dimension: string;
const DAY = 86_400_000;

beforeAll(async () => {
  ({ dataset } = await sampleDataset({ orders: 1500, seed: 5, timeZone: 'Europe/London' }));
  [first, last] = envOf(dataset).timeExtent!;
  const column = dataset.sessions.columns.dimension;
  dimension = column.type === 'string' ? column.dictionary[0] : '';
});

const filters: Record<string, () => Filter> = {
  all: () => ({ mode: 'and', predicates: [] }),
  dimension: () => ({ mode: 'and', predicates: [isIn('dimension', [dimension])] }),
  brushed: () => ({ mode: 'and', predicates: [interval('session_start', first + 30 * DAY, first + 100 * DAY)] }),
  'dimension and brush': () => ({ mode: 'and', predicates: [isIn('dimension', [dimension]), interval('session_start', first + 10 * DAY, last - 20 * DAY)] }),
  'a customers field and a brush': () => ({ mode: 'and', predicates: [isIn('customers.gender', ['female']), interval('session_start', first + 10 * DAY, last - 20 * DAY)] }),
};

const ANALYSES: [string, Record<string, unknown>][] = [
  ['retention_cohorts', {}],
  ['retention_cohorts', { bucket: 'week' }],
  ['daily_cohort_from_1_to_2', {}],
  ['weekly_cohort_from_1_to_2', {}],
  ['daily_cohort_from_2_to_3', {}],
  ['weekly_cohort_from_3_to_4', {}],
  ['lifecycle', {}],
  ['customer_status_trend', {}],
  ['churn_weekly', {}],
  ['churn_monthly', {}],
  ['customer_journey', {}],
  ['daily_cohort_downloads', {}],
  ['weekly_cohort_downloads', {}],
  ['daily_funnel_downloads', {}],
  ['weekly_funnel_downloads', {}],
  ['monthly_funnel_downloads', {}],
  ['hourly_funnel_downloads', {}],
  ['customer_funnel_cohort', {}],
  ['daily_clv', {}],
  ['clv_model_comparison', { epochs: 3 }],
];

async function both(request: QueryRequest) {
  const remote = await runSummaryAnalysis(request, customersEnvOf(dataset));
  const memory = await runQueryAsync(dataset, request);
  return { remote, memory };
}

describe('timeline analyses equal the in-memory ones', () => {
  for (const [name, params] of ANALYSES) {
    for (const [label, filter] of Object.entries(filters)) {
      // 70 days of history do not pin the CLV model down: both fail the same way.
      if ((name === 'daily_clv' || name === 'clv_model_comparison') && label === 'brushed') {
        it(`${name} under ${label}: the same fit error`, async () => {
          const request = analysis(name, params, filter());
          const memory = await runQueryAsync(dataset, request).catch((e: Error) => e);
          expect(memory).toBeInstanceOf(Error);
          expect((memory as Error).name).toBe('ClvFitError');
          await expect(runSummaryAnalysis(request, customersEnvOf(dataset))).rejects.toThrow((memory as Error).message);
        });
        continue;
      }
      it(`${name} ${JSON.stringify(params)} under ${label}`, async () => {
        const { remote, memory } = await both(analysis(name, params, filter()));
        expect(memory.rows.length).toBeGreaterThan(0);
        expectSameRows(remote.rows, memory.rows);
        const { approximatedOrders, ...meta } = (remote.meta ?? {}) as Record<string, unknown>;
        expect(approximatedOrders).toBe(0);
        expect(meta).toEqual(memory.meta);
      });
    }
  }
});

describe('a busy day', () => {
  // Customer "a" orders three times on 2024-03-04 (UTC): 10 at 09:00, 20 at 10:00, 60 at 18:00,
  // and once more a week later. The activity row of that day carries the first and last order
  // exactly; the middle one is placed halfway (13:30) with the rest of the day's revenue (20).
  const at = (iso: string) => Date.parse(iso);
  const rows = [
    { order_id: '1', client: 'a', session_start: at('2024-03-04T09:00:00Z'), payment_amount: 10 },
    { order_id: '2', client: 'a', session_start: at('2024-03-04T10:00:00Z'), payment_amount: 20 },
    { order_id: '3', client: 'a', session_start: at('2024-03-04T18:00:00Z'), payment_amount: 60 },
    { order_id: '4', client: 'a', session_start: at('2024-03-11T12:00:00Z'), payment_amount: 5 },
    { order_id: '5', client: 'b', session_start: at('2024-03-05T12:00:00Z'), payment_amount: 7 },
  ];

  it('counts the placed order in meta, and keeps what the day fixes exactly', async () => {
    const { dataset: busy } = await importDataset({ sessions: { data: rows, format: 'rows' } });
    const request = analysis('customer_journey');
    const remote = await runSummaryAnalysis(request, envOf(busy));
    const memory = await runQueryAsync(busy, request);
    expect(remote.meta?.approximatedOrders).toBe(1);
    // k = 2: the second order's value is the day's rest (exact here, 20) but its time is placed
    // at 13:30 instead of 10:00, so the mean hours to the 3rd order shift by 3.5 h.
    const second = (r: typeof remote) => r.rows.find((row) => row.k === 2)!;
    expect(second(remote).meanOrderValue).toBe(20);
    expect(second(memory).meanOrderValue).toBe(20);
    expect(second(memory).meanHoursToNext).toBe(8);
    expect(second(remote).meanHoursToNext).toBe(4.5);
  });
});
