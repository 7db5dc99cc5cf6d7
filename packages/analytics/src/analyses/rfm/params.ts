import { MissingInputError } from '@clvkit/core';
import { readAsOf, type AsOfParam } from '../../as-of.js';
import { DEFAULT_SEED } from '../../models/rfm/kmeans1d.js';
import { MONETARY_KINDS, type MonetaryKind } from '../../models/rfm/rfm-values.js';
import { SCORE_METHODS, type ScoreMethod } from '../../models/rfm/scores.js';
import type { RfmParams } from '../../models/rfm/customer-rfm.js';
import { ParamReader } from '../../params.js';
import type { AnalysisContext } from '../../types.js';

/** The params every RFM analysis takes: asOf, method, monetary, seed. */
export const RFM_PARAM_NAMES: readonly string[] = ['asOf', 'method', 'monetary', 'seed'];

/** Validated RFM params (see `RfmParams`). */
export interface ReadRfmParams extends RfmParams {
  readonly asOf: AsOfParam;
  readonly method: ScoreMethod;
  readonly monetary: MonetaryKind;
  readonly seed: number;
}

/**
 * Reads `asOf` (ISO date, ISO date-time or epoch ms), `method` ('kmeans' | 'quantile', default
 * 'kmeans'), `monetary` ('total' | 'average', default 'total') and `seed` (integer, default 42),
 * rejecting any param not in `RFM_PARAM_NAMES` or `extra`.
 * @throws TypeError naming the analysis and the param.
 */
export function readRfmParams(analysis: string, raw: Readonly<Record<string, unknown>>, extra: readonly string[] = []): { read: ParamReader; params: ReadRfmParams } {
  const read = new ParamReader(analysis, raw, [...RFM_PARAM_NAMES, ...extra]);
  return {
    read,
    params: {
      asOf: readAsOf(analysis, raw),
      method: read.oneOf('method', SCORE_METHODS, 'kmeans'),
      monetary: read.oneOf('monetary', MONETARY_KINDS, 'total'),
      seed: read.integer('seed', -2_147_483_648, 2_147_483_647, DEFAULT_SEED),
    },
  };
}

/**
 * Checks the session columns the per-customer analyses read: client (string), session_start
 * (time) and, when `money` names them, payment_amount / discount_amount (numbers).
 * @throws MissingInputError naming the missing column.
 */
export function requireOrderColumns(context: AnalysisContext, analysis: string, money: readonly ('payment_amount' | 'discount_amount')[] = ['payment_amount']): void {
  const columns = context.dataset.sessions.columns;
  if (columns.client?.type !== 'string') throw new MissingInputError(analysis, 'sessions.client', 'map the customer id of every session or order');
  if (columns.session_start?.type !== 'time') throw new MissingInputError(analysis, 'sessions.session_start', 'map the time of every session or order');
  for (const name of money) {
    if (columns[name]?.type !== 'number') {
      const what = name === 'payment_amount' ? 'the amount paid for every order' : 'the discount of every order (0 when none)';
      throw new MissingInputError(analysis, `sessions.${name}`, `map ${what}`);
    }
  }
}
