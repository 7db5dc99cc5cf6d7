import { describe, expect, it } from 'vitest';
import { quantileScores, scoreMetric } from '../../src/index.js';

const f64 = (values: number[]) => Float64Array.from(values);
const scores = (values: number[], options: Parameters<typeof scoreMetric>[1]) => Array.from(scoreMetric(f64(values), options).scores);

describe('quintile scores (mid-percentile, ties shared)', () => {
  // Sorted values 10 20 20 30 40 50 60 70 80 90 (n = 10). A run of ties at 0-based positions
  // lo .. hi-1 has the mid-percentile (lo + hi) / 20; score = floor(5 × that) + 1:
  // 10: (0+1)/20 -> 0.25 -> 1; 20,20: (1+3) -> 1 -> 2 (on the boundary: up); 30: 7 -> 1.75 -> 2;
  // 40: 9 -> 2.25 -> 3; 50: 11 -> 2.75 -> 3; 60: 13 -> 3.25 -> 4; 70: 15 -> 3.75 -> 4;
  // 80: 17 -> 4.25 -> 5; 90: 19 -> 4.75 -> 5.
  const values = [50, 10, 90, 20, 70, 20, 30, 80, 40, 60];

  it('scores higher values higher when higher is better', () => {
    expect(Array.from(quantileScores(f64(values), true))).toEqual([3, 1, 5, 2, 4, 2, 2, 5, 3, 4]);
  });

  it('mirrors the positions when lower is better', () => {
    // Descending positions: lo + hi becomes 20 − (lo + hi): 10 -> 19 -> 5; 20 -> 16 -> 4.0 -> 5;
    // 30 -> 13 -> 4; 40 -> 11 -> 3; 50 -> 9 -> 3; 60 -> 7 -> 2; 70 -> 5 -> 2; 80 -> 3 -> 1; 90 -> 1 -> 1.
    expect(Array.from(quantileScores(f64(values), false))).toEqual([3, 5, 1, 5, 2, 5, 4, 1, 3, 2]);
  });

  it('gives one value (and one customer) the middle score', () => {
    // Run 0..n-1: (0 + n) / 2n = 0.5 -> floor(2.5) + 1 = 3.
    expect(Array.from(quantileScores(f64([4, 4, 4, 4]), true))).toEqual([3, 3, 3, 3]);
    expect(Array.from(quantileScores(f64([4]), false))).toEqual([3]);
    expect(quantileScores(f64([]), true)).toHaveLength(0);
  });
});

describe('k-means scores', () => {
  it('ranks the five clusters by centroid, reversed when lower is better', () => {
    // Recency groups {1,2,3} {20,21} {50} {80,82} {200..203}: most recent = 5.
    const recency = [200, 1, 50, 21, 82, 3, 201, 20, 2, 80, 203, 202];
    expect(scores(recency, { higherIsBetter: false })).toEqual([1, 5, 3, 4, 2, 5, 1, 4, 5, 2, 1, 1]);
    expect(scores(recency, { higherIsBetter: true })).toEqual([5, 1, 3, 2, 4, 1, 5, 2, 1, 4, 5, 5]);
  });

  it('spreads fewer than five clusters over 1..5 (1 + round(i × 4 / (c − 1)); one cluster: 3)', () => {
    // 4 distinct values 1 2 3 8 -> ranks 1, 2 (1 + 1.33), 4 (1 + 2.67), 5.
    expect(scores([1, 1, 2, 3, 3, 8], { higherIsBetter: true, log: true })).toEqual([1, 1, 2, 4, 4, 5]);
    expect(scores([1, 5, 1], { higherIsBetter: true })).toEqual([1, 5, 1]);
    expect(scores([1, 2, 9], { higherIsBetter: true })).toEqual([1, 3, 5]);
    expect(scores([1, 2, 9], { higherIsBetter: false })).toEqual([5, 3, 1]);
    expect(scores([6, 6], { higherIsBetter: true })).toEqual([3, 3]);
    expect(scores([6, 6], { higherIsBetter: false })).toEqual([3, 3]);
  });

  it('clusters log1p of the values when asked (monetary, frequency)', () => {
    // Six values, five clusters: the optimum merges the closest adjacent pair (cost gap² / 2).
    // Raw: gaps 9, 90, 900, 9000, 10000 -> {0, 9} merge: scores 1 1 2 3 4 5.
    // log1p: 0, 2.303, 4.605, 6.908, 9.210, 9.903 -> gaps 2.303 ×4 and 0.693 -> {9999, 19999}: 1 2 3 4 5 5.
    const money = [0, 9, 99, 999, 9999, 19999];
    expect(scores(money, { higherIsBetter: true, log: false })).toEqual([1, 1, 2, 3, 4, 5]);
    expect(scores(money, { higherIsBetter: true, log: true })).toEqual([1, 2, 3, 4, 5, 5]);
  });

  it('summarises each score: customers, min, max and mean of the raw values', () => {
    const { bins } = scoreMetric(f64([200, 1, 50, 21, 82, 3, 201, 20, 2, 80, 203, 202]), { higherIsBetter: false });
    expect(bins).toEqual([
      { score: 1, customers: 4, min: 200, max: 203, centroid: 201.5 },
      { score: 2, customers: 2, min: 80, max: 82, centroid: 81 },
      { score: 3, customers: 1, min: 50, max: 50, centroid: 50 },
      { score: 4, customers: 2, min: 20, max: 21, centroid: 20.5 },
      { score: 5, customers: 3, min: 1, max: 3, centroid: 2 },
    ]);
    // Empty scores are listed with nulls.
    expect(scoreMetric(f64([1, 9]), { higherIsBetter: true }).bins[2]).toEqual({ score: 3, customers: 0, min: null, max: null, centroid: null });
  });
});
