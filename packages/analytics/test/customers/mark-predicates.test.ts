import { beforeAll, describe, expect, it } from 'vitest';
import {
  churnersPredicate,
  lifecyclePredicate,
  newcomersPredicate,
  sessionMask,
  statusAtPredicate,
  type CustomerStatusName,
  type Dataset,
  type LifecycleKind,
  type Predicate,
  type StringColumn,
} from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { report } from './fixtures.js';

/*
 * The customers a chart mark selects (core's predicates, evaluated by core's filter) are the
 * customers the analysis counted in that mark (its own loops): two independent paths that must
 * agree on every point of the status trend, every lifecycle bar and both newcomers/churners rows.
 */
let dataset: Dataset;
beforeAll(async () => {
  dataset = (await sampleDataset({ orders: 6_000, seed: 7 })).dataset;
}, 120_000);

/** Distinct clients with a session passing `predicate`. */
function customersSelected(predicate: Predicate): number {
  const mask = sessionMask(dataset, { mode: 'and', predicates: [predicate] });
  const clients = dataset.sessions.columns.client as StringColumn;
  const seen = new Set<number>();
  for (let i = 0; i < mask.length; i++) if (mask[i]) seen.add(clients.codes[i]);
  return seen.size;
}

describe('chart marks select the customers their analysis counted', () => {
  it('every point of customer_status_trend (monthly)', () => {
    const { rows } = report(dataset, 'customer_status_trend', { unit: 'month' });
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      const cuts = { end: row.end as number, activeSince: row.activeSince as number, longGoneBefore: row.longGoneBefore as number };
      expect([row.bucket, row.status, customersSelected(statusAtPredicate(row.status as CustomerStatusName, cuts))]).toEqual([row.bucket, row.status, row.customers]);
    }
  });

  it('every bar of lifecycle (monthly; dormant is drawn negative)', () => {
    const { rows } = report(dataset, 'lifecycle', { unit: 'month' });
    for (const row of rows) {
      const bucket = { previous: row.previous as number, start: row.bucket as number, end: row.end as number };
      for (const kind of ['new', 'returning', 'resurrecting', 'dormant'] as LifecycleKind[]) {
        expect([row.bucket, kind, customersSelected(lifecyclePredicate(kind, bucket))]).toEqual([row.bucket, kind, Math.abs(row[kind] as number)]);
      }
    }
  });

  it('the newcomers and churners rows of a date', () => {
    const { rows } = report(dataset, 'newcomers_and_churners', { date: '2025-03-01', horizonDays: 90 });
    const [newcomers, churners] = rows;
    expect(newcomers.customers).toBeGreaterThan(0);
    expect(churners.customers).toBeGreaterThan(0);
    expect(customersSelected(newcomersPredicate(newcomers.from as number, newcomers.to as number))).toBe(newcomers.customers);
    expect(customersSelected(churnersPredicate(churners.from as number, churners.to as number))).toBe(churners.customers);
  });
});
