import type { Calendar } from '@clvkit/core';
import type { Range } from '../../period.js';

/** The comparison period of a segment test. */
export type SegmentPeriod = 'daily' | 'weekly' | 'monthly';

/** The current period and the four it is compared with (oldest first). */
export interface PeriodWindows {
  readonly current: Range;
  readonly previous: readonly Range[];
}

/** How many earlier periods the current one is compared with (the seed's "last 4"). */
export const PREVIOUS_PERIODS = 4;

/**
 * The windows of a segment test at `asOf`, in local calendar time, "to date" so that a
 * period still running is compared with the same stretch of the earlier ones:
 * - daily: the local day of asOf vs the same weekday of the 4 weeks before;
 * - weekly: the week of asOf from its first day through asOf's day (d days) vs the first d
 *   days of each of the 4 weeks before;
 * - monthly: the month of asOf from the 1st through asOf's day (d days) vs the first d days
 *   of each of the 4 months before (cut at a shorter month's end).
 * Each window is [start, end) with end = the local midnight after its last day.
 */
export function segmentWindows(asOf: number, period: SegmentPeriod, calendar: Calendar): PeriodWindows {
  const dayStart = calendar.floor(asOf, 'day');
  const end = calendar.add(dayStart, 'day', 1);
  const previous: Range[] = [];
  if (period === 'daily') {
    for (let k = PREVIOUS_PERIODS; k >= 1; k--) previous.push([calendar.add(dayStart, 'day', -7 * k), calendar.add(end, 'day', -7 * k)]);
    return { current: [dayStart, end], previous };
  }
  const unit = period === 'weekly' ? 'week' : 'month';
  const start = calendar.floor(asOf, unit);
  const days = calendar.diff(start, end, 'day');
  for (let k = PREVIOUS_PERIODS; k >= 1; k--) {
    const from = calendar.add(start, unit, -k);
    previous.push([from, Math.min(calendar.add(from, 'day', days), calendar.add(from, unit, 1))]);
  }
  return { current: [start, end], previous };
}
