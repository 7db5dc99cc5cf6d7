import type { TimeUnit } from '@clvkit/core';
import { dataRange, type Period } from '../../period.js';
import { periodBuckets as overlappingBuckets } from '../../period-buckets.js';
import type { BucketIndex } from '../../time-buckets.js';
import type { AnalysisContext } from '../../types.js';

/** The calendar buckets of session_start a series reports on. */
export interface PeriodBuckets {
  /** The bucket index of sessions.session_start for the unit (codes of every session). */
  readonly index: BucketIndex;
  /** First and last bucket number of the series (inclusive); `first > last` when empty. */
  readonly first: number;
  readonly last: number;
  /**
   * Per series bucket j (bucket number first + j), the end of the bucket clipped to the
   * period's end and to the end of the data (the end of the last session's local day): the
   * instant a snapshot "at the end of the bucket" is taken, never later than the data.
   */
  readonly ends: Float64Array;
  /** The start of the series' first bucket. */
  readonly start: number;
}

/** Bucket units the customer series accept. */
export const SERIES_UNITS = ['day', 'week', 'month'] as const;
export type SeriesUnit = (typeof SERIES_UNITS)[number];

/**
 * Every bucket of session_start (in the dataset's zone and week start) that overlaps the
 * period, clipped to the data, in time order (as `daily_orders` does). Null when there is none.
 */
export function periodBuckets(context: AnalysisContext, period: Period, unit: TimeUnit): PeriodBuckets | null {
  const { index, first, last } = overlappingBuckets(context, unit, period);
  if (first > last || !period.range) return null;
  const dataEnd = dataRange(context)?.[1] ?? Infinity;
  const ends = new Float64Array(last - first + 1);
  for (let j = 0; j < ends.length; j++) ends[j] = Math.min(index.bounds[first + j + 1], period.range[1], dataEnd);
  return { index, first, last, ends, start: index.bounds[first] };
}
