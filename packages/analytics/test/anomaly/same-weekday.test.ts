import { describe, expect, it } from 'vitest';
import { percentDeviation, sameWeekdayDeviation, sameWeekdayExpected } from '../../src/models/anomaly/same-weekday.js';

describe('same-weekday deviation', () => {
  const series = new Float64Array(29).fill(1);
  // day 28 and its same weekdays 21, 14, 7, 0
  series[28] = 30;
  series[21] = 8;
  series[14] = 12;
  series[7] = 10;
  series[0] = 100;

  it('expects the median of the previous 4 same weekdays and reports the deviation in percent', () => {
    // lags 8, 12, 10, 100 -> sorted 8 10 12 100 -> median (10 + 12) / 2 = 11
    // deviation = 100 × (30 − 11) / 11 = 172.7272...
    const d = sameWeekdayDeviation(series, 28);
    expect(d.expected).toBe(11);
    expect(d.deviationPercent).toBeCloseTo(172.727272727, 6);
  });

  it('takes another number of weeks', () => {
    // 2 weeks: lags 8 and 12 -> median 10
    expect(sameWeekdayExpected(series, 28, 2)).toBe(10);
    // 1 week: the value of day 21 alone
    expect(sameWeekdayExpected(series, 28, 1)).toBe(8);
  });

  it('is null without 4 weeks of history, with a NaN lag, or over an expectation of 0', () => {
    expect(sameWeekdayDeviation(series, 27)).toEqual({ expected: null, deviationPercent: null });
    const gap = Float64Array.from(series);
    gap[14] = Number.NaN;
    expect(sameWeekdayExpected(gap, 28)).toBeNull();
    expect(percentDeviation(5, 0)).toBeNull();
    expect(percentDeviation(5, null)).toBeNull();
    // 100 × (0 − 4) / 4 = −100
    expect(percentDeviation(0, 4)).toBe(-100);
  });
});
