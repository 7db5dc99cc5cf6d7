import { beforeAll, describe, expect, it } from 'vitest';
import { isIn, type Dataset, type StringColumn } from '@clvkit/core';
import { generateShop, groupOfClient, sampleDataset, type PlantedEffects } from '@clvkit/sample-data';
import { DAY, report } from './fixtures.js';

/*
 * The planted effects of the sample shop seen through the customers analyses, checked against
 * independent computations over the dataset's columns (plain loops here, no analytics code).
 */
const OPTIONS = { orders: 20_000, seed: 42 };
let dataset: Dataset;
let planted: PlantedEffects;

beforeAll(async () => {
  planted = generateShop(OPTIONS).planted;
  dataset = (await sampleDataset(OPTIONS)).dataset;
}, 120_000);

/** Per client id: its order times, sorted (an independent pass over the sessions columns). */
function ordersByClient(): Map<string, number[]> {
  const client = dataset.sessions.columns.client as StringColumn;
  const start = dataset.sessions.columns.session_start as { values: Float64Array };
  const bought = dataset.sessions.columns.has_purchased as { values: Uint8Array };
  const out = new Map<string, number[]>();
  for (let i = 0; i < dataset.sessions.length; i++) {
    if (!bought.values[i]) continue;
    const id = client.dictionary[client.codes[i]];
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push(start.values[i]);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** UTC wall clock `months` earlier, day clamped to the month's length. */
function monthsBefore(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

describe('customers analyses on the sample shop', () => {
  it('shows the planted churners as churned or long gone', () => {
    const list = report(dataset, 'customer_list', { limit: 10_000 });
    const asOf = list.meta?.asOf as number;
    const orders = ordersByClient();
    const statuses = new Map<string, Record<string, number>>();
    for (const row of list.rows) {
      const group = groupOfClient(planted, row.client as string) as string;
      const first = orders.get(row.client as string)?.[0];
      // Churners stop for good at most 150 days after their first order: those who started
      // 250+ days before the end cannot be active (no order in the last 3 months).
      if (first === undefined || (group === 'churner' && first > asOf - 250 * DAY)) continue;
      const counts = statuses.get(group) ?? {};
      counts[row.status as string] = (counts[row.status as string] ?? 0) + 1;
      statuses.set(group, counts);
    }
    const churners = statuses.get('churner')!;
    expect((churners.churned ?? 0) + (churners.long_gone ?? 0)).toBeGreaterThan(30);
    expect(churners.active ?? 0).toBe(0);
    // The weekly regulars are mostly active.
    const weekly = statuses.get('weekly')!;
    expect(weekly.active / (weekly.active + (weekly.churned ?? 0) + (weekly.long_gone ?? 0))).toBeGreaterThan(0.5);
  });

  it('agrees with an independent status count, and with the derived status field', () => {
    const { rows, meta } = report(dataset, 'customer_status');
    const asOf = meta?.asOf as number;
    const expected = { active: 0, churned: 0, long_gone: 0 };
    for (const list of ordersByClient().values()) {
      const last = list[list.length - 1];
      if (last >= monthsBefore(asOf, 3)) expected.active++;
      else if (last >= monthsBefore(asOf, 6)) expected.churned++;
      else expected.long_gone++;
    }
    expect(Object.fromEntries(rows.map((r) => [r.status, r.customers]))).toEqual(expected);
    // Filtering on sessions.customer_status selects the same customers.
    const active = report(dataset, 'kpis', {}, [isIn('customer_status', ['active'])]).rows.find((r) => r.metric === 'buyers');
    expect(active?.value).toBe(expected.active);
  });

  it('draws the daily status trend the same as an independent count at each day\'s end', () => {
    const { rows } = report(dataset, 'customer_status_trend', { unit: 'day' });
    const orders = [...ordersByClient().values()];
    const days = [...new Set(rows.map((r) => r.bucket as number))];
    // A sample of days, including the first and the last (whose end is the end of the data).
    for (const day of [days[0], days[40], days[200], days[365], days[500], days[days.length - 1]]) {
      const end = day + DAY;
      const expected = { active: 0, churned: 0, long_gone: 0 };
      for (const list of orders) {
        let last = Number.NaN;
        for (const t of list) if (t < end) last = t;
        if (last !== last) continue;
        if (last >= monthsBefore(end, 3)) expected.active++;
        else if (last >= monthsBefore(end, 6)) expected.churned++;
        else expected.long_gone++;
      }
      expect(Object.fromEntries(rows.filter((r) => r.bucket === day).map((r) => [r.status, r.customers]))).toEqual(expected);
    }
  });

  it('counts each buyer as new once in the lifecycle', () => {
    const lifecycle = report(dataset, 'lifecycle').rows;
    const buyers = report(dataset, 'customer_status').meta?.buyers;
    expect(lifecycle.reduce((sum, r) => sum + (r.new as number), 0)).toBe(buyers);
  });

  it('shows the planted campaign converting more than the baseline campaign', () => {
    const rows = report(dataset, 'communications', { by: 'campaign' }).rows;
    const driving = rows.find((r) => r.campaign === planted.drivingCampaign.id)!;
    const baseline = rows.find((r) => r.campaign === planted.baselineCampaign.id)!;
    expect(driving.recipients).toBeGreaterThan(50);
    expect(baseline.recipients).toBeGreaterThan(50);
    expect(driving.conversion as number).toBeGreaterThan((baseline.conversion as number) + 0.05);
    // The lift over the same recipients' week before the send.
    expect((driving.conversion as number) - (driving.conversionBefore as number)).toBeGreaterThan(0.05);
    expect(Math.abs((baseline.conversion as number) - (baseline.conversionBefore as number))).toBeLessThan(0.08);
  });
});
