import type { Calendar, TimeUnit } from '@clvkit/core';

/**
 * Calendar buckets of one time column, computed once per dataset: the bucket starts covering
 * the column's range, and every row's bucket number. Queries then group by an integer and never
 * call the calendar per row.
 */
export interface BucketIndex {
  readonly unit: TimeUnit;
  /** Bucket starts (epoch ms), contiguous from the first row's bucket to the last one's, plus the end of the last bucket. */
  readonly bounds: Float64Array;
  /** Number of buckets (`bounds.length - 1`). */
  readonly count: number;
  /** Per row, its bucket number 0..count-1; -1 where the time is missing. */
  readonly codes: Int32Array;
}

/** Nominal bucket lengths, used only to guess a row's bucket before correcting it against the bounds. */
const NOMINAL_MS: Readonly<Record<TimeUnit, number>> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 2_629_746_000,
  quarter: 7_889_238_000,
  year: 31_556_952_000,
};

/** Refuse absurd ranges (e.g. a 1970 timestamp among 2024 orders by hour) rather than allocate gigabytes. */
const MAX_BUCKETS = 5_000_000;

/** Builds the bucket index of `values` (epoch ms, NaN = missing) in `calendar`'s zone. */
export function buildBucketIndex(values: Float64Array, calendar: Calendar, unit: TimeUnit, field = 'time'): BucketIndex {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const codes = new Int32Array(values.length).fill(-1);
  if (!(min <= max) || !Number.isFinite(min) || !Number.isFinite(max)) {
    return { unit, bounds: new Float64Array(0), count: 0, codes };
  }
  const count = calendar.diff(min, max, unit) + 1;
  if (count > MAX_BUCKETS) {
    throw new RangeError(`${field}: ${count} ${unit} buckets between ${new Date(min).toISOString()} and ${new Date(max).toISOString()} is too many; use a coarser bucket or filter the range`);
  }
  const bounds = new Float64Array(count + 1);
  const first = calendar.floor(min, unit);
  for (let k = 0; k <= count; k++) bounds[k] = calendar.add(first, unit, k);
  const nominal = NOMINAL_MS[unit];
  const last = count - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    let k = Math.floor((v - first) / nominal);
    if (k < 0) k = 0;
    else if (k > last) k = last;
    while (k > 0 && bounds[k] > v) k--;
    while (k < last && bounds[k + 1] <= v) k++;
    codes[i] = k;
  }
  return { unit, bounds, count, codes };
}

/**
 * The index of a unit made of whole local days (week, month, quarter, year) from the day index
 * of the same column: every such bucket starts at a local midnight, so a row's bucket is the
 * one holding the start of its day, looked up per day (hundreds) instead of per row (millions).
 * Equal to `buildBucketIndex(values, calendar, unit)`.
 */
export function coarserBucketIndex(days: BucketIndex, calendar: Calendar, unit: Exclude<TimeUnit, 'hour' | 'day'>): BucketIndex {
  const codes = new Int32Array(days.codes.length).fill(-1);
  if (days.count === 0) return { unit, bounds: new Float64Array(0), count: 0, codes };
  // The first and last day hold the first and last instant, so they span the same buckets.
  const count = calendar.diff(days.bounds[0], days.bounds[days.count - 1], unit) + 1;
  const bounds = new Float64Array(count + 1);
  const first = calendar.floor(days.bounds[0], unit);
  for (let k = 0; k <= count; k++) bounds[k] = calendar.add(first, unit, k);
  const ofDay = new Int32Array(days.count);
  let k = 0;
  for (let d = 0; d < days.count; d++) {
    while (k < count - 1 && bounds[k + 1] <= days.bounds[d]) k++;
    ofDay[d] = k;
  }
  const dayCodes = days.codes;
  for (let i = 0; i < codes.length; i++) {
    const d = dayCodes[i];
    if (d >= 0) codes[i] = ofDay[d];
  }
  return { unit, bounds, count, codes };
}

/** Bucket number of an instant in `index` (clamped to the index's range; -1 when it has no buckets). */
export function bucketOf(index: BucketIndex, ms: number): number {
  const { bounds, count } = index;
  if (count === 0 || ms !== ms) return -1;
  let lo = 0;
  let hi = count - 1;
  if (ms <= bounds[0]) return 0;
  if (ms >= bounds[count - 1]) return count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
