import { ClvFitError } from './errors.js';
import { fitColumns, type FitOptions, type FitProgress, type FitRows, type SpendCustomer } from './fit-input.js';
import { maximiseLikelihood } from './mle.js';
import { runSteps } from './optimize.js';
import { lnGamma } from './special.js';
import { gammaGammaTotal, spendData } from './gamma-gamma-likelihood.js';

/**
 * The Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value";
 * Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's transaction values are
 * Gamma(p, ν) around their mean p/ν, and ν ~ Gamma(q, γ) across customers. It is fitted on the
 * repeat buyers' (x, m_x), m_x = mean value of their x repeat transactions, and assumes spend
 * is independent of the purchase process.
 */

/** Gamma-Gamma parameters. */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** A maximum-likelihood fit. */
export interface GammaGammaFit extends GammaGammaParams {
  readonly logLikelihood: number;
  /** Repeat buyers the model was fitted on. */
  readonly customers: number;
  readonly iterations: number;
  readonly evaluations: number;
}

/**
 * One repeat buyer's log-likelihood (Fader & Hardie 2013, eq. 3: the density of m_x given x):
 *
 *   f(m_x | p, q, γ, x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · m_x^(px−1) · x^(px) / (γ + m_x x)^(px+q)
 *
 *   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + m_x x).
 */
export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, { x, monetary }: SpendCustomer): number {
  const px = p * x;
  return lnGamma(px + q) - lnGamma(px) - lnGamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(monetary) + px * Math.log(x) - (px + q) * Math.log(gamma + monetary * x);
}

/**
 * Fits Gamma-Gamma as a step generator on the rows with x > 0 (rows with x = 0 are skipped:
 * their first purchase is not used, as in the note). A repeat buyer needs monetary > 0.
 * @throws ClvFitError ('no-repeat-buyers', 'invalid-input', 'not-converged', 'degenerate').
 */
export function* gammaGammaFitSteps(rows: FitRows<SpendCustomer>, options: FitOptions = {}): Generator<FitProgress, GammaGammaFit, void> {
  const columns = fitColumns(rows);
  const xs = new Float64Array(columns.length);
  const ms = new Float64Array(columns.length);
  let buyers = 0;
  for (let i = 0; i < columns.length; i++) {
    const x = columns.x[i];
    const m = columns.monetary[i];
    if (!(Number.isInteger(x) && x >= 0)) throw new ClvFitError('gamma-gamma', 'invalid-input', `row ${i}: x must be a whole number >= 0, got ${x}`);
    if (x === 0) continue;
    if (!(m > 0 && Number.isFinite(m))) throw new ClvFitError('gamma-gamma', 'invalid-input', `row ${i}: a repeat buyer needs a positive mean transaction value, got ${m} (leave out customers whose repeat transactions are free or refunds)`);
    xs[buyers] = x;
    ms[buyers] = m;
    buyers++;
  }
  if (buyers === 0) throw new ClvFitError('gamma-gamma', 'no-repeat-buyers', `none of the ${columns.length} customers made a repeat transaction: spend per transaction cannot be modelled`);
  const data = spendData(xs.subarray(0, buyers), ms.subarray(0, buyers));
  // Starts: the population mean pγ/(q−1) equal to the mean of m_x, with (p, q) = (1, 2), (5, 3), (0.5, 1.5).
  let total = 0;
  for (let i = 0; i < buyers; i++) total += ms[i];
  const mean = total / buyers;
  const result = yield* maximiseLikelihood({
    model: 'gamma-gamma',
    names: ['p', 'q', 'gamma'],
    logLikelihood: ([p, q, gamma]) => gammaGammaTotal(data, p, q, gamma),
    logLikelihoodWithGradient: ([p, q, gamma], gradient) => gammaGammaTotal(data, p, q, gamma, gradient),
    optimiser: options.optimiser,
    starts: [
      [1, 2, mean],
      [5, 3, (mean * 2) / 5],
      [0.5, 1.5, mean],
    ],
    customers: buyers,
    maxIterations: options.maxIterations,
  });
  const [p, q, gamma] = result.params;
  return { p, q, gamma, logLikelihood: result.logLikelihood, customers: buyers, iterations: result.iterations, evaluations: result.evaluations };
}

/**
 * Fits Gamma-Gamma to `{ x, monetary }` rows (monetary = mean value of the x repeat
 * transactions) by maximum likelihood over ln p, ln q, ln γ (BFGS with the analytic gradient;
 * `options.optimiser: 'nelder-mead'` for the previous derivative-free fit). Synchronous.
 * @throws ClvFitError (see `gammaGammaFitSteps`).
 */
export function fitGammaGamma(rows: FitRows<SpendCustomer>, options: FitOptions = {}): GammaGammaFit {
  return runSteps(gammaGammaFitSteps(rows, options), options.onIteration);
}

/**
 * Expected value of a customer's transactions given x and m_x (Fader & Hardie 2013, eq. 5):
 *
 *   E[M | p, q, γ, m_x, x] = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m_x = p (γ + m_x x) / (px + q − 1),
 *
 * a weighted mean of the population mean pγ/(q−1) and the customer's own mean. With x = 0 it
 * is the population mean pγ/(q−1) (needs q > 1; Infinity otherwise).
 */
export function gammaGammaExpectedSpend({ p, q, gamma }: GammaGammaParams, { x, monetary }: SpendCustomer): number {
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) return Infinity;
  return (p * (gamma + (x > 0 ? monetary * x : 0))) / denominator;
}
