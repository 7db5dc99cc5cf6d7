import { describe, expect, it } from 'vitest';
import { median, medianAbsoluteDeviation, robustThreshold, MAD_TO_SIGMA } from '../../src/models/anomaly/robust-threshold.js';

describe('median and MAD', () => {
  it('median of odd and even counts, NaN ignored, NaN when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5); // (2 + 3) / 2
    expect(median([Number.NaN, 1, 2, 3])).toBe(2);
    expect(median([])).toBeNaN();
  });

  it('MAD around the median, unscaled', () => {
    // [1, 2, 3, 4]: median 2.5, |deviations| 1.5, 0.5, 0.5, 1.5 -> sorted 0.5 0.5 1.5 1.5 -> MAD (0.5 + 1.5) / 2 = 1
    expect(medianAbsoluteDeviation([1, 2, 3, 4])).toBe(1);
    // around a given centre 0: |deviations| 1 2 3 4 -> 2.5
    expect(medianAbsoluteDeviation([1, 2, 3, 4], 0)).toBe(2.5);
  });
});

describe('robustThreshold', () => {
  it('is median + 3.5 × 1.4826 × MAD and ignores the outlier it is meant to catch', () => {
    // [1, 2, 3, 4, 100]: median 3; |deviations| 2 1 0 1 97 -> sorted 0 1 1 2 97 -> MAD 1
    // sigma = 1.4826 × 1 = 1.4826; threshold = 3 + 3.5 × 1.4826 = 3 + 5.1891 = 8.1891
    const t = robustThreshold([1, 2, 3, 4, 100]);
    expect(t.median).toBe(3);
    expect(t.mad).toBe(1);
    expect(t.sigma).toBeCloseTo(1.4826, 12);
    expect(t.threshold).toBeCloseTo(8.1891, 10);
    // the mean + 2.58 × sd rule of the seed would give 22 + 2.58 × 38.9... ≈ 122: 100 would pass
    expect(100 > t.threshold && 4 < t.threshold).toBe(true);
  });

  it('takes another k', () => {
    // same data, k = 1: 3 + 1.4826 = 4.4826 (4 stays under it)
    expect(robustThreshold([1, 2, 3, 4, 100], 1).threshold).toBeCloseTo(3 + MAD_TO_SIGMA, 12);
  });

  it('falls back to the mean absolute deviation × 1.2533 when the MAD is 0', () => {
    // [5, 5, 5, 5, 9]: median 5, |deviations| 0 0 0 0 4 -> MAD 0
    // mean absolute deviation = 4 / 5 = 0.8; sigma = 1.2533 × 0.8 = 1.00264
    // threshold = 5 + 3.5 × 1.00264 = 8.50924 (9 is above)
    const t = robustThreshold([5, 5, 5, 5, 9]);
    expect(t.mad).toBe(0);
    expect(t.sigma).toBeCloseTo(1.00264, 10);
    expect(t.threshold).toBeCloseTo(8.50924, 10);
  });

  it('flags nothing in constant scores and is NaN without scores', () => {
    // all 2: MAD 0, mean AD 0 -> threshold 2, nothing strictly above
    expect(robustThreshold([2, 2, 2]).threshold).toBe(2);
    const empty = robustThreshold([]);
    expect([empty.median, empty.threshold]).toEqual([Number.NaN, Number.NaN]);
    // NaN scores are left out: median of [1, 3] = 2, MAD of |−1|, |1| = 1
    const t = robustThreshold([Number.NaN, 1, 3]);
    expect([t.median, t.mad]).toEqual([2, 1]);
  });
});
