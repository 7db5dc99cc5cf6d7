import type { Calendar } from './calendar.js';
import { daysFromCivil, isLeapYear, localToInstant } from './values.js';

/**
 * Fast paths of the cell parsers for a CSV field given as a range `text[a, b)`, read from the
 * characters without cutting a string. Each handles the shapes that make up almost every
 * export and gives an exact answer or "undecided" (NaN, -1); the caller then cuts the field
 * and asks the general parser in values.ts, so both paths always agree (a differential test
 * in range-values.test.ts checks it).
 */

const DAY = 86_400_000;

/** 10^k for k = 0..15, all exact doubles. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A plain decimal number (`-12.50`, `7`, `.5`, `+3.`) with at most 15 digits, or NaN when the
 * field is anything else (spaces, exponents, thousands separators, more digits, text): then
 * `readNumber` decides. The value is exact: an integer below 2^53 divided by an exact power
 * of ten is the correctly rounded double, the same as `Number(text)`. With `decimalComma`, the
 * decimal mark is `,` and any `.` is left to `readNumber`.
 */
export function decimalInRange(text: string, a: number, b: number, decimalComma: boolean): number {
  if (a >= b) return NaN;
  const mark = decimalComma ? 44 : 46;
  let i = a;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < b; i++) {
    c = text.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
    } else if (c === mark && fraction < 0) {
      fraction = digits;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || digits > 15) return NaN;
  const places = fraction < 0 ? 0 : digits - fraction;
  const value = places === 0 ? mantissa : mantissa / POW10[places];
  return negative ? -value : value;
}

/** A one-character or word boolean (`1`, `0`, `t`, `f`, `y`, `n`, true, false, yes, no, on, off; any case): 1, 0, or -1 when undecided. */
export function booleanInRange(text: string, a: number, b: number): 0 | 1 | -1 {
  const n = b - a;
  if (n === 1) {
    const c = text.charCodeAt(a);
    if (c === 49) return 1;
    if (c === 48) return 0;
    const l = c | 0x20;
    if (l === 0x74 || l === 0x79) return 1; // t, y
    if (l === 0x66 || l === 0x6e) return 0; // f, n
    return -1;
  }
  if (n < 2 || n > 5) return -1;
  const c0 = text.charCodeAt(a) | 0x20;
  const c1 = text.charCodeAt(a + 1) | 0x20;
  switch (n) {
    case 2:
      if (c0 === 0x6e && c1 === 0x6f) return 0; // no
      if (c0 === 0x6f && c1 === 0x6e) return 1; // on
      return -1;
    case 3: {
      const c2 = text.charCodeAt(a + 2) | 0x20;
      if (c0 === 0x79 && c1 === 0x65 && c2 === 0x73) return 1; // yes
      if (c0 === 0x6f && c1 === 0x66 && c2 === 0x66) return 0; // off
      return -1;
    }
    case 4:
      return c0 === 0x74 && c1 === 0x72 && (text.charCodeAt(a + 2) | 0x20) === 0x75 && (text.charCodeAt(a + 3) | 0x20) === 0x65 ? 1 : -1; // true
    default:
      return c0 === 0x66 && c1 === 0x61 && (text.charCodeAt(a + 2) | 0x20) === 0x6c && (text.charCodeAt(a + 3) | 0x20) === 0x73 && (text.charCodeAt(a + 4) | 0x20) === 0x65 ? 0 : -1; // false
  }
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// One-entry memo of the month: a file's timestamps repeat months line after line.
let memoMonth = -1;
let memoMonthDays = 0;
let memoMonthLength = 0;

function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1e6;
}

/**
 * The instant of `YYYY-MM-DD`, `YYYY-MM-DD HH:mm`, `YYYY-MM-DD HH:mm:ss` or
 * `YYYY-MM-DD HH:mm:ss.sss` (`T` or a space), optionally ending in `Z`, read in `calendar`'s
 * zone when there is no `Z` (the rules of `readTimestamp`); NaN when the field has another
 * shape or an invalid date (`readTimestamp` decides then).
 */
export function timestampInRange(text: string, a: number, b: number, calendar: Calendar): number {
  let n = b - a;
  if (n < 10 || n > 24) return NaN;
  let zoned = false;
  if (text.charCodeAt(b - 1) === 90) {
    // Z
    zoned = true;
    n--;
  }
  if (text.charCodeAt(a + 4) !== 45 || text.charCodeAt(a + 7) !== 45) return NaN;
  const year = ((digit(text, a) * 10 + digit(text, a + 1)) * 10 + digit(text, a + 2)) * 10 + digit(text, a + 3);
  const month = digit(text, a + 5) * 10 + digit(text, a + 6);
  const day = digit(text, a + 8) * 10 + digit(text, a + 9);
  let time = 0;
  if (n > 10) {
    const sep = text.charCodeAt(a + 10);
    if ((sep !== 84 && sep !== 32) || n < 16 || text.charCodeAt(a + 13) !== 58) return NaN;
    const hour = digit(text, a + 11) * 10 + digit(text, a + 12);
    const minute = digit(text, a + 14) * 10 + digit(text, a + 15);
    let second = 0;
    let ms = 0;
    if (n > 16) {
      if (n < 19 || text.charCodeAt(a + 16) !== 58) return NaN;
      second = digit(text, a + 17) * 10 + digit(text, a + 18);
      if (n > 19) {
        if (n !== 23 || text.charCodeAt(a + 19) !== 46) return NaN;
        ms = (digit(text, a + 20) * 10 + digit(text, a + 21)) * 10 + digit(text, a + 22);
      }
    }
    if ((hour | minute | second | ms) < 0 || hour > 23 || minute > 59 || second > 59) return NaN;
    time = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  } else if (zoned) {
    return NaN; // `YYYY-MM-DDZ` is not a shape readTimestamp knows
  }
  if ((year | month | day) < 0 || month < 1 || month > 12) return NaN;
  const key = year * 16 + month;
  if (key !== memoMonth) {
    memoMonth = key;
    memoMonthDays = daysFromCivil(year, month, 1);
    memoMonthLength = month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
  }
  if (day < 1 || day > memoMonthLength) return NaN;
  const local = (memoMonthDays + day - 1) * DAY + time;
  if (zoned) return local;
  const steady = calendar.steadyOffset(local);
  return steady === steady ? local - steady : localToInstant(local, calendar);
}
