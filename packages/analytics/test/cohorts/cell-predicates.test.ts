import { describe, expect, it } from 'vitest';
import { calendarFor, interval, isIn, type Dataset, type Predicate } from '@clvkit/core';
import { orderGapCellPredicate, orderGapRowPredicate, retentionCellPredicate, retentionCohortPredicate } from '@clvkit/core';
import type { GapEvent, GapOffset } from '@clvkit/core';
import { gapShop, ms, retentionShop, run, totalsUnder, yearEndShop } from './fixtures.js';

/** Every retention cell of `dataset` against the aggregate under its published predicate (and `extra`). */
function checkRetentionCells(dataset: Dataset, bucket: 'month' | 'week', extra: Predicate[] = []): number {
  const calendar = calendarFor(dataset.time);
  const result = run(dataset, 'retention_cohorts', { bucket }, extra);
  for (const row of result.rows) {
    const got = totalsUnder(dataset, [...extra, retentionCellPredicate(calendar, bucket, row.cohort as string, row.offset as number)]);
    expect({ cohort: row.cohort, offset: row.offset, ...got }).toEqual({ cohort: row.cohort, offset: row.offset, orders: row.orders, buyers: row.customers, revenue: row.revenue });
  }
  return result.rows.length;
}

const GAP_TABLES: [string, 'day' | 'week', GapEvent][] = [
  ['daily_cohort_downloads', 'day', 0],
  ['daily_cohort_from_1_to_2', 'day', 1],
  ['daily_cohort_from_2_to_3', 'day', 2],
  ['daily_cohort_from_3_to_4', 'day', 3],
  ['weekly_cohort_downloads', 'week', 0],
  ['weekly_cohort_from_1_to_2', 'week', 1],
  ['weekly_cohort_from_2_to_3', 'week', 2],
  ['weekly_cohort_from_3_to_4', 'week', 3],
];

describe('cohort cells as filters', () => {
  it('a retention cell\'s predicate gives the cell\'s customers, orders and revenue through the aggregate', () => {
    // 5 cells in UTC, 7 in Berlin, 7 + 7 in the year-end weeks: every one checked.
    expect(checkRetentionCells(retentionShop(), 'month')).toBe(5);
    expect(checkRetentionCells(retentionShop({ timeZone: 'Europe/Berlin' }), 'month')).toBe(7);
    expect(checkRetentionCells(yearEndShop(1), 'week')).toBe(7);
    expect(checkRetentionCells(yearEndShop(0), 'week')).toBe(7);
    // The predicate by hand: January cohort, month 1 = q's February order (60).
    const calendar = calendarFor(retentionShop().time);
    expect(retentionCellPredicate(calendar, 'month', '2024-01-01', 1)).toEqual({
      type: 'and',
      predicates: [interval('first_order_at', ms('2024-01-01T00:00Z'), ms('2024-02-01T00:00Z')), interval('session_start', ms('2024-02-01T00:00Z'), ms('2024-03-01T00:00Z'))],
    });
    expect(totalsUnder(retentionShop(), [retentionCellPredicate(calendar, 'month', '2024-01-01', 1)])).toEqual({ orders: 1, buyers: 1, revenue: 60 });
  });

  it('stays exact under a date range, and a whole cohort gives its size', () => {
    const february = [interval('session_start', ms('2024-02-01T00:00Z'), ms('2024-03-01T00:00Z'))];
    expect(checkRetentionCells(retentionShop(), 'month', february)).toBe(2);
    const calendar = calendarFor(retentionShop().time);
    // January cohort: p and q; February cohort: r and s.
    expect(totalsUnder(retentionShop(), [retentionCohortPredicate(calendar, 'month', '2024-01-01')]).buyers).toBe(2);
    expect(totalsUnder(retentionShop(), [retentionCohortPredicate(calendar, 'month', ms('2024-02-01T00:00Z'))]).buyers).toBe(2);
  });

  it('under a channel filter the predicate selects by the overall first order (documented limit)', () => {
    const web = [isIn('dimension', ['web'])];
    const calendar = calendarFor(retentionShop().time);
    // The analysis: February web cohort = q and r (their first web orders), m0 = 2 customers, 80.
    const cell = run(retentionShop(), 'retention_cohorts', { bucket: 'month' }, web).rows.find((r) => r.cohort === '2024-02-01' && r.offset === 0);
    expect(cell).toMatchObject({ customers: 2, revenue: 80 });
    // The published predicate: first order (overall) in February = r and s; web orders in February: r 20.
    expect(totalsUnder(retentionShop(), [...web, retentionCellPredicate(calendar, 'month', '2024-02-01', 0)])).toEqual({ orders: 1, buyers: 1, revenue: 20 });
  });

  it('every order-gap cell (and every row of order n) gives its customers through the aggregate', () => {
    let cells = 0;
    for (const zone of ['UTC', 'Asia/Tokyo']) {
      const dataset = { ...gapShop(), time: { timeZone: zone, weekStart: 1 } };
      const calendar = calendarFor(dataset.time);
      for (const [name, unit, event] of GAP_TABLES) {
        for (const maxOffset of [15, 0]) {
          const result = run(dataset, name, { maxOffset });
          for (const row of result.rows) {
            const got = totalsUnder(dataset, [orderGapCellPredicate(calendar, unit, event, row.cohort as string, row.offset as GapOffset, maxOffset)]);
            expect({ name, cohort: row.cohort, offset: row.offset, orders: got.orders, buyers: got.buyers }).toEqual({ name, cohort: row.cohort, offset: row.offset, orders: row.customers, buyers: row.customers });
            cells++;
          }
          if (event === 0) continue;
          const meta = result.meta as { cohorts: string[]; cohortSizes: number[] };
          meta.cohorts.forEach((cohort, i) => {
            const got = totalsUnder(dataset, [orderGapRowPredicate(calendar, unit, event, cohort)]);
            expect({ name, cohort, orders: got.orders, buyers: got.buyers }).toEqual({ name, cohort, orders: meta.cohortSizes[i], buyers: meta.cohortSizes[i] });
          });
        }
      }
    }
    expect(cells).toBeGreaterThan(40);
  });

  it('spells the order-gap predicates out', () => {
    const calendar = calendarFor(gapShop().time);
    const d = (iso: string) => ms(`2024-${iso}T00:00Z`);
    // d's 1 -> 2 cell: 2nd orders whose previous order was on 03-05, placed on 03-06.
    expect(orderGapCellPredicate(calendar, 'day', 1, '2024-03-05', 1)).toEqual({
      type: 'and',
      predicates: [isIn('order_number', [2]), interval('previous_order_at', d('03-05'), d('03-06')), interval('session_start', d('03-06'), d('03-07'))],
    });
    // The "later" column of b's row: from 16 days after 03-02 on.
    expect(orderGapCellPredicate(calendar, 'day', 1, '2024-03-02', 'later', 15).predicates[2]).toEqual(interval('session_start', d('03-18'), Infinity));
    // Downloads: first orders of the customers who downloaded that day.
    expect(orderGapCellPredicate(calendar, 'day', 0, '2024-03-02', 3)).toEqual({
      type: 'and',
      predicates: [interval('customers.download_date', d('03-02'), d('03-03')), isIn('order_number', [1]), interval('session_start', d('03-05'), d('03-06'))],
    });
    // A download row selects its customers' sessions: on 03-01 a, b and f downloaded; f never came, so 2 buyers.
    expect(orderGapRowPredicate(calendar, 'day', 0, '2024-03-01')).toEqual(interval('customers.download_date', d('03-01'), d('03-02')));
    expect(totalsUnder(gapShop(), [orderGapRowPredicate(calendar, 'day', 0, '2024-03-01')]).buyers).toBe(2);
  });
});
