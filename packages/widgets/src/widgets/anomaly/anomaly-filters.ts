import { interval, isIn, orderGapRowPredicate, type Calendar } from '@clvkit/core';
import type { MarkFilter } from '../../charts/mark-filter.js';
import { dateFormat, type FormatOptions } from '../../format.js';
import type { AnomalyPoint } from './anomaly-rows.js';

/** What an anomaly row's key is, which decides the filter a click publishes. */
export type AnomalyKeyKind = 'day' | 'cohort' | 'client';

/** The key kind of the known anomaly reports: cohorts for `dcohort_anomaly*`, clients for `clvrfm_anomaly`, days otherwise. */
export function keyKindOf(report: string): AnomalyKeyKind {
  if (report.startsWith('dcohort_anomaly')) return 'cohort';
  if (report === 'clvrfm_anomaly') return 'client';
  return 'day';
}

/** "Aug 7, 2025" for a day start in the calendar's zone. */
function dayLabel(day: number, format: FormatOptions, calendar: Calendar): string {
  return dateFormat(format.locale, { dateStyle: 'medium', timeZone: calendar.timeZone }).format(day);
}

/**
 * The whole local day of `day` on `field`: `interval(field, dayStart, nextDayStart)` (23 or
 * 25 hours on daylight-saving days), labelled "Day: Aug 7, 2025", as the time series' and
 * line charts' range filters are.
 */
export function dayFilter(day: number, field: string, calendar: Calendar, format: FormatOptions): MarkFilter {
  const start = calendar.floor(day, 'day');
  return { predicate: interval(field, start, calendar.add(start, 'day', 1)), label: `Day: ${dayLabel(start, format, calendar)}` };
}

/**
 * What a click on an anomaly row publishes, by key kind:
 * - `day`: the day on `field` (default `session_start`), see `dayFilter`;
 * - `cohort`: the download -> first order cohort of that download day, core's
 *   `orderGapRowPredicate(calendar, 'day', 0, key)` = `interval('customers.download_date', dayStart, nextDayStart)`;
 * - `client`: `isIn('client', [key])`.
 * Null when the row has no usable key (no day for a day or cohort row).
 */
export function anomalyRowFilter(point: AnomalyPoint, kind: AnomalyKeyKind, calendar: Calendar, format: FormatOptions, field = 'session_start'): MarkFilter {
  if (kind === 'client') return point.key === '(none)' ? null : { predicate: isIn('client', [point.key]), label: `Customer: ${point.key}` };
  if (point.day === null) return null;
  if (kind === 'cohort') {
    return { predicate: orderGapRowPredicate(calendar, 'day', 0, calendar.floor(point.day, 'day')), label: `Downloaded: ${dayLabel(calendar.floor(point.day, 'day'), format, calendar)}` };
  }
  return field === '' ? null : dayFilter(point.day, field, calendar, format);
}
