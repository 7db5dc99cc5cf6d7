import { describe, expect, it } from 'vitest';
import { calendarFor } from '../src/calendar.js';
import { isMissing, numberProblem, readBoolean, readNumber, readPromotion, readString, readTimestamp, wallTime } from '../src/values.js';

const utc = calendarFor({ timeZone: 'UTC' });
const berlin = calendarFor({ timeZone: 'Europe/Berlin' });
const santiago = calendarFor({ timeZone: 'America/Santiago' });
const iso = (ms: number) => new Date(ms).toISOString();

describe('isMissing / readString', () => {
  it('treats undefined, null, empty and blank strings as missing, nothing else', () => {
    for (const v of [undefined, null, '', '   ', '\t', ' \u00a0 ']) expect(isMissing(v)).toBe(true);
    for (const v of [0, false, 'x', ' x ', NaN, '0']) expect(isMissing(v)).toBe(false);
  });

  it('trims text and stringifies scalars', () => {
    expect(readString('  abc ')).toBe('abc');
    expect(readString('abc')).toBe('abc');
    expect(readString(17850)).toBe('17850');
    expect(readString(17850.0)).toBe('17850');
    expect(readString(12n)).toBe('12');
    expect(readString(true)).toBe('true');
    expect(readString('   ')).toBeNull();
    expect(readString({})).toBeNull();
    expect(readString(NaN)).toBeNull();
  });
});

describe('readNumber', () => {
  it('reads numbers and numeric strings', () => {
    expect(readNumber(12.5)).toBe(12.5);
    expect(readNumber('12.5')).toBe(12.5);
    expect(readNumber(' -3 ')).toBe(-3);
    expect(readNumber('+4')).toBe(4);
    expect(readNumber('.5')).toBe(0.5);
    expect(readNumber('1e3')).toBe(1000);
    expect(readNumber('2.5E-1')).toBe(0.25);
    expect(readNumber(7n)).toBe(7);
  });

  it('rejects text with rule "number"', () => {
    for (const v of ['abc', '12abc', '$12', '1,5', '0x10', '1 000', true, {}, []]) {
      expect(readNumber(v)).toBeNaN();
      expect(numberProblem(v)).toBe('number');
    }
  });

  it('rejects NaN and Infinity, as numbers or as text, with rule "non-finite"', () => {
    for (const v of [NaN, Infinity, -Infinity, 'NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e999']) {
      expect(readNumber(v)).toBeNaN();
      expect(numberProblem(v)).toBe('non-finite');
    }
  });

  it('reads decimal commas only when asked', () => {
    expect(readNumber('12,50')).toBeNaN();
    expect(readNumber('12,50', true)).toBe(12.5);
    expect(readNumber('1.234,5', true)).toBe(1234.5);
    expect(readNumber('1.234.567,25', true)).toBe(1234567.25);
    // "." is a thousands separator only in groups of three; otherwise it is the decimal point.
    expect(readNumber('1.500', true)).toBe(1500);
    expect(readNumber('1.5', true)).toBe(1.5);
    expect(readNumber('-0,75', true)).toBe(-0.75);
    expect(readNumber('1,2,3', true)).toBeNaN();
    expect(numberProblem('1,2,3', true)).toBe('number');
    expect(numberProblem('12,5', true)).toBeNull();
  });
});

describe('readBoolean', () => {
  it('accepts the usual spellings, case-insensitive', () => {
    for (const v of [true, 1, '1', 'true', 'True', 'TRUE', 't', 'T', 'yes', 'Yes', 'y', 'Y', ' true ', 'on']) expect(readBoolean(v)).toBe(1);
    for (const v of [false, 0, '0', 'false', 'False', 'FALSE', 'f', 'F', 'no', 'NO', 'n', 'N', ' no', 'off']) expect(readBoolean(v)).toBe(0);
  });

  it('returns -1 for anything else', () => {
    for (const v of [2, -1, 0.5, 'maybe', 'x', 'tru', 'yess', '', null, {}, '10']) expect(readBoolean(v)).toBe(-1);
  });
});

describe('readPromotion', () => {
  it('maps the organic tokens to null and keeps real ids', () => {
    for (const v of [undefined, null, '', ' ', '-', 'None', 'none', 'NONE', 'null', 'NaN', 'N/A']) expect(readPromotion(v)).toBeNull();
    expect(readPromotion('SUMMER10')).toBe('SUMMER10');
    expect(readPromotion(' p1 ')).toBe('p1');
    expect(readPromotion(42)).toBe('42');
    expect(readPromotion('Nonexistent')).toBe('Nonexistent');
  });
});

describe('readTimestamp', () => {
  it('reads zoned ISO-8601 as the instant it names', () => {
    expect(readTimestamp('2024-03-05T10:20:30Z', berlin)).toBe(Date.UTC(2024, 2, 5, 10, 20, 30));
    expect(readTimestamp('2024-03-05T10:20:30.123Z', utc)).toBe(Date.UTC(2024, 2, 5, 10, 20, 30, 123));
    // +01:00 means 10:20 local is 09:20 UTC.
    expect(readTimestamp('2024-03-05T10:20:00+01:00', utc)).toBe(Date.UTC(2024, 2, 5, 9, 20));
    expect(readTimestamp('2024-03-05T10:20:00-0530', utc)).toBe(Date.UTC(2024, 2, 5, 15, 50));
    expect(readTimestamp('2024-03-05T10:20:00+02', utc)).toBe(Date.UTC(2024, 2, 5, 8, 20));
    expect(readTimestamp('2024-03-05T10:20:30.5+00:00', utc)).toBe(Date.UTC(2024, 2, 5, 10, 20, 30, 500));
  });

  it('reads timestamps without a zone as wall time in the calendar zone', () => {
    expect(readTimestamp('2024-03-05 10:20:30', utc)).toBe(Date.UTC(2024, 2, 5, 10, 20, 30));
    expect(readTimestamp('2024-03-05T10:20', utc)).toBe(Date.UTC(2024, 2, 5, 10, 20));
    expect(readTimestamp('2024-03-05', utc)).toBe(Date.UTC(2024, 2, 5));
    // Berlin is UTC+1 in winter and UTC+2 in summer.
    expect(readTimestamp('2024-01-15 10:00', berlin)).toBe(Date.UTC(2024, 0, 15, 9));
    expect(readTimestamp('2024-07-15 10:00:00', berlin)).toBe(Date.UTC(2024, 6, 15, 8));
    expect(readTimestamp('2024-07-15', berlin)).toBe(Date.UTC(2024, 6, 14, 22));
    // A zone in the text wins over the calendar.
    expect(readTimestamp('2024-07-15T10:00:00Z', berlin)).toBe(Date.UTC(2024, 6, 15, 10));
  });

  it('moves a wall time in the spring-forward gap forward by the gap (Europe/Berlin 2024-03-31 02:00 -> 03:00)', () => {
    // 02:30 does not exist; it reads as 03:30 CEST (UTC+2) = 01:30 UTC.
    expect(iso(readTimestamp('2024-03-31 02:30', berlin))).toBe('2024-03-31T01:30:00.000Z');
    // Just before and after the gap.
    expect(iso(readTimestamp('2024-03-31 01:59', berlin))).toBe('2024-03-31T00:59:00.000Z');
    expect(iso(readTimestamp('2024-03-31 03:00', berlin))).toBe('2024-03-31T01:00:00.000Z');
  });

  it('resolves a repeated wall time (fall back) to its first occurrence', () => {
    // 2024-10-27 02:30 happens at 00:30Z (CEST) and 01:30Z (CET); the first is taken.
    expect(iso(readTimestamp('2024-10-27 02:30', berlin))).toBe('2024-10-27T00:30:00.000Z');
    expect(iso(readTimestamp('2024-10-27 03:30', berlin))).toBe('2024-10-27T02:30:00.000Z');
  });

  it('handles a gap at midnight (America/Santiago 2024-09-08 00:00 -> 01:00)', () => {
    // Local midnight does not exist: 00:00 reads as 01:00 -03 = 04:00 UTC, like the calendar's day start.
    expect(iso(readTimestamp('2024-09-08', santiago))).toBe('2024-09-08T04:00:00.000Z');
    expect(readTimestamp('2024-09-08', santiago)).toBe(santiago.parseDate('2024-09-08'));
    expect(iso(readTimestamp('2024-09-08 00:30', santiago))).toBe('2024-09-08T04:30:00.000Z');
    expect(iso(readTimestamp('2024-09-07 23:30', santiago))).toBe('2024-09-08T03:30:00.000Z');
  });

  it('accepts Date objects, epoch milliseconds, basic dates and digit strings', () => {
    expect(readTimestamp(new Date(Date.UTC(2024, 0, 2)), berlin)).toBe(Date.UTC(2024, 0, 2));
    expect(readTimestamp(1_700_000_000_000, berlin)).toBe(1_700_000_000_000);
    expect(readTimestamp('1700000000000', utc)).toBe(1_700_000_000_000);
    expect(readTimestamp('19970101', utc)).toBe(Date.UTC(1997, 0, 1));
    expect(readTimestamp('2024-3-5 8:26', utc)).toBe(Date.UTC(2024, 2, 5, 8, 26));
  });

  it('rejects what it cannot read', () => {
    for (const v of ['yesterday', '2024-13-01', '2024-02-30', '2023-02-29', '2024-01-01 25:00', '2024-01-01T10:61', '12/01/2010 08:26', '2024-01-01X', '', new Date(NaN), NaN, Infinity, {}, true]) {
      expect(readTimestamp(v, utc)).toBeNaN();
    }
    expect(readTimestamp('2024-02-29', utc)).toBe(Date.UTC(2024, 1, 29));
    expect(readTimestamp('2000-02-29', utc)).toBe(Date.UTC(2000, 1, 29));
    expect(readTimestamp('1900-02-29', utc)).toBeNaN();
  });

  it('agrees with Date.UTC on dates far apart (fast path arithmetic)', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1969, 12, 31], [1600, 3, 1], [2000, 3, 1], [2099, 12, 31], [2400, 2, 29]]) {
      const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} 13:14:15`;
      expect(readTimestamp(text, utc)).toBe(Date.UTC(y, m - 1, d, 13, 14, 15));
    }
  });

  it('wallTime builds instants from fields', () => {
    expect(wallTime(2024, 7, 15, 10, 0, 0, 0, berlin)).toBe(Date.UTC(2024, 6, 15, 8));
    expect(wallTime(2024, 2, 30, 0, 0, 0, 0, berlin)).toBeNaN();
  });
});
