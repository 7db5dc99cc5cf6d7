import type { Calendar, TimeUnit } from '@clvkit/core';
import type { Range } from '../../period.js';

/**
 * The calendar buckets of `unit` that overlap `range`: `bounds[k]` is the start of bucket k
 * and `bounds[count]` the end of the last one. Used where times come from several columns
 * (customer steps), so no per-column bucket index fits.
 */
export interface RangeBuckets {
  readonly bounds: Float64Array;
  readonly count: number;
}

/** Buckets overlapping `[lo, hi)`; none when the range is empty. */
export function bucketsOver(calendar: Calendar, unit: TimeUnit, [lo, hi]: Range): RangeBuckets {
  if (!(hi > lo)) return { bounds: new Float64Array(0), count: 0 };
  const first = calendar.floor(lo, unit);
  const count = calendar.diff(first, hi - 1, unit) + 1;
  const bounds = new Float64Array(count + 1);
  for (let k = 0; k <= count; k++) bounds[k] = calendar.add(first, unit, k);
  return { bounds, count };
}

/** The bucket holding `ms`, or -1 when it lies outside every bucket. */
export function bucketIndexOf({ bounds, count }: RangeBuckets, ms: number): number {
  if (count === 0 || !(ms >= bounds[0]) || !(ms < bounds[count])) return -1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
