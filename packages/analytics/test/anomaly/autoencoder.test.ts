import { describe, expect, it } from 'vitest';
import { autoencoderLayers, autoencoderScores } from '../../src/models/anomaly/autoencoder.js';
import { detectAnomalies } from '../../src/models/anomaly/detect.js';
import type { FeatureMatrix } from '../../src/models/anomaly/standardize.js';

/** A deterministic uniform [0, 1) generator (LCG) for the synthetic data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** About standard normal: the sum of 6 uniforms, centred and scaled to variance 1. */
function normal(random: () => number): number {
  let sum = 0;
  for (let k = 0; k < 6; k++) sum += random();
  return (sum - 3) / Math.sqrt(0.5);
}

/**
 * 300 rows on a plane in four dimensions, (u, v, u + v, u − v) with u, v ~ N(0, 0.5²), plus
 * noise of standard deviation 0.1 on every coordinate; row 123 is replaced by (0.5, 0.5, −1, 1),
 * far off the plane (on it the last two would be 1 and 0). A 2-unit bottleneck can hold u and v,
 * so ordinary rows are reconstructed up to their noise and row 123 is not.
 */
function planeWithOutlier(): FeatureMatrix {
  const random = lcg(7);
  const rows = 300;
  const values = new Float64Array(rows * 4);
  const noise = () => 0.1 * normal(random);
  for (let i = 0; i < rows; i++) {
    const u = 0.5 * normal(random);
    const v = 0.5 * normal(random);
    values.set([u + noise(), v + noise(), u + v + noise(), u - v + noise()], i * 4);
  }
  values.set([0.5, 0.5, -1, 1], 123 * 4);
  return { rows, cols: 4, values };
}

describe('autoencoderLayers', () => {
  it('narrows to a bottleneck of floor(n / 2) in 1..4 framed by min(8, n) units', () => {
    expect(autoencoderLayers(16)).toEqual([8, 4, 8]);
    expect(autoencoderLayers(6)).toEqual([6, 3, 6]);
    expect(autoencoderLayers(3)).toEqual([3, 1, 3]);
    expect(autoencoderLayers(1)).toEqual([2, 1, 2]);
  });
});

describe('autoencoderScores', () => {
  it('gives the same scores for the same seed and different ones for another seed', { timeout: 60_000 }, async () => {
    const matrix = planeWithOutlier();
    const a = await autoencoderScores(matrix, { epochs: 3, seed: 1 });
    const b = await autoencoderScores(matrix, { epochs: 3, seed: 1 });
    const c = await autoencoderScores(matrix, { epochs: 3, seed: 2 });
    expect(Array.from(a.scores)).toEqual(Array.from(b.scores));
    expect(a.losses).toEqual(b.losses);
    expect(Array.from(a.scores)).not.toEqual(Array.from(c.scores));
    expect(a.layers).toEqual([4, 4, 2, 4, 4]);
  });

  it('reports every epoch with a falling loss and stops when the callback throws', { timeout: 60_000 }, async () => {
    const matrix = planeWithOutlier();
    const seen: number[] = [];
    const result = await autoencoderScores(matrix, { epochs: 5, onEpoch: (epoch, epochs) => void seen.push(epoch * 10 + epochs) });
    expect(seen).toEqual([15, 25, 35, 45, 55]);
    expect(result.losses.length).toBe(5);
    expect(result.losses[4]).toBeLessThan(result.losses[0]);
    const stop = new Error('cancelled');
    await expect(autoencoderScores(matrix, { epochs: 5, onEpoch: (epoch) => { if (epoch === 2) throw stop; } })).rejects.toBe(stop);
  });

  it('scores 0 without training when there are fewer than 2 rows', async () => {
    const result = await autoencoderScores({ rows: 1, cols: 2, values: Float64Array.from([1, 2]) });
    expect(Array.from(result.scores)).toEqual([0]);
    expect(result.losses).toEqual([]);
  });
});

describe('detectAnomalies', () => {
  it('flags the point off the plane, and few others', { timeout: 60_000 }, async () => {
    const found = await detectAnomalies(planeWithOutlier(), { epochs: 40, seed: 42 });
    let top = 0;
    for (let i = 1; i < found.scores.length; i++) if (found.scores[i] > found.scores[top]) top = i;
    expect(top).toBe(123);
    expect(found.anomalies[123]).toBe(1);
    const flagged = found.anomalies.reduce((n, a) => n + a, 0);
    expect(flagged).toBeLessThanOrEqual(9); // ≤ 3 % of 300
    expect(found.threshold.threshold).toBeGreaterThan(found.threshold.median);
    expect(found.scores[123]).toBeGreaterThan(found.threshold.threshold);
  });
});
