/**
 * Local wall-clock arithmetic for the reference implementation, written straight on top of
 * `Intl.DateTimeFormat` so it shares no code with core's Calendar (whose offset tables and
 * bucket indexes the engine uses): if the engine buckets a row into the wrong local day, this
 * module does not make the same mistake.
 *
 * Deliberately simple: the zone's offset is read with Intl once per UTC quarter hour (every
 * IANA transition falls on a quarter hour of UTC, so the offset is constant inside one), and
 * wall times are handled as "wall ms" (the local date and time read as if it were UTC).
 */

const DAY = 86_400_000;
const QUARTER_HOUR = 900_000;

/** Calendar buckets the reference supports (hour buckets are not part of the dashboard). */
export type OracleUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** One time zone and week start, as the dataset was imported with. */
export class LocalTime {
  readonly timeZone: string;
  /** First day of the week, 0 = Sunday .. 6 = Saturday. */
  readonly weekStart: number;
  readonly #format: Intl.DateTimeFormat;
  readonly #offsets = new Map<number, number>();
  readonly #starts = new Map<OracleUnit, Map<number, number>>();

  constructor(timeZone: string, weekStart: number) {
    this.timeZone = timeZone;
    this.weekStart = weekStart;
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local time minus UTC at `ms`, read from Intl (cached per UTC quarter hour). */
  offset(ms: number): number {
    const slot = Math.floor(ms / QUARTER_HOUR);
    let offset = this.#offsets.get(slot);
    if (offset === undefined) {
      const at = slot * QUARTER_HOUR;
      const parts: Record<string, number> = {};
      for (const p of this.#format.formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - at;
      this.#offsets.set(slot, offset);
    }
    return offset;
  }

  /** The local wall-clock time of `ms` as wall ms. */
  wall(ms: number): number {
    return ms + this.offset(ms);
  }

  /**
   * The instant showing wall time `wall`: the first one when the clock shows it twice (clocks
   * set back), and for a wall time skipped by a forward jump, the instant reading the same
   * time plus the jump (what a clock set forward shows).
   */
  fromWall(wall: number): number {
    const before = this.offset(wall - DAY);
    const after = this.offset(wall + DAY);
    const candidates = [wall - Math.max(before, after), wall - Math.min(before, after)];
    for (const t of candidates) if (this.wall(t) === wall) return t;
    return wall - before;
  }

  /** Local hour of day 0..23. */
  hourOfDay(ms: number): number {
    return new Date(this.wall(ms)).getUTCHours();
  }

  /** Local day of week, 0 = Sunday .. 6 = Saturday. */
  dayOfWeek(ms: number): number {
    return new Date(this.wall(ms)).getUTCDay();
  }

  /** The instant of local midnight starting the local date (year, month 0-based, day); days may overflow. */
  midnight(year: number, month: number, day: number): number {
    return this.fromWall(Date.UTC(year, month, day));
  }

  /** Start (epoch ms) of the local bucket of `unit` holding `ms` (remembered per instant). */
  bucketStart(ms: number, unit: OracleUnit): number {
    let memo = this.#starts.get(unit);
    if (!memo) this.#starts.set(unit, (memo = new Map()));
    let start = memo.get(ms);
    if (start === undefined) memo.set(ms, (start = this.#bucketStart(ms, unit)));
    return start;
  }

  #bucketStart(ms: number, unit: OracleUnit): number {
    const w = new Date(this.wall(ms));
    const y = w.getUTCFullYear();
    const m = w.getUTCMonth();
    const d = w.getUTCDate();
    switch (unit) {
      case 'day':
        return this.midnight(y, m, d);
      case 'week':
        return this.midnight(y, m, d - ((w.getUTCDay() - this.weekStart + 7) % 7));
      case 'month':
        return this.midnight(y, m, 1);
      case 'quarter':
        return this.midnight(y, m - (m % 3), 1);
      case 'year':
        return this.midnight(y, 0, 1);
    }
  }

  /** Start of the bucket after the one starting at `start`. */
  nextBucket(start: number, unit: OracleUnit): number {
    const w = new Date(this.wall(start));
    const y = w.getUTCFullYear();
    const m = w.getUTCMonth();
    const d = w.getUTCDate();
    switch (unit) {
      case 'day':
        return this.midnight(y, m, d + 1);
      case 'week':
        return this.midnight(y, m, d + 7);
      case 'month':
        return this.midnight(y, m + 1, 1);
      case 'quarter':
        return this.midnight(y, m + 3, 1);
      case 'year':
        return this.midnight(y + 1, 0, 1);
    }
  }

  /** Local calendar days from the day of `from` to the day of `to`. */
  daysBetween(from: number, to: number): number {
    const day = (ms: number) => {
      const w = new Date(this.wall(ms));
      return Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate()) / DAY;
    };
    return day(to) - day(from);
  }

  /** The local midnight `days` calendar days after (or before, negative) the day of `ms`. */
  addDays(ms: number, days: number): number {
    const w = new Date(this.wall(ms));
    return this.midnight(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate() + days);
  }

  /**
   * `ms` moved back `months` calendar months at the same local wall time, the day of month
   * clamped to the target month's length (31 May − 3 months = 28/29 February).
   */
  monthsBack(ms: number, months: number): number {
    const wall = this.wall(ms);
    const w = new Date(wall);
    const timeOfDay = wall - Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate());
    const target = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth() - months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    const day = Math.min(w.getUTCDate(), lastDay);
    return this.fromWall(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), day) + timeOfDay);
  }
}
