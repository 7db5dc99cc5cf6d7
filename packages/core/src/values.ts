import type { Calendar } from './calendar.js';
import type { EpochMs } from './table.js';

/**
 * Cell parsers. They are the hot path of every import, so they do not allocate or throw:
 * each returns a plain value and a sentinel on failure (`NaN`, `-1`, `null`), and a separate
 * `*Problem` function explains a failure on the (rare) error path.
 */

const DAY = 86_400_000;

/**
 * True for an empty cell: `undefined`, `null`, `""` and whitespace-only strings. Empty cells
 * are "missing", which is different from invalid: a missing optional field takes its default,
 * a missing required field rejects the row with rule `required`.
 */
export function isMissing(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'string') return false;
  const n = value.length;
  if (n === 0) return true;
  return isSpace(value.charCodeAt(0)) && isSpace(value.charCodeAt(n - 1)) && value.trim().length === 0;
}

/** Whether a character code is one of the blanks `readString` trims (space, tab, CR, LF, no-break space, BOM). */
export function isSpace(code: number): boolean {
  return code <= 32 ? code === 32 || code === 9 || code === 10 || code === 13 : code === 160 || code === 0xfeff;
}

/**
 * A cell as a trimmed string (numbers, bigints and booleans are stringified; a whole-number
 * float such as 17850.0 reads "17850"). `null` when missing or not a scalar.
 */
export function readString(value: unknown): string | null {
  if (typeof value === 'string') {
    const n = value.length;
    if (n === 0) return null;
    if (isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(n - 1))) {
      const trimmed = value.trim();
      return trimmed.length === 0 ? null : trimmed;
    }
    return value;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return null;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_DOT_RE = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?$/;
const NON_FINITE_RE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * A number from a cell: numbers as they are, numeric strings (plain decimal or exponent
 * notation, surrounding spaces allowed). Returns `NaN` when the cell is not a finite number;
 * `numberProblem` says why. No thousands separators, except with `decimalComma`, where `,` is
 * the decimal mark and `.` is accepted only as a thousands separator in groups of three
 * ("1.234,5" = 1234.5, "1,5" = 1.5, "1.5" = 1.5, "1.500" = 1500).
 */
export function readNumber(value: unknown, decimalComma = false): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'string') {
    let text = value;
    if (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1))) text = text.trim();
    if (decimalComma && text.includes(',')) {
      text = GROUPED_DOT_RE.test(text) ? text.replace(/\./g, '').replace(',', '.') : text.replace(',', '.');
    } else if (decimalComma && GROUPED_DOT_RE.test(text)) {
      text = text.replace(/\./g, '');
    }
    if (!NUMBER_RE.test(text)) return NaN;
    const n = +text;
    return Number.isFinite(n) ? n : NaN;
  }
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isFinite(n) ? n : NaN;
  }
  return NaN;
}

/**
 * Why `readNumber` failed: `non-finite` for NaN and ±Infinity (as numbers or as text such as
 * "NaN", "inf", or "1e999"), `number` for anything else (text, booleans, objects).
 */
export function numberProblem(value: unknown, decimalComma = false): 'number' | 'non-finite' | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'non-finite';
  if (typeof value === 'string') {
    const text = value.trim();
    if (NON_FINITE_RE.test(text)) return 'non-finite';
    const plain = decimalComma ? text.replace(/\./g, '').replace(',', '.') : text;
    if (NUMBER_RE.test(plain) && !Number.isFinite(+plain)) return 'non-finite';
    return Number.isNaN(readNumber(value, decimalComma)) ? 'number' : null;
  }
  if (typeof value === 'bigint') return Number.isFinite(Number(value)) ? null : 'non-finite';
  return 'number';
}

/**
 * A boolean from a cell as 1 or 0, or -1 when it is not a boolean. Accepts booleans, the
 * numbers 1 and 0, and (case-insensitive, trimmed) true/false, t/f, yes/no, y/n, 1/0, on/off.
 */
export function readBoolean(value: unknown): 0 | 1 | -1 {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value === 1 ? 1 : value === 0 ? 0 : -1;
  if (typeof value !== 'string') return -1;
  let text = value;
  if (text.length > 5 || isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1))) text = text.trim();
  switch (text.length) {
    case 1: {
      const c = text.charCodeAt(0) | 0x20; // lower-case ASCII letters; digits unchanged
      if (c === 0x74 || c === 0x79 || text === '1') return 1; // t, y, 1
      if (c === 0x66 || c === 0x6e || text === '0') return 0; // f, n, 0
      return -1;
    }
    case 2:
      return text.toLowerCase() === 'no' ? 0 : text.toLowerCase() === 'on' ? 1 : -1;
    case 3: {
      const lower = text.toLowerCase();
      return lower === 'yes' ? 1 : lower === 'off' ? 0 : -1;
    }
    case 4:
      return text.toLowerCase() === 'true' ? 1 : -1;
    case 5:
      return text.toLowerCase() === 'false' ? 0 : -1;
    default:
      return -1;
  }
}

const ORGANIC = new Set(['-', 'none', 'null', 'nan', 'n/a']);

/**
 * A promotion id, or `null` for organic: missing cells and the tokens "-", "None", "null",
 * "NaN", "N/A" (case-insensitive) mean the order used no promotion.
 */
export function readPromotion(value: unknown): string | null {
  const text = readString(value);
  if (text === null) return null;
  if (text.length <= 4 && ORGANIC.has(text.toLowerCase())) return null;
  return text;
}

//               1 year     2 month    3 day       4 hour    5 minute      6 second     7 fraction         8 zone
const DATE_TIME_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const BASIC_DATE_RE = /^(\d{4})(\d{2})(\d{2})$/;
const EPOCH_RE = /^-?\d{9,}$/;

/**
 * An instant (epoch ms) from a cell, or `NaN` when it is not a valid timestamp. Accepts:
 * - numbers: epoch milliseconds; `Date` objects;
 * - ISO-8601 strings `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss[.fff]]` (`T` or a space), with a zone
 *   (`Z`, `+01:00`, `+0100`, `+01`) or without one;
 * - `YYYYMMDD` (ISO-8601 basic date) and strings of 9+ digits (epoch milliseconds).
 *
 * Instants outside the range of `Date` (|ms| > `MAX_INSTANT`, about ±275,000 years) are NaN.
 *
 * A timestamp without a zone is wall-clock time in `calendar`'s time zone. Wall times that
 * occur twice (clocks set back) resolve to the first occurrence; wall times that do not exist
 * (the gap when clocks go forward) are moved forward by the length of the gap, so
 * "2024-03-31 02:30" in Europe/Berlin is 03:30 CEST = 01:30Z. These are the "compatible"
 * rules of Temporal and RFC 5545, and what `Date` does for local times.
 */
export function readTimestamp(value: unknown, calendar: Calendar): EpochMs {
  if (typeof value === 'string') return inDateRange(parseTimestampText(value, calendar));
  if (typeof value === 'number') return inDateRange(value);
  if (value instanceof Date) return value.getTime();
  return NaN;
}

/** The largest instant a `Date` can hold (±100,000,000 days from 1970): beyond it no calendar works. */
export const MAX_INSTANT = 8.64e15;

// Epoch ms past the Date range (1e20, or a 20-digit id read as epoch ms) would reach the
// calendar as an instant it cannot place: rejected as not a timestamp instead (NaN also
// covers ±Infinity).
function inDateRange(ms: number): number {
  return ms >= -MAX_INSTANT && ms <= MAX_INSTANT ? ms : NaN;
}

function parseTimestampText(value: string, calendar: Calendar): EpochMs {
  const fast = parseCommonShape(value);
  if (fast === fast) return commonShapeZoned ? fast : localToInstant(fast, calendar);
  const text = value.trim();
  const m = DATE_TIME_RE.exec(text);
  if (m === null) {
    const basic = BASIC_DATE_RE.exec(text);
    if (basic !== null) return wallTime(+basic[1], +basic[2], +basic[3], 0, 0, 0, 0, calendar);
    if (EPOCH_RE.test(text)) return +text;
    return NaN;
  }
  const hour = m[4] === undefined ? 0 : +m[4];
  const minute = m[5] === undefined ? 0 : +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : Math.floor(+`0.${m[7]}` * 1000 + 1e-6);
  const zone = m[8];
  if (zone === undefined) return wallTime(+m[1], +m[2], +m[3], hour, minute, second, ms, calendar);
  const local = fieldsToMs(+m[1], +m[2], +m[3], hour, minute, second, ms);
  if (Number.isNaN(local)) return NaN;
  if (zone === 'Z' || zone === 'z') return local;
  const sign = zone.charCodeAt(0) === 45 ? -1 : 1;
  const digits = zone.replace(':', '');
  const zoneHours = +digits.slice(1, 3);
  const zoneMinutes = digits.length > 3 ? +digits.slice(3, 5) : 0;
  if (zoneHours > 23 || zoneMinutes > 59) return NaN;
  return local - sign * (zoneHours * 60 + zoneMinutes) * 60_000;
}

/** Whether the last successful `parseCommonShape` read a UTC time (trailing Z). */
let commonShapeZoned = false;

/**
 * Fast path for the shapes that make up almost every export, read with charCodeAt instead of
 * a regular expression: `YYYY-MM-DD`, `YYYY-MM-DD HH:mm`, `YYYY-MM-DD HH:mm:ss`, each with `T`
 * or a space, optionally `.sss` and/or `Z`. Returns the fields as epoch ms (UTC when the text
 * ends in Z, see `commonShapeZoned`; else wall-clock), or NaN to let the general parser decide.
 */
function parseCommonShape(text: string): number {
  const n = text.length;
  if (n < 10 || n > 24 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const year = digits4(text, 0);
  const month = digits2(text, 5);
  const day = digits2(text, 8);
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let end = 10;
  if (n > 10) {
    const sep = text.charCodeAt(10);
    if ((sep !== 84 && sep !== 32) || n < 16 || text.charCodeAt(13) !== 58) return NaN; // T, space, :
    hour = digits2(text, 11);
    minute = digits2(text, 14);
    end = 16;
    if (n > 16 && text.charCodeAt(16) === 58) {
      second = digits2(text, 17);
      end = 19;
      if (n > 19 && text.charCodeAt(19) === 46) {
        if (n < 23) return NaN;
        ms = digits2(text, 20) * 10 + digit(text, 22);
        end = 23;
      }
    }
  }
  let zoned = false;
  if (end < n) {
    if (end !== n - 1 || text.charCodeAt(end) !== 90) return NaN; // only a trailing Z here
    zoned = true;
  }
  if ((year | month | day | hour | minute | second | ms) < 0) return NaN;
  commonShapeZoned = zoned;
  return fieldsToMs(year, month, day, hour, minute, second, ms);
}

function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1e6;
}

function digits2(text: string, i: number): number {
  return digit(text, i) * 10 + digit(text, i + 1);
}

function digits4(text: string, i: number): number {
  return digits2(text, i) * 100 + digits2(text, i + 2);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of the given fields read as UTC, or NaN when a field is out of range (e.g. Feb 30). */
function fieldsToMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  if (day > MONTH_DAYS[month - 1] && !(month === 2 && day === 29 && isLeapYear(year))) return NaN;
  return daysFromCivil(year, month, day) * DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Whether `year` is a leap year of the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; no Date object). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * The instant of a wall-clock time in `calendar`'s zone (see `readTimestamp` for times that
 * occur twice or not at all). NaN when a field is out of range.
 */
export function wallTime(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, calendar: Calendar): EpochMs {
  const local = fieldsToMs(year, month, day, hour, minute, second, ms);
  if (Number.isNaN(local)) return NaN;
  return localToInstant(local, calendar);
}

/**
 * Converts "local epoch" ms (a wall time read as if it were UTC) to an instant. The offset a
 * day before and a day after bracket any transition; a candidate is valid when the zone's
 * offset at it maps back to the same wall time.
 */
export function localToInstant(local: number, calendar: Calendar): EpochMs {
  const steady = calendar.steadyOffset(local);
  if (steady === steady) return local - steady;
  const offsetBefore = calendar.offset(local - DAY);
  const offsetAfter = calendar.offset(local + DAY);
  const early = local - offsetBefore;
  if (offsetBefore === offsetAfter) {
    // No transition near: one offset, unless the zone changed twice within two days.
    if (calendar.offset(early) === offsetBefore) return early;
  }
  const late = local - offsetAfter;
  const earlyValid = early + calendar.offset(early) === local;
  const lateValid = late + calendar.offset(late) === local;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  // In a gap: keep the offset from before the transition, which lands after it, pushed
  // forward by the gap's length.
  return early;
}
