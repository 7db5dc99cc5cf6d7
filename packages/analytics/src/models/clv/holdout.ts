import { bgNbdConditionalExpected, type BgNbdParams } from './bgnbd.js';
import type { RfmCustomer } from './fit-input.js';
import { calendarFor } from '@clvkit/core';
import { customerSummary, instantOf, localDay, UNIT_DAYS, type ClvUnit, type CustomerSummaryRow, type InstantInput, type OrderRecord } from './summary.js';

/**
 * Calibration / holdout validation: fit on the calibration period, predict each customer's
 * transactions in the holdout period, compare with what they did.
 */

/** Options of `calibrationHoldoutSplit`. */
export interface SplitOptions {
  readonly unit: ClvUnit;
  /** Last day of the calibration period (inclusive). */
  readonly calibrationEnd: InstantInput;
  /** Last day of the holdout period (inclusive). */
  readonly holdoutEnd: InstantInput;
  readonly timeZone?: string;
}

/** The split: calibration summaries with holdout counts, and the holdout length in the unit. */
export interface CalibrationHoldout {
  readonly rows: CustomerSummaryRow[];
  /** Holdout length (holdout end day − calibration end day) in the unit. */
  readonly holdoutLength: number;
}

/**
 * Splits orders at `calibrationEnd`: per customer who bought by then, the calibration summary
 * (see `customerSummary`) with `xHoldout` = transactions (distinct days) after the calibration
 * end up to `holdoutEnd` inclusive. Customers who first bought in the holdout are left out.
 */
export function calibrationHoldoutSplit(orders: readonly OrderRecord[], options: SplitOptions): CalibrationHoldout {
  const rows = customerSummary(orders, options);
  const calendar = calendarFor({ timeZone: options.timeZone ?? 'UTC' });
  const days = localDay(calendar, instantOf(options.holdoutEnd, calendar, 'holdoutEnd')) - localDay(calendar, instantOf(options.calibrationEnd, calendar, 'calibrationEnd'));
  if (!(days > 0)) throw new RangeError('calibrationHoldoutSplit: holdoutEnd must be after calibrationEnd');
  return { rows, holdoutLength: days / UNIT_DAYS[options.unit] };
}

/** Predicted against actual holdout transactions of one customer. */
export interface HoldoutPair {
  readonly predicted: number;
  readonly actual: number;
}

/** Mean predicted and actual holdout transactions of the customers with one calibration frequency. */
export interface FrequencyGroup {
  /** Calibration repeat transactions x (the last group is `x >= maxFrequency`, flagged `orMore`). */
  readonly x: number;
  readonly orMore: boolean;
  readonly customers: number;
  readonly predicted: number;
  readonly actual: number;
}

/** Holdout accuracy. */
export interface HoldoutAccuracy {
  readonly customers: number;
  readonly predictedTotal: number;
  readonly actualTotal: number;
  /** Mean |predicted − actual| per customer. */
  readonly mae: number;
  /** √(mean (predicted − actual)²). */
  readonly rmse: number;
  /** Pearson correlation of predicted and actual per customer (null when either is constant). */
  readonly correlation: number | null;
  /** The FHL 2005 figure 4 table: means by calibration frequency 0 .. 7+. */
  readonly byFrequency: FrequencyGroup[];
  readonly perCustomer: HoldoutPair[];
}

/**
 * Holdout accuracy of BG/NBD: per customer predicted = E[Y(t) | x, t_x, T] with t =
 * `holdoutLength` (in the unit of the rows), actual = `xHoldout`.
 * @throws TypeError when a row lacks xHoldout.
 */
export function holdoutAccuracy(params: BgNbdParams, rows: readonly (RfmCustomer & { readonly xHoldout?: number })[], holdoutLength: number): HoldoutAccuracy {
  const pairs = rows.map((row, i) => {
    if (row.xHoldout === undefined) throw new TypeError(`holdoutAccuracy: row ${i} has no xHoldout (summarise with a holdoutEnd)`);
    return { predicted: bgNbdConditionalExpected(params, row, holdoutLength), actual: row.xHoldout };
  });
  return accuracyOf(pairs, rows.map((r) => r.x));
}

/**
 * Accuracy measures of predicted/actual pairs (any model), with the table by calibration
 * frequency `frequencies[i]` (0 .. maxFrequency−1, then maxFrequency+).
 */
export function accuracyOf(pairs: HoldoutPair[], frequencies: readonly number[], maxFrequency = 7): HoldoutAccuracy {
  const n = pairs.length;
  let predictedTotal = 0;
  let actualTotal = 0;
  let absolute = 0;
  let squared = 0;
  for (const { predicted, actual } of pairs) {
    predictedTotal += predicted;
    actualTotal += actual;
    absolute += Math.abs(predicted - actual);
    squared += (predicted - actual) ** 2;
  }
  const groups = Array.from({ length: maxFrequency + 1 }, (_, x) => ({ x, orMore: x === maxFrequency, customers: 0, predicted: 0, actual: 0 }));
  pairs.forEach((pair, i) => {
    const g = groups[Math.min(frequencies[i], maxFrequency)];
    g.customers++;
    g.predicted += pair.predicted;
    g.actual += pair.actual;
  });
  for (const g of groups) {
    if (g.customers > 0) {
      g.predicted /= g.customers;
      g.actual /= g.customers;
    }
  }
  return {
    customers: n,
    predictedTotal,
    actualTotal,
    mae: n > 0 ? absolute / n : Number.NaN,
    rmse: n > 0 ? Math.sqrt(squared / n) : Number.NaN,
    correlation: pearson(pairs),
    byFrequency: groups.filter((g) => g.customers > 0),
    perCustomer: pairs,
  };
}

/** Pearson correlation; null with fewer than 2 pairs or a constant side. */
export function pearson(pairs: readonly HoldoutPair[]): number | null {
  const n = pairs.length;
  if (n < 2) return null;
  let mp = 0;
  let ma = 0;
  for (const p of pairs) {
    mp += p.predicted / n;
    ma += p.actual / n;
  }
  let cov = 0;
  let vp = 0;
  let va = 0;
  for (const p of pairs) {
    cov += (p.predicted - mp) * (p.actual - ma);
    vp += (p.predicted - mp) ** 2;
    va += (p.actual - ma) ** 2;
  }
  return vp > 0 && va > 0 ? cov / Math.sqrt(vp * va) : null;
}
