import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError } from '@clvkit/core';
import { reportNames } from '../../src/index.js';
import { gapShop, ms, run } from './fixtures.js';

const NAMES = [
  'daily_cohort_downloads',
  'daily_cohort_from_1_to_2',
  'daily_cohort_from_2_to_3',
  'daily_cohort_from_3_to_4',
  'weekly_cohort_downloads',
  'weekly_cohort_from_1_to_2',
  'weekly_cohort_from_2_to_3',
  'weekly_cohort_from_3_to_4',
];

const day = (d: string) => `2024-${d}`;
/** A row of an order-gap table; share = customers / cohortSize. */
const cell = (cohort: string, offset: number | 'later', customers: number, cohortSize: number) => ({ cohort, offset, customers, cohortSize, share: customers / cohortSize });

describe('order-gap cohorts (gapShop, see fixtures.ts)', () => {
  it('registers the seed\'s eight report names', () => {
    for (const name of NAMES) expect(reportNames()).toContain(name);
  });

  it('daily download -> 1st order: rows by download day, column = days to the first order', () => {
    const result = run(gapShop(), 'daily_cohort_downloads');
    // 03-01: a (download 03-01, first order 03-01 -> 0 days), b (03-01 -> 03-02: 1 day), f (never ordered) -> size 3.
    // 03-02: c (03-02 -> 03-02: 0), d (03-02 -> 03-05: 3), g (a visit, no order) -> size 3.
    // 03-05: e downloaded on 03-05 but ordered on 03-04 -> size 1, in no column, beforeEvent 1.
    expect(result.rows).toEqual([
      cell(day('03-01'), 0, 1, 3),
      cell(day('03-01'), 1, 1, 3),
      cell(day('03-02'), 0, 1, 3),
      cell(day('03-02'), 3, 1, 3),
    ]);
    expect(result.meta).toMatchObject({
      unit: 'day',
      event: 'download',
      next: 'order 1',
      maxOffset: 15,
      cohorts: [day('03-01'), day('03-02'), day('03-05')],
      cohortStarts: [ms('2024-03-01T00:00Z'), ms('2024-03-02T00:00Z'), ms('2024-03-05T00:00Z')],
      cohortSizes: [3, 3, 1],
      beforeEvent: 1,
    });
    const meta = result.meta as { offsets: unknown[]; offsetLabels: string[] };
    expect(meta.offsets).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 'later']);
    expect(meta.offsetLabels.slice(0, 3)).toEqual(['0 days', '1 day', '2 days']);
    expect(meta.offsetLabels[16]).toBe('> 15 days');
    expect(result.meta).toMatchObject({ columnLabels: { '0': '0 days', '1': '1 day', '15': '15 days', later: '> 15 days' } });
  });

  it('daily 1st -> 2nd order: one-order customers count in the size only; gaps over 15 days go to "later"', () => {
    const result = run(gapShop(), 'daily_cohort_from_1_to_2');
    // First orders: a 03-01 (2nd 03-01 18:00 -> 0), b 03-02 (2nd 03-25 -> 23 days -> later),
    // c 03-02 (no 2nd), e 03-04 (no 2nd), d 03-05 (2nd 03-06 -> 1).
    expect(result.rows).toEqual([
      cell(day('03-01'), 0, 1, 1),
      cell(day('03-02'), 'later', 1, 2),
      cell(day('03-05'), 1, 1, 1),
    ]);
    expect(result.meta).toMatchObject({ event: 'order 1', next: 'order 2', cohorts: [day('03-01'), day('03-02'), day('03-04'), day('03-05')], cohortSizes: [1, 2, 1, 1] });
  });

  it('daily 2nd -> 3rd and 3rd -> 4th order', () => {
    // 2nd orders: a 03-01 18:00 (3rd 03-03 -> 2 days), d 03-06 (3rd 03-07 -> 1), b 03-25 (no 3rd).
    expect(run(gapShop(), 'daily_cohort_from_2_to_3').rows).toEqual([
      cell(day('03-01'), 2, 1, 1),
      cell(day('03-06'), 1, 1, 1),
    ]);
    // 3rd orders: a 03-03 (4th 03-20 -> 17 days -> later), d 03-07 (4th 03-08 -> 1).
    const result = run(gapShop(), 'daily_cohort_from_3_to_4');
    expect(result.rows).toEqual([
      cell(day('03-03'), 'later', 1, 1),
      cell(day('03-07'), 1, 1, 1),
    ]);
    expect((result.meta as { cohorts: string[] }).cohorts).toEqual([day('03-03'), day('03-07')]);
  });

  it('maxOffset moves the "later" boundary', () => {
    // b's 23-day gap gets its own column with maxOffset 30; with maxOffset 0, d's 1-day gap is "later".
    expect(run(gapShop(), 'daily_cohort_from_1_to_2', { maxOffset: 30 }).rows.map((r) => r.offset)).toEqual([0, 23, 1]);
    const zero = run(gapShop(), 'daily_cohort_from_1_to_2', { maxOffset: 0 });
    expect(zero.rows.map((r) => r.offset)).toEqual([0, 'later', 'later']);
    expect((zero.meta as { offsetLabels: string[] }).offsetLabels).toEqual(['0 days', '> 0 days']);
    expect(() => run(gapShop(), 'daily_cohort_from_1_to_2', { maxOffset: -1 })).toThrow(/maxOffset/);
    expect(() => run(gapShop(), 'daily_cohort_from_1_to_2', { unit: 'day' })).toThrow(/unknown param "unit"/);
  });

  it('weekly tables bucket by the calendar week (Monday) and label the gap in weeks', () => {
    // Downloads: a, b, f (03-01), c, d, g (03-02) are in the week of 02-26; e (03-05) in the week of 03-04.
    // a 0 (same week), b 0 (03-02), c 0, d 03-05 -> week 03-04: 1 week; e ordered before its download.
    const downloads = run(gapShop(), 'weekly_cohort_downloads');
    expect(downloads.rows).toEqual([
      cell(day('02-26'), 0, 3, 6),
      cell(day('02-26'), 1, 1, 6),
    ]);
    expect(downloads.meta).toMatchObject({ cohorts: [day('02-26'), day('03-04')], cohortSizes: [6, 1], beforeEvent: 1 });
    expect((downloads.meta as { offsetLabels: string[] }).offsetLabels.slice(0, 2)).toEqual(['0 weeks', '1 week']);
    // 1st orders: a, b, c in the week of 02-26: a's 2nd the same week (0), b's 2nd 03-25 (4 weeks), c none;
    // d, e in the week of 03-04: d's 2nd 03-06 (0), e none.
    expect(run(gapShop(), 'weekly_cohort_from_1_to_2').rows).toEqual([
      cell(day('02-26'), 0, 1, 3),
      cell(day('02-26'), 4, 1, 3),
      cell(day('03-04'), 0, 1, 2),
    ]);
    // 2nd orders: a 03-01 (wk 02-26) -> 3rd 03-03 (same week); d 03-06 (wk 03-04) -> 03-07 (0); b 03-25 (wk 03-25) none.
    expect(run(gapShop(), 'weekly_cohort_from_2_to_3').rows).toEqual([
      cell(day('02-26'), 0, 1, 1),
      cell(day('03-04'), 0, 1, 1),
    ]);
    // 3rd orders: a 03-03 (wk 02-26) -> 4th 03-20 (wk 03-18: 3 weeks); d 03-07 -> 03-08 (0).
    expect(run(gapShop(), 'weekly_cohort_from_3_to_4').rows).toEqual([
      cell(day('02-26'), 3, 1, 1),
      cell(day('03-04'), 0, 1, 1),
    ]);
  });

  it('a week starting on Sunday and a time zone move the buckets', () => {
    // Asia/Tokyo (UTC+9): a's 1st order 03-01 10:00Z is 03-01 19:00 local, the 2nd (03-01 18:00Z)
    // is 03-02 03:00 local, so a's 1 -> 2 gap becomes 1 day; nobody else first ordered on 03-01 local.
    const tokyo = { ...gapShop(), time: { timeZone: 'Asia/Tokyo', weekStart: 1 } };
    expect(run(tokyo, 'daily_cohort_from_1_to_2').rows.slice(0, 1)).toEqual([cell(day('03-01'), 1, 1, 1)]);
    // Weeks from Sunday: 03-03 (Sun) starts a new week, so a's 3rd order (03-03) is 1 week after its
    // 2nd (03-01, week of 02-25).
    const sunday = { ...gapShop(), time: { timeZone: 'UTC', weekStart: 0 } };
    expect(run(sunday, 'weekly_cohort_from_2_to_3').rows[0]).toEqual(cell(day('02-25'), 1, 1, 1));
  });

  it('a channel filter makes the sequences that channel\'s orders', () => {
    const web = [isIn('dimension', ['web'])];
    // Web orders: a 03-01 10:00, 03-01 18:00, 03-20, 04-02; b 03-25; c 03-02; d 03-05 .. 03-08; e none.
    // 1st web orders: a 03-01 (2nd same day: 0), c 03-02 (none), d 03-05 (2nd 03-06: 1), b 03-25 (none).
    expect(run(gapShop(), 'daily_cohort_from_1_to_2', {}, web).rows).toEqual([
      cell(day('03-01'), 0, 1, 1),
      cell(day('03-05'), 1, 1, 1),
    ]);
    expect(run(gapShop(), 'daily_cohort_from_1_to_2', {}, web).meta).toMatchObject({ cohorts: [day('03-01'), day('03-02'), day('03-05'), day('03-25')], cohortSizes: [1, 1, 1, 1] });
    // 2nd web orders: a 03-01 18:00 (3rd web order 03-20: 19 days -> later), d 03-06 (03-07: 1).
    expect(run(gapShop(), 'daily_cohort_from_2_to_3', {}, web).rows).toEqual([
      cell(day('03-01'), 'later', 1, 1),
      cell(day('03-06'), 1, 1, 1),
    ]);
    // Downloads keep every customer (no customer clause): first web orders a 03-01 (0), b 03-25
    // (from 03-01: 24 days -> later), c 03-02 (0), d 03-05 (3); e has no web order (no column, and
    // not "before the download" either).
    const downloads = run(gapShop(), 'daily_cohort_downloads', {}, web);
    expect(downloads.rows).toEqual([
      cell(day('03-01'), 0, 1, 3),
      cell(day('03-01'), 'later', 1, 3),
      cell(day('03-02'), 0, 1, 3),
      cell(day('03-02'), 3, 1, 3),
    ]);
    expect(downloads.meta).toMatchObject({ cohortSizes: [3, 3, 1], beforeEvent: 0 });
  });

  it('customer clauses restrict the download cohorts, also customers without orders', () => {
    // Women: a (03-01, 0), f (03-01, never ordered), c (03-02, 0), e (03-05, before download).
    const women = run(gapShop(), 'daily_cohort_downloads', {}, [isIn('customers.gender', ['f'])]);
    expect(women.rows).toEqual([
      cell(day('03-01'), 0, 1, 2),
      cell(day('03-02'), 0, 1, 1),
    ]);
    expect(women.meta).toMatchObject({ cohortSizes: [2, 1, 1], beforeEvent: 1 });
    // A client list (sessions.client) applies to the customers table's client too: a and d only.
    const listed = run(gapShop(), 'daily_cohort_downloads', {}, [isIn('client', ['a', 'd'])]);
    expect(listed.rows).toEqual([
      cell(day('03-01'), 0, 1, 1),
      cell(day('03-02'), 3, 1, 1),
    ]);
    expect(listed.meta).toMatchObject({ cohorts: [day('03-01'), day('03-02')], beforeEvent: 0 });
  });

  it('a date range keeps everyone\'s true order numbers and limits the counted next orders to the range', () => {
    const range = [interval('session_start', ms('2024-03-02T00:00Z'), ms('2024-03-07T00:00Z'))];
    // 2nd orders: a 03-01 18:00 (3rd 03-03, inside: counted, so the row is listed although 03-01 is
    // before the range), d 03-06 (3rd 03-07, outside the range: size only; row 03-06 is inside),
    // b 03-25 (outside, no counted 3rd order: not listed).
    const result = run(gapShop(), 'daily_cohort_from_2_to_3', {}, range);
    expect(result.rows).toEqual([cell(day('03-01'), 2, 1, 1)]);
    expect(result.meta).toMatchObject({ cohorts: [day('03-01'), day('03-06')], cohortSizes: [1, 1], period: [ms('2024-03-02T00:00Z'), ms('2024-03-07T00:00Z')] });
    // 1st orders (not re-numbered by the range): rows 03-02 (b, c), 03-04 (e), 03-05 (d: 2nd 03-06 inside -> 1);
    // row 03-01 (a: 2nd order 03-01 18:00, before the range) is not listed.
    const first = run(gapShop(), 'daily_cohort_from_1_to_2', {}, range);
    expect(first.rows).toEqual([cell(day('03-05'), 1, 1, 1)]);
    expect(first.meta).toMatchObject({ cohorts: [day('03-02'), day('03-04'), day('03-05')], cohortSizes: [2, 1, 1] });
  });

  it('an empty range gives no rows; downloads need the customers table and its download date', () => {
    const empty = run(gapShop(), 'daily_cohort_from_1_to_2', {}, [interval('session_start', ms('2025-01-01T00:00Z'), ms('2025-02-01T00:00Z'))]);
    expect(empty.rows).toEqual([]);
    expect(empty.meta).toMatchObject({ cohorts: [], cohortSizes: [] });
    expect(() => run(gapShop({ customers: false }), 'daily_cohort_downloads')).toThrow(MissingInputError);
    try {
      run(gapShop({ downloads: false }), 'weekly_cohort_downloads');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MissingInputError);
      expect((error as MissingInputError).missing).toBe('customers.download_date');
    }
    // Order gaps need no customers table.
    expect(run(gapShop({ customers: false }), 'daily_cohort_from_1_to_2').rows).toHaveLength(3);
  });
});
