import type { CustomerOrders } from '../../customer-orders.js';
import type { AnalysisContext } from '../../types.js';
import { bgNbdFitSteps, type BgNbdFit } from '../../models/clv/bgnbd.js';
import { gammaGammaFitSteps, type GammaGammaFit } from '../../models/clv/gamma-gamma.js';
import { runStepsAsync } from '../../models/clv/optimize.js';
import { localDay, sessionDays, summarizeOrders, type SummaryColumns } from '../../models/clv/summary.js';
import { DEFAULT_SEED } from '../../models/rfm/kmeans1d.js';
import { defaultSegments, rfmSnapshot } from '../../models/rfm/index.js';
import { sharedModel } from './model-cache.js';
import { fitOrders, type ClvScope } from './scope.js';

/** Days back from the as-of over which the acquisition rate of new customers is measured. */
export const ACQUISITION_WINDOW_DAYS = 90;

/** The new customers of the last `windowDays` before the as-of. */
export interface Acquisition {
  /** The window actually used: 90 days, or the data's span when shorter. */
  readonly windowDays: number;
  /** Customers whose first order fell in the window. */
  readonly newCustomers: number;
  /** newCustomers / windowDays. */
  readonly perDay: number;
  /** Mean value of those customers' first transactions (0 without new customers). */
  readonly firstValue: number;
}

/**
 * BG/NBD + Gamma-Gamma fitted on one scope (see scope.ts), in days: the summary of every
 * customer with an order by the as-of, their order counts, revenue and last order (for the
 * recency / frequency / monetary columns), and the fits.
 */
export interface ClvFittedModel {
  readonly asOf: number;
  /** The as-of's local day number. */
  readonly endDay: number;
  readonly orders: CustomerOrders;
  /** Row i: the customer `summary.client[i]` (a sessions client code), unit 'day'. */
  readonly summary: SummaryColumns;
  /** Per row: orders (sessions with a purchase) by the as-of, their total revenue, the last order's instant. */
  readonly orderCount: Float64Array;
  readonly revenue: Float64Array;
  readonly lastOrder: Float64Array;
  /** Per client code, its row (-1: no order by the as-of). */
  readonly rowOfClient: Int32Array;
  readonly bgnbd: BgNbdFit;
  readonly gammaGamma: GammaGammaFit;
  readonly acquisition: Acquisition;
  /** Predictions per (horizon, discount rate), filled by `predictionsOf`. */
  readonly predictions: Map<string, unknown>;
  /** Per client code, its RFM segment code at the same as-of over the same orders (lazy). */
  segments?: Int8Array;
}

/** Share of the progress bar each phase of a fit takes (out of 100). */
const PHASE = { summary: 5, bgnbd: 70, gammaGamma: 95 } as const;
/** Iterations a fit typically takes (for the progress bar only: evaluations of one start). */
// Likelihood evaluations of a typical fit (BFGS: about 20 per start; Nelder-Mead, the fallback, hundreds).
const TYPICAL_ITERATIONS = { bgnbd: 40, gammaGamma: 40 } as const;

/**
 * The fitted model of `scope`, from the dataset's cache or fitted now (reporting progress
 * through `context.checkpoint`; cancelled with the context's signal).
 * @throws ClvFitError when a model cannot be fitted (e.g. no repeat buyers).
 */
export function clvModel(context: AnalysisContext, scope: ClvScope): Promise<ClvFittedModel> {
  return sharedModel(context.derived, scope.key, context.signal, () => fitModel(context, scope));
}

async function fitModel(context: AnalysisContext, scope: ClvScope): Promise<ClvFittedModel> {
  await context.checkpoint(0, 100, 'Summarising customers');
  const orders = fitOrders(context, scope);
  const day = sessionDays(context.dataset);
  const payment = context.derived.numbers('sessions', 'payment_amount', 0);
  const endDay = localDay(context.calendar, scope.at.asOf);
  const summary = summarizeOrders(orders, day, payment, { unit: 'day', endDay });
  const { orderCount, revenue, lastOrder } = orderTotals(orders, summary, payment);
  const rowOfClient = new Int32Array(orders.clients).fill(-1);
  for (let i = 0; i < summary.length; i++) rowOfClient[summary.client[i]] = i;
  const acquisition = acquisitionOf(orders, summary, day, payment, endDay);
  await context.checkpoint(PHASE.summary, 100, `Fitting BG/NBD to ${summary.length} customers`);
  const bgnbd = await runStepsAsync(bgNbdFitSteps(summary), (step) =>
    context.checkpoint(progressIn(PHASE.summary, PHASE.bgnbd, step.evaluations, TYPICAL_ITERATIONS.bgnbd), 100, `Fitting BG/NBD: iteration ${step.iteration}, log-likelihood ${step.logLikelihood.toFixed(1)}`),
  );
  await context.checkpoint(PHASE.bgnbd, 100, 'Fitting Gamma-Gamma');
  const gammaGamma = await runStepsAsync(gammaGammaFitSteps(summary), (step) =>
    context.checkpoint(progressIn(PHASE.bgnbd, PHASE.gammaGamma, step.evaluations, TYPICAL_ITERATIONS.gammaGamma), 100, `Fitting Gamma-Gamma: iteration ${step.iteration}`),
  );
  await context.checkpoint(PHASE.gammaGamma, 100, 'Predicting');
  return { asOf: scope.at.asOf, endDay, orders, summary, orderCount, revenue, lastOrder, rowOfClient, bgnbd, gammaGamma, acquisition, predictions: new Map() };
}

function progressIn(from: number, to: number, done: number, typical: number): number {
  return from + (to - from) * Math.min(0.99, done / typical);
}

/** Per summary row: raw orders, their total payment and the last order's instant. */
function orderTotals(orders: CustomerOrders, summary: SummaryColumns, payment: Float64Array) {
  const orderCount = new Float64Array(summary.length);
  const revenue = new Float64Array(summary.length);
  const lastOrder = new Float64Array(summary.length);
  for (let i = 0; i < summary.length; i++) {
    const c = summary.client[i];
    let total = 0;
    for (let k = orders.starts[c]; k < orders.starts[c + 1]; k++) {
      const p = payment[orders.rows[k]];
      if (p === p) total += p;
    }
    orderCount[i] = orders.starts[c + 1] - orders.starts[c];
    revenue[i] = total;
    lastOrder[i] = orders.start[orders.rows[orders.starts[c + 1] - 1]];
  }
  return { orderCount, revenue, lastOrder };
}

/**
 * New customers per day over the last 90 days up to the as-of day (first order day in
 * (endDay − 90, endDay]; a shorter window when the data starts later), and the mean value of
 * their first transaction (the orders of their first day).
 */
function acquisitionOf(orders: CustomerOrders, summary: SummaryColumns, day: Int32Array, payment: Float64Array, endDay: number): Acquisition {
  let firstDay = Infinity;
  for (let i = 0; i < summary.length; i++) firstDay = Math.min(firstDay, summary.firstDay[i]);
  const windowDays = summary.length === 0 ? ACQUISITION_WINDOW_DAYS : Math.max(1, Math.min(ACQUISITION_WINDOW_DAYS, endDay - firstDay + 1));
  let newCustomers = 0;
  let firstValues = 0;
  for (let i = 0; i < summary.length; i++) {
    const first = summary.firstDay[i];
    if (first <= endDay - windowDays) continue;
    newCustomers++;
    const c = summary.client[i];
    for (let k = orders.starts[c]; k < orders.starts[c + 1] && day[orders.rows[k]] === first; k++) {
      const p = payment[orders.rows[k]];
      if (p === p) firstValues += p;
    }
  }
  return { windowDays, newCustomers, perDay: newCustomers / windowDays, firstValue: newCustomers > 0 ? firstValues / newCustomers : 0 };
}

/**
 * Per client code, the RFM segment code (index into SEGMENTS; -1 without an order) of the
 * model's customers at the model's as-of over the same orders, with the rfm analyses' default
 * scoring (k-means, total revenue). Without order clauses and an explicit as-of this is the
 * derived field `rfm_segment` (shared with it).
 */
export function segmentsOf(context: AnalysisContext, scope: ClvScope, model: ClvFittedModel): Int8Array {
  if (model.segments) return model.segments;
  const extent = context.derived.sessionStartExtent();
  const isDefault = scope.fitFilter.predicates.length === 0 && extent !== null && scope.at.asOf === extent[1] && scope.at.before === Infinity;
  model.segments = isDefault ? defaultSegments(context.derived) : rfmSnapshot(context.derived, model.orders, scope.at, 'kmeans', 'total', DEFAULT_SEED).segmentOfClient;
  return model.segments;
}
