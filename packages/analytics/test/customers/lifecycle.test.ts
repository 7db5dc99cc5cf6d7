import { describe, expect, it } from 'vitest';
import { interval, isIn } from '@clvkit/core';
import { fixture, ms, report } from './fixtures.js';

/*
 * Orders (12:00Z, one per listed month; d orders twice in April):
 * | client | Jan | Feb | Mar | Apr |
 * | a      |  x  |  x  |     |  x  |
 * | b      |  x  |     |  x  |     |
 * | c      |     |  x  |  x  |  x  |
 * | d      |     |     |     | xx  |
 * Jan: new a, b.
 * Feb: new c; returning a; dormant b (Jan, not Feb).
 * Mar: returning c; resurrecting b (Jan, not Feb); dormant a.
 * Apr: new d; returning c; resurrecting a (Feb, not Mar); dormant b.
 */
const months: Record<string, string[]> = { a: ['01', '02', '04'], b: ['01', '03'], c: ['02', '03', '04'], d: ['04', '04'] };
const data = (timeZone = 'UTC', extra: { id: string; client: string; start: string }[] = []) =>
  fixture({
    time: { timeZone },
    sessions: [
      ...Object.entries(months).flatMap(([client, list]) => list.map((m, i) => ({ id: `${client}${i}`, client, start: `2024-${m}-${10 + i}T12:00:00Z`, payment: 10, dimension: client === 'b' ? 'app' : 'web' }))),
      ...extra.map((s) => ({ ...s, payment: 10 })),
    ],
  });

describe('lifecycle', () => {
  it('counts new, returning, resurrecting and dormant (negative) customers per month', () => {
    const { rows, meta } = report(data(), 'lifecycle');
    expect(meta).toEqual({ unit: 'month', period: [ms('2024-01-10'), ms('2024-04-13')] });
    expect(rows).toEqual([
      // end = the next month's start, previous = the month before's (Dec 2023 for January)
      { bucket: ms('2024-01-01'), end: ms('2024-02-01'), previous: ms('2023-12-01'), new: 2, returning: 0, resurrecting: 0, dormant: 0, active: 2, quickRatio: null },
      { bucket: ms('2024-02-01'), end: ms('2024-03-01'), previous: ms('2024-01-01'), new: 1, returning: 1, resurrecting: 0, dormant: -1, active: 2, quickRatio: 1 },
      { bucket: ms('2024-03-01'), end: ms('2024-04-01'), previous: ms('2024-02-01'), new: 0, returning: 1, resurrecting: 1, dormant: -1, active: 2, quickRatio: 1 },
      { bucket: ms('2024-04-01'), end: ms('2024-05-01'), previous: ms('2024-03-01'), new: 1, returning: 1, resurrecting: 1, dormant: -1, active: 3, quickRatio: 2 },
    ]);
  });

  it('keeps the history before a brushed period (b resurrects in March, it is not new)', () => {
    const { rows } = report(data(), 'lifecycle', {}, [interval('session_start', ms('2024-03-01'), ms('2024-05-01'))]);
    expect(rows.map((r) => [r.new, r.returning, r.resurrecting, r.dormant])).toEqual([
      [0, 1, 1, -1],
      [1, 1, 1, -1],
    ]);
  });

  it('follows the dimension filter: a customer\'s first order in the channel makes them new there', () => {
    // app: only b (Jan, Mar) -> Jan new, Feb dormant, Mar resurrecting, Apr dormant.
    const { rows } = report(data(), 'lifecycle', {}, [isIn('dimension', ['app'])]);
    expect(rows.map((r) => [r.new, r.returning, r.resurrecting, r.dormant])).toEqual([
      [1, 0, 0, 0],
      [0, 0, 0, -1],
      [0, 0, 1, 0],
      [0, 0, 0, -1],
    ]);
  });

  it('buckets in the dataset\'s zone: 31 Jan 23:30Z is February in Berlin', () => {
    const late = [{ id: 'e0', client: 'e', start: '2024-01-31T23:30:00Z' }];
    expect(report(data('UTC', late), 'lifecycle').rows[0].new).toBe(3);
    const berlin = report(data('Europe/Berlin', late), 'lifecycle').rows;
    expect(berlin.map((r) => r.bucket)).toEqual([ms('2023-12-31T23:00:00Z'), ms('2024-01-31T23:00:00Z'), ms('2024-02-29T23:00:00Z'), ms('2024-03-31T22:00:00Z')]);
    expect(berlin.map((r) => r.new)).toEqual([2, 2, 0, 1]);
    // e bought in February only: dormant in March (with a).
    expect(berlin[2].dormant).toBe(-2);
  });

  it('goes down to weeks and days', () => {
    const weekly = fixture({
      sessions: [
        { id: '1', client: 'x', start: '2024-12-30T10:00:00Z', payment: 1 }, // Monday, week of 12-30
        { id: '2', client: 'x', start: '2025-01-05T10:00:00Z', payment: 1 }, // Sunday, same week
        { id: '3', client: 'x', start: '2025-01-06T10:00:00Z', payment: 1 }, // next week: returning
        { id: '4', client: 'y', start: '2025-01-07T10:00:00Z', payment: 1 },
      ],
    });
    expect(report(weekly, 'lifecycle', { unit: 'week' }).rows).toEqual([
      { bucket: ms('2024-12-30'), end: ms('2025-01-06'), previous: ms('2024-12-23'), new: 1, returning: 0, resurrecting: 0, dormant: 0, active: 1, quickRatio: null },
      { bucket: ms('2025-01-06'), end: ms('2025-01-13'), previous: ms('2024-12-30'), new: 1, returning: 1, resurrecting: 0, dormant: 0, active: 2, quickRatio: null },
    ]);
    const daily = report(weekly, 'lifecycle', { unit: 'day' }).rows;
    expect(daily).toHaveLength(9);
    // 12-30 new x; 12-31 x dormant; 01-05 x resurrecting; 01-06 x returning; 01-07 y new, x dormant.
    expect(daily.filter((r) => r.active !== 0 || r.dormant !== 0).map((r) => [new Date(r.bucket as number).toISOString().slice(0, 10), r.new, r.returning, r.resurrecting, r.dormant])).toEqual([
      ['2024-12-30', 1, 0, 0, 0],
      ['2024-12-31', 0, 0, 0, -1],
      ['2025-01-05', 0, 0, 1, 0],
      ['2025-01-06', 0, 1, 0, 0],
      ['2025-01-07', 1, 0, 0, -1],
    ]);
  });
});
