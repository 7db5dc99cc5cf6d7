import { describe, expect, it } from 'vitest';
import { nelderMead, numericalGradient, runSteps, runStepsAsync } from '../../src/models/clv/index.js';

const rosenbrock = ([x, y]: readonly number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum (1, 1) from (−1.2, 1)', () => {
    const result = runSteps(nelderMead(rosenbrock, [-1.2, 1]));
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(1, 5);
    expect(result.value).toBeLessThan(1e-10);
  });

  it('treats NaN and Infinity as outside the domain', () => {
    // minimum of (x − 2)² on x > 0, infinite elsewhere, from x = 5
    const result = runSteps(nelderMead(([x]) => (x > 0 ? (x - 2) ** 2 : Number.NaN), [5]));
    expect(result.point[0]).toBeCloseTo(2, 6);
    expect(() => runSteps(nelderMead(() => Infinity, [0]))).toThrow(/not finite at the start/);
  });

  it('reports progress after every iteration and flags a run out of iterations', () => {
    const steps: number[] = [];
    const result = runSteps(nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5, restarts: 0 }), (s) => steps.push(s.iteration));
    expect(steps).toEqual([1, 2, 3, 4, 5]);
    expect(result.converged).toBe(false);
  });
});

describe('runStepsAsync', () => {
  it('awaits the pause between slices and stops when it throws (cancellation)', async () => {
    let pauses = 0;
    const result = await runStepsAsync(nelderMead(rosenbrock, [-1.2, 1]), async () => {
      pauses++;
    }, 0);
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(pauses).toBeGreaterThan(10);
    const abort = new Error('aborted');
    await expect(runStepsAsync(nelderMead(rosenbrock, [-1.2, 1]), async () => Promise.reject(abort), 0)).rejects.toBe(abort);
  });
});

describe('numericalGradient', () => {
  it('∇(x² + 3xy) at (1, 2) = (2x + 3y, 3x) = (8, 3)', () => {
    const g = numericalGradient(([x, y]) => x * x + 3 * x * y, [1, 2]);
    expect(g[0]).toBeCloseTo(8, 8);
    expect(g[1]).toBeCloseTo(3, 8);
  });
});
