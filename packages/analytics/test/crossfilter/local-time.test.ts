import { describe, expect, it } from 'vitest';
import { LocalTime } from './local-time.js';

/** The reference's own clock, checked on hand-computed instants (the comparison trusts it). */

const at = (iso: string) => Date.parse(iso);

describe('LocalTime (reference clock)', () => {
  const berlin = new LocalTime('Europe/Berlin', 1);

  it('starts local days at local midnight across both DST changes', () => {
    // 30 March 2025: 02:00 CET -> 03:00 CEST, a 23-hour day; 26 October: a 25-hour day.
    expect(berlin.bucketStart(at('2025-03-30T12:00:00Z'), 'day')).toBe(at('2025-03-29T23:00:00Z'));
    expect(berlin.nextBucket(at('2025-03-29T23:00:00Z'), 'day')).toBe(at('2025-03-30T22:00:00Z'));
    expect(berlin.bucketStart(at('2025-10-26T12:00:00Z'), 'day')).toBe(at('2025-10-25T22:00:00Z'));
    expect(berlin.addDays(at('2025-10-26T12:00:00Z'), 1)).toBe(at('2025-10-26T23:00:00Z'));
    // 23:30 UTC on 29 March is already 30 March in Berlin.
    expect(berlin.bucketStart(at('2025-03-29T23:30:00Z'), 'day')).toBe(at('2025-03-29T23:00:00Z'));
    expect(berlin.daysBetween(at('2025-03-29T23:00:00Z'), at('2025-04-01T22:00:00Z'))).toBe(3);
  });

  it('reads hours and weekdays on the local clock', () => {
    expect(berlin.hourOfDay(at('2025-03-30T01:30:00Z'))).toBe(3);
    expect(berlin.hourOfDay(at('2025-03-30T00:30:00Z'))).toBe(1);
    expect(berlin.dayOfWeek(at('2025-03-29T23:30:00Z'))).toBe(0); // Sunday 30 March
  });

  it('starts weeks on the configured weekday and months on the 1st', () => {
    expect(berlin.bucketStart(at('2025-03-30T12:00:00Z'), 'week')).toBe(at('2025-03-23T23:00:00Z')); // Monday 24 March
    expect(new LocalTime('Europe/Berlin', 0).bucketStart(at('2025-03-30T12:00:00Z'), 'week')).toBe(at('2025-03-29T23:00:00Z')); // Sunday 30 March
    expect(berlin.bucketStart(at('2025-03-31T22:30:00Z'), 'month')).toBe(at('2025-03-31T22:00:00Z')); // 1 April, 00:30 CEST
    expect(berlin.nextBucket(at('2025-02-28T23:00:00Z'), 'month')).toBe(at('2025-03-31T22:00:00Z'));
  });

  it('turns wall times into instants: skipped times move forward, repeated ones take the first', () => {
    expect(berlin.fromWall(Date.UTC(2025, 2, 30, 2, 30))).toBe(at('2025-03-30T01:30:00Z')); // reads 03:30 CEST
    expect(berlin.fromWall(Date.UTC(2025, 9, 26, 2, 30))).toBe(at('2025-10-26T00:30:00Z')); // 02:30 CEST, not CET
  });

  it('moves back calendar months at the same wall time, clamping the day', () => {
    expect(berlin.monthsBack(at('2025-05-31T10:00:00Z'), 3)).toBe(at('2025-02-28T11:00:00Z')); // 12:00 CEST -> 12:00 CET
    expect(berlin.monthsBack(at('2025-01-15T08:00:00Z'), 6)).toBe(at('2024-07-15T07:00:00Z'));
  });

  it('handles a half-hour zone', () => {
    const kolkata = new LocalTime('Asia/Kolkata', 0);
    expect(kolkata.bucketStart(at('2025-01-01T10:00:00Z'), 'day')).toBe(at('2024-12-31T18:30:00Z'));
    expect(kolkata.hourOfDay(at('2025-01-01T18:29:00Z'))).toBe(23);
    expect(kolkata.hourOfDay(at('2025-01-01T18:30:00Z'))).toBe(0);
  });
});
