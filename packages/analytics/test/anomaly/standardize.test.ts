import { describe, expect, it } from 'vitest';
import { standardize } from '../../src/models/anomaly/standardize.js';

describe('standardize', () => {
  it('z-scores each column with the population standard deviation; a constant column becomes zeros', () => {
    // column 0: 1 2 3 -> mean 2, variance (1 + 0 + 1) / 3 = 2/3, std = sqrt(2/3) = 0.8164966
    //   z = −1 / 0.8164966 = −1.2247449, 0, +1.2247449
    // column 1: 10 10 10 -> std 0 -> zeros
    const s = standardize({ rows: 3, cols: 2, values: Float64Array.from([1, 10, 2, 10, 3, 10]) });
    expect(Array.from(s.means)).toEqual([2, 10]);
    expect(s.stds[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(s.stds[1]).toBe(0);
    const z = Array.from(s.values);
    expect(z[0]).toBeCloseTo(-1.2247449, 6);
    expect(z[2]).toBe(0);
    expect(z[4]).toBeCloseTo(1.2247449, 6);
    expect([z[1], z[3], z[5]]).toEqual([0, 0, 0]);
    expect([s.rows, s.cols]).toEqual([3, 2]);
  });

  it('rejects a matrix whose size does not match', () => {
    expect(() => standardize({ rows: 2, cols: 2, values: new Float64Array(3) })).toThrow(RangeError);
  });
});
