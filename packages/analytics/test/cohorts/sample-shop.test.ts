import { beforeAll, describe, expect, it } from 'vitest';
import { calendarFor, isIn, type Dataset, type Row } from '@clvkit/core';
import { clientId, generateShop, sampleDataset, type CustomerGroup } from '@clvkit/sample-data';
import { orderGapCellPredicate, retentionCellPredicate } from '@clvkit/core';
import type { GapOffset } from '../../src/analyses/cohorts/order-gap-cohort.js';
import { run, totalsUnder } from './fixtures.js';

/**
 * The sample shop's planted customer groups (sample-data README, "What is planted") must show in
 * the cohort tables: browsers never order, one-timers never make a 2nd order, churners are gone
 * for good 60-150 days after their first order, weekly regulars come back about a week later,
 * monthly ones a few weeks later.
 */
const OPTIONS = { orders: 20_000, seed: 42 };
let dataset: Dataset;
const members = new Map<CustomerGroup, string[]>();

beforeAll(async () => {
  dataset = (await sampleDataset(OPTIONS)).dataset;
  const { planted } = generateShop(OPTIONS);
  planted.customerGroups.forEach((g, i) => {
    const name = planted.groups[g].name;
    if (!members.has(name)) members.set(name, []);
    members.get(name)!.push(clientId(i));
  });
}, 60_000);

const only = (group: CustomerGroup) => [isIn('client', members.get(group)!)];
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const sizes = (meta: unknown) => sum((meta as { cohortSizes: number[] }).cohortSizes);
const customersIn = (rows: readonly Row[], keep: (offset: GapOffset) => boolean) => sum(rows.filter((r) => keep(r.offset as GapOffset)).map((r) => r.customers as number));

describe('cohorts on the sample shop', () => {
  it('every customer is in one download cohort; buyers in exactly one column; browsers in none', () => {
    const all = run(dataset, 'daily_cohort_downloads');
    const buyers = totalsUnder(dataset, []).buyers;
    expect(sizes(all.meta)).toBe(dataset.customers!.length);
    expect(customersIn(all.rows, () => true)).toBe(buyers);
    expect(all.meta).toMatchObject({ beforeEvent: 0 });
    const browsers = run(dataset, 'weekly_cohort_downloads', {}, only('browser'));
    expect(sizes(browsers.meta)).toBe(members.get('browser')!.length);
    expect(browsers.rows).toEqual([]);
  });

  it('one-timers: in the 1st -> 2nd cohorts, never in a column; lifetime 0 in every cohort', () => {
    const oneTimers = run(dataset, 'daily_cohort_from_1_to_2', {}, only('one-timer'));
    expect(sizes(oneTimers.meta)).toBe(members.get('one-timer')!.length);
    expect(oneTimers.rows).toEqual([]);
    const lifetime = run(dataset, 'cohort_lifetime', {}, only('one-timer'));
    expect(lifetime.rows.length).toBeGreaterThan(12);
    for (const row of lifetime.rows) expect(row.meanLifetimeDays).toBe(0);
  });

  it('churners are gone within 150 days: no churner is retained 6 months on, unlike monthly regulars', () => {
    const churners = run(dataset, 'retention_cohorts', { bucket: 'month' }, only('churner'));
    // 150 days after the first order is at most 5 calendar months later.
    const late = churners.rows.filter((r) => (r.offset as number) >= 6);
    expect(late.length).toBeGreaterThan(50);
    expect(sum(late.map((r) => r.customers as number))).toBe(0);
    const retention = (rows: readonly Row[], offset: number) => {
      const cells = rows.filter((r) => r.offset === offset);
      return sum(cells.map((r) => r.customers as number)) / sum(cells.map((r) => r.cohortSize as number));
    };
    expect(retention(churners.rows, 1)).toBeGreaterThan(0.8);
    const monthly = run(dataset, 'retention_cohorts', { bucket: 'month' }, only('monthly'));
    expect(retention(monthly.rows, 6)).toBeGreaterThan(0.5);
  });

  it('weekly regulars reorder about a week later, monthly ones a few weeks later', () => {
    const weekly = run(dataset, 'weekly_cohort_from_1_to_2', {}, only('weekly'));
    const weeklyTotal = customersIn(weekly.rows, () => true);
    expect(customersIn(weekly.rows, (k) => k !== 'later' && k <= 2) / weeklyTotal).toBeGreaterThan(0.9);
    const monthly = run(dataset, 'weekly_cohort_from_1_to_2', {}, only('monthly'));
    const monthlyTotal = customersIn(monthly.rows, () => true);
    expect(customersIn(monthly.rows, (k) => k !== 'later' && k <= 1) / monthlyTotal).toBeLessThan(0.3);
    expect(customersIn(monthly.rows, (k) => k !== 'later' && k >= 2 && k <= 6) / monthlyTotal).toBeGreaterThan(0.6);
  });

  it('published cell predicates reproduce every monthly retention cell and every weekly 1 -> 2 cell', () => {
    const calendar = calendarFor(dataset.time);
    const retention = run(dataset, 'retention_cohorts', { bucket: 'month' });
    expect(retention.rows.length).toBeGreaterThan(250);
    for (const row of retention.rows) {
      const got = totalsUnder(dataset, [retentionCellPredicate(calendar, 'month', row.cohort as string, row.offset as number)]);
      expect(got.buyers).toBe(row.customers);
      expect(got.orders).toBe(row.orders);
      expect(got.revenue).toBeCloseTo(row.revenue as number, 6);
    }
    const gaps = run(dataset, 'weekly_cohort_from_1_to_2');
    for (const row of gaps.rows) {
      const got = totalsUnder(dataset, [orderGapCellPredicate(calendar, 'week', 1, row.cohort as string, row.offset as GapOffset)]);
      expect(got.buyers).toBe(row.customers);
    }
  }, 60_000);
});
