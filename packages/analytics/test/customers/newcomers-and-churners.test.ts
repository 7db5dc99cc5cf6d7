import { describe, expect, it } from 'vitest';
import { isIn } from '@clvkit/core';
import { fixture, ms, report } from './fixtures.js';

/*
 * Date D = 2024-03-01, horizon 30 days: window before [01-31, 03-01), horizon after [03-01, 03-31).
 * | client | orders (payment), 10:00Z unless noted          | before D | in window | newcomer | back in horizon | churner |
 * | a      | 01-10 (10), 02-10 (30), 03-10 (5)              | yes      | yes       | no       | yes             | no      |
 * | b      | 02-05 (40)                                     | yes      | yes       | yes      | no              | yes     |
 * | c      | 01-05 (10)                                     | yes      | no        | no       | no              | yes     |
 * | d      | 02-20 (15), 03-30 (25)                         | yes      | yes       | yes      | yes             | no      |
 * | e      | 03-01T00:00 (50) = D                           | no (not before D)                                          |
 * | f      | 01-31T00:00 (12) = the window's start          | yes      | yes       | yes      | no              | yes     |
 * | g      | 03-31T00:00 (60) = the horizon's end           | no                                                         |
 * | h      | 01-20 (8), 03-31T00:00 (9)                     | yes      | no        | no       | no (end excl.)  | yes     |
 * Newcomers b, d, f = 3 of the 4 buyers in the window (a, b, d, f); their revenue before D 40 + 15 + 12 = 67.
 * Churners b, c, f, h = 4 of the 6 buyers before D; revenue before D 40 + 10 + 12 + 8 = 70.
 * The last session is 03-31T00:00, so the data ends 04-01T00:00 and the horizon is complete.
 */
const data = () =>
  fixture({
    sessions: [
      { id: 'a1', client: 'a', start: '2024-01-10T10:00:00Z', payment: 10 },
      { id: 'a2', client: 'a', start: '2024-02-10T10:00:00Z', payment: 30 },
      { id: 'a3', client: 'a', start: '2024-03-10T10:00:00Z', payment: 5 },
      { id: 'b1', client: 'b', start: '2024-02-05T10:00:00Z', payment: 40, dimension: 'app' },
      { id: 'c1', client: 'c', start: '2024-01-05T10:00:00Z', payment: 10 },
      { id: 'd1', client: 'd', start: '2024-02-20T10:00:00Z', payment: 15 },
      { id: 'd2', client: 'd', start: '2024-03-30T10:00:00Z', payment: 25 },
      { id: 'e1', client: 'e', start: '2024-03-01T00:00:00Z', payment: 50 },
      { id: 'f1', client: 'f', start: '2024-01-31T00:00:00Z', payment: 12 },
      { id: 'g1', client: 'g', start: '2024-03-31T00:00:00Z', payment: 60 },
      { id: 'h1', client: 'h', start: '2024-01-20T10:00:00Z', payment: 8 },
      { id: 'h2', client: 'h', start: '2024-03-31T00:00:00Z', payment: 9 },
    ],
  });

describe('newcomers_and_churners', () => {
  it('counts newcomers before the date and churners without an order in the horizon after it', () => {
    const { rows, meta } = report(data(), 'newcomers_and_churners', { date: '2024-03-01', horizonDays: 30 });
    expect(rows).toEqual([
      // newcomers' window [03-01 − 30 days, 03-01), churners' horizon [03-01, 03-31)
      { group: 'newcomers', customers: 3, base: 4, rate: 3 / 4, revenue: 67, from: ms('2024-01-31'), to: ms('2024-03-01') },
      { group: 'churners', customers: 4, base: 6, rate: 4 / 6, revenue: 70, from: ms('2024-03-01'), to: ms('2024-03-31') },
    ]);
    expect(meta).toEqual({
      date: ms('2024-03-01'),
      horizon: { days: 30 },
      window: [ms('2024-01-31'), ms('2024-03-01')],
      horizonEnd: ms('2024-03-31'),
      dataEnd: ms('2024-04-01'),
      horizonComplete: true,
      // Most revenue first.
      newcomers: ['b', 'd', 'f'],
      churners: ['b', 'f', 'c', 'h'],
      listLimit: 100,
    });
  });

  it('caps the lists, and defaults the date to the latest one whose horizon the data covers', () => {
    const capped = report(data(), 'newcomers_and_churners', { date: '2024-03-01', horizonDays: 30, limit: 2 }).meta;
    expect([capped?.newcomers, capped?.churners]).toEqual([['b', 'd'], ['b', 'f']]);
    // The last session_start is 03-31T00:00; minus 30 days = 03-01T00:00: the same date as above.
    const byDefault = report(data(), 'newcomers_and_churners', { horizonDays: 30 });
    expect(byDefault.meta?.date).toBe(ms('2024-03-01'));
    expect(byDefault.rows).toEqual(report(data(), 'newcomers_and_churners', { date: '2024-03-01', horizonDays: 30 }).rows);
  });

  it('says when the horizon runs past the data', () => {
    const { meta } = report(data(), 'newcomers_and_churners', { date: '2024-03-15', horizonDays: 30 });
    expect(meta).toMatchObject({ horizonEnd: ms('2024-04-14'), dataEnd: ms('2024-04-01'), horizonComplete: false });
  });

  it('takes the horizon in calendar months', () => {
    // One month: window [02-01, 03-01), horizon [03-01, 04-01).
    // Newcomers b (02-05), d (02-20) of the window's buyers a, b, d; f (01-31) is now outside it.
    // Back in March: a, d and h (03-31 is inside now) -> churners b, c, f of 6.
    const { rows, meta } = report(data(), 'newcomers_and_churners', { date: '2024-03-01', horizonMonths: 1 });
    expect(rows).toEqual([
      { group: 'newcomers', customers: 2, base: 3, rate: 2 / 3, revenue: 55, from: ms('2024-02-01'), to: ms('2024-03-01') },
      { group: 'churners', customers: 3, base: 6, rate: 0.5, revenue: 62, from: ms('2024-03-01'), to: ms('2024-04-01') },
    ]);
    expect(meta).toMatchObject({ horizon: { months: 1 }, window: [ms('2024-02-01'), ms('2024-03-01')], horizonEnd: ms('2024-04-01'), horizonComplete: true });
  });

  it('follows the filter and handles a date before any order', () => {
    // app: b only -> newcomer and churner.
    expect(report(data(), 'newcomers_and_churners', { date: '2024-03-01', horizonDays: 30 }, [isIn('dimension', ['app'])]).rows).toEqual([
      { group: 'newcomers', customers: 1, base: 1, rate: 1, revenue: 40, from: ms('2024-01-31'), to: ms('2024-03-01') },
      { group: 'churners', customers: 1, base: 1, rate: 1, revenue: 40, from: ms('2024-03-01'), to: ms('2024-03-31') },
    ]);
    expect(report(data(), 'newcomers_and_churners', { date: '2023-01-01' }).rows).toEqual([
      { group: 'newcomers', customers: 0, base: 0, rate: null, revenue: 0, from: ms('2022-07-05'), to: ms('2023-01-01') },
      { group: 'churners', customers: 0, base: 0, rate: null, revenue: 0, from: ms('2023-01-01'), to: ms('2023-06-30') },
    ]);
    expect(() => report(data(), 'newcomers_and_churners', { horizonDays: 0 })).toThrow(/horizonDays/);
  });
});
