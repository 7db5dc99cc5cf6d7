import type { AnalysisContext } from '../../types.js';
import { bgNbdConditionalExpected, bgNbdProbabilityAlive } from '../../models/clv/bgnbd.js';
import { gammaGammaExpectedSpend } from '../../models/clv/gamma-gamma.js';
import { DAYS_PER_MONTH } from '../../models/clv/lifetime-value.js';
import type { ClvFittedModel } from './fitted-model.js';

/** Per model row: the CLV analyses' per-customer predictions over one horizon. */
export interface Predictions {
  readonly horizonDays: number;
  readonly monthlyDiscountRate: number;
  readonly pAlive: Float64Array;
  readonly expectedOrders: Float64Array;
  readonly expectedValue: Float64Array;
  /** expectedOrders × expectedValue (undiscounted). */
  readonly expectedRevenue: Float64Array;
  readonly clv: Float64Array;
}

/**
 * Every customer's predictions (the model's rows) for a horizon of `horizonDays` days and a
 * monthly discount rate, as `predictCustomer` (models/clv) computes them:
 * pAlive = P(alive | x, t_x, T); expectedOrders = E[Y(h) | x, t_x, T], h = horizonDays;
 * expectedValue = Gamma-Gamma E[M | x, m_x]; clv = expectedValue × Σ over the months
 * (partial last month included) of that month's expected orders / (1 + rate)^(months elapsed).
 * Customers with the same (x, t_x, T) share the BG/NBD part (computed once). Cached per model,
 * horizon and rate; checkpoints every 2 000 distinct histories.
 */
export async function predictionsOf(context: AnalysisContext, model: ClvFittedModel, horizonDays: number, monthlyDiscountRate: number): Promise<Predictions> {
  const key = `${horizonDays}:${monthlyDiscountRate}`;
  const cached = model.predictions.get(key) as Predictions | undefined;
  if (cached) return cached;
  const { summary, bgnbd, gammaGamma } = model;
  const n = summary.length;
  const months = horizonDays / DAYS_PER_MONTH;
  const pAlive = new Float64Array(n);
  const expectedOrders = new Float64Array(n);
  const expectedValue = new Float64Array(n);
  const expectedRevenue = new Float64Array(n);
  const clv = new Float64Array(n);
  const seen = new Map<string, number>();
  const discounted: number[] = [];
  const firstRowOf: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = summary.x[i];
    const customer = { x, t_x: summary.tx[i], T: summary.T[i], monetary: summary.monetary[i] };
    const id = `${x}|${customer.t_x}|${customer.T}`;
    let u = seen.get(id);
    if (u === undefined) {
      u = seen.size;
      seen.set(id, u);
      let previous = 0;
      let sum = 0;
      for (let k = 1; k < months + 1; k++) {
        const m = Math.min(k, months);
        const cumulative = bgNbdConditionalExpected(bgnbd, customer, m * DAYS_PER_MONTH);
        sum += (cumulative - previous) / Math.pow(1 + monthlyDiscountRate, m);
        previous = cumulative;
      }
      discounted.push(sum);
      pAlive[i] = bgNbdProbabilityAlive(bgnbd, customer);
      expectedOrders[i] = previous;
      if (seen.size % 2000 === 0) await context.checkpoint(i, n, 'Predicting customers');
    } else {
      const j = firstRowOf[u];
      pAlive[i] = pAlive[j];
      expectedOrders[i] = expectedOrders[j];
    }
    if (firstRowOf.length === u) firstRowOf.push(i);
    expectedValue[i] = gammaGammaExpectedSpend(gammaGamma, customer);
    expectedRevenue[i] = expectedOrders[i] * expectedValue[i];
    clv[i] = discounted[u] * expectedValue[i];
  }
  const predictions: Predictions = { horizonDays, monthlyDiscountRate, pAlive, expectedOrders, expectedValue, expectedRevenue, clv };
  model.predictions.set(key, predictions);
  return predictions;
}
