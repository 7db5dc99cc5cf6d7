import type { TimeUnit } from '@clvkit/core';
import { periodOf, type Period, type Range } from './period.js';
import { bucketOf, type BucketIndex } from './time-buckets.js';
import type { AnalysisContext } from './types.js';

/** The calendar buckets of an analysis's period, as daily_orders lays them out. */
export interface PeriodBuckets {
  readonly period: Period;
  /** The bucket index of sessions.session_start for the unit. */
  readonly index: BucketIndex;
  /** First and last bucket number overlapping the period (clipped to the data); first > last when none. */
  readonly first: number;
  readonly last: number;
}

/**
 * The buckets of `unit` that overlap the period (the filter's interval on session_start,
 * clipped to the data, else the data range), in time order, as `daily_orders` fills them.
 * Pass `period` when the caller already has it.
 */
export function periodBuckets(context: AnalysisContext, unit: TimeUnit, period: Period = periodOf(context)): PeriodBuckets {
  const index = context.derived.buckets('sessions', 'session_start', unit);
  const range: Range | null = period.range;
  if (!range || index.count === 0) return { period, index, first: 0, last: -1 };
  const lo = Math.max(range[0], index.bounds[0]);
  const hi = Math.min(range[1], index.bounds[index.count]);
  if (!(lo < hi)) return { period, index, first: 0, last: -1 };
  return { period, index, first: bucketOf(index, lo), last: bucketOf(index, hi - 1) };
}
