import { calendarFor, readTimestamp } from '@clvkit/core';
import { periodOf } from '../../period.js';
import type { AnalysisContext } from '../../types.js';

/** The raw `asOf` parameter: an ISO date (`YYYY-MM-DD`), an ISO date-time, or epoch ms. */
export type AsOfParam = string | number | undefined;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UTC = calendarFor({});

/**
 * Validates the `asOf` parameter of `analysis` (undefined when absent): a finite number
 * (epoch ms), an ISO date `YYYY-MM-DD` or an ISO date-time (with or without a zone).
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
 * The analysis's "now" (epoch ms), or null when the dataset has no session times. Events at or
 * before it have happened.
 * - epoch ms: as given; ISO date `YYYY-MM-DD`: the local midnight starting that date in the
 *   dataset's time zone; ISO date-time: that instant, wall-clock time in the dataset's zone
 *   when it has no zone (core's `readTimestamp`).
 * - default: the last session_start in the data; when the filter's interval on session_start
 *   ends earlier, that end (the selected range is "the world up to then"). The customers
 *   group's `resolveAsOf` uses the same rules.
 */
export function resolveAsOf(context: AnalysisContext, asOf: AsOfParam): number | null {
  if (typeof asOf === 'number') return asOf;
  if (typeof asOf === 'string') return ISO_DATE.test(asOf) ? context.calendar.parseDate(asOf) : readTimestamp(asOf, context.calendar);
  const extent = context.derived.sessionStartExtent();
  if (!extent) return null;
  const period = periodOf(context);
  return period.fromFilter && period.range ? Math.min(extent[1], period.range[1]) : extent[1];
}
