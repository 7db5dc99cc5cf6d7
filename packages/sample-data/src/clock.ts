/**
 * The shop's clock. The generator works in "wall" milliseconds (the local wall-clock time read
 * as if it were UTC), so a day is always 24 hours and holidays fall on local dates; rows are
 * emitted as real UTC instants through `toUtc` (core's calendar, so the generator and the
 * importer agree on every DST edge).
 */
import { calendarFor } from '@clvkit/core';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The history period and the conversion from wall time to UTC instants. */
export interface PeriodClock {
  /** Wall ms of local midnight of the first day. */
  readonly startWall: number;
  /** Wall ms of local midnight after the last day (exclusive end). */
  readonly endWall: number;
  readonly days: number;
  /** UTC instant of a wall time (ambiguous times: first occurrence; gaps: after the gap). */
  toUtc(wall: number): number;
  /** Day index (0 = first day) of a wall time. */
  dayOf(wall: number): number;
  /** Wall ms of local midnight of day `day`. */
  dayStart(day: number): number;
  /** Local weekday of day `day`, 0 = Sunday. */
  weekday(day: number): number;
  /** Local calendar date `YYYY-MM-DD` of day `day`. */
  isoDate(day: number): string;
}

/** A clock for `days` days from local date `start` (`YYYY-MM-DD`) in `timeZone`. */
export function createClock(start: string, days: number, timeZone: string): PeriodClock {
  const [y, m, d] = start.split('-').map(Number);
  const startWall = Date.UTC(y, m - 1, d);
  const endWall = startWall + days * DAY;
  const toUtc = calendarFor({ timeZone }).fromWall;
  const firstWeekday = new Date(startWall).getUTCDay();
  return {
    startWall,
    endWall,
    days,
    toUtc,
    dayOf: (wall) => Math.floor((wall - startWall) / DAY),
    dayStart: (day) => startWall + day * DAY,
    weekday: (day) => (((firstWeekday + day) % 7) + 7) % 7,
    isoDate: (day) => new Date(startWall + day * DAY).toISOString().slice(0, 10),
  };
}
