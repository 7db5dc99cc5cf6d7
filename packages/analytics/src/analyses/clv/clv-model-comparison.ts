import type { Row } from '@clvkit/core';
import { localDay, sessionDays, summarizeOrders } from '../../models/clv/summary.js';
import { bgNbdConditionalExpected, bgNbdFitSteps } from '../../models/clv/bgnbd.js';
import { accuracyOf, type HoldoutAccuracy } from '../../models/clv/holdout.js';
import { historiesOf } from '../../models/clv/histories.js';
import { runStepsAsync } from '../../models/clv/optimize.js';
import { trainSequenceModel } from '../../models/clv/sequence-model.js';
import { readAsOf, type AsOfParam } from '../../as-of.js';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { clvScope, fitOrders, selectedClients } from './scope.js';

const NAME = 'clv_model_comparison';
const DAY_MS = 86_400_000;

/** Params of `clv_model_comparison`. */
export interface ClvModelComparisonParams {
  readonly asOf: AsOfParam;
  /** Holdout length in days, ending at the as-of (default 91). */
  readonly holdoutDays: number;
  /** Training passes of the sequence model (default 40). */
  readonly epochs: number;
  /** Seed of the sequence model (default 42). */
  readonly seed: number;
}

/**
 * `clv_model_comparison` (SPEC "the seed's neural approach ... evaluated on the same holdout
 * and reported beside BG/NBD"): both models fitted on the calibration period = everything up to
 * the as-of minus `holdoutDays` (default 91), asked for each customer's transactions in the
 * holdout (the `holdoutDays` up to the as-of day), and compared with what the customers did.
 *
 * - BG/NBD: fitted in days on the calibration summaries; prediction E[Y(h) | x, t_x, T].
 * - neural: `trainSequenceModel` (Conv1D over each customer's last 8 transactions; trained on
 *   cut-offs inside the calibration period; see models/clv/sequence-model.ts); prediction =
 *   its rate × h.
 * Customers: those with an order by the calibration end (under the order clauses; the customer
 * clauses pick whom the figures cover, see scope.ts). Transactions: days with a purchase.
 *
 * Rows, one per model: `{ model: 'bg-nbd' | 'neural', customers, predictedTotal, actualTotal,
 * mae, rmse, correlation }`. meta: `{ asOf, calibrationEnd (ISO date of the last calibration day), holdoutDays, byFrequency: [{ x,
 * orMore, customers, actual, bgnbd, neural }], bgnbd: { r, alpha, a, b }, epochs, finalLoss }`.
 */
export const clvModelComparison = defineAnalysis<ClvModelComparisonParams>({
  name: NAME,
  description: 'BG/NBD and the neural sequence model predicting the same holdout period: accuracy per model',
  long: true,
  params: (raw) => {
    const read = new ParamReader(NAME, raw, ['asOf', 'holdoutDays', 'epochs', 'seed']);
    return { asOf: readAsOf(NAME, raw), holdoutDays: read.integer('holdoutDays', 7, 3660, 91), epochs: read.integer('epochs', 1, 1000, 40), seed: read.integer('seed', 0, 2 ** 31 - 1, 42) };
  },
  async run(context, params) {
    const scope = clvScope(context, NAME, params.asOf);
    if (!scope) return { rows: [], meta: { asOf: null, holdoutDays: params.holdoutDays } };
    const orders = fitOrders(context, scope);
    const day = sessionDays(context.dataset);
    const payment = context.derived.numbers('sessions', 'payment_amount', 0);
    const holdoutEndDay = localDay(context.calendar, scope.at.asOf);
    const endDay = holdoutEndDay - params.holdoutDays;
    const summary = summarizeOrders(orders, day, payment, { unit: 'day', endDay, holdoutEndDay });
    await context.checkpoint(0, 100, `Fitting BG/NBD to ${summary.length} customers`);
    const bg = await runStepsAsync(bgNbdFitSteps(summary), (step) => context.checkpoint(Math.min(19, (step.evaluations / 40) * 20), 100, `Fitting BG/NBD: iteration ${step.iteration}`));
    const { histories, end } = historiesOf(orders, day, payment, summary);
    const model = await trainSequenceModel(histories, {
      end,
      epochs: params.epochs,
      seed: params.seed,
      onEpoch: (epoch, epochs, loss) => context.checkpoint(20 + (75 * epoch) / epochs, 100, `Training the sequence model: epoch ${epoch} / ${epochs}, loss ${loss.toFixed(4)}`),
    });
    let neural: Float64Array;
    try {
      neural = model.predict(histories, end, params.holdoutDays);
    } finally {
      model.dispose();
    }
    const selected = selectedClients(context, scope);
    const rowsIn: number[] = [];
    for (let i = 0; i < summary.length; i++) if (!selected || selected[summary.client[i]]) rowsIn.push(i);
    const frequencies = rowsIn.map((i) => summary.x[i]);
    const actual = (i: number) => summary.xHoldout![i];
    const bgnbd = accuracyOf(
      rowsIn.map((i) => ({ predicted: bgNbdConditionalExpected(bg, { x: summary.x[i], t_x: summary.tx[i], T: summary.T[i] }, params.holdoutDays), actual: actual(i) })),
      frequencies,
    );
    const network = accuracyOf(
      rowsIn.map((i) => ({ predicted: neural[i], actual: actual(i) })),
      frequencies,
    );
    const row = (name: string, a: HoldoutAccuracy): Row => ({ model: name, customers: a.customers, predictedTotal: a.predictedTotal, actualTotal: a.actualTotal, mae: a.mae, rmse: a.rmse, correlation: a.correlation });
    return {
      rows: [row('bg-nbd', bgnbd), row('neural', network)],
      meta: {
        asOf: scope.at.asOf,
        calibrationEnd: context.calendar.isoDate(context.calendar.fromWall(endDay * DAY_MS)),
        holdoutDays: params.holdoutDays,
        byFrequency: bgnbd.byFrequency.map((g, k) => ({ x: g.x, orMore: g.orMore, customers: g.customers, actual: g.actual, bgnbd: g.predicted, neural: network.byFrequency[k].predicted })),
        bgnbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLikelihood: bg.logLikelihood, unit: 'day' },
        epochs: model.losses.length,
        finalLoss: model.losses.at(-1) ?? null,
      },
    };
  },
});
