import { sessionMask, type Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { bgNbdConditionalExpected, bgNbdExpected } from '../../models/clv/bgnbd.js';
import { localDay, sessionDays } from '../../models/clv/summary.js';
import { clvModel, type ClvFittedModel } from './fitted-model.js';
import { monotoneInterpolator } from './interpolate.js';
import { CLV_PARAM_NAMES, modelMeta, readClvParams, type ClvParams } from './params.js';
import { predictionsOf } from './predictions.js';
import { clvScope, selectedClients, type ClvScope } from './scope.js';

const NAME = 'daily_clv';
const DAY_MS = 86_400_000;

/**
 * `daily_clv` (seed 001 "CLV Prediction Time Line"): actual revenue per day up to the data's
 * end and predicted revenue per day over the `horizonDays` (default 182) after the as-of.
 *
 * The model: BG/NBD + Gamma-Gamma fitted in days on the orders up to the as-of (see scope.ts
 * for which clauses select orders and which select customers; purchases of a day merged).
 * - actual(day) = Σ payment of the orders that day (orders passing the order clauses, of the
 *   selected customers), for every day from the first order to the data's last day (0 on days
 *   without orders); null after the data's end.
 * - predicted(as-of day + d), d = 1..horizonDays =
 *     Σ over the selected customers of E[M]ᵢ · (E[Y(d) | xᵢ, t_xᵢ, Tᵢ] − E[Y(d−1) | ...])
 *     + ν · (m₁ + E[M]₀ · E[X(d−1)])   (only without customer clauses)
 *   The first sum is each existing customer's expected orders that day times their expected
 *   order value. The second is new customers: ν = customers whose first order fell in the 90
 *   days up to the as-of, per day; each day's cohort spends m₁ (the mean first-transaction
 *   value of those customers) on its first day, and cohorts acquired on days 1..d−1 buy again
 *   at the unconditional BG/NBD rate (Σ over cohorts telescopes to E[X(d−1)]) with the
 *   Gamma-Gamma population mean E[M]₀ = pγ/(q−1). predicted is null up to the as-of day.
 *   E[Y(t)] of the existing customers is evaluated at knots (every day for the first week,
 *   then 10, 14, 21, 28 and every 14 days, and the horizon) and summed; days between knots
 *   come from a monotone cubic through the summed cumulative curve.
 * - day = epoch ms of the local day's start.
 *
 * meta: `{ asOf, horizonDays, bgnbd: { r, alpha, a, b, logLikelihood, unit }, gammaGamma: { p,
 * q, gamma, logLikelihood }, newCustomersPerDay, acquisitionWindowDays, firstOrderValue,
 * customers, predictedRevenue, predictedNewCustomerRevenue }`.
 */
export const dailyClv = defineAnalysis<ClvParams>({
  name: NAME,
  description: 'Actual revenue per day and the BG/NBD + Gamma-Gamma predicted revenue per day over the horizon',
  long: true,
  params: (raw) => readClvParams(NAME, raw, new ParamReader(NAME, raw, [...CLV_PARAM_NAMES])),
  async run(context, params) {
    const scope = clvScope(context, NAME, params.asOf);
    if (!scope) return { rows: [], meta: { asOf: null, horizonDays: params.horizonDays, bgnbd: null, gammaGamma: null, newCustomersPerDay: null } };
    const model = await clvModel(context, scope);
    const selected = selectedClients(context, scope);
    const predicted = await predictedRevenue(context, model, selected, params);
    const newCustomers = selected ? null : newCustomerRevenue(model, params.horizonDays);
    const actual = actualRevenue(context, scope, selected);
    const endDay = model.endDay;
    const firstDay = Math.min(actual.firstDay, endDay);
    const rows: Row[] = [];
    let predictedTotal = 0;
    let newTotal = 0;
    for (let day = firstDay; day <= endDay + params.horizonDays; day++) {
      const d = day - endDay;
      let value: number | null = null;
      if (d >= 1) {
        value = predicted[d - 1] + (newCustomers ? newCustomers[d - 1] : 0);
        predictedTotal += value;
        if (newCustomers) newTotal += newCustomers[d - 1];
      }
      const inData = day <= actual.lastDataDay;
      rows.push({ day: context.calendar.fromWall(day * DAY_MS), actual: inData ? (actual.byDay.get(day) ?? 0) : null, predicted: value });
    }
    return {
      rows,
      meta: {
        asOf: model.asOf,
        horizonDays: params.horizonDays,
        ...modelMeta(model),
        newCustomersPerDay: selected ? 0 : model.acquisition.perDay,
        acquisitionWindowDays: model.acquisition.windowDays,
        firstOrderValue: model.acquisition.firstValue,
        customers: countSelected(model, selected),
        predictedRevenue: predictedTotal,
        predictedNewCustomerRevenue: newTotal,
      },
    };
  },
});

/** Days after the as-of at which E[Y(t)] is evaluated exactly. */
export function knots(horizon: number): number[] {
  const out = new Set<number>();
  for (let d = 0; d <= Math.min(7, horizon); d++) out.add(d);
  for (const d of [10, 14, 21, 28]) if (d < horizon) out.add(d);
  for (let d = 42; d < horizon; d += 14) out.add(d);
  out.add(horizon);
  return [...out].sort((a, b) => a - b);
}

/** Per future day 1..horizon, Σ E[M]ᵢ · (E[Y(d)] − E[Y(d−1)]) over the selected customers. */
async function predictedRevenue(context: AnalysisContext, model: ClvFittedModel, selected: Uint8Array | null, params: ClvParams): Promise<Float64Array> {
  const { summary, bgnbd } = model;
  const predictions = await predictionsOf(context, model, params.horizonDays, params.discountRate);
  const at = knots(params.horizonDays);
  const cumulative = new Float64Array(at.length);
  // Customers with the same history share E[Y(t)]: weight it by the sum of their E[M].
  const weights = new Map<string, { x: number; t_x: number; T: number; weight: number }>();
  for (let i = 0; i < summary.length; i++) {
    if (selected && !selected[summary.client[i]]) continue;
    const id = `${summary.x[i]}|${summary.tx[i]}|${summary.T[i]}`;
    const w = weights.get(id);
    if (w) w.weight += predictions.expectedValue[i];
    else weights.set(id, { x: summary.x[i], t_x: summary.tx[i], T: summary.T[i], weight: predictions.expectedValue[i] });
  }
  let done = 0;
  for (const h of weights.values()) {
    for (let k = 1; k < at.length; k++) cumulative[k] += h.weight * bgNbdConditionalExpected(bgnbd, h, at[k]);
    if (++done % 1000 === 0) await context.checkpoint(done, weights.size, 'Predicting daily revenue');
  }
  const curve = monotoneInterpolator(at, Array.from(cumulative));
  const out = new Float64Array(params.horizonDays);
  for (let d = 1; d <= params.horizonDays; d++) out[d - 1] = curve(d) - curve(d - 1);
  return out;
}

/** Per future day 1..horizon, the expected revenue of customers acquired from day 1 on. */
function newCustomerRevenue(model: ClvFittedModel, horizon: number): Float64Array {
  const { perDay, firstValue } = model.acquisition;
  const { p, q, gamma } = model.gammaGamma;
  const populationMean = q > 1 ? (p * gamma) / (q - 1) : firstValue;
  const out = new Float64Array(horizon);
  for (let d = 1; d <= horizon; d++) out[d - 1] = perDay * (firstValue + populationMean * bgNbdExpected(model.bgnbd, d - 1));
  return out;
}

/** Revenue per local day of the orders passing the order clauses (all time) of the selected customers. */
function actualRevenue(context: AnalysisContext, scope: ClvScope, selected: Uint8Array | null): { byDay: Map<number, number>; firstDay: number; lastDataDay: number } {
  const day = sessionDays(context.dataset);
  const payment = context.derived.numbers('sessions', 'payment_amount', 0);
  const purchased = context.derived.purchased();
  const { codes } = context.derived.sessionClients();
  const mask = scope.fitFilter.predicates.length > 0 ? sessionMask(context.dataset, scope.fitFilter) : null;
  const byDay = new Map<number, number>();
  let firstDay = Infinity;
  for (let i = 0; i < day.length; i++) {
    if (!purchased[i] || (mask && !mask[i]) || codes[i] < 0 || (selected && !selected[codes[i]])) continue;
    const d = day[i];
    if (d === -2147483648) continue;
    const p = payment[i];
    byDay.set(d, (byDay.get(d) ?? 0) + (p === p ? p : 0));
    if (d < firstDay) firstDay = d;
  }
  const extent = context.derived.sessionStartExtent();
  return { byDay, firstDay, lastDataDay: extent ? localDay(context.calendar, extent[1]) : -Infinity };
}

/** Customers of the model that are selected. */
export function countSelected(model: ClvFittedModel, selected: Uint8Array | null): number {
  if (!selected) return model.summary.length;
  let n = 0;
  for (let i = 0; i < model.summary.length; i++) if (selected[model.summary.client[i]]) n++;
  return n;
}
