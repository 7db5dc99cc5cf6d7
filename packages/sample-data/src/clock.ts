/**
 * The shop's clock. The generator works in "wall" milliseconds (the local wall-clock time read
 * as if it were UTC), so a day is always 24 hours and holidays fall on local dates; rows are
 * emitted as real UTC instants through `toUtc`.
 */

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
  const toUtc = wallToUtcConverter(timeZone, startWall - 2 * DAY, endWall + 40 * DAY);
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

/**
 * Wall -> UTC for one zone. The offsets over the period are found once (one Intl call per day,
 * a bisection at each transition), so converting millions of timestamps costs a short scan.
 */
function wallToUtcConverter(timeZone: string, fromWall: number, toWall: number): (wall: number) => number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'GMT') return (wall) => wall;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (utc: number): number => {
    const f: Record<string, number> = {};
    for (const part of formatter.formatToParts(new Date(utc))) f[part.type] = Number(part.value);
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(utc / 1000) * 1000;
  };
  // Transition instants (UTC) and the offset in force from each one on.
  const starts: number[] = [fromWall - 2 * DAY];
  const offsets: number[] = [offsetAt(fromWall - 2 * DAY)];
  for (let t = fromWall - DAY; t <= toWall + 2 * DAY; t += DAY) {
    const offset = offsetAt(t);
    if (offset === offsets[offsets.length - 1]) continue;
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > MINUTE) {
      const mid = Math.floor((lo + hi) / 2 / MINUTE) * MINUTE;
      if (offsetAt(mid) === offset) hi = mid;
      else lo = mid;
    }
    starts.push(hi);
    offsets.push(offset);
  }
  const offsetOf = (utc: number): number => {
    let k = starts.length - 1;
    while (k > 0 && utc < starts[k]) k--;
    return offsets[k];
  };
  return (wall) => {
    const before = wall - offsetOf(wall - DAY);
    const after = wall - offsetOf(wall + DAY);
    const beforeValid = before + offsetOf(before) === wall;
    const afterValid = after + offsetOf(after) === wall;
    if (beforeValid && afterValid) return Math.min(before, after);
    if (beforeValid) return before;
    if (afterValid) return after;
    return Math.max(before, after);
  };
}
