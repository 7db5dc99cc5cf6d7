import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { segmentName } from '../../models/rfm/customer-rfm.js';
import { countSelected } from './daily-clv.js';
import { clvModel, segmentsOf } from './fitted-model.js';
import { CLV_PARAM_NAMES, modelMeta, readClvParams, type ClvParams } from './params.js';
import { predictionsOf } from './predictions.js';
import { clvScope, selectedClients } from './scope.js';

const NAME = 'client_feature_predicted';

/** The columns `client_feature_predicted` sorts on (prefix `-` for descending). */
export const CLIENT_SORT_KEYS = ['clv', 'pAlive', 'churnProbability', 'expectedOrders', 'expectedValue', 'monetary', 'x', 'T', 't_x', 'client'] as const;
const SORTS = CLIENT_SORT_KEYS.flatMap((k) => [k, `-${k}`]);

/** Params of `client_feature_predicted`. */
export interface ClientFeatureParams extends ClvParams {
  readonly sort: string;
  readonly limit: number;
}

/**
 * `client_feature_predicted` (seed 001 top / least engaged customers; SPEC "top and bottom
 * customers"): one row per customer with an order by the as-of, among the selected customers
 * (see scope.ts): `{ client, x, t_x, T, monetary, pAlive, churnProbability, expectedOrders,
 * expectedValue, clv, segment }`.
 *
 * - x, t_x, T, monetary: the BG/NBD summary in days (repeat transactions, days from the first
 *   to the last transaction, days from the first transaction to the as-of day; mean value of
 *   the repeat transactions, 0 without any). Purchases of one day are one transaction.
 * - pAlive = P(alive | x, t_x, T); churnProbability = 1 − pAlive; expectedOrders =
 *   E[Y(horizonDays) | x, t_x, T]; expectedValue = Gamma-Gamma E[M | x, m_x]; clv = expected
 *   revenue over the horizon discounted monthly at `discountRate` (see `predictCustomer`).
 * - segment: the customer's RFM segment at the same as-of over the same orders (the rfm
 *   analyses' default scoring).
 *
 * Sorted by `sort` (default `-clv`: highest CLV first; `pAlive` = least engaged first; any of
 * CLIENT_SORT_KEYS, `-` for descending; ties by client id), at most `limit` rows (default 1 000).
 * meta: `{ asOf, horizonDays, discountRate, customers, truncated, bgnbd, gammaGamma }`.
 */
export const clientFeaturePredicted = defineAnalysis<ClientFeatureParams>({
  name: NAME,
  description: 'Per customer: BG/NBD summary, probability alive, churn probability, expected orders and value, and CLV over the horizon',
  long: true,
  params: (raw) => {
    const read = new ParamReader(NAME, raw, [...CLV_PARAM_NAMES, 'sort', 'limit']);
    return { ...readClvParams(NAME, raw, read), sort: read.oneOf('sort', SORTS, '-clv'), limit: read.integer('limit', 1, 10_000_000, 1000) };
  },
  async run(context, params) {
    const scope = clvScope(context, NAME, params.asOf);
    if (!scope) return { rows: [], meta: { asOf: null, horizonDays: params.horizonDays, discountRate: params.discountRate, customers: 0, truncated: false } };
    const model = await clvModel(context, scope);
    const predictions = await predictionsOf(context, model, params.horizonDays, params.discountRate);
    const selected = selectedClients(context, scope);
    const segments = segmentsOf(context, scope, model);
    const names = (context.dataset.sessions.columns.client as { dictionary: readonly string[] }).dictionary;
    const { summary } = model;
    const rows: Row[] = [];
    for (let i = 0; i < summary.length; i++) {
      const c = summary.client[i];
      if (selected && !selected[c]) continue;
      rows.push(predictedCustomerRow(model, predictions, i, names[c], segmentName(segments[c])));
    }
    sortPredictedRows(rows, params.sort);
    return {
      rows: rows.slice(0, params.limit),
      meta: {
        asOf: model.asOf,
        horizonDays: params.horizonDays,
        discountRate: params.discountRate,
        customers: countSelected(model, selected),
        truncated: rows.length > params.limit,
        ...modelMeta(model),
      },
    };
  },
});

/** One customer's row of `client_feature_predicted`: the model's inputs and predictions for summary row `i`. */
export function predictedCustomerRow(model: { readonly summary: { readonly x: ArrayLike<number>; readonly tx: ArrayLike<number>; readonly T: ArrayLike<number>; readonly monetary: ArrayLike<number> } }, predictions: { readonly pAlive: ArrayLike<number>; readonly expectedOrders: ArrayLike<number>; readonly expectedValue: ArrayLike<number>; readonly clv: ArrayLike<number> }, i: number, client: string, segment: string | null): Row {
  const { summary } = model;
  return {
    client,
    x: summary.x[i],
    t_x: summary.tx[i],
    T: summary.T[i],
    monetary: summary.monetary[i],
    pAlive: predictions.pAlive[i],
    churnProbability: 1 - predictions.pAlive[i],
    expectedOrders: predictions.expectedOrders[i],
    expectedValue: predictions.expectedValue[i],
    clv: predictions.clv[i],
    segment,
  };
}

/** Sorts rows by `sort` (a column, `-column` for descending), ties by client id. */
export function sortPredictedRows(rows: Row[], sort: string): void {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const sign = descending ? -1 : 1;
  rows.sort((a, b) => {
    const u = a[key] as number | string;
    const v = b[key] as number | string;
    const order = u < v ? -1 : u > v ? 1 : 0;
    const ca = a.client as string;
    const cb = b.client as string;
    return sign * order || (ca < cb ? -1 : ca > cb ? 1 : 0);
  });
}
