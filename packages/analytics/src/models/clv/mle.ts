import { ClvFitError } from './errors.js';
import type { FitProgress } from './fit-input.js';
import { nelderMead, numericalGradient, type MinimumFound, type OptimiserStep } from './optimize.js';
import { quasiNewton } from './quasi-newton.js';

/**
 * Maximum likelihood over positive parameters, shared by the BG/NBD and Gamma-Gamma fitters:
 * the log-likelihood is maximised over θ = ln(parameters) (so every parameter stays positive
 * and the scales even out), from several start points, by
 *
 * - 'quasi-newton' (default): BFGS on the analytic gradient (`quasiNewton`), converged when
 *   every |∂LL/∂θᵢ| <= 1e-9 · (n + 100) (n customers; LL is a sum over them), or when the gain
 *   still predicted, ½ gᵀHg, is below 1e-8 with the gradient within 1000 times that (a sum over
 *   100k customers carries rounding noise in its gradient that the first rule cannot beat), or
 * - 'nelder-mead': the previous derivative-free fit (`nelderMead` with restarts; converged when
 *   the simplex collapsed), kept as the reference the benchmark and tests compare against.
 *
 * - Starts are tried in order until one converges; the next start is tried only when a run
 *   fails one of the checks below. When the default BFGS fails from every start without a
 *   parameter running off, the starts are tried again with Nelder-Mead.
 * - Convergence check: the optimiser converged, and the gradient of −LL in θ at the optimum
 *   (analytic, or central differences for Nelder-Mead) is below 1e-5 · (n + 100) in every coordinate.
 * - A parameter whose ln left [−16, 16] (below 1e-7 or above 8.9e6) means the maximum lies at
 *   a boundary: reason 'degenerate'. The objective is +Infinity beyond |θ| > 18.
 */
export interface MleProblem {
  readonly model: 'bg-nbd' | 'gamma-gamma';
  /** Parameter names, in θ order. */
  readonly names: readonly string[];
  /** The log-likelihood at the parameters (not θ); NaN or −Infinity where undefined. */
  readonly logLikelihood: (params: readonly number[]) => number;
  /**
   * The log-likelihood at the parameters, writing ∂LL/∂(parameter) into `gradient` (same
   * length); NaN or −Infinity where undefined. Required by 'quasi-newton'.
   */
  readonly logLikelihoodWithGradient?: (params: readonly number[], gradient: Float64Array) => number;
  /** The optimiser (default 'quasi-newton' when the gradient is given). */
  readonly optimiser?: Optimiser;
  /** Start points (parameters, not θ). */
  readonly starts: readonly (readonly number[])[];
  /** Customers behind the likelihood (for the gradient tolerance). */
  readonly customers: number;
  readonly maxIterations?: number;
}

/** How the likelihood is maximised (see `maximiseLikelihood`). */
export type Optimiser = 'quasi-newton' | 'nelder-mead';

/** The estimate. */
export interface MleResult {
  readonly params: number[];
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly evaluations: number;
}

const THETA_LIMIT = 18;
const BOUNDARY = 16;
/** Iterations the best point may stay beyond the boundary before the start is given up. */
const BOUNDARY_PATIENCE = { 'nelder-mead': 200, 'quasi-newton': 20 };
/** Gradient tolerance of the quasi-Newton runs per customer (see above). */
const GRADIENT_TOLERANCE = 1e-9;

/** Yields progress per iteration; returns the estimate or throws `ClvFitError`. */
export function* maximiseLikelihood(problem: MleProblem): Generator<FitProgress, MleResult, void> {
  const { names, model } = problem;
  const objective = (theta: readonly number[]): number => {
    for (const t of theta) if (!(Math.abs(t) <= THETA_LIMIT)) return Infinity;
    const ll = problem.logLikelihood(theta.map(Math.exp));
    return Number.isFinite(ll) ? -ll : Infinity;
  };
  const named = (theta: readonly number[]) => Object.fromEntries(names.map((name, i) => [name, Math.exp(theta[i])]));
  const withGradient = problem.logLikelihoodWithGradient;
  const optimiser: Optimiser = problem.optimiser ?? (withGradient ? 'quasi-newton' : 'nelder-mead');
  if (optimiser === 'quasi-newton' && !withGradient) throw new TypeError(`maximiseLikelihood: 'quasi-newton' needs logLikelihoodWithGradient`);
  // −LL and its gradient in θ: ∂/∂θᵢ = parameterᵢ · ∂/∂parameterᵢ (chain rule through exp).
  const params = new Float64Array(names.length);
  const smooth = (theta: Float64Array, gradient: Float64Array): number => {
    for (let i = 0; i < theta.length; i++) {
      if (!(Math.abs(theta[i]) <= THETA_LIMIT)) return Infinity;
      params[i] = Math.exp(theta[i]);
    }
    const ll = withGradient!(params as unknown as number[], gradient);
    if (!Number.isFinite(ll)) return Infinity;
    for (let i = 0; i < gradient.length; i++) gradient[i] = -params[i] * gradient[i];
    return -ll;
  };
  const gradientTolerance = GRADIENT_TOLERANCE * (problem.customers + 100);
  let evaluations = 0;
  let iterations = 0;
  let best: { theta: number[]; value: number } | null = null;
  let done = false;
  const failures: string[] = [];
  const starts = problem.starts;
  // The default falls back to Nelder-Mead when BFGS converges from no start and no parameter ran
  // off (a likelihood too flat or noisy for the line search, where the simplex still gets there).
  const passes: Optimiser[] = optimiser === 'quasi-newton' && problem.optimiser === undefined ? ['quasi-newton', 'nelder-mead'] : [optimiser];
  for (const pass of passes) {
    if (done || failures.some((f) => f.includes(' ran to '))) break;
    const label = pass === optimiser ? '' : ' (Nelder-Mead fallback)';
    for (let s = 0; s < starts.length && !done; s++) {
      const theta0 = starts[s].map(Math.log);
      if (!Number.isFinite(objective(theta0))) {
        failures.push(`start ${s + 1}${label}: likelihood not finite`);
        continue;
      }
      const run =
        pass === 'quasi-newton'
          ? quasiNewton(smooth, theta0, { maxIterations: problem.maxIterations ?? 200, gradientTolerance })
          : nelderMead(objective, theta0, { maxIterations: problem.maxIterations ?? 4000 });
      const before = evaluations;
      let found: MinimumFound | null = null;
      let last: OptimiserStep | null = null;
      let atBoundary = 0;
      for (;;) {
        const next = run.next();
        if (next.done) {
          found = next.value;
          break;
        }
        last = next.value;
        yield { model, start: s, starts: starts.length, iteration: last.iteration, evaluations: before + last.evaluations, logLikelihood: -last.value, params: named(last.point) };
        // A best point parked beyond the boundary for long means a maximum at infinity: stop early.
        atBoundary = last.point.some((t) => Math.abs(t) > BOUNDARY) ? atBoundary + 1 : 0;
        if (atBoundary > BOUNDARY_PATIENCE[pass]) break;
      }
      if (!found) {
        run.return(undefined as never);
        const at = last!.point.findIndex((t) => Math.abs(t) > BOUNDARY);
        evaluations = before + last!.evaluations;
        iterations += last!.iteration;
        failures.push(`start ${s + 1}${label}: ${names[at]} ran to ${last!.point[at] > 0 ? 'infinity' : '0'} (${Math.exp(last!.point[at]).toPrecision(3)})`);
        continue;
      }
      evaluations = before + found.evaluations;
      iterations += found.iterations;
      // A parameter beyond the boundary first: a maximum at infinity also stalls the optimiser.
      const outside = found.point.findIndex((t) => Math.abs(t) > BOUNDARY);
      if (outside >= 0) {
        failures.push(`start ${s + 1}${label}: ${names[outside]} ran to ${found.point[outside] > 0 ? 'infinity' : '0'} (${Math.exp(found.point[outside]).toPrecision(3)})`);
        continue;
      }
      if (!found.converged) {
        failures.push(`start ${s + 1}${label}: no convergence in ${found.iterations} iterations`);
        continue;
      }
      let gradient: number[];
      if ('gradient' in found) gradient = found.gradient as number[];
      else {
        gradient = numericalGradient(objective, found.point);
        evaluations += 2 * gradient.length;
      }
      const tolerance = 1e-5 * (problem.customers + 100);
      const steep = gradient.findIndex((g) => !(Math.abs(g) <= tolerance));
      if (steep >= 0) {
        failures.push(`start ${s + 1}${label}: stopped where the gradient in ln ${names[steep]} is ${gradient[steep].toPrecision(3)}`);
        continue;
      }
      best = { theta: found.point, value: found.value };
      done = true;
    }
  }
  if (!best) {
    const degenerate = failures.some((f) => f.includes(' ran to '));
    throw new ClvFitError(
      model,
      degenerate ? 'degenerate' : 'not-converged',
      `no maximum-likelihood estimate (${failures.join('; ')}). ${degenerate ? 'The data do not pin the model down (too few repeat buyers, or no spread in their behaviour): use more history or a longer calibration period.' : 'Try more data or a longer calibration period.'}`,
    );
  }
  return { params: best.theta.map(Math.exp), logLikelihood: -best.value, iterations, evaluations };
}
