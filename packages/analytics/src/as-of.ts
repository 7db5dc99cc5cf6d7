import { localToInstant, readTimestamp, type Calendar } from '@clvkit/core';
import { calendarFor } from '@clvkit/core';
import { periodOf, type Period } from './period.js';
import type { AnalysisContext } from './types.js';

/** One day in milliseconds (recency and gaps are measured in 24-hour days). */
export const DAY_MS = 86_400_000;

/**
 * The "now" of a customer analysis. An order counts as having happened by then when
 * `time <= asOf && time < before`.
 *
 * - `asOf` param given: that instant; `before` is +Infinity (the filter's interval on
 *   session_start is then ignored: the customer's whole history up to asOf counts).
 * - Otherwise, with an interval on session_start in the filter (a brushed date range) ending at
 *   `hi`: asOf = min(hi, last session_start of the data) and `before` = hi, so the snapshot is
 *   taken at the end of the selected range with the history before it.
 * - Otherwise: the last session_start of the whole data (never the wall clock).
 */
export interface AsOf {
  readonly asOf: number;
  readonly before: number;
}

/**
 * Reads an `asOf`-like param: epoch ms (a finite number), an ISO date `YYYY-MM-DD` (the local
 * midnight that starts that date, in the dataset's time zone, so orders of that day come after
 * it), or an ISO date-time (with a zone, or wall-clock time in the dataset's zone).
 * @returns undefined when absent.
 * @throws TypeError naming the analysis and param.
 */
export function readInstant(analysis: string, name: string, value: unknown, calendar: Calendar): number | undefined {
  if (value === undefined) return undefined;
  let ms = Number.NaN;
  if (typeof value === 'number') ms = Number.isFinite(value) ? value : Number.NaN;
  else if (typeof value === 'string') {
    ms = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? safeParseDate(calendar, value.trim()) : readTimestamp(value, calendar);
  }
  if (!Number.isFinite(ms)) {
    throw new TypeError(`${analysis}: params.${name} must be an ISO date ("2025-03-31"), an ISO date-time or epoch milliseconds, got ${JSON.stringify(value)}`);
  }
  return ms;
}

function safeParseDate(calendar: Calendar, iso: string): number {
  try {
    return calendar.parseDate(iso);
  } catch {
    return Number.NaN;
  }
}

/** The raw `asOf` parameter as an analysis keeps it: an ISO date, an ISO date-time, or epoch ms. */
export type AsOfParam = string | number | undefined;

const UTC = calendarFor({});

/**
 * Validates an `asOf` parameter when an analysis reads its params (before it has a dataset):
 * a finite number (epoch ms), an ISO date `YYYY-MM-DD` or an ISO date-time. It is turned into
 * an instant in the dataset's zone by `asOfInstant` when the analysis runs.
 * @throws TypeError naming the analysis and the parameter.
 */
export function readAsOf(analysis: string, raw: Readonly<Record<string, unknown>> | undefined): AsOfParam {
  const value = raw?.asOf;
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && Number.isFinite(readTimestamp(value.trim(), UTC))) return value.trim();
  throw new TypeError(`${analysis}: params.asOf must be an ISO date ("2025-03-01"), an ISO date-time or epoch ms, got ${JSON.stringify(value)}`);
}

/**
 * The "now" (epoch ms) of an analysis that validated its param with `readAsOf`: the param read
 * in the dataset's zone, else the default of `resolveAsOf`; null without session times.
 */
export function asOfInstant(context: AnalysisContext, analysis: string, asOf: AsOfParam): number | null {
  return resolveAsOf(context, periodOf(context), readInstant(analysis, 'asOf', asOf, context.calendar))?.asOf ?? null;
}

/** The as-of instant of `context` (see `AsOf`); null when the dataset has no session times. */
export function resolveAsOf(context: AnalysisContext, period: Period, explicit: number | undefined): AsOf | null {
  if (explicit !== undefined) return { asOf: explicit, before: Infinity };
  const extent = context.derived.sessionStartExtent();
  if (!extent) return null;
  if (period.fromFilter && period.range) {
    const hi = period.range[1];
    return { asOf: Math.min(hi, extent[1]), before: hi };
  }
  return { asOf: extent[1], before: Infinity };
}

/** A length of time given in whole days or calendar months. */
export interface Span {
  readonly unit: 'days' | 'months';
  readonly count: number;
}

/**
 * `ms` moved back by `span` in local time of `calendar`: the same wall-clock time `count` days
 * or calendar months earlier (a month shift keeps the day of month, clamped to the month's
 * length: 31 May minus 3 months is 28/29 February). DST does not shift the wall clock.
 */
export function shiftBack(ms: number, span: Span, calendar: Calendar): number {
  return shiftBy(ms, span, -1, calendar);
}

/** `ms` moved forward by `span` in local time (see `shiftBack`). */
export function shiftForward(ms: number, span: Span, calendar: Calendar): number {
  return shiftBy(ms, span, 1, calendar);
}

function shiftBy(ms: number, span: Span, sign: 1 | -1, calendar: Calendar): number {
  if (!Number.isFinite(ms)) return ms;
  const local = ms + calendar.offset(ms);
  if (span.unit === 'days') return localToInstant(local + sign * span.count * DAY_MS, calendar);
  const date = new Date(local);
  const timeOfDay = local - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() + sign * span.count;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return localToInstant(Date.UTC(year, month, day) + timeOfDay, calendar);
}

/** "3 months", "90 days". */
export function describeSpan(span: Span): string {
  return `${span.count} ${span.count === 1 ? span.unit.slice(0, -1) : span.unit}`;
}

/**
 * Reads a span given as `<name>Days` or `<name>Months` (not both): a positive integer.
 * @returns `fallback` when neither is given.
 */
export function readSpan(analysis: string, raw: Readonly<Record<string, unknown>>, name: string, fallback: Span): Span {
  const days = raw[`${name}Days`];
  const months = raw[`${name}Months`];
  if (days !== undefined && months !== undefined) {
    throw new TypeError(`${analysis}: give params.${name}Days or params.${name}Months, not both`);
  }
  const check = (key: string, value: unknown, max: number): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
      throw new TypeError(`${analysis}: params.${key} must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  if (days !== undefined) return { unit: 'days', count: check(`${name}Days`, days, 36_600) };
  if (months !== undefined) return { unit: 'months', count: check(`${name}Months`, months, 1_200) };
  return fallback;
}

/** The params a span named `name` accepts. */
export function spanParams(name: string): string[] {
  return [`${name}Days`, `${name}Months`];
}
