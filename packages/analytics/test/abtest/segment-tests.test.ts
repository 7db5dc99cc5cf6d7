import { describe, expect, it } from 'vitest';
import { calendarFor, interval, isIn, type Row } from '@clvkit/core';
import { segmentWindows } from '../../src/analyses/abtest/segment-periods.js';
import { at, buildDataset, type SessionSpec } from '../helpers.js';
import { and, run } from './fixtures.js';

const utc = calendarFor({ timeZone: 'UTC', weekStart: 1 });
const day = (iso: string) => at(`${iso}T00:00:00Z`);

describe('segmentWindows', () => {
  it('daily: the day of asOf and the same weekday of the 4 weeks before', () => {
    // Wednesday 2024-03-13 15:00
    const w = segmentWindows(at('2024-03-13T15:00:00Z'), 'daily', utc);
    expect(w.current).toEqual([day('2024-03-13'), day('2024-03-14')]);
    expect(w.previous).toEqual([
      [day('2024-02-14'), day('2024-02-15')],
      [day('2024-02-21'), day('2024-02-22')],
      [day('2024-02-28'), day('2024-02-29')],
      [day('2024-03-06'), day('2024-03-07')],
    ]);
  });

  it('weekly: week to date (Monday 03-11 .. Wednesday, 3 days) vs the first 3 days of the 4 weeks before', () => {
    const w = segmentWindows(at('2024-03-13T15:00:00Z'), 'weekly', utc);
    expect(w.current).toEqual([day('2024-03-11'), day('2024-03-14')]);
    expect(w.previous).toEqual([
      [day('2024-02-12'), day('2024-02-15')],
      [day('2024-02-19'), day('2024-02-22')],
      [day('2024-02-26'), day('2024-02-29')],
      [day('2024-03-04'), day('2024-03-07')],
    ]);
    // a Sunday week start moves the weeks
    const sunday = segmentWindows(at('2024-03-13T15:00:00Z'), 'weekly', calendarFor({ timeZone: 'UTC', weekStart: 0 }));
    expect(sunday.current).toEqual([day('2024-03-10'), day('2024-03-14')]);
  });

  it('monthly: month to date vs the same days of the 4 months before, cut at a shorter month', () => {
    // 03-31: 31 days of March vs all of November (30), December, January and February (29)
    const w = segmentWindows(at('2024-03-31T12:00:00Z'), 'monthly', utc);
    expect(w.current).toEqual([day('2024-03-01'), day('2024-04-01')]);
    expect(w.previous).toEqual([
      [day('2023-11-01'), day('2023-12-01')],
      [day('2023-12-01'), day('2024-01-01')],
      [day('2024-01-01'), day('2024-02-01')],
      [day('2024-02-01'), day('2024-03-01')],
    ]);
    // 03-10: 10 days each
    expect(segmentWindows(at('2024-03-10T12:00:00Z'), 'monthly', utc).previous[3]).toEqual([day('2024-02-01'), day('2024-02-11')]);
  });

  it('follows local midnights across a DST change (Berlin, 2024-03-31)', () => {
    const berlin = calendarFor({ timeZone: 'Europe/Berlin', weekStart: 1 });
    // Wednesday 2024-04-03 local (CEST, UTC+2) vs Wednesdays in March (CET, UTC+1)
    const w = segmentWindows(at('2024-04-03T12:00:00Z'), 'daily', berlin);
    expect(w.current).toEqual([at('2024-04-02T22:00:00Z'), at('2024-04-03T22:00:00Z')]);
    expect(w.previous[3]).toEqual([at('2024-03-26T23:00:00Z'), at('2024-03-27T23:00:00Z')]);
    expect(w.previous[0]).toEqual([at('2024-03-05T23:00:00Z'), at('2024-03-06T23:00:00Z')]);
  });
});

/**
 * A shop for the daily segment tests at asOf = Wednesday 2024-03-13 23:00 UTC: windows are
 * the Wednesdays 02-14, 02-21, 02-28, 03-06 (before) and 03-13 (after). Four clones of each
 * pattern share their RFM values, hence their segment; a is best in recency, frequency and
 * monetary value and c worst, both at the start of the windows and at asOf: three distinct
 * values per metric are three k-means clusters scored 1, 3, 5 at both dates, so a, b and c
 * keep their segments. With `withNew`, the n's are new on 03-13 (no segment at the start:
 * excluded; they also shift the clusters, so others may change segment).
 *
 * | pattern | history (before the windows)   | window orders                          | orders: before → after | amount: before → after |
 * | a       | 01-03 30, 01-17 30, 01-31 30   | every Wednesday 10, 03-13 20 and 40    | 4/4 = 1 → 2            | 10 → 30                |
 * | b       | 01-10 20, 01-24 20             | 02-14 40, 02-28 10; none on 03-13      | 2/4 = 0.5 → 0          | (no order after)       |
 * | c       | 01-09 10                       | none                                   | 0 → 0                  | (none)                 |
 * | n       | none                           | 03-13 25                               | excluded               |                        |
 */
function segmentShop(withNew = false) {
  const sessions: SessionSpec[] = [];
  let id = 0;
  const order = (client: string, date: string, payment: number) => sessions.push({ id: `o${id++}`, client, start: `${date}T12:00:00Z`, payment });
  for (let k = 1; k <= 4; k++) {
    for (const d of ['2024-01-03', '2024-01-17', '2024-01-31']) order(`a${k}`, d, 30);
    for (const d of ['2024-02-14', '2024-02-21', '2024-02-28', '2024-03-06']) order(`a${k}`, d, 10);
    order(`a${k}`, '2024-03-13', 20);
    order(`a${k}`, '2024-03-13', 40);
    order(`b${k}`, '2024-01-10', 20);
    order(`b${k}`, '2024-01-24', 20);
    order(`b${k}`, '2024-02-14', 40);
    order(`b${k}`, '2024-02-28', 10);
    order(`c${k}`, '2024-01-09', 10);
    if (withNew) order(`n${k}`, '2024-03-13', 25);
  }
  sessions.sort((x, y) => x.start.localeCompare(y.start));
  return buildDataset({ sessions });
}

const AS_OF = '2024-03-13T23:00:00Z';
const START = at('2024-02-14T00:00:00Z');

/** Segment of each client at an instant, from the rfm analysis. */
async function segments(asOf: number, withNew = false): Promise<Map<string, string>> {
  const { rows } = await run(segmentShop(withNew), 'rfm', { asOf });
  return new Map(rows.map((r) => [r.client as string, r.segment as string]));
}

describe('segments_change_daily_before_after_*', () => {
  it('the shop keeps its segments: a Champions, b Need Attention, c Lost at both dates', async () => {
    // 3 distinct values per metric → 3 clusters scored 1, 3, 5: a 555, b 333, c 111
    for (const asOf of [START - 1, at(AS_OF)]) {
      const segment = await segments(asOf);
      for (let k = 1; k <= 4; k++) expect([segment.get(`a${k}`), segment.get(`b${k}`), segment.get(`c${k}`)]).toEqual(['Champions', 'Need Attention', 'Lost']);
    }
  });

  it('orders per customer today vs the mean of the 4 Wednesdays before, per segment', async () => {
    const { rows, meta } = await run(segmentShop(), 'segments_change_daily_before_after_orders', { asOf: AS_OF, minCustomers: 4, resamples: 100 });
    expect(meta).toMatchObject({ period: 'daily', metric: 'orders', asOf: at(AS_OF), current: [day('2024-03-13'), day('2024-03-14')], segmentsAt: [START, at(AS_OF)], excluded: 0, tested: 3 });
    // map order; a: d = 2 − 1 = +1 each (a constant rise: p = 0), b: 0 − 0.5, c: 0 − 0
    expect(rows.map((r) => [r.subject, r.customers, r.before, r.after, r.meanDifference, r.pValue, r.method, r.verdict])).toEqual([
      ['Champions', 4, 1, 2, 1, 0, 't', 'increase'],
      ['Need Attention', 4, 0.5, 0, -0.5, 0, 't', 'decrease'],
      ['Lost', 4, 0, 0, 0, 1, 't', 'no significant change'],
    ]);
    expect(rows[0]).toMatchObject({ test: 'segments_change_daily_before_after_orders', relativeChange: 1, ciLow: 1, ciHigh: 1, acceptRatio: 0 });
  });

  it('amount: average order value today vs over the 4 Wednesdays, customers with orders on both sides', async () => {
    const { rows, meta } = await run(segmentShop(), 'segments_change_daily_before_after_amount', { asOf: AS_OF, minCustomers: 3, resamples: 100, subject: 'Champions' });
    // only the a's have orders on both sides: (10·4)/4 = 10 → (20 + 40)/2 = 30
    expect(rows.map((r) => [r.subject, r.customers, r.before, r.after, r.meanDifference, r.relativeChange, r.verdict])).toEqual([['Champions', 4, 10, 30, 20, 2, 'increase']]);
    expect([...(meta.pairs as Row[])].sort((x, y) => String(x.client).localeCompare(String(y.client)))).toEqual([1, 2, 3, 4].map((k) => ({ client: `a${k}`, before: 10, after: 30 })));
  });

  it('weekly: week to date Monday 03-11 .. 03-13 vs the first three days of the 4 weeks before', async () => {
    // a: one order in each earlier stretch (the Wednesdays) → 1; this week 2 → +1
    // b: 02-14 (in 02-12 .. 02-15) and 02-28 (in 02-26 .. 02-29) → 0.5; this week 0
    const { rows } = await run(segmentShop(), 'segments_change_weekly_before_after_orders', { asOf: AS_OF, minCustomers: 4, resamples: 50 });
    expect(rows.map((r) => [r.subject, r.before, r.after])).toEqual([
      ['Champions', 1, 2],
      ['Need Attention', 0.5, 0],
      ['Lost', 0, 0],
    ]);
  });

  it('excludes customers whose segment changed (and new ones)', async () => {
    const before = await segments(START - 1, true);
    const after = await segments(at(AS_OF), true);
    const changed = [...after].filter(([client, segment]) => before.get(client) !== segment).length;
    expect(changed).toBeGreaterThanOrEqual(4); // the n's at least
    const { rows, meta } = await run(segmentShop(true), 'segments_change_daily_before_after_orders', { asOf: AS_OF, minCustomers: 3, resamples: 50 });
    expect(meta.excluded).toBe(changed);
    const kept = (segment: string) => [...after].filter(([client, s]) => s === segment && before.get(client) === s).length;
    for (const row of rows) expect(row.customers, row.subject as string).toBe(kept(row.subject as string));
  });

  it('takes asOf from the end of the date range and reads the 4-month window', async () => {
    const { meta } = await run(segmentShop(), 'segments_change_monthly_before_after_orders', { minCustomers: 3, resamples: 50 }, and(interval('session_start', at('2024-01-01T00:00:00Z'), at('2024-03-11T00:00:00Z'))));
    // the range ends 03-11 00:00: asOf = 03-11 00:00, month to date = 03-01 .. 03-11 (11 days)
    expect(meta.asOf).toBe(at('2024-03-11T00:00:00Z'));
    expect(meta.current).toEqual([day('2024-03-01'), day('2024-03-12')]);
    expect((meta.previous as number[][])[0]).toEqual([day('2023-11-01'), day('2023-11-12')]);
  });

  it('a segment clause (a treemap click) picks the segment, the windows stay whole', async () => {
    const all = await run(segmentShop(), 'segments_change_daily_before_after_orders', { asOf: AS_OF, minCustomers: 4, resamples: 100 });
    const one = await run(segmentShop(), 'segments_change_daily_before_after_orders', { asOf: AS_OF, minCustomers: 4, resamples: 100 }, and(isIn('rfm_segment', ['Champions'])));
    expect(one.rows).toEqual([all.rows[0]]);
  });

  it('rejects a subject that is not a segment name', async () => {
    await expect(run(segmentShop(), 'segments_change_weekly_before_after_amount', { subject: 'Whales' })).rejects.toThrow(/params.subject must be a segment name/);
  });
});
