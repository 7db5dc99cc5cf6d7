import { bgNbdConditionalExpected, bgNbdProbabilityAlive, type BgNbdParams } from './bgnbd.js';
import type { RfmCustomer, SpendCustomer } from './fit-input.js';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.js';
import { UNIT_DAYS, type ClvUnit } from './summary.js';

/** The two fitted models a CLV prediction needs. */
export interface ClvModel {
  readonly bgnbd: BgNbdParams;
  readonly gammaGamma: GammaGammaParams;
}

/** Options of `customerLifetimeValue` / `predictCustomer`. */
export interface LifetimeValueOptions {
  /** Unit of the customer's t_x and T (and of α). */
  readonly unit: ClvUnit;
  /** Horizon in months (default 6) ... */
  readonly horizonMonths?: number;
  /** ... or in days (takes precedence when given). */
  readonly horizonDays?: number;
  /** Discount rate per month (default 0.01 = 1 %). */
  readonly monthlyDiscountRate?: number;
}

/** Days per month used to turn months into the model's unit: 365.25 / 12. */
export const DAYS_PER_MONTH = 30.4375;

/** Everything the CLV analyses report for one customer. */
export interface CustomerPrediction {
  /** P(alive) (BG/NBD). */
  readonly pAlive: number;
  /** 1 − P(alive). */
  readonly churnProbability: number;
  /** Expected transactions over the horizon, E[Y(h) | x, t_x, T]. */
  readonly expectedOrders: number;
  /** Expected value per transaction (Gamma-Gamma). */
  readonly expectedValue: number;
  /** Discounted expected revenue over the horizon (see `customerLifetimeValue`). */
  readonly clv: number;
}

/** The horizon in months of `options` (default 6). */
export function horizonMonthsOf(options: Pick<LifetimeValueOptions, 'horizonMonths' | 'horizonDays'>): number {
  const months = options.horizonDays !== undefined ? options.horizonDays / DAYS_PER_MONTH : (options.horizonMonths ?? 6);
  if (!(months > 0) || !Number.isFinite(months)) throw new RangeError(`the CLV horizon must be a positive number of months or days, got ${options.horizonDays ?? options.horizonMonths}`);
  return months;
}

/**
 * Discounted expected revenue of one customer over the horizon H months (the usual
 * BG/NBD + Gamma-Gamma CLV, as in the `lifetimes` package), month by month:
 *
 *   CLV = Σ_{i=1..⌈H⌉} E[M] · (E[Y(tᵢ)] − E[Y(tᵢ₋₁)]) / (1 + d)^(mᵢ),
 *   mᵢ = min(i, H) months, tᵢ = mᵢ · 30.4375 days in the model's unit, t₀ = 0,
 *
 * where E[Y(t)] = E[Y(t) | x, t_x, T] (BG/NBD conditional expectation), E[M] the Gamma-Gamma
 * expected spend and d the monthly discount rate: each month's expected orders are discounted
 * to the end of that month (a partial last month by its fraction).
 */
export function customerLifetimeValue(model: ClvModel, customer: RfmCustomer & SpendCustomer, options: LifetimeValueOptions): number {
  return predictCustomer(model, customer, options).clv;
}

/** P(alive), churn probability, expected orders and value, and CLV of one customer (see `customerLifetimeValue`). */
export function predictCustomer(model: ClvModel, customer: RfmCustomer & SpendCustomer, options: LifetimeValueOptions): CustomerPrediction {
  const months = horizonMonthsOf(options);
  const rate = options.monthlyDiscountRate ?? 0.01;
  if (!(rate > -1)) throw new RangeError(`monthlyDiscountRate must be > -1, got ${rate}`);
  const unitsPerMonth = DAYS_PER_MONTH / UNIT_DAYS[options.unit];
  const expectedValue = gammaGammaExpectedSpend(model.gammaGamma, customer);
  const pAlive = bgNbdProbabilityAlive(model.bgnbd, customer);
  let previous = 0;
  let discounted = 0;
  for (let i = 1; i < months + 1; i++) {
    const m = Math.min(i, months);
    const cumulative = bgNbdConditionalExpected(model.bgnbd, customer, m * unitsPerMonth);
    discounted += (cumulative - previous) / Math.pow(1 + rate, m);
    previous = cumulative;
  }
  return { pAlive, churnProbability: 1 - pAlive, expectedOrders: previous, expectedValue, clv: expectedValue * discounted };
}
