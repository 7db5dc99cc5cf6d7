/**
 * A derivative-free minimiser (Nelder-Mead with restarts) written as a generator, so one
 * optimisation can run to the end synchronously (`runSteps`) or in chunks with an await
 * between them (`runStepsAsync`: progress, cancellation, liveness in a worker).
 */

/** Where an optimisation is after one iteration. */
export interface OptimiserStep {
  /** Iterations so far (over all restarts). */
  readonly iteration: number;
  /** Objective evaluations so far. */
  readonly evaluations: number;
  /** Best objective value so far (the minimiser's value, e.g. the negative log-likelihood). */
  readonly value: number;
  /** Best point so far (a copy). */
  readonly point: readonly number[];
  /** 0 for the first run, 1.. for the restarts from the best point. */
  readonly restart: number;
}

/** Options of `nelderMead`. */
export interface NelderMeadOptions {
  /** Edge of the first simplex around the start, per coordinate (default 0.5). */
  readonly step?: number;
  /** Iterations per run before giving up (default 4000). */
  readonly maxIterations?: number;
  /** Converged when the simplex's values agree within tolerance · (|best| + 1e-10) (default 1e-12)... */
  readonly tolerance?: number;
  /** ... and its points within this distance per coordinate of the best (default 1e-8). */
  readonly pointTolerance?: number;
  /** Restarts from the best point with a fresh simplex (default up to 6), until a run no longer improves. */
  readonly restarts?: number;
}

/** The end of an optimisation. */
export interface MinimumFound {
  readonly point: number[];
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  /** False when a run ran out of iterations before its simplex collapsed. */
  readonly converged: boolean;
}

/**
 * Minimises `f` from `start` by Nelder-Mead (reflection 1, expansion 2, contraction 1/2,
 * shrink 1/2; Lagarias et al. 1998), then restarts from the best point with a fresh simplex
 * until a restart improves the value by less than the tolerance: a collapsed simplex can stall
 * away from the minimum, a restart catches that. `f` may return Infinity (outside the domain);
 * NaN counts as Infinity. Yields after every iteration.
 */
export function* nelderMead(f: (x: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): Generator<OptimiserStep, MinimumFound, void> {
  const n = start.length;
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 4000;
  const tolerance = options.tolerance ?? 1e-12;
  const pointTolerance = options.pointTolerance ?? 1e-8;
  const restarts = options.restarts ?? 6;
  let evaluations = 0;
  let iterations = 0;
  const evaluate = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };

  let best = [...start];
  let bestValue = evaluate(best);
  if (!Number.isFinite(bestValue)) throw new RangeError('nelderMead: the objective is not finite at the start point');
  let converged = false;
  for (let restart = 0; restart <= restarts; restart++) {
    // Simplex: the best point and one point moved by `step` along each axis.
    const points: number[][] = [best];
    const values: number[] = [bestValue];
    for (let i = 0; i < n; i++) {
      const p = [...best];
      p[i] += step;
      points.push(p);
      values.push(evaluate(p));
    }
    let runConverged = false;
    for (let it = 0; it < maxIterations; it++) {
      iterations++;
      order(points, values);
      if (collapsed(points, values, tolerance, pointTolerance)) {
        runConverged = true;
        break;
      }
      const worst = n;
      const centroid = new Array<number>(n).fill(0);
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] += points[k][i] / n;
      const along = (t: number) => centroid.map((c, i) => c + t * (points[worst][i] - c));
      const reflected = along(-1);
      const fr = evaluate(reflected);
      if (fr < values[0]) {
        const expanded = along(-2);
        const fe = evaluate(expanded);
        if (fe < fr) replace(points, values, worst, expanded, fe);
        else replace(points, values, worst, reflected, fr);
      } else if (fr < values[n - 1]) {
        replace(points, values, worst, reflected, fr);
      } else {
        const outside = fr < values[worst];
        const contracted = along(outside ? -0.5 : 0.5);
        const fc = evaluate(contracted);
        if (fc < (outside ? fr : values[worst])) {
          replace(points, values, worst, contracted, fc);
        } else {
          for (let k = 1; k <= n; k++) {
            points[k] = points[k].map((v, i) => points[0][i] + 0.5 * (v - points[0][i]));
            values[k] = evaluate(points[k]);
          }
        }
      }
      const b = argMin(values);
      yield { iteration: iterations, evaluations, value: values[b], point: [...points[b]], restart };
    }
    order(points, values);
    const improvement = bestValue - values[0];
    if (values[0] < bestValue) {
      best = points[0];
      bestValue = values[0];
    }
    converged = runConverged;
    // A restart that no longer improves confirms the minimum.
    if (restart > 0 && runConverged && !(improvement > 10 * tolerance * (Math.abs(bestValue) + 1e-10))) break;
  }
  return { point: best, value: bestValue, iterations, evaluations, converged };
}

function order(points: number[][], values: number[]): void {
  const idx = values.map((_, i) => i).sort((i, j) => values[i] - values[j] || i - j);
  const p = idx.map((i) => points[i]);
  const v = idx.map((i) => values[i]);
  for (let i = 0; i < idx.length; i++) {
    points[i] = p[i];
    values[i] = v[i];
  }
}

function replace(points: number[][], values: number[], at: number, point: number[], value: number): void {
  points[at] = point;
  values[at] = value;
}

function argMin(values: readonly number[]): number {
  let b = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[b]) b = i;
  return b;
}

function collapsed(points: readonly number[][], values: readonly number[], tolerance: number, pointTolerance: number): boolean {
  const last = values.length - 1;
  if (!Number.isFinite(values[last])) return false;
  if (Math.abs(values[last] - values[0]) > tolerance * (Math.abs(values[0]) + 1e-10)) return false;
  for (let k = 1; k < points.length; k++) {
    for (let i = 0; i < points[0].length; i++) if (Math.abs(points[k][i] - points[0][i]) > pointTolerance) return false;
  }
  return true;
}

/**
 * Central-difference gradient of `f` at `x` (step h per coordinate), for convergence checks.
 */
export function numericalGradient(f: (x: readonly number[]) => number, x: readonly number[], h = 1e-5): number[] {
  return x.map((_, i) => {
    const up = [...x];
    const down = [...x];
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/** Runs a step generator to its end, calling `onStep` with every step; returns its result. */
export function runSteps<S, R>(steps: Generator<S, R, void>, onStep?: (step: S) => void): R {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    onStep?.(next.value);
  }
}

/**
 * Runs a step generator in chunks of about `sliceMs` milliseconds, awaiting `pause(step)`
 * between chunks (e.g. an analysis's `context.checkpoint`, which reports progress and throws
 * when the query was cancelled). Returns the generator's result.
 */
export async function runStepsAsync<S, R>(steps: Generator<S, R, void>, pause: (step: S) => Promise<void>, sliceMs = 40): Promise<R> {
  let sliceStart = Date.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (Date.now() - sliceStart >= sliceMs) {
      await pause(next.value);
      sliceStart = Date.now();
    }
  }
}
