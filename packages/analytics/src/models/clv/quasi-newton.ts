import type { MinimumFound, OptimiserStep } from './optimize.js';

/**
 * A quasi-Newton minimiser (BFGS with a backtracking Armijo line search; Nocedal & Wright 2006,
 * alg. 6.1) for smooth objectives whose gradient is known, written as a generator like
 * `nelderMead` so it runs synchronously (`runSteps`) or in chunks (`runStepsAsync`).
 *
 * Why BFGS and not Newton: the CLV likelihoods have cheap analytic gradients but messy
 * Hessians; with 3 or 4 parameters BFGS needs about twice Newton's iterations, each one
 * gradient evaluation, and converges superlinearly near the optimum.
 */

/**
 * The objective and its gradient at `x`: returns f(x) and writes ∇f(x) into `gradient`.
 * Infinity or NaN means outside the domain (the line search backs off).
 */
export type SmoothObjective = (x: Float64Array, gradient: Float64Array) => number;

/** Options of `quasiNewton`. */
export interface QuasiNewtonOptions {
  /** Iterations before giving up (default 200). */
  readonly maxIterations?: number;
  /** Converged when every |∂f/∂xᵢ| <= this (default 1e-8). */
  readonly gradientTolerance?: number;
  /**
   * Also converged when the decrease of f the quadratic model still predicts, ½ gᵀHg, is below
   * this (absolute, in the unit of f; default 1e-8) and the gradient within 1000 × tolerance.
   */
  readonly decreaseTolerance?: number;
  /** The longest step per coordinate (default 1: in log-parameters a factor e). */
  readonly maxStep?: number;
}

/** The end of a quasi-Newton run: `MinimumFound` plus the gradient at the point. */
export interface QuasiNewtonMinimum extends MinimumFound {
  readonly gradient: number[];
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 60;
/** A decrease of f below this relative to |f| counts as none (L-BFGS-B's factr = 10 · ε). */
const RELATIVE_DECREASE = 10 * Number.EPSILON;
/** Iterations in a row without decrease that end the run. */
const STALL_LIMIT = 2;

/**
 * Minimises `f` from `start`. Stops converged when the gradient is within tolerance, or the
 * predicted decrease ½ gᵀHg is below `decreaseTolerance` (see the option), or when
 * f no longer decreases (by more than 10 ε |f| for two iterations, or the line search finds no
 * decrease: rounding at the optimum, where a summed gradient carries noise) while the gradient
 * is within 1000 × tolerance; otherwise stops unconverged (stalled away from a minimum, or out
 * of iterations).
 * Yields after every iteration.
 * @throws RangeError when f is not finite at the start.
 */
export function* quasiNewton(f: SmoothObjective, start: readonly number[], options: QuasiNewtonOptions = {}): Generator<OptimiserStep, QuasiNewtonMinimum, void> {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.gradientTolerance ?? 1e-8;
  const maxStep = options.maxStep ?? 1;
  const decreaseTolerance = options.decreaseTolerance ?? 1e-8;
  let evaluations = 0;
  const evaluate = (x: Float64Array, g: Float64Array): number => {
    evaluations++;
    const v = f(x, g);
    return Number.isNaN(v) ? Infinity : v;
  };
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let fx = evaluate(x, g);
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) throw new RangeError('quasiNewton: the objective or its gradient is not finite at the start point');
  // Inverse Hessian approximation, row-major; identity until the first update rescales it.
  const H = new Float64Array(n * n);
  const resetH = (scale: number) => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  resetH(1);
  let updated = false;
  const d = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  const predictedDecrease = () => {
    let v = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v += g[i] * H[i * n + j] * g[j];
    return 0.5 * v;
  };
  const gradientNorm = () => g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let converged = gradientNorm() <= tolerance;
  let iterations = 0;
  let stalled = 0;
  while (!converged && iterations < maxIterations) {
    iterations++;
    // Direction d = −H g; not a descent direction (H lost positive definiteness): steepest descent.
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      d[i] = v;
      slope += v * g[i];
    }
    if (!(slope < 0)) {
      resetH(1);
      updated = false;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = -g[i];
        slope -= g[i] * g[i];
      }
    }
    // Backtracking from the full step (capped at maxStep per coordinate), Armijo condition.
    let longest = 0;
    for (let i = 0; i < n; i++) longest = Math.max(longest, Math.abs(d[i]));
    let t = longest > maxStep ? maxStep / longest : 1;
    let fNew = Infinity;
    let accepted = false;
    for (let k = 0; k < MAX_BACKTRACKS; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + t * d[i];
      fNew = evaluate(xNew, gNew);
      if (fNew <= fx + ARMIJO * t * slope && gNew.every(Number.isFinite)) {
        accepted = true;
        break;
      }
      // Minimum of the quadratic through f(x), f'(x; d) and f(x + t d), kept within [0.1 t, 0.5 t].
      const quadratic = Number.isFinite(fNew) ? (-slope * t * t) / (2 * (fNew - fx - slope * t)) : 0.1 * t;
      t = Math.min(0.5 * t, Math.max(0.1 * t, quadratic));
    }
    if (!accepted) {
      // No decrease along a descent direction: at the optimum up to rounding, or stuck.
      converged = gradientNorm() <= 1000 * tolerance;
      break;
    }
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
      yy += y[i] * y[i];
    }
    const decreased = fx - fNew > RELATIVE_DECREASE * Math.max(Math.abs(fx), Math.abs(fNew), 1);
    stalled = decreased ? 0 : stalled + 1;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    // BFGS update of the inverse Hessian, skipped without positive curvature (keeps H positive definite).
    if (sy > 1e-12 * Math.sqrt(yy) * Math.hypot(...s)) {
      if (!updated) resetH(sy / yy); // Nocedal & Wright eq. 6.20: scale before the first update
      updated = true;
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
        yHy += y[i] * v;
      }
      // H ← H − ρ (Hy sᵀ + s yᵀH) + (ρ² yᵀHy + ρ) s sᵀ  (H symmetric, so yᵀH = (Hy)ᵀ)
      const c = rho * rho * yHy + rho;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + c * s[i] * s[j];
    }
    converged = gradientNorm() <= tolerance;
    // At the noise floor of a large summed objective the gradient cannot reach the tolerance,
    // but the decrease still to be had, ½ gᵀHg, is negligible: that is a minimum too.
    if (!converged && updated && predictedDecrease() <= decreaseTolerance && gradientNorm() <= 1000 * tolerance) converged = true;
    yield { iteration: iterations, evaluations, value: fx, point: Array.from(x), restart: 0 };
    if (!converged && stalled >= STALL_LIMIT) {
      converged = gradientNorm() <= 1000 * tolerance;
      break;
    }
  }
  return { point: Array.from(x), value: fx, iterations, evaluations, converged, gradient: Array.from(g) };
}
