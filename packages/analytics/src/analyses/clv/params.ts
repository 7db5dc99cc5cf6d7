import { readAsOf, type AsOfParam } from '../../as-of.js';
import type { ParamReader } from '../../params.js';

/** Params every CLV analysis takes. */
export interface ClvParams {
  /** The analysis's "now" (see as-of.ts): the model sees the orders up to it. */
  readonly asOf: AsOfParam;
  /** Prediction horizon in days (default 182: six months). */
  readonly horizonDays: number;
  /** Monthly discount rate of the CLV (default 0.01). */
  readonly discountRate: number;
}

/** The names of `ClvParams`. */
export const CLV_PARAM_NAMES = ['asOf', 'horizonDays', 'discountRate'] as const;

/** Default horizon: six months. */
export const DEFAULT_HORIZON_DAYS = 182;

/**
 * Reads `ClvParams` (the reader must know `CLV_PARAM_NAMES`).
 * @throws TypeError naming the analysis and the parameter.
 */
export function readClvParams(analysis: string, raw: Readonly<Record<string, unknown>>, read: ParamReader): ClvParams {
  const rate = raw.discountRate;
  if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate < 1)) {
    throw new TypeError(`${analysis}: params.discountRate must be a monthly rate from 0 to 1 (0.01 = 1 %), got ${JSON.stringify(rate)}`);
  }
  return {
    asOf: readAsOf(analysis, raw),
    horizonDays: read.integer('horizonDays', 1, 3660, DEFAULT_HORIZON_DAYS),
    discountRate: (rate as number | undefined) ?? 0.01,
  };
}

/** The model parameters as the analyses' meta shows them. */
export function modelMeta(model: { bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number }; gammaGamma: { p: number; q: number; gamma: number; logLikelihood: number } }) {
  const { r, alpha, a, b } = model.bgnbd;
  const { p, q, gamma } = model.gammaGamma;
  return {
    bgnbd: { r, alpha, a, b, logLikelihood: model.bgnbd.logLikelihood, unit: 'day' },
    gammaGamma: { p, q, gamma, logLikelihood: model.gammaGamma.logLikelihood },
  };
}
