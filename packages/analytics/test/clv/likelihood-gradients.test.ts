import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, digamma, gammaGammaLogLikelihood, lnGamma } from '../../src/models/clv/index.js';
import { bgNbdTotal, compressBgNbd } from '../../src/models/clv/bgnbd-likelihood.js';
import { gammaGammaTotal, spendData } from '../../src/models/clv/gamma-gamma-likelihood.js';
import { rng, simulateBgNbd } from './simulate.js';

/*
 * The fitters' summed log-likelihoods (compressed rows, shared Γ terms) against the per-customer
 * formulas summed row by row, and their analytic gradients against central finite differences
 * of those row-by-row sums at random points: the gradient test does not trust the code's own
 * totals.
 */

/** Central difference of f in coordinate i at x, with a step relative to |xᵢ|. */
function centralDifference(f: (x: number[]) => number, x: readonly number[], i: number): number {
  const h = 1e-5 * Math.abs(x[i]);
  const up = [...x];
  const down = [...x];
  up[i] += h;
  down[i] -= h;
  return (f(up) - f(down)) / (up[i] - down[i]);
}

function relativeError(got: number, want: number): number {
  return Math.abs(got - want) / Math.max(Math.abs(want), 1e-8);
}

/** Customers with times in whole days (as weeks), so many rows repeat and the compression merges them. */
function customers(seed: number, n: number) {
  const u = rng(seed);
  return Array.from({ length: n }, () => {
    const c = simulateBgNbd(u, { r: 0.5, alpha: 6, a: 0.9, b: 2.5 }, Math.round(60 + 200 * u()) / 7);
    return { ...c, t_x: Math.min(c.T, Math.round(c.t_x * 7) / 7) };
  });
}

describe('digamma', () => {
  it('matches ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, the recurrence and the derivative of lnGamma', () => {
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 14);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.LN2, 14);
    expect(digamma(1e-6)).toBeCloseTo(-1e6 - euler + (Math.PI ** 2 / 6) * 1e-6, 6); // ψ(ε) = −1/ε − γ + ζ(2) ε + O(ε²)
    for (const x of [0.01, 0.3, 2.7, 9.99, 10, 55, 480.25]) {
      expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 12);
      const h = 1e-4 * x;
      expect(relativeError(digamma(x), (lnGamma(x + h) - lnGamma(x - h)) / (2 * h))).toBeLessThan(1e-7);
    }
  });
});

describe('BG/NBD summed log-likelihood and gradient', () => {
  const rows = customers(11, 3000);
  const x = Float64Array.from(rows, (r) => r.x);
  const tx = Float64Array.from(rows, (r) => r.t_x);
  const T = Float64Array.from(rows, (r) => r.T);
  const data = compressBgNbd(x, tx, T, rows.length);
  const rowByRow = ([r, alpha, a, b]: number[]) => rows.reduce((s, c) => s + bgNbdLogLikelihood({ r, alpha, a, b }, c), 0);

  it('merges repeated rows and keeps every customer', () => {
    expect(data.weight.length + data.zeroTime.length).toBeLessThan(rows.length);
    expect(data.weight.reduce((s, w) => s + w, 0) + data.zeroWeight.reduce((s, w) => s + w, 0)).toBe(rows.length);
    expect(data.xWeight.reduce((s, w) => s + w, 0)).toBe(rows.length);
  });

  it('equals Σ bgNbdLogLikelihood row by row and its gradient matches central differences (relative error < 1e-5) at random points', () => {
    const u = rng(5);
    const gradient = new Float64Array(4);
    for (let k = 0; k < 25; k++) {
      // log-uniform points: r, a, b in [0.05, 20], α in [0.1, 100]
      const point = [Math.exp(-3 + 6 * u()), Math.exp(-2.3 + 6.9 * u()), Math.exp(-3 + 6 * u()), Math.exp(-3 + 6 * u())];
      const total = bgNbdTotal(data, point[0], point[1], point[2], point[3], gradient);
      expect(relativeError(total, rowByRow(point))).toBeLessThan(1e-12);
      for (let i = 0; i < 4; i++) expect(relativeError(gradient[i], centralDifference(rowByRow, point, i)), `∂/∂${['r', 'α', 'a', 'b'][i]} at ${point}`).toBeLessThan(1e-5);
    }
  });

  it('gives the same total with times in whole days (the lookup-array path) as row by row', () => {
    const days = rows.map((c) => ({ x: c.x, t_x: Math.round(c.t_x * 7), T: Math.round(c.T * 7) }));
    const byDay = compressBgNbd(
      Float64Array.from(days, (c) => c.x),
      Float64Array.from(days, (c) => c.t_x),
      Float64Array.from(days, (c) => c.T),
      days.length,
    );
    const params = { r: 0.4, alpha: 30, a: 0.8, b: 3 };
    const want = days.reduce((s, c) => s + bgNbdLogLikelihood(params, c), 0);
    expect(relativeError(bgNbdTotal(byDay, params.r, params.alpha, params.a, params.b), want)).toBeLessThan(1e-12);
    expect(byDay.weight.length).toBeLessThan(days.filter((c) => c.x > 0).length);
  });

  it('is NaN outside the domain', () => {
    expect(bgNbdTotal(data, 0, 1, 1, 1)).toBeNaN();
    expect(bgNbdTotal(data, 1, 1, -1, 1)).toBeNaN();
  });
});

describe('Gamma-Gamma summed log-likelihood and gradient', () => {
  const u = rng(3);
  const rows = Array.from({ length: 2000 }, () => ({ x: 1 + Math.floor(12 * u() ** 2), monetary: Math.round(100 * (5 + 60 * u() ** 3)) / 100 }));
  const data = spendData(
    Float64Array.from(rows, (r) => r.x),
    Float64Array.from(rows, (r) => r.monetary),
  );
  const rowByRow = ([p, q, gamma]: number[]) => rows.reduce((s, c) => s + gammaGammaLogLikelihood({ p, q, gamma }, c), 0);

  it('equals Σ gammaGammaLogLikelihood row by row and its gradient matches central differences (relative error < 1e-5) at random points', () => {
    const gradient = new Float64Array(3);
    for (let k = 0; k < 25; k++) {
      const point = [Math.exp(-2.3 + 5.3 * u()), Math.exp(-1 + 4 * u()), Math.exp(0 + 6 * u())];
      const total = gammaGammaTotal(data, point[0], point[1], point[2], gradient);
      expect(relativeError(total, rowByRow(point))).toBeLessThan(1e-12);
      for (let i = 0; i < 3; i++) expect(relativeError(gradient[i], centralDifference(rowByRow, point, i)), `∂/∂${['p', 'q', 'γ'][i]} at ${point}`).toBeLessThan(1e-5);
    }
  });
});
