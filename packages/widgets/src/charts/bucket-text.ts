import { dateFormat } from '../format.js';

/**
 * Text of a bucket value from a result row: epoch ms as a date in `timeZone` (with the hour
 * for hourly buckets), small integers (hour of day, offsets) and strings as they are.
 */
export function bucketText(bucket: unknown, locale: string | undefined, timeZone: string, hourly = false): string {
  if (typeof bucket === 'number' && Math.abs(bucket) >= 1e11) {
    const options: Intl.DateTimeFormatOptions = hourly ? { dateStyle: 'medium', timeStyle: 'short', timeZone } : { dateStyle: 'medium', timeZone };
    return dateFormat(locale, options).format(bucket);
  }
  if (bucket === null || bucket === undefined || bucket === '') return '(none)';
  return String(bucket);
}
