import { dateFormat } from '../format.js';

/** The buckets the time series offers. */
export type SeriesBucket = 'hour' | 'day' | 'week' | 'month';

/**
 * A tick label for a wall-clock instant (see `wallTime`), like d3's multi-scale format but
 * with Intl: the year on January 1st, the month on the 1st, the day otherwise, and the hour
 * when ticks fall inside days.
 */
export function formatTick(wallMs: number, locale: string | undefined, hourly: boolean): string {
  const d = new Date(wallMs);
  const utc = { timeZone: 'UTC' } as const;
  if (hourly && (d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0)) {
    return dateFormat(locale, { ...utc, hour: 'numeric', minute: '2-digit' }).format(d);
  }
  if (d.getUTCDate() === 1 && d.getUTCMonth() === 0 && !hourly) return dateFormat(locale, { ...utc, year: 'numeric' }).format(d);
  if (d.getUTCDate() === 1 && !hourly) return dateFormat(locale, { ...utc, month: 'short' }).format(d);
  return dateFormat(locale, { ...utc, month: 'short', day: 'numeric' }).format(d);
}

/**
 * A readable half-open range [lo, hi) of instants in `timeZone`, e.g. "Jan 1 – 7, 2024", or
 * with times for hourly buckets.
 */
export function formatRange(lo: number, hi: number, bucket: SeriesBucket, locale: string | undefined, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'hour' ? { dateStyle: 'medium', timeStyle: 'short', timeZone } : { dateStyle: 'medium', timeZone };
  // For day-like buckets the last included instant is just before `hi`; for hours show the end hour.
  const end = bucket === 'hour' ? hi : hi - 1;
  const format = dateFormat(locale, options);
  return end <= lo ? format.format(lo) : format.formatRange(lo, end);
}
