import { describe, expect, it } from 'vitest';
import {
  beforeAfterTest,
  bootstrapMeans,
  choosePairedMethod,
  cohensDz,
  compareWithRest,
  exactSignedRankP,
  hedgesG,
  holmAdjust,
  jarqueBera,
  pairedBootstrap,
  pairedTTest,
  pairwiseWelch,
  twoSampleBootstrap,
  verdictOf,
  welchTTest,
  wilcoxonSignedRank,
} from '../../src/index.js';
import { mulberry32, seedFor } from '../../src/models/abtest/prng.js';
import { normalTwoSided, studentTwoSided } from '../../src/models/abtest/distributions.js';

/**
 * Every statistic on small samples worked out by hand. Student t p-values are checked against
 * closed forms that exist for even df: with x = |t| / √(df + t²),
 *   df = 2: p = 1 − x,    df = 4: p = 1 − (x/2)(3 − x²),
 * and against printed critical values (t(0.975; 4) = 2.776, t(0.975; 9) = 2.262).
 * Normal p-values against the table Φ(1.75) = 0.95994, Φ(1.76) = 0.96080, Φ(1.89) = 0.97062,
 * Φ(1.90) = 0.97128, Φ(1.96) = 0.97500.
 */
const closedT2 = (t: number) => 1 - Math.abs(t) / Math.sqrt(2 + t * t);
const closedT4 = (t: number) => {
  const x = Math.abs(t) / Math.sqrt(4 + t * t);
  return 1 - (x / 2) * (3 - x * x);
};

describe('distributions (jstat)', () => {
  it('match the closed forms and printed tables', () => {
    expect(studentTwoSided(2.598, 2)).toBeCloseTo(closedT2(2.598), 10);
    expect(studentTwoSided(-1.3, 4)).toBeCloseTo(closedT4(1.3), 10);
    expect(studentTwoSided(2.776, 4)).toBeCloseTo(0.05, 3); // table: t(0.975; 4) = 2.776
    expect(studentTwoSided(2.262, 9)).toBeCloseTo(0.05, 3); // table: t(0.975; 9) = 2.262
    expect(normalTwoSided(1.96)).toBeCloseTo(0.05, 4); // 2(1 − 0.975)
    expect(studentTwoSided(Infinity, 3)).toBe(0);
    expect(normalTwoSided(0)).toBe(1);
  });
});

describe('pairedTTest', () => {
  it('d = [1, 3, 5]: mean 3, sd 2, se 2/√3, t = 3√3/2 = 2.598, df 2', () => {
    const r = pairedTTest([1, 3, 5]);
    expect(r.difference).toBe(3);
    expect(r.standardError).toBeCloseTo(2 / Math.sqrt(3), 12);
    expect(r.t).toBeCloseTo((3 * Math.sqrt(3)) / 2, 12);
    expect(r.df).toBe(2);
    // df 2: x = 2.598 / √(2 + 6.75) = 0.87831, p = 1 − x = 0.12169 (between 0.10 and 0.20 in the table)
    expect(r.pValue).toBeCloseTo(1 - 2.598076 / Math.sqrt(8.75), 6);
    expect(r.pValue).toBeCloseTo(0.12169, 4);
  });

  it('d = [−1, 2, 0, 4, 5]: mean 2, Σ(d − 2)² = 9 + 0 + 4 + 4 + 9 = 26, sd = √6.5, t = 2/√1.3 = 1.7541, df 4', () => {
    const r = pairedTTest([-1, 2, 0, 4, 5]);
    expect(r.t).toBeCloseTo(2 / Math.sqrt(1.3), 12);
    // df 4: x = 1.7541 / √(4 + 3.0769) = 0.65938; p = 1 − 0.32969 · (3 − 0.43478) = 0.15428
    expect(r.pValue).toBeCloseTo(0.15428, 4);
    expect(r.pValue).toBeGreaterThan(0.1); // below t(0.95; 4) = 2.132
  });

  it('a constant shift has p = 0, all zeros p = 1; fewer than 2 values throws', () => {
    expect(pairedTTest([2, 2, 2])).toMatchObject({ t: Infinity, pValue: 0 });
    expect(pairedTTest([0, 0])).toMatchObject({ t: 0, pValue: 1 });
    expect(() => pairedTTest([1])).toThrow(RangeError);
  });
});

describe('wilcoxonSignedRank', () => {
  it('d = [1.5, −0.5, 2, 3, 4]: ranks of |d| 2, 1, 3, 4, 5; W+ = 14, W− = 1', () => {
    const exact = wilcoxonSignedRank([1.5, -0.5, 2, 3, 4]);
    expect(exact).toMatchObject({ n: 5, zeros: 0, wPlus: 14, wMinus: 1, statistic: 1, exact: true });
    // exact: P(W− ≤ 1) = #{∅, {1}} / 2^5 = 2/32; two-sided 4/32 = 0.125
    expect(exact.pValue).toBe(0.125);
    // normal: E = 5·6/4 = 7.5, Var = 5·6·11/24 = 13.75, z = 6.5/√13.75 = 1.75292
    const normal = wilcoxonSignedRank([1.5, -0.5, 2, 3, 4], { exact: false });
    expect(normal.z).toBeCloseTo(6.5 / Math.sqrt(13.75), 12);
    // p = 2(1 − Φ(1.7529)); Φ(1.75) = 0.95994, Φ(1.76) = 0.96080 → Φ ≈ 0.96019 → p ≈ 0.0796
    expect(normal.pValue).toBeCloseTo(0.0796, 3);
  });

  it('drops zeros and gives ties mean ranks with the tie-corrected variance', () => {
    // d = [0, 1, −1, 2, 2, 3, 0, 4]: 2 zeros dropped; |d| 1 1 2 2 3 4 → ranks 1.5 1.5 3.5 3.5 5 6
    // W+ = 1.5 + 3.5 + 3.5 + 5 + 6 = 19.5, W− = 1.5 (the −1); n = 6, E = 10.5
    // Var = 6·7·13/24 − ((2³ − 2) + (2³ − 2))/48 = 22.75 − 0.25 = 22.5; z = 9/√22.5 = 1.89737
    const r = wilcoxonSignedRank([0, 1, -1, 2, 2, 3, 0, 4]);
    expect(r).toMatchObject({ n: 6, zeros: 2, wPlus: 19.5, wMinus: 1.5, exact: false });
    expect(r.z).toBeCloseTo(9 / Math.sqrt(22.5), 12);
    // Φ(1.8974) ≈ 0.97062 + 0.74 · 0.00066 = 0.97111 → p ≈ 0.0578
    expect(r.pValue).toBeCloseTo(0.0578, 3);
    expect(() => wilcoxonSignedRank([1, 1, 2], { exact: true })).toThrow(RangeError);
  });

  it('exact p matches the printed critical value for n = 8 (two-sided 0.05: W ≤ 3)', () => {
    // subsets of {1..8} with sum ≤ 3: ∅ {1} {2} {3} {1,2} = 5 → p = 2·5/256 = 0.0390625
    expect(exactSignedRankP(3, 8)).toBe(10 / 256);
    // sum ≤ 4 adds {4} {1,3}: 7 → p = 14/256 = 0.0547 > 0.05
    expect(exactSignedRankP(4, 8)).toBe(14 / 256);
    // the centre of the distribution: p capped at 1
    expect(exactSignedRankP(18, 8)).toBe(1);
    expect(wilcoxonSignedRank([0, 0])).toMatchObject({ n: 0, zeros: 2, pValue: 1 });
  });
});

describe('jarqueBera and the method rule', () => {
  it('x = [0, 0, 0, 0, 4]: m2 = 2.56, m3 = 6.144, m4 = 21.2992 → g1 = 1.5, g2 = 0.25', () => {
    // mean 0.8; deviations −0.8 ×4 and 3.2
    // m2 = (4·0.64 + 10.24)/5 = 2.56; m3 = (4·(−0.512) + 32.768)/5 = 6.144; m4 = (4·0.4096 + 104.8576)/5 = 21.2992
    // g1 = 6.144 / 2.56^1.5 = 6.144 / 4.096 = 1.5; g2 = 21.2992 / 6.5536 − 3 = 0.25
    // JB = 5/6 · (2.25 + 0.0625/4) = 1.888021; p = exp(−0.944010) = 0.389064
    const r = jarqueBera([0, 0, 0, 0, 4]);
    expect(r.skewness).toBeCloseTo(1.5, 12);
    expect(r.excessKurtosis).toBeCloseTo(0.25, 12);
    expect(r.statistic).toBeCloseTo((5 / 6) * 2.265625, 12);
    expect(r.pValue).toBeCloseTo(0.389064, 6);
    expect(choosePairedMethod([0, 0, 0, 0, 4])).toBe('t');
  });

  it('x = nine 0s and a 10 is far from normal: the rank test is chosen', () => {
    // mean 1; m2 = (9 + 81)/10 = 9, m3 = (−9 + 729)/10 = 72, m4 = (9 + 6561)/10 = 657
    // g1 = 72/27 = 8/3, g2 = 657/81 − 3 = 46/9; JB = 10/6 · (64/9 + (46/9)²/4) = 22.7366; p = exp(−11.368) = 1.16e-5
    const x = [0, 0, 0, 0, 0, 0, 0, 0, 0, 10];
    const r = jarqueBera(x);
    expect(r.skewness).toBeCloseTo(8 / 3, 12);
    expect(r.excessKurtosis).toBeCloseTo(46 / 9, 12);
    expect(r.statistic).toBeCloseTo((10 / 6) * (64 / 9 + (46 / 9) ** 2 / 4), 10);
    expect(r.pValue).toBeCloseTo(1.1556e-5, 8);
    expect(choosePairedMethod(x)).toBe('wilcoxon');
    expect(jarqueBera([3, 3, 3]).pValue).toBe(1); // constant: nothing to judge
  });
});

describe('effect sizes', () => {
  it("Cohen's d_z = mean / sd of the differences", () => {
    expect(cohensDz([1, 3, 5])).toBe(1.5); // 3 / 2
    expect(cohensDz([0, 0])).toBe(0);
    expect(cohensDz([1, 1])).toBe(Infinity);
  });

  it("Hedges' g: a = [1,2,3], b = [4,5,6]: s_p = 1, d = −3, J = 1 − 3/(4·6 − 9) = 0.8, g = −2.4", () => {
    expect(hedgesG([1, 2, 3], [4, 5, 6])).toBeCloseTo(-2.4, 12);
    // a = [1..5] (var 2.5), b = [2,4,6] (var 4): s_p = √((4·2.5 + 2·4)/6) = √3; d = −1/√3; J = 1 − 3/23
    expect(hedgesG([1, 2, 3, 4, 5], [2, 4, 6])).toBeCloseTo((1 - 3 / 23) * (-1 / Math.sqrt(3)), 12);
  });
});

describe('welchTTest', () => {
  it('a = [1,2,3], b = [4,5,6]: se = √(1/3 + 1/3), t = −3.6742, df = (2/3)²/(2·(1/3)²/2) = 4', () => {
    const r = welchTTest([1, 2, 3], [4, 5, 6]);
    expect(r.difference).toBe(-3);
    expect(r.t).toBeCloseTo(-3 / Math.sqrt(2 / 3), 12);
    expect(r.df).toBeCloseTo(4, 12);
    // df 4: x = 3.6742/√(4 + 13.5) = 0.87831; p = 1 − 0.43916 · (3 − 0.77143) = 0.02131 (t beyond 2.776: p < 0.05)
    expect(r.pValue).toBeCloseTo(closedT4(3 / Math.sqrt(2 / 3)), 10);
    expect(r.pValue).toBeCloseTo(0.02131, 4);
  });

  it('unequal sizes and variances: a = [1..5], b = [2,4,6]', () => {
    // s1²/n1 = 2.5/5 = 0.5, s2²/n2 = 4/3; se² = 11/6; t = −1/√(11/6) = −0.73855
    // df = (11/6)² / (0.5²/4 + (4/3)²/2) = 3.36111 / 0.95139 = 3.53285
    const r = welchTTest([1, 2, 3, 4, 5], [2, 4, 6]);
    expect(r.t).toBeCloseTo(-1 / Math.sqrt(11 / 6), 12);
    expect(r.df).toBeCloseTo((11 / 6) ** 2 / (0.0625 + 16 / 18), 12);
    // the table's 0.75 quantiles are 0.765 (df 3) and 0.741 (df 4): |t| = 0.7386 is just below, so p is just above 0.5
    expect(r.pValue).toBeGreaterThan(0.5);
    expect(r.pValue).toBeLessThan(0.52);
    expect(() => welchTTest([1], [2, 3])).toThrow(RangeError);
  });
});

describe('holmAdjust', () => {
  it('p = [0.01, 0.04, 0.03, 0.005] → sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, max(0.04·1, 0.06) = 0.06', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(adjusted[i]).toBeCloseTo(v, 12));
    expect(holmAdjust([0.6, 0.5])).toEqual([1, 1]); // 0.5·2 = 1; max(0.6·1, 1) = 1
    expect(holmAdjust([])).toEqual([]);
  });
});

describe('verdictOf', () => {
  it('is significant only below alpha, by the sign of the direction', () => {
    expect(verdictOf(0.01, 2)).toBe('increase');
    expect(verdictOf(0.01, -2)).toBe('decrease');
    expect(verdictOf(0.05, 2)).toBe('no significant change'); // p < alpha, not ≤
    expect(verdictOf(0.04, 2, 0.01)).toBe('no significant change');
    expect(verdictOf(Number.NaN, 2)).toBe('no significant change');
  });
});

describe('mulberry32', () => {
  /** An independent BigInt transcription of the published algorithm. */
  function reference(seed: number, count: number): number[] {
    const mask = (1n << 32n) - 1n;
    const imul = (a: bigint, b: bigint) => (a * b) & mask;
    let state = BigInt(seed >>> 0);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      state = (state + 0x6d2b79f5n) & mask;
      let t = imul(state ^ (state >> 15n), state | 1n);
      t = ((t + imul(t ^ (t >> 7n), t | 61n)) & mask) ^ t;
      out.push(Number((t ^ (t >> 14n)) & mask) / 4294967296);
    }
    return out;
  }

  it('follows the published algorithm, is deterministic and uniform', () => {
    const random = mulberry32(42);
    expect(Array.from({ length: 5 }, random)).toEqual(reference(42, 5));
    const stream = mulberry32(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += stream();
    expect(sum / 10_000).toBeGreaterThan(0.49); // mean of U(0,1) = 0.5, se = 0.0029
    expect(sum / 10_000).toBeLessThan(0.51);
    expect(seedFor(1, 'BUNDLEUP')).toBe(seedFor(1, 'BUNDLEUP'));
    expect(seedFor(1, 'BUNDLEUP')).not.toBe(seedFor(1, 'THANKYOU'));
    expect(seedFor(1, 'BUNDLEUP')).not.toBe(seedFor(2, 'BUNDLEUP'));
  });
});

describe('bootstrap', () => {
  it('resamples with replacement: for [0, 10] with n = 2 the means are 0, 5, 10 w.p. 1/4, 1/2, 1/4', () => {
    const means = bootstrapMeans([0, 10], 4000, 3);
    const share = (v: number) => means.filter((m) => m === v).length / 4000;
    expect(share(5)).toBeGreaterThan(0.47); // 0.5 ± 3 · √(0.25/4000) = 0.5 ± 0.024
    expect(share(5)).toBeLessThan(0.53);
    expect(share(0)).toBeGreaterThan(0.22);
    expect(share(10)).toBeGreaterThan(0.22);
    expect(share(0) + share(5) + share(10)).toBe(1);
  });

  it('the paired interval is the percentile interval of the resampled mean differences', () => {
    const before = [10, 12, 9, 11, 10, 13, 8, 10];
    const after = [12, 15, 9, 14, 11, 15, 10, 13];
    const d = after.map((a, i) => a - before[i]); // 2 3 0 3 1 2 2 3
    const means = Array.from(bootstrapMeans(d, 999, 11)).sort((a, b) => a - b);
    const r = pairedBootstrap(before, after, { resamples: 999, seed: 11 });
    // type-7 quantiles of 999 values: positions 998·0.025 = 24.95 and 998·0.975 = 973.05
    expect(r.ciLow).toBeCloseTo(means[24] + 0.95 * (means[25] - means[24]), 10);
    expect(r.ciHigh).toBeCloseTo(means[973] + 0.05 * (means[974] - means[973]), 10);
    expect(r.ciLow).toBeGreaterThan(0);
    expect(r.ciHigh).toBeLessThanOrEqual(3);
    expect(pairedBootstrap(before, after, { resamples: 999, seed: 11 })).toEqual(r); // seeded
    expect(bootstrapMeans(d, 999, 12)).not.toEqual(bootstrapMeans(d, 999, 11)); // another seed, another stream
  });

  it('counts accepts exactly as re-running the public tests on explicit resamples would', () => {
    const before = [5, 8, 6, 9, 7, 4, 6, 8, 5, 7, 6, 9];
    const after = [6, 8, 7, 12, 7, 5, 6, 9, 9, 7, 8, 10];
    const n = before.length;
    for (const method of ['t', 'wilcoxon'] as const) {
      const random = mulberry32(5);
      let accepted = 0;
      for (let b = 0; b < 300; b++) {
        const d: number[] = [];
        for (let i = 0; i < n; i++) {
          const k = Math.floor(random() * n);
          d.push(after[k] - before[k]);
        }
        const p = method === 't' ? pairedTTest(d).pValue : wilcoxonSignedRank(d, { exact: false }).pValue;
        if (p >= 0.05) accepted++;
      }
      expect(pairedBootstrap(before, after, { resamples: 300, seed: 5, method }).acceptRatio, method).toBeCloseTo(accepted / 300, 12);
    }
  });

  it('the percentile interval covers the true mean about 95 % of the time', () => {
    // 200 samples of 30 from U(0, 1) + a shift of 2: true mean difference 2.5
    const random = mulberry32(99);
    let covered = 0;
    for (let s = 0; s < 200; s++) {
      const before = Array.from({ length: 30 }, () => 0);
      const after = Array.from({ length: 30 }, () => 2 + random());
      const r = pairedBootstrap(before, after, { resamples: 400, seed: s + 1 });
      if (r.ciLow <= 2.5 && 2.5 <= r.ciHigh) covered++;
    }
    // percentile intervals run a little narrow at n = 30: expect 88 %..99 %
    expect(covered / 200).toBeGreaterThan(0.88);
    expect(covered / 200).toBeLessThan(0.99);
  });

  it('two samples: interval of mean1 − mean2 and accept ratio of Welch re-runs', () => {
    const far = twoSampleBootstrap([10, 11, 12, 13, 14], [1, 2, 3, 4, 5], { resamples: 500, seed: 1 });
    expect(far.acceptRatio).toBe(0); // 9 apart with sd 1.6: every resample rejects
    expect(far.ciLow).toBeGreaterThan(7);
    expect(far.ciHigh).toBeLessThan(11);
    const same = twoSampleBootstrap([1, 5, 2, 4, 3, 6, 2], [2, 4, 1, 5, 3, 6, 3], { resamples: 500, seed: 1 });
    expect(same.acceptRatio).toBeGreaterThan(0.8);
  });
});

describe('beforeAfterTest', () => {
  it('combines the t test (normal differences), d_z, the bootstrap and the verdict', () => {
    const before = [10, 12, 9, 11, 10, 13, 8, 10];
    const after = [12, 15, 9, 14, 11, 15, 10, 13];
    // d = 2 3 0 3 1 2 2 3: mean 2, Σ(d − 2)² = 0+1+4+1+1+0+0+1 = 8, sd = √(8/7), t = 2/√(8/56) = 5.2915, df 7
    const r = beforeAfterTest(before, after, { resamples: 500 });
    expect(r.method).toBe('t');
    expect(r.customers).toBe(8);
    expect(r.before).toBe(10.375); // 83/8
    expect(r.after).toBe(12.375); // 99/8
    expect(r.meanDifference).toBe(2);
    expect(r.statistic).toBeCloseTo(2 / Math.sqrt(8 / 56), 12);
    expect(r.df).toBe(7);
    expect(r.pValue).toBeLessThan(0.002); // table: t(0.999; 7) = 4.785 < 5.29 → p < 0.002
    expect(r.pValue).toBeGreaterThan(0.001); // t(0.9995; 7) = 5.408 > 5.29 → p > 0.001
    expect(r.effectSize).toBeCloseTo(2 / Math.sqrt(8 / 7), 12);
    expect(r.relativeChange).toBeCloseTo(99 / 83 - 1, 12);
    expect(r.relativeLow!).toBeLessThan(r.relativeChange!);
    expect(r.relativeHigh!).toBeGreaterThan(r.relativeChange!);
    expect(r.verdict).toBe('increase');
    expect(r.acceptRatio).toBeLessThan(0.1);
  });

  it('uses the rank test for skewed differences and reads its direction from W+ − W−', () => {
    // d = −1 ×9 and +30: mean +2.1 but 9 of 10 customers went down
    const before = Array.from({ length: 10 }, () => 5);
    const after = [4, 4, 4, 4, 4, 4, 4, 4, 4, 35];
    const r = beforeAfterTest(before, after, { resamples: 200 });
    expect(r.method).toBe('wilcoxon');
    // |d|: nine 1s (ranks 1..9, mean 5) and 30 (rank 10): W+ = 10, W− = 45; E = 27.5
    // Var = 10·11·21/24 − (9³ − 9)/48 = 96.25 − 15 = 81.25; z = −17.5/9.0139 = −1.9415 → p ≈ 0.0522
    expect(r.statistic).toBeCloseTo(-17.5 / Math.sqrt(81.25), 12);
    expect(r.pValue).toBeCloseTo(0.0522, 3);
    expect(r.verdict).toBe('no significant change');
    expect(beforeAfterTest(before, after, { resamples: 200, alpha: 0.1 }).verdict).toBe('decrease');
    expect(beforeAfterTest(before, after, { resamples: 200, method: 't' }).method).toBe('t');
  });

  it('says no significant change for noise around zero', () => {
    const random = mulberry32(8);
    const before = Array.from({ length: 60 }, () => 50 + 10 * random());
    const after = before.map((b) => b + (random() - 0.5) * 4);
    const r = beforeAfterTest(before, after, { resamples: 300 });
    expect(r.verdict).toBe('no significant change');
    expect(r.acceptRatio).toBeGreaterThan(0.5);
    expect(r.ciLow).toBeLessThan(0);
    expect(r.ciHigh).toBeGreaterThan(0);
  });
});

describe('comparisons', () => {
  it('pairwise Welch with Holm over the pairs', () => {
    const pairs = pairwiseWelch([
      { name: 'A', values: [1, 2, 3] },
      { name: 'B', values: [4, 5, 6] },
      { name: 'C', values: [1, 2, 3] },
      { name: 'tiny', values: [9] },
    ]);
    // 'tiny' skipped; pairs AB, AC, BC. AB and BC: t = ∓3.6742, df 4, p = 0.021312; AC: t = 0, p = 1
    expect(pairs.map((p) => `${p.first}-${p.second}`)).toEqual(['A-B', 'A-C', 'B-C']);
    expect(pairs[1].pValue).toBeCloseTo(1, 12);
    // Holm: sorted 0.021312 (AB), 0.021312 (BC), 1 → 3·0.021312 = 0.063935, max(2·0.021312, 0.063935), 1
    expect(pairs[0].adjustedPValue).toBeCloseTo(3 * 0.0213116, 5);
    expect(pairs[2].adjustedPValue).toBeCloseTo(3 * 0.0213116, 5);
    expect(pairs[0].verdict).toBe('no significant change'); // 0.064 ≥ 0.05 after the correction
    expect(pairwiseWelch([{ name: 'A', values: [1, 2, 3] }, { name: 'B', values: [4, 5, 6] }])[0].verdict).toBe('decrease'); // one pair: p = 0.0213
  });

  it('each group against the rest, Holm over the groups', () => {
    const rows = compareWithRest(
      [
        { name: 'up', values: [10, 11, 12, 13, 14, 10, 12] },
        { name: 'flat1', values: [1, 2, 3, 2, 1, 3, 2] },
        { name: 'flat2', values: [2, 1, 3, 2, 3, 1, 2] },
      ],
      { resamples: 200 },
    );
    const up = rows.find((r) => r.name === 'up')!;
    expect(up.n).toBe(7);
    expect(up.restN).toBe(14);
    expect(up.mean).toBeCloseTo(82 / 7, 12);
    expect(up.restMean).toBe(2); // 28 / 14
    expect(up.verdict).toBe('increase');
    expect(up.acceptRatio).toBe(0);
    expect(rows.find((r) => r.name === 'flat1')!.verdict).toBe('decrease');
    expect(compareWithRest([{ name: 'only', values: [1, 2] }])).toEqual([]);
  });
});
