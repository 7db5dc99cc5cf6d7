import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '../src/calendar.js';
import { booleanInRange, decimalInRange, timestampInRange } from '../src/range-values.js';
import { localToInstant, readBoolean, readNumber, readTimestamp } from '../src/values.js';

// The fast paths must agree with the general parsers wherever they answer, and answer for the
// shapes they are there for. Each field is embedded in other text, as in a CSV record.
const around = (field: string) => fc.tuple(fc.string({ maxLength: 3 }), fc.constant(field), fc.string({ maxLength: 3 }));

const ZONES = ['UTC', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'America/New_York', 'Asia/Kolkata'];

/** Offset of `zone` at instant `ms` straight from Intl (not from the calendar under test). */
function intlOffset(zone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant of a wall time by the "compatible" rule, computed from Intl offsets alone. */
function compatibleInstant(zone: string, local: number): number {
  const DAY = 86_400_000;
  const candidates = [intlOffset(zone, local - DAY), intlOffset(zone, local + DAY)].map((o) => local - o).filter((t) => t + intlOffset(zone, t) === local);
  if (candidates.length) return Math.min(...candidates);
  return local - intlOffset(zone, local - DAY); // in a gap: pushed forward by its length
}

describe('decimalInRange', () => {
  const decimalText = fc
    .tuple(fc.constantFrom('', '-', '+', ' ', 'x'), fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), maxLength: 18 }), fc.constantFrom('', '.', ',', 'e', '..'), fc.string({ unit: fc.constantFrom('0', '3', '7'), maxLength: 18 }), fc.constantFrom('', ' ', 'e3', '.'))
    .map((parts) => parts.join(''));

  it('is NaN or exactly readNumber, with a dot or a decimal comma (property)', () => {
    fc.assert(
      fc.property(decimalText.chain(around), fc.boolean(), ([before, field, after], comma) => {
        const text = before + field + after;
        const fast = decimalInRange(text, before.length, before.length + field.length, comma);
        if (fast === fast) expect(Object.is(fast, readNumber(field, comma))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('answers for plain decimals of up to 15 digits, exactly as Number() rounds them', () => {
    for (const field of ['0', '-0', '12.50', '.5', '5.', '+3', '999999999999999', '0.1', '123456.789012345', '-0.00000000000001']) {
      expect(Object.is(decimalInRange(field, 0, field.length, false), Number(field))).toBe(true);
    }
    expect(decimalInRange('12,5', 0, 4, true)).toBe(12.5);
    for (const field of ['', '-', '.', '1e3', ' 1', '1 ', '1,5', '1234567890123456', '0x1', '1.2.3']) expect(decimalInRange(field, 0, field.length, false)).toBeNaN();
    expect(decimalInRange('1.5', 0, 3, true)).toBeNaN(); // a dot with a decimal comma: readNumber decides
  });
});

describe('booleanInRange', () => {
  it('is -1 or exactly readBoolean (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('t', 'R', 'u', 'E', 'f', 'a', 'L', 's', 'y', 'N', 'o', '1', '0', ' ', 'x'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(word.chain(around), ([before, field, after]) => {
        const fast = booleanInRange(before + field + after, before.length, before.length + field.length);
        if (fast >= 0) expect(fast).toBe(readBoolean(field));
      }),
      { numRuns: 5000 },
    );
    for (const field of ['1', '0', 't', 'F', 'y', 'n', 'true', 'FALSE', 'Yes', 'no', 'on', 'OFF']) expect(booleanInRange(field, 0, field.length)).toBe(readBoolean(field));
  });
});

describe('timestampInRange', () => {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const shaped = fc
    .record({
      year: fc.integer({ min: 1990, max: 2040 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.integer({ min: 0, max: 61 }),
      ms: fc.integer({ min: 0, max: 999 }),
      shape: fc.integer({ min: 0, max: 4 }),
      sep: fc.constantFrom('T', ' ', 'x'),
      zone: fc.constantFrom('', 'Z', 'z', '+01:00', ' '),
    })
    .map((t) => {
      const date = `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}`;
      const time = [``, `${pad(t.hour, 2)}:${pad(t.minute, 2)}`, `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`, `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}.${pad(t.ms, 3)}`, `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}.${pad(t.ms, 3)}1`][t.shape];
      return (time ? `${date}${t.sep}${time}` : date) + t.zone;
    });

  it('is NaN or exactly readTimestamp in zones with DST, gaps and half-hour shifts (property)', () => {
    fc.assert(
      fc.property(shaped.chain(around), fc.constantFrom(...ZONES), ([before, field, after], zone) => {
        const calendar = calendarFor({ timeZone: zone });
        const fast = timestampInRange(before + field + after, before.length, before.length + field.length, calendar);
        if (fast === fast) expect(fast).toBe(readTimestamp(field, calendar));
      }),
      { numRuns: 5000 },
    );
  });

  it('answers for the common shapes, wall-clock or UTC', () => {
    const berlin = calendarFor({ timeZone: 'Europe/Berlin' });
    for (const field of ['2024-03-31', '2024-03-31 02:30', '2024-03-31T02:30:15', '2024-10-27 02:30:00.250', '2024-10-27T01:30:00Z', '2024-02-29 23:59:59']) {
      const fast = timestampInRange(field, 0, field.length, berlin);
      expect(fast).not.toBeNaN();
      expect(fast).toBe(readTimestamp(field, berlin));
    }
    // In the spring-forward gap: moved forward by the gap (03:30 CEST = 01:30Z).
    expect(new Date(timestampInRange('2024-03-31 02:30', 0, 16, berlin)).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    for (const field of ['2023-02-29', '2024-13-01', '2024-01-01 24:00', '2024-01-01Z', '2024-01-01 10:00+01:00', '20240101']) {
      expect(timestampInRange(field, 0, field.length, berlin)).toBeNaN();
    }
  });
});

describe('wall times by steady offsets', () => {
  it('localToInstant and fromWall give the compatible instant of Intl for any wall time (property)', () => {
    const HOUR = 3_600_000;
    // Hours around the transitions of 2024 and random hours over 30 years.
    const transitions = [Date.UTC(2024, 2, 31, 2), Date.UTC(2024, 9, 27, 2), Date.UTC(2024, 3, 7, 0), Date.UTC(2024, 8, 8, 0), Date.UTC(2024, 3, 7, 2), Date.UTC(2024, 9, 6, 2), Date.UTC(2024, 2, 10, 2), Date.UTC(2024, 10, 3, 1)];
    const wall = fc.oneof(
      fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -72 * 4, max: 72 * 4 })).map(([t, quarter]) => t + quarter * 15 * 60_000),
      fc.integer({ min: Date.UTC(1995, 0, 1) / HOUR, max: Date.UTC(2035, 0, 1) / HOUR }).map((h) => h * HOUR + 1800_000),
    );
    fc.assert(
      fc.property(wall, fc.constantFrom(...ZONES), (local, zone) => {
        const calendar = calendarFor({ timeZone: zone });
        const expected = compatibleInstant(zone, local);
        expect(localToInstant(local, calendar)).toBe(expected);
        expect(calendar.fromWall(local)).toBe(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('reports no steady offset on the days around a transition', () => {
    const berlin = calendarFor({ timeZone: 'Europe/Berlin' });
    expect(berlin.steadyOffset(Date.UTC(2024, 2, 31, 12))).toBeNaN();
    expect(berlin.steadyOffset(Date.UTC(2024, 2, 29, 12))).toBeNaN(); // two days before
    expect(berlin.steadyOffset(Date.UTC(2024, 2, 20, 12))).toBe(3_600_000);
    expect(berlin.steadyOffset(Date.UTC(2024, 6, 1))).toBe(7_200_000);
    expect(calendarFor({ timeZone: 'UTC' }).steadyOffset(Date.UTC(2024, 2, 31))).toBe(0);
  });
});
