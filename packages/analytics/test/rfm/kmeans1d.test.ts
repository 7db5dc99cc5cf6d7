import { describe, expect, it } from 'vitest';
import { kmeans1d, SKETCH_SIZE } from '../../src/index.js';

const f64 = (values: number[]) => Float64Array.from(values);

describe('kmeans1d', () => {
  it('finds five well-separated groups and numbers them by centroid', () => {
    // Groups {1,2,3} {20,21} {50} {80,82} {200,...,203}, given shuffled. Any other partition into
    // five merges two groups, so this is the optimum; centroids are the group means:
    // 6/3 = 2, 41/2 = 20.5, 50, 162/2 = 81, 806/4 = 201.5.
    const values = f64([200, 1, 50, 21, 82, 3, 201, 20, 2, 80, 203, 202]);
    const result = kmeans1d(values, 5);
    expect(Array.from(result.centroids)).toEqual([2, 20.5, 50, 81, 201.5]);
    expect(Array.from(result.labels)).toEqual([4, 0, 2, 1, 3, 0, 4, 1, 0, 3, 4, 4]);
    expect(Array.from(result.sizes)).toEqual([3, 2, 1, 2, 4]);
  });

  it('splits two groups at their gap (k = 2)', () => {
    // {0, 1, 2} and {9, 10, 11}: centroids 1 and 10.
    const result = kmeans1d(f64([9, 0, 10, 1, 11, 2]), 2);
    expect(Array.from(result.centroids)).toEqual([1, 10]);
    expect(Array.from(result.labels)).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('gives each distinct value its own cluster when there are at most k', () => {
    const few = kmeans1d(f64([7, 3, 7, 3, 7]), 5);
    expect(Array.from(few.centroids)).toEqual([3, 7]);
    expect(Array.from(few.labels)).toEqual([1, 0, 1, 0, 1]);
    expect(Array.from(few.sizes)).toEqual([2, 3]);
    const exact = kmeans1d(f64([5, 1, 4, 2, 3]), 5);
    expect(Array.from(exact.centroids)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(exact.labels)).toEqual([4, 0, 3, 1, 2]);
    const one = kmeans1d(f64([4, 4, 4]), 5);
    expect(Array.from(one.centroids)).toEqual([4]);
    expect(Array.from(one.labels)).toEqual([0, 0, 0]);
  });

  it('handles empty input and rejects bad k and non-finite values', () => {
    expect(kmeans1d(f64([]), 5).labels).toHaveLength(0);
    expect(() => kmeans1d(f64([1, 2]), 0)).toThrow(RangeError);
    expect(() => kmeans1d(f64([1, Number.NaN]), 2)).toThrow(/finite/);
  });

  it('clusters large inputs through the sketch and ends on the exact group means', () => {
    // 5 groups of 2002 values each: center + (j % 7 − 3) / 10 for j = 0..2001 (7 divides 2002,
    // so the offsets −0.3..0.3 cancel: every group mean is its center). 10 010 values, 35
    // distinct: the "repeated distinct values" sketch.
    const centers = [10, 30, 55, 90, 140];
    const values: number[] = [];
    for (let j = 0; j < 2002; j++) for (const c of centers) values.push(c + ((j % 7) - 3) / 10);
    expect(values.length).toBeGreaterThan(SKETCH_SIZE);
    const result = kmeans1d(f64(values), 5);
    result.centroids.forEach((c, i) => expect(c).toBeCloseTo(centers[i], 9));
    expect(Array.from(result.sizes)).toEqual([2002, 2002, 2002, 2002, 2002]);
    // Continuous spread (every value distinct): the "evenly spaced ranks" sketch.
    const spread: number[] = [];
    for (let j = 0; j < 2002; j++) for (const c of centers) spread.push(c + (j - 1000.5) / 2002);
    const continuous = kmeans1d(f64(spread), 5);
    continuous.centroids.forEach((c, i) => expect(c).toBeCloseTo(centers[i], 9));
    expect(Array.from(continuous.sizes)).toEqual([2002, 2002, 2002, 2002, 2002]);
  });

  it('ends on a k-means fixed point: each value nearest its own centroid, each centroid its values\' mean', () => {
    // A skewed population (squares of a scrambled sequence), checked by plain loops here.
    const values = f64(Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 1000) ** 2 / 1000));
    const { labels, centroids, sizes } = kmeans1d(values, 5);
    expect(centroids.length).toBe(5);
    const sum = new Float64Array(5);
    const count = new Float64Array(5);
    let farther = 0;
    values.forEach((v, i) => {
      sum[labels[i]] += v;
      count[labels[i]]++;
      const own = Math.abs(v - centroids[labels[i]]);
      for (let c = 0; c < 5; c++) if (Math.abs(v - centroids[c]) < own) farther++;
    });
    expect(farther).toBe(0);
    for (let c = 0; c < 5; c++) {
      expect(centroids[c]).toBeCloseTo(sum[c] / count[c], 9);
      expect(sizes[c]).toBe(count[c]);
      if (c > 0) expect(centroids[c]).toBeGreaterThan(centroids[c - 1]);
    }
  });

  it('is deterministic: the same values and seed give the same clusters', () => {
    const values = f64(Array.from({ length: 3000 }, (_, i) => Math.log1p((i * 104729) % 977)));
    const a = kmeans1d(values, 5, { seed: 7 });
    const b = kmeans1d(values, 5, { seed: 7 });
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });
});
