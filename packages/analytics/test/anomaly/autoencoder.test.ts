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

/**
 * 300 rows on a one-dimensional curve in four dimensions, (t, 2t, −t, t²) for t in [−1, 1] plus
 * noise of ±0.02, and row 123 replaced by a point far off the curve: (0.5, −1, 0.5, 0.25) breaks
 * the linear relations of the first three coordinates (a 2-unit bottleneck can hold t and t²,
 * not a third direction).
 */
function curveWithOutlier(): FeatureMatrix {
  const random = lcg(7);
  const rows = 300;
  const values = new Float64Array(rows * 4);
  for (let i = 0; i < rows; i++) {
    const t = -1 + (2 * i) / (rows - 1);
    const noise = () => (random() - 0.5) * 0.04;
    values.set([t + noise(), 2 * t + noise(), -t + noise(), t * t + noise()], i * 4);
  }
  values.set([0.5, -1, 0.5, 0.25], 123 * 4);
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
  it('gives the same scores for the same seed and different ones for another seed', async () => {
    const matrix = curveWithOutlier();
    const a = await autoencoderScores(matrix, { epochs: 3, seed: 1 });
    const b = await autoencoderScores(matrix, { epochs: 3, seed: 1 });
    const c = await autoencoderScores(matrix, { epochs: 3, seed: 2 });
    expect(Array.from(a.scores)).toEqual(Array.from(b.scores));
    expect(a.losses).toEqual(b.losses);
    expect(Array.from(a.scores)).not.toEqual(Array.from(c.scores));
    expect(a.layers).toEqual([4, 4, 2, 4, 4]);
  });

  it('reports every epoch with a falling loss and stops when the callback throws', async () => {
    const matrix = curveWithOutlier();
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
  it('flags the point off the curve, and few others', async () => {
    const found = await detectAnomalies(curveWithOutlier(), { epochs: 40, seed: 42 });
    let top = 0;
    for (let i = 1; i < found.scores.length; i++) if (found.scores[i] > found.scores[top]) top = i;
    expect(top).toBe(123);
    expect(found.anomalies[123]).toBe(1);
    const flagged = found.anomalies.reduce((n, a) => n + a, 0);
    expect(flagged).toBeLessThanOrEqual(6); // ≤ 2 % of 300
    expect(found.threshold.threshold).toBeGreaterThan(found.threshold.median);
    expect(found.scores[123]).toBeGreaterThan(found.threshold.threshold);
  });
});
