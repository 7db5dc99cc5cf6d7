import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, ClvFitError, fitBgNbd, fitGammaGamma, gammaGammaLogLikelihood, quasiNewton, runSteps } from '../../src/models/clv/index.js';
import { gamma, rng, simulateBgNbd } from './simulate.js';

/*
 * The quasi-Newton fit (BFGS on the analytic gradient, the default) against the previous
 * derivative-free fit (Nelder-Mead with restarts, `optimiser: 'nelder-mead'`): it must find as
 * good a maximum, LL(new) >= LL(old) − 1e-6, each LL recomputed row by row with the
 * per-customer formula (not the fitters' own totals). The CDNOW comparison is in cdnow.test.ts.
 */

const rosenbrock = (x: Float64Array, g: Float64Array) => {
  g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
  g[1] = 200 * (x[1] - x[0] * x[0]);
  return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] * x[0]) ** 2;
};

describe('quasiNewton', () => {
  it('finds the Rosenbrock minimum (1, 1) from (−1.2, 1), reporting every iteration', () => {
    const steps: number[] = [];
    const result = runSteps(quasiNewton(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10 }), (s) => steps.push(s.iteration));
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 8);
    expect(result.point[1]).toBeCloseTo(1, 8);
    expect(steps).toEqual(Array.from({ length: result.iterations }, (_, i) => i + 1));
    expect(result.iterations).toBeLessThan(100);
  });

  it('backs off where the objective is not finite, and flags a run out of iterations', () => {
    // (x − 2)² on x > 0 only, from x = 0.1 with a first step that would cross 0
    const half = (x: Float64Array, g: Float64Array) => {
      g[0] = 2 * (x[0] - 2);
      return x[0] > 0 ? (x[0] - 2) ** 2 : Number.NaN;
    };
    expect(runSteps(quasiNewton(half, [0.1])).point[0]).toBeCloseTo(2, 8);
    expect(runSteps(quasiNewton(rosenbrock, [-1.2, 1], { maxIterations: 3 })).converged).toBe(false);
    expect(() => runSteps(quasiNewton(() => Infinity, [0]))).toThrow(/not finite at the start/);
  });
});

describe('quasi-Newton against Nelder-Mead (as good a maximum)', () => {
  it('BG/NBD on 8 000 simulated customers (times in whole days)', () => {
    const u = rng(21);
    const rows = Array.from({ length: 8000 }, () => {
      const c = simulateBgNbd(u, { r: 0.4, alpha: 9, a: 0.7, b: 4 }, Math.round(90 + 300 * u()) / 7);
      return { ...c, t_x: Math.min(c.T, Math.round(c.t_x * 7) / 7) };
    });
    const total = (p: { r: number; alpha: number; a: number; b: number }) => rows.reduce((s, row) => s + bgNbdLogLikelihood(p, row), 0);
    const fast = fitBgNbd(rows);
    const old = fitBgNbd(rows, { optimiser: 'nelder-mead' });
    expect(total(fast)).toBeGreaterThanOrEqual(total(old) - 1e-6);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fast[k] / old[k] - 1), k).toBeLessThan(1e-3);
    expect(fast.evaluations).toBeLessThan(old.evaluations / 10);
  }, 60_000);

  it('Gamma-Gamma on 4 000 simulated repeat buyers', () => {
    const u = rng(17);
    const rows = Array.from({ length: 4000 }, () => {
      const x = 1 + Math.floor(u() * 10);
      const nu = gamma(u, 3.5, 25);
      let sum = 0;
      for (let k = 0; k < x; k++) sum += gamma(u, 2.5, nu);
      return { x, monetary: sum / x };
    });
    const total = (p: { p: number; q: number; gamma: number }) => rows.reduce((s, row) => s + gammaGammaLogLikelihood(p, row), 0);
    const fast = fitGammaGamma(rows);
    const old = fitGammaGamma(rows, { optimiser: 'nelder-mead' });
    expect(total(fast)).toBeGreaterThanOrEqual(total(old) - 1e-6);
    for (const k of ['p', 'q', 'gamma'] as const) expect(Math.abs(fast[k] / old[k] - 1), k).toBeLessThan(1e-3);
    expect(fast.evaluations).toBeLessThan(old.evaluations / 10);
  }, 60_000);

  it('falls back to Nelder-Mead when BFGS converges from no start (default only), and says so', () => {
    const u = rng(4);
    const rows = Array.from({ length: 500 }, () => simulateBgNbd(u, { r: 0.5, alpha: 5, a: 0.8, b: 3 }, 40));
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ClvFitError);
        expect((e as ClvFitError).reason).toBe('not-converged');
        return (e as Error).message;
      }
      return 'no error';
    };
    // 2 iterations are too few for either optimiser: the message lists both passes
    expect(message(() => fitBgNbd(rows, { maxIterations: 2 }))).toMatch(/start 1: no convergence in 2 iterations.*start 1 \(Nelder-Mead fallback\): no convergence/);
    expect(message(() => fitBgNbd(rows, { maxIterations: 2, optimiser: 'quasi-newton' }))).not.toMatch(/fallback/);
  });
});
