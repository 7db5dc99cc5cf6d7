import { ClvFitError } from './errors.js';
import { fitColumns, type FitOptions, type FitProgress, type FitRows, type RfmCustomer } from './fit-input.js';
import { maximiseLikelihood } from './mle.js';
import { runSteps } from './optimize.js';
import { hyp2f1, lnGamma } from './special.js';
import { bgNbdTotal, compressBgNbd } from './bgnbd-likelihood.js';

/**
 * The BG/NBD model of Fader, Hardie & Lee (2005), "Counting your customers the easy way: an
 * alternative to the Pareto/NBD model", Marketing Science 24(2):
 *
 * - while alive, a customer buys as a Poisson process of rate λ, λ ~ Gamma(r, α) across customers;
 * - after every transaction they drop out with probability p, p ~ Beta(a, b) across customers.
 *
 * A customer is summarised by (x, t_x, T): x repeat transactions in (0, T], the last at t_x
 * (time runs from their first transaction; any unit, the parameters α then carry that unit).
 */

/** BG/NBD parameters (α in the unit of t_x and T). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** A maximum-likelihood fit. */
export interface BgNbdFit extends BgNbdParams {
  /** The maximised log-likelihood Σ ln L(r, α, a, b | x, t_x, T). */
  readonly logLikelihood: number;
  readonly customers: number;
  readonly repeatBuyers: number;
  readonly iterations: number;
  readonly evaluations: number;
}

/**
 * One customer's log-likelihood (FHL 2005, eq. 6):
 *
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
 *     + δ(x>0) · B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))
 *
 * computed as ln L = A₁ + A₂ + ln(e^A₃ + δ(x>0) e^A₄) with
 *   A₁ = ln Γ(r+x) − ln Γ(r) + r ln α,
 *   A₂ = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x),
 *   A₃ = −(r+x) ln(α+T),
 *   A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x)
 * (using B(a+1, b+x−1)/B(a, b+x) = a/(b+x−1)).
 */
export function bgNbdLogLikelihood(params: BgNbdParams, customer: RfmCustomer): number {
  const { r, alpha, a, b } = params;
  const { x, t_x, T } = customer;
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + t_x);
  return a1 + a2 + logAddExp(a3, a4);
}

function logAddExp(u: number, v: number): number {
  const hi = Math.max(u, v);
  return hi + Math.log1p(Math.exp(Math.min(u, v) - hi));
}

/**
 * Fits BG/NBD by maximum likelihood as a step generator (yields progress after every optimiser
 * iteration; see `fitBgNbd` for the synchronous call and `runStepsAsync` for chunked runs).
 * @throws ClvFitError ('no-customers', 'invalid-input', 'no-repeat-buyers', 'not-converged', 'degenerate').
 */
export function* bgNbdFitSteps(rows: FitRows<RfmCustomer>, options: FitOptions = {}): Generator<FitProgress, BgNbdFit, void> {
  const { x, tx, T, length } = fitColumns(rows);
  if (length === 0) throw new ClvFitError('bg-nbd', 'no-customers', 'no customers to fit');
  let repeatBuyers = 0;
  let transactions = 0;
  let exposure = 0;
  for (let i = 0; i < length; i++) {
    const ok = Number.isInteger(x[i]) && x[i] >= 0 && tx[i] >= 0 && T[i] >= tx[i] && Number.isFinite(T[i]) && (x[i] > 0 || tx[i] === 0);
    if (!ok) throw new ClvFitError('bg-nbd', 'invalid-input', `row ${i} is not a valid summary (x = ${x[i]}, t_x = ${tx[i]}, T = ${T[i]}): need a whole x >= 0 and 0 <= t_x <= T, with t_x = 0 when x = 0`);
    if (x[i] > 0) repeatBuyers++;
    transactions += x[i];
    exposure += T[i];
  }
  if (repeatBuyers === 0) throw new ClvFitError('bg-nbd', 'no-repeat-buyers', `none of the ${length} customers bought again: there is nothing to fit (wait for repeat purchases or use a longer period)`);
  if (!(exposure > 0)) throw new ClvFitError('bg-nbd', 'invalid-input', 'every customer has T = 0: the calibration period must end after their first purchases');
  const data = compressBgNbd(x, tx, T, length);
  // Starts: the mean purchase rate r/α = Σx / ΣT with r = 1, 0.3 and 3; dropout a/(a+b) = 1/4, 1/3, 1/6.
  const rate = transactions / exposure;
  const result = yield* maximiseLikelihood({
    model: 'bg-nbd',
    names: ['r', 'alpha', 'a', 'b'],
    logLikelihood: ([r, alpha, a, b]) => bgNbdTotal(data, r, alpha, a, b),
    logLikelihoodWithGradient: ([r, alpha, a, b], gradient) => bgNbdTotal(data, r, alpha, a, b, gradient),
    optimiser: options.optimiser,
    starts: [
      [1, 1 / rate, 1, 3],
      [0.3, 0.3 / rate, 0.5, 1],
      [3, 3 / rate, 2, 10],
    ],
    customers: length,
    maxIterations: options.maxIterations,
  });
  const [r, alpha, a, b] = result.params;
  return { r, alpha, a, b, logLikelihood: result.logLikelihood, customers: length, repeatBuyers, iterations: result.iterations, evaluations: result.evaluations };
}

/**
 * Fits BG/NBD to customer summaries `{ x, t_x, T }` by maximum likelihood (see
 * `maximiseLikelihood`: BFGS with the analytic gradient over ln r, ln α, ln a, ln b, from
 * several starts; `options.optimiser: 'nelder-mead'` for the previous derivative-free fit).
 * Synchronous; `options.onIteration` sees every iteration.
 * @throws ClvFitError when there are no customers or no repeat buyers, a row is invalid, or no
 *   start converges to an interior maximum.
 */
export function fitBgNbd(rows: FitRows<RfmCustomer>, options: FitOptions = {}): BgNbdFit {
  return runSteps(bgNbdFitSteps(rows, options), options.onIteration);
}

const A_NEAR_ONE = 1e-5;

/**
 * Expected repeat transactions in (0, t] of a customer from their first purchase (a randomly
 * chosen new customer; FHL 2005, eq. 9):
 *
 *   E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))].
 *
 * Evaluated through Euler's transformation 2F1(A,B;C;z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z)
 * with z = t/(α+t), 1 − z = α/(α+t):
 *
 *   (α/(α+t))^r · 2F1(r, b; a+b−1; z) = (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b−1; z),
 *
 * so the bracket is −expm1((a−1) ln(1−z) + ln 2F1(...)). At a = 1 the formula is 0/0: within
 * 1e-5 of it, the mean of a = 1 ± 1e-5 (the function is smooth in a).
 * E[X(0)] = 0.
 */
export function bgNbdExpected(params: BgNbdParams, t: number): number {
  if (!(t >= 0)) throw new RangeError(`bgNbdExpected: t must be >= 0, got ${t}`);
  if (t === 0) return 0;
  return nearOneInA(params, (p) => expectedBracket(p, 0, 0, t));
}

/**
 * Expected transactions in (T, T+t] of a customer with history (x, t_x, T) (FHL 2005, eq. 10):
 *
 *   E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *                         / [1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)].
 *
 * The 2F1 grows like (1−z)^(a−1−r−x) for large x while its prefactor shrinks like
 * (1−z)^(r+x): both overflow for heavy buyers. Euler's transformation (as in `bgNbdExpected`)
 * turns the product into (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z), z = t/(α+T+t), which stays O(1).
 * Limits: 0 at t = 0; for x = 0 and T = 0 it equals E[X(t)].
 */
export function bgNbdConditionalExpected(params: BgNbdParams, customer: RfmCustomer, t: number): number {
  if (!(t >= 0)) throw new RangeError(`bgNbdConditionalExpected: t must be >= 0, got ${t}`);
  if (t === 0) return 0;
  const { x, t_x, T } = customer;
  return nearOneInA(params, (p) => expectedBracket(p, x, T, t)) * bgNbdProbabilityAlive(params, { x, t_x, T });
}

/** (a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z)], z = t/(α+T+t). */
function expectedBracket({ r, alpha, a, b }: BgNbdParams, x: number, T: number, t: number): number {
  const z = t / (alpha + T + t);
  const c = a + b + x - 1;
  const f = hyp2f1(a + b - 1 - r, a - 1, c, z);
  const bracket = -Math.expm1((a - 1) * Math.log1p(-z) + Math.log(f));
  return (c / (a - 1)) * bracket;
}

function nearOneInA(params: BgNbdParams, f: (p: BgNbdParams) => number): number {
  if (Math.abs(params.a - 1) >= A_NEAR_ONE) return f(params);
  return (f({ ...params, a: 1 - A_NEAR_ONE }) + f({ ...params, a: 1 + A_NEAR_ONE })) / 2;
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T (FHL 2005, eq. 11
 * of the technical appendix; "P(alive)"):
 *
 *   P(alive | x, t_x, T) = 1 / [1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)].
 *
 * A customer without a repeat purchase (x = 0) is alive with probability 1 (in BG/NBD a
 * customer can only drop out right after a purchase). Churn probability = 1 − P(alive).
 */
export function bgNbdProbabilityAlive({ r, alpha, a, b }: BgNbdParams, { x, t_x, T }: RfmCustomer): number {
  if (x === 0) return 1;
  const lnOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + t_x));
  return lnOdds > 0 ? Math.exp(-lnOdds) / (1 + Math.exp(-lnOdds)) : 1 / (1 + Math.exp(lnOdds));
}
