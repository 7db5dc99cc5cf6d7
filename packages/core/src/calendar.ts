import type { EpochMs, TimeOptions } from './table.js';

/** Calendar buckets. */
export type TimeUnit = 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Time-zone transitions fall on quarter hours of UTC in every IANA zone. */
const OFFSET_SLOT = 15 * MINUTE;
/** Days of offsets per lazily allocated table chunk. */
const DAYS_PER_CHUNK = 256;

/**
 * Buckets instants in one IANA time zone with a configured first day of the week. All
 * results are UTC instants (epoch ms) of local bucket starts, so they sort, subtract and
 * serialise like any timestamp. DST is handled: a local day may be 23 or 25 hours long, and
 * where local midnight does not exist the day starts at the first instant after the gap.
 */
export interface Calendar extends TimeOptions {
  /** Local time minus UTC at `ms`, in milliseconds. */
  offset(ms: EpochMs): number;
  /** Start of the bucket of `unit` that contains `ms`. */
  floor(ms: EpochMs, unit: TimeUnit): EpochMs;
  /** Start of the bucket `n` buckets after the one containing `ms` (n may be negative). */
  add(ms: EpochMs, unit: TimeUnit, n: number): EpochMs;
  /** Whole buckets from the bucket of `from` to the bucket of `to` (negative when `to` is earlier). */
  diff(from: EpochMs, to: EpochMs, unit: TimeUnit): number;
  /** Local hour of day, 0..23. */
  hourOfDay(ms: EpochMs): number;
  /** Local day of week, 0 = Sunday .. 6 = Saturday. */
  dayOfWeek(ms: EpochMs): number;
  /** Local calendar date `YYYY-MM-DD` of `ms`. */
  isoDate(ms: EpochMs): string;
  /** Label of the bucket containing `ms`: `YYYY-MM-DD` (its first local day), or `YYYY-MM-DDTHH:00` for hours. */
  label(ms: EpochMs, unit: TimeUnit): string;
  /** The instant of local midnight starting calendar date `isoDate` (`YYYY-MM-DD`). */
  parseDate(isoDate: string): EpochMs;
  /**
   * The UTC instant of a local wall-clock time given as "wall ms" (the wall time read as if
   * it were UTC, e.g. `Date.UTC(2024, 2, 31, 2, 30)` for 02:30 on 31 March). Ambiguous times
   * (clocks set back) give the first occurrence; times in a gap (clocks set forward) are
   * moved forward by the gap's length.
   */
  fromWall(wall: number): EpochMs;
  /** The local wall-clock time of `ms` as "wall ms" (inverse of `fromWall`). */
  toWall(ms: EpochMs): number;
  /**
   * The offset that holds for every wall time of the local day of `wall` ("wall ms", as for
   * `fromWall`) because no transition is within two days of it, so `wall - offset` is its
   * instant; NaN near a transition (use `fromWall`). Cached per day: converting millions of
   * wall times costs a lookup each.
   */
  steadyOffset(wall: number): number;
}

/** Default time options: UTC, weeks starting on Monday. */
export const DEFAULT_TIME: TimeOptions = Object.freeze({ timeZone: 'UTC', weekStart: 1 });

/** Throws a `RangeError` naming the option when the zone or week start is invalid. */
export function validateTimeOptions(options: Partial<TimeOptions>): TimeOptions {
  const timeZone = options.timeZone ?? DEFAULT_TIME.timeZone;
  const weekStart = options.weekStart ?? DEFAULT_TIME.weekStart;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(`timeZone: "${timeZone}" is not an IANA time zone this runtime knows (e.g. "Europe/Berlin", "UTC")`);
  }
  if (!Number.isInteger(weekStart) || weekStart < 0 || weekStart > 6) {
    throw new RangeError(`weekStart: must be an integer 0 (Sunday) .. 6 (Saturday), got ${String(weekStart)}`);
  }
  return { timeZone, weekStart };
}

const calendars = new Map<string, Calendar>();

/** The calendar for these options (cached: calendars are immutable and hold an offset cache). */
export function calendarFor(options: Partial<TimeOptions> = {}): Calendar {
  const { timeZone, weekStart } = validateTimeOptions(options);
  const key = `${timeZone}|${weekStart}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = createCalendar(timeZone, weekStart);
    calendars.set(key, calendar);
  }
  return calendar;
}

function createCalendar(timeZone: string, weekStart: number): Calendar {
  const fixedUtc = timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'GMT';
  const formatter = fixedUtc
    ? null
    : new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
  // Offsets per UTC day, filled lazily into typed-array chunks: for each day the offset at its
  // start, the instant of a transition inside it (Infinity when none), and the offset after.
  // Timestamps arrive roughly in time order, so the last chunk is kept at hand.
  const chunks = new Map<number, Float64Array>();
  let lastChunkIndex = Number.NaN;
  let lastChunk: Float64Array = new Float64Array(0);

  function computeOffset(ms: number): number {
    const parts = formatter!.formatToParts(new Date(ms));
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    for (const p of parts) {
      switch (p.type) {
        case 'year': y = +p.value; break;
        case 'month': mo = +p.value; break;
        case 'day': d = +p.value; break;
        case 'hour': h = +p.value; break;
        case 'minute': mi = +p.value; break;
        case 'second': s = +p.value; break;
      }
    }
    const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
    return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
  }

  function fillDay(chunk: Float64Array, j: number, day: number): void {
    const start = day * DAY;
    const before = computeOffset(start);
    const after = computeOffset(start + DAY);
    chunk[j] = before;
    chunk[j + 2] = after;
    if (before === after) {
      chunk[j + 1] = Infinity;
      return;
    }
    // One transition in the day (true of every IANA zone): find its quarter hour by bisection.
    let lo = 0;
    let hi = DAY / OFFSET_SLOT;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (computeOffset(start + mid * OFFSET_SLOT) === before) lo = mid;
      else hi = mid;
    }
    chunk[j + 1] = start + hi * OFFSET_SLOT;
  }

  /** The chunk holding UTC day `day`, its entry filled (entry at `3 * (day mod DAYS_PER_CHUNK)`). */
  function dayChunk(day: number): Float64Array {
    const chunkIndex = Math.floor(day / DAYS_PER_CHUNK);
    let chunk = lastChunk;
    if (chunkIndex !== lastChunkIndex) {
      let found = chunks.get(chunkIndex);
      if (!found) chunks.set(chunkIndex, (found = new Float64Array(3 * DAYS_PER_CHUNK).fill(Number.NaN)));
      chunk = lastChunk = found;
      lastChunkIndex = chunkIndex;
    }
    const j = 3 * (day - chunkIndex * DAYS_PER_CHUNK);
    if (Number.isNaN(chunk[j])) fillDay(chunk, j, day);
    return chunk;
  }

  function offset(ms: number): number {
    if (fixedUtc) return 0;
    const day = Math.floor(ms / DAY);
    const chunk = dayChunk(day);
    const j = 3 * (day - Math.floor(day / DAYS_PER_CHUNK) * DAYS_PER_CHUNK);
    return ms < chunk[j + 1] ? chunk[j] : chunk[j + 2];
  }

  // Per local day: the offset when it is the same from two days before to three days after
  // (then every wall time of the day, a day either side of it and its instant see that one
  // offset), else NaN; Infinity = not computed yet.
  const steadyChunks = new Map<number, Float64Array>();
  let lastSteadyIndex = Number.NaN;
  let lastSteady: Float64Array = new Float64Array(0);

  function steadyOffset(wall: number): number {
    if (fixedUtc) return 0;
    const day = Math.floor(wall / DAY);
    const chunkIndex = Math.floor(day / DAYS_PER_CHUNK);
    let chunk = lastSteady;
    if (chunkIndex !== lastSteadyIndex) {
      let found = steadyChunks.get(chunkIndex);
      if (!found) steadyChunks.set(chunkIndex, (found = new Float64Array(DAYS_PER_CHUNK).fill(Infinity)));
      chunk = lastSteady = found;
      lastSteadyIndex = chunkIndex;
    }
    const j = day - chunkIndex * DAYS_PER_CHUNK;
    let value = chunk[j];
    if (value === Infinity) {
      value = offset((day - 2) * DAY);
      for (let d = day - 2; d < day + 3; d++) {
        const entries = dayChunk(d);
        const k = 3 * (d - Math.floor(d / DAYS_PER_CHUNK) * DAYS_PER_CHUNK);
        if (entries[k] !== value || entries[k + 1] !== Infinity) {
          value = Number.NaN;
          break;
        }
      }
      chunk[j] = value;
    }
    return value;
  }

  /**
   * UTC instant of a local wall-clock time given as "local epoch" ms (the wall time read as
   * if it were UTC). Ambiguous times (clocks set back) resolve to the first occurrence;
   * times in a gap (clocks set forward) resolve to the instant the gap ends.
   */
  function fromLocal(local: number): number {
    if (fixedUtc) return local;
    const steady = steadyOffset(local);
    if (steady === steady) return local - steady;
    const before = local - offset(local - DAY);
    const after = local - offset(local + DAY);
    const beforeValid = before + offset(before) === local;
    const afterValid = after + offset(after) === local;
    if (beforeValid && afterValid) return Math.min(before, after);
    if (beforeValid) return before;
    if (afterValid) return after;
    return Math.max(before, after);
  }

  const toLocal = (ms: number) => ms + offset(ms);

  function localFloor(local: number, unit: TimeUnit): number {
    const dayStart = local - mod(local, DAY);
    switch (unit) {
      case 'hour':
        return local - mod(local, HOUR);
      case 'day':
        return dayStart;
      case 'week': {
        const dow = new Date(dayStart).getUTCDay();
        return dayStart - mod(dow - weekStart, 7) * DAY;
      }
      case 'month': {
        const d = new Date(dayStart);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      }
      case 'quarter': {
        const d = new Date(dayStart);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1);
      }
      case 'year':
        return Date.UTC(new Date(dayStart).getUTCFullYear(), 0, 1);
      default:
        throw new RangeError(`unit: expected hour, day, week, month, quarter or year, got ${String(unit)}`);
    }
  }

  function localAdd(localStart: number, unit: TimeUnit, n: number): number {
    switch (unit) {
      case 'hour':
        return localStart + n * HOUR;
      case 'day':
        return localStart + n * DAY;
      case 'week':
        return localStart + n * 7 * DAY;
      case 'month':
      case 'quarter':
      case 'year': {
        const months = unit === 'month' ? n : unit === 'quarter' ? 3 * n : 12 * n;
        const d = new Date(localStart);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
      }
      default:
        throw new RangeError(`unit: expected hour, day, week, month, quarter or year, got ${String(unit)}`);
    }
  }

  const calendar: Calendar = {
    timeZone,
    weekStart,
    offset,
    floor(ms, unit) {
      if (unit === 'hour') {
        // Hours are absolute except in zones with fractional-hour offsets: drop the minutes past
        // the local hour. (Going through fromLocal would send the repeated hour of a
        // fall-back night to its first occurrence, merging two hours into one bucket.)
        return ms - mod(toLocal(ms), HOUR);
      }
      return fromLocal(localFloor(toLocal(ms), unit));
    },
    add(ms, unit, n) {
      if (unit === 'hour') return calendar.floor(ms, 'hour') + n * HOUR;
      return fromLocal(localAdd(localFloor(toLocal(ms), unit), unit, n));
    },
    diff(from, to, unit) {
      const a = localFloor(toLocal(from), unit);
      const b = localFloor(toLocal(to), unit);
      switch (unit) {
        case 'hour':
          return Math.round((calendar.floor(to, 'hour') - calendar.floor(from, 'hour')) / HOUR);
        case 'day':
          return Math.round((b - a) / DAY);
        case 'week':
          return Math.round((b - a) / (7 * DAY));
        default: {
          const da = new Date(a), db = new Date(b);
          const months = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
          return unit === 'month' ? months : unit === 'quarter' ? Math.trunc(months / 3) : Math.trunc(months / 12);
        }
      }
    },
    hourOfDay(ms) {
      return Math.floor(mod(toLocal(ms), DAY) / HOUR);
    },
    dayOfWeek(ms) {
      return new Date(toLocal(ms) - mod(toLocal(ms), DAY)).getUTCDay();
    },
    isoDate(ms) {
      return new Date(toLocal(ms)).toISOString().slice(0, 10);
    },
    label(ms, unit) {
      const local = localFloor(toLocal(ms), unit);
      const iso = new Date(local).toISOString();
      return unit === 'hour' ? iso.slice(0, 13) + ':00' : iso.slice(0, 10);
    },
    fromWall: fromLocal,
    toWall: toLocal,
    steadyOffset,
    parseDate(isoDate) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
      if (!m) throw new RangeError(`date: expected YYYY-MM-DD, got "${isoDate}"`);
      return fromLocal(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    },
  };
  return calendar;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
