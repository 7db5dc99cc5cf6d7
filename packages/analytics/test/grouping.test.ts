import { describe, expect, it } from 'vitest';
import type { KeyColumn } from '../src/index.js';
import { groupRows } from '../src/grouping.js';
import { buildBucketIndex, bucketOf } from '../src/time-buckets.js';
import { calendarFor } from '@clvkit/core';

const key = (name: string, codes: number[], cardinality: number): KeyColumn => ({
  name,
  kind: 'number',
  codes: Int32Array.from(codes),
  cardinality,
  value: (code) => code,
});

describe('groupRows', () => {
  it('compacts combinations of large keys to the ones that occur', () => {
    // 2001 × 2001 slots exceed the dense limit, so the second key is combined through a map.
    const a = key('a', [5, 5, 1999, 5, -1, 7], 2000);
    const b = key('b', [3, 3, 0, 4, 3, -1], 2000);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 0]);
    const g = groupRows([a, b], mask);
    // combinations: (5,3) rows 0 1; (1999,0) row 2; (5,4) row 3; (missing,3) row 4; row 5 masked out
    expect(g.count).toBe(4);
    expect(g.gid[5]).toBe(-1);
    expect(g.gid[0]).toBe(g.gid[1]);
    const groups = [0, 1, 2, 3].map((slot) => ({ codes: g.codesOf(slot), size: g.size[slot] }));
    expect(groups).toEqual(
      expect.arrayContaining([
        { codes: [5, 3], size: 2 },
        { codes: [1999, 0], size: 1 },
        { codes: [5, 4], size: 1 },
        { codes: [-1, 3], size: 1 },
      ]),
    );
  });

  it('keeps one key dense, with the missing value in the last slot', () => {
    const g = groupRows([key('a', [2, -1, 0, 2], 3)], Uint8Array.from([1, 1, 1, 0]));
    expect(g.count).toBe(4);
    expect([...g.size]).toEqual([1, 0, 1, 1]); // code 0: row 2; code 2: row 0 (row 3 masked); missing: row 1
    expect(g.codesOf(3)).toEqual([-1]);
  });
});

describe('buildBucketIndex', () => {
  it('assigns each instant to the bucket that contains it, across DST in Berlin', () => {
    const calendar = calendarFor({ timeZone: 'Europe/Berlin' });
    // 2024-03-30 23:30 local (+01:00), 03-31 01:59 (+01:00), 03-31 03:00 (+02:00, after the gap), 04-01 00:00 (+02:00)
    const values = Float64Array.from(['2024-03-30T22:30:00Z', '2024-03-31T00:59:00Z', '2024-03-31T01:00:00Z', '2024-03-31T22:00:00Z', 'x'].map((s) => Date.parse(s)));
    const days = buildBucketIndex(values, calendar, 'day');
    expect([...days.bounds]).toEqual(['2024-03-29T23:00:00Z', '2024-03-30T23:00:00Z', '2024-03-31T22:00:00Z', '2024-04-01T22:00:00Z'].map((s) => Date.parse(s)));
    expect([...days.codes]).toEqual([0, 1, 1, 2, -1]);
    const hours = buildBucketIndex(values, calendar, 'hour');
    // 03-31 02:00 local does not exist: 00:59Z (01:59 local) and 01:00Z (03:00 local) are adjacent hours
    expect(hours.codes[2] - hours.codes[1]).toBe(1);
    expect(bucketOf(days, Date.parse('2024-03-31T12:00:00Z'))).toBe(1);
    expect(bucketOf(days, Date.parse('2030-01-01T00:00:00Z'))).toBe(2);
  });

  it('refuses an absurd number of buckets', () => {
    // about 9 million hours between the years 1000 and 2024
    const values = Float64Array.from([Date.UTC(1000, 0, 1), Date.UTC(2024, 0, 1)]);
    expect(() => buildBucketIndex(values, calendarFor({}), 'hour', 'sessions.session_start')).toThrow(/sessions.session_start: \d+ hour buckets/);
  });
});
