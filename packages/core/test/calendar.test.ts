import { describe, expect, it } from 'vitest';
import { calendarFor, DEFAULT_TIME, validateTimeOptions } from '../src/calendar.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);

describe('validateTimeOptions', () => {
  it('defaults to UTC and Monday', () => {
    expect(validateTimeOptions({})).toEqual({ timeZone: 'UTC', weekStart: 1 });
    expect(DEFAULT_TIME).toEqual({ timeZone: 'UTC', weekStart: 1 });
  });

  it('names the bad option', () => {
    expect(() => validateTimeOptions({ timeZone: 'Europe/Atlantis' })).toThrow(/timeZone/);
    expect(() => validateTimeOptions({ weekStart: 7 })).toThrow(/weekStart/);
    expect(() => validateTimeOptions({ weekStart: 1.5 })).toThrow(RangeError);
  });

  it('caches calendars per options', () => {
    expect(calendarFor({ timeZone: 'Europe/Berlin' })).toBe(calendarFor({ timeZone: 'Europe/Berlin', weekStart: 1 }));
    expect(calendarFor({ timeZone: 'Europe/Berlin' })).not.toBe(calendarFor({ timeZone: 'Europe/Berlin', weekStart: 0 }));
  });
});

describe('calendar in Europe/Berlin (DST)', () => {
  const berlin = calendarFor({ timeZone: 'Europe/Berlin' });

  it('has a 23-hour day when clocks go forward and a 25-hour day when they go back', () => {
    // 2024-03-31: 02:00 CET -> 03:00 CEST. The day runs 23:00Z (Mar 30) .. 22:00Z (Mar 31).
    const spring = berlin.parseDate('2024-03-31');
    expect(iso(spring)).toBe('2024-03-30T23:00:00.000Z');
    expect(berlin.add(spring, 'day', 1) - spring).toBe(23 * HOUR);
    // 2024-10-27: 03:00 CEST -> 02:00 CET. The day runs 22:00Z (Oct 26) .. 23:00Z (Oct 27).
    const autumn = berlin.parseDate('2024-10-27');
    expect(iso(autumn)).toBe('2024-10-26T22:00:00.000Z');
    expect(berlin.add(autumn, 'day', 1) - autumn).toBe(25 * HOUR);
  });

  it('floors instants to local days, weeks, months across DST', () => {
    expect(iso(berlin.floor(at('2024-03-31T12:00:00Z'), 'day'))).toBe('2024-03-30T23:00:00.000Z');
    // 23:30Z on Mar 30 is already 00:30 on Mar 31 in Berlin.
    expect(iso(berlin.floor(at('2024-03-30T23:30:00Z'), 'day'))).toBe('2024-03-30T23:00:00.000Z');
    // Week of Sunday 2024-03-31 (Monday start) began Monday 2024-03-25 00:00 CET = 03-24 23:00Z.
    expect(iso(berlin.floor(at('2024-03-31T12:00:00Z'), 'week'))).toBe('2024-03-24T23:00:00.000Z');
    expect(iso(berlin.floor(at('2024-04-15T12:00:00Z'), 'month'))).toBe('2024-03-31T22:00:00.000Z');
    expect(iso(berlin.floor(at('2024-11-15T12:00:00Z'), 'quarter'))).toBe('2024-09-30T22:00:00.000Z');
    expect(iso(berlin.floor(at('2024-11-15T12:00:00Z'), 'year'))).toBe('2023-12-31T23:00:00.000Z');
  });

  it('keeps the two 02:00 hours of the fall-back night apart', () => {
    const first = at('2024-10-27T00:30:00Z'); // 02:30 CEST
    const second = at('2024-10-27T01:30:00Z'); // 02:30 CET
    expect(iso(berlin.floor(first, 'hour'))).toBe('2024-10-27T00:00:00.000Z');
    expect(iso(berlin.floor(second, 'hour'))).toBe('2024-10-27T01:00:00.000Z');
    expect(berlin.hourOfDay(first)).toBe(2);
    expect(berlin.hourOfDay(second)).toBe(2);
    // Stepping by hour visits bucket starts that floor maps to themselves.
    const next = berlin.add(first, 'hour', 1);
    expect(berlin.floor(next, 'hour')).toBe(next);
    // 25 hour buckets on that day.
    expect(berlin.diff(berlin.parseDate('2024-10-27'), berlin.parseDate('2024-10-28'), 'hour')).toBe(25);
  });

  it('counts days by local date, not by 24-hour steps', () => {
    // 00:30 and 23:30 local on Oct 27 (a 25-hour day) are the same day.
    expect(berlin.diff(at('2024-10-26T22:30:00Z'), at('2024-10-27T22:30:00Z'), 'day')).toBe(0);
    expect(berlin.diff(berlin.parseDate('2024-03-30'), berlin.parseDate('2024-04-02'), 'day')).toBe(3);
    expect(berlin.isoDate(at('2024-03-30T23:30:00Z'))).toBe('2024-03-31');
    expect(berlin.dayOfWeek(at('2024-03-30T23:30:00Z'))).toBe(0); // Sunday
    expect(berlin.label(at('2024-03-31T10:15:00Z'), 'hour')).toBe('2024-03-31T12:00');
    expect(berlin.offset(at('2024-01-01T00:00:00Z'))).toBe(HOUR);
    expect(berlin.offset(at('2024-07-01T00:00:00Z'))).toBe(2 * HOUR);
  });
});

describe('calendar in America/Santiago (midnight gap)', () => {
  const santiago = calendarFor({ timeZone: 'America/Santiago' });

  it('starts a day without a midnight at the first instant after the gap', () => {
    // 2024-09-08 00:00 -04 does not exist: clocks jump to 01:00 -03 = 04:00Z.
    const day = santiago.parseDate('2024-09-08');
    expect(iso(day)).toBe('2024-09-08T04:00:00.000Z');
    expect(santiago.hourOfDay(day)).toBe(1);
    expect(santiago.isoDate(day)).toBe('2024-09-08');
    expect(iso(santiago.floor(at('2024-09-08T15:00:00Z'), 'day'))).toBe('2024-09-08T04:00:00.000Z');
    // Sep 7 (00:00 -04 = 04:00Z) is 24 h long; Sep 8 is 23 h (ends at 00:00 -03 = 03:00Z on Sep 9).
    expect(santiago.add(santiago.parseDate('2024-09-07'), 'day', 1) - santiago.parseDate('2024-09-07')).toBe(24 * HOUR);
    expect(iso(santiago.add(day, 'day', 1))).toBe('2024-09-09T03:00:00.000Z');
    expect(santiago.label(at('2024-09-08T15:00:00Z'), 'day')).toBe('2024-09-08');
  });
});

describe('weeks, months and quarters', () => {
  const monday = calendarFor({ weekStart: 1 });
  const sunday = calendarFor({ weekStart: 0 });

  it('puts the days around New Year in the right week for Monday and Sunday starts', () => {
    const newYear = at('2025-01-01T12:00:00Z'); // a Wednesday
    expect(iso(monday.floor(newYear, 'week'))).toBe('2024-12-30T00:00:00.000Z');
    expect(iso(sunday.floor(newYear, 'week'))).toBe('2024-12-29T00:00:00.000Z');
    const sundayBefore = at('2024-12-29T08:00:00Z');
    expect(monday.diff(sundayBefore, newYear, 'week')).toBe(1);
    expect(sunday.diff(sundayBefore, newYear, 'week')).toBe(0);
    expect(monday.label(newYear, 'week')).toBe('2024-12-30');
    expect(iso(monday.add(newYear, 'week', -1))).toBe('2024-12-23T00:00:00.000Z');
    expect(monday.diff(at('2024-12-31T00:00:00Z'), at('2025-01-06T00:00:00Z'), 'week')).toBe(1);
  });

  it('counts month, quarter and year differences by calendar bucket', () => {
    expect(monday.diff(at('2024-01-31T00:00:00Z'), at('2024-03-01T00:00:00Z'), 'month')).toBe(2);
    expect(monday.diff(at('2024-03-01T00:00:00Z'), at('2024-01-31T00:00:00Z'), 'month')).toBe(-2);
    expect(monday.diff(at('2024-03-31T00:00:00Z'), at('2024-04-01T00:00:00Z'), 'quarter')).toBe(1);
    expect(monday.diff(at('2024-01-01T00:00:00Z'), at('2024-03-31T00:00:00Z'), 'quarter')).toBe(0);
    expect(monday.diff(at('2024-04-01T00:00:00Z'), at('2024-03-31T00:00:00Z'), 'quarter')).toBe(-1);
    // Q4 2024 back to Q1 2023: 7 quarters.
    expect(monday.diff(at('2024-12-31T00:00:00Z'), at('2023-01-01T00:00:00Z'), 'quarter')).toBe(-7);
    expect(monday.diff(at('2023-12-31T00:00:00Z'), at('2024-01-01T00:00:00Z'), 'year')).toBe(1);
  });

  it('adds months and quarters from the bucket start', () => {
    expect(iso(monday.add(at('2024-01-31T00:00:00Z'), 'month', 1))).toBe('2024-02-01T00:00:00.000Z');
    expect(iso(monday.add(at('2024-11-15T00:00:00Z'), 'quarter', 1))).toBe('2025-01-01T00:00:00.000Z');
    expect(iso(monday.add(at('2024-02-29T00:00:00Z'), 'year', 1))).toBe('2025-01-01T00:00:00.000Z');
    expect(iso(monday.add(at('2024-03-15T00:00:00Z'), 'month', -3))).toBe('2023-12-01T00:00:00.000Z');
  });

  it('rejects unknown units and malformed dates', () => {
    expect(() => monday.floor(0, 'decade' as 'day')).toThrow(RangeError);
    expect(() => monday.parseDate('2024/01/01')).toThrow(RangeError);
  });
});

describe('fractional-offset zones', () => {
  it('floors hours in local time (Asia/Kolkata is UTC+5:30)', () => {
    const kolkata = calendarFor({ timeZone: 'Asia/Kolkata' });
    expect(iso(kolkata.floor(at('2024-01-01T10:10:00Z'), 'hour'))).toBe('2024-01-01T09:30:00.000Z');
    expect(kolkata.hourOfDay(at('2024-01-01T10:10:00Z'))).toBe(15);
  });
});

describe('wall-clock conversion (fromWall / toWall)', () => {
  const berlin = calendarFor({ timeZone: 'Europe/Berlin' });
  const wall = (iso: string) => Date.parse(`${iso}Z`);
  it('moves a time in the spring-forward gap forward by the gap (02:30 CET does not exist on 2024-03-31)', () => {
    // 02:30 read with the old offset (+1) is 01:30 UTC, which is 03:30 CEST.
    expect(new Date(berlin.fromWall(wall('2024-03-31T02:30:00'))).toISOString()).toBe('2024-03-31T01:30:00.000Z');
  });
  it('takes the first occurrence of a repeated fall-back time (02:30 twice on 2024-10-27)', () => {
    // First 02:30 is still CEST (+2): 00:30 UTC; the second would be 01:30 UTC.
    expect(new Date(berlin.fromWall(wall('2024-10-27T02:30:00'))).toISOString()).toBe('2024-10-27T00:30:00.000Z');
  });
  it('is the inverse of toWall away from transitions, in summer and winter', () => {
    for (const iso of ['2024-07-01T12:00:00.000Z', '2024-01-15T23:59:00.000Z']) {
      const ms = Date.parse(iso);
      expect(berlin.fromWall(berlin.toWall(ms))).toBe(ms);
    }
    // Summer: 12:00 UTC is 14:00 wall time.
    expect(new Date(berlin.toWall(Date.parse('2024-07-01T12:00:00Z'))).toISOString()).toBe('2024-07-01T14:00:00.000Z');
  });
});
