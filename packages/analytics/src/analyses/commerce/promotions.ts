import { MissingInputError, type StringColumn } from '@clvkit/core';
import { sessionsPassing } from '../../aggregate.js';
import { keyColumn } from '../../group-keys.js';
import { bucketedPeriodFilters, daysIn, periodOf, type Period } from '../../period.js';
import type { AnalysisContext } from '../../types.js';
import { periodBuckets, type PeriodBuckets } from '../../period-buckets.js';

/**
 * sessions.promotion_id, where a missing value (the import reads "", "-", "None", null as
 * missing) marks an organic order. Throws a `MissingInputError` when the sessions have no
 * promotion column, so a promotions widget says what to map instead of drawing zeros.
 */
export function promotionColumn(context: AnalysisContext, analysis: string): StringColumn {
  const column = context.dataset.sessions.columns.promotion_id;
  if (!column || column.type !== 'string') {
    throw new MissingInputError(analysis, 'a promotion_id column in sessions', 'map the promotion field of the sessions input (empty means organic)');
  }
  return column;
}

/** Organic and promoted orders per slot. */
export interface OrganicCounts {
  readonly organic: Float64Array;
  readonly promoted: Float64Array;
}

/**
 * Orders (sessions with has_purchased) in `mask`, split into organic (no promotion) and
 * promoted, per slot `codes[row] - offset` in 0..length-1 (rows outside are skipped).
 */
export function countOrganic(context: AnalysisContext, promotion: StringColumn, mask: Uint8Array, codes: Int32Array, offset: number, length: number): OrganicCounts {
  const organic = new Float64Array(length);
  const promoted = new Float64Array(length);
  const purchased = context.derived.purchased();
  const promo = promotion.codes;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0 || purchased[i] === 0) continue;
    const slot = codes[i] - offset;
    if (slot < 0 || slot >= length) continue;
    if (promo[i] < 0) organic[slot]++;
    else promoted[slot]++;
  }
  return { organic, promoted };
}

/** Organic and promoted orders per day of the period (as daily_orders lays the days out). */
export function dailyOrganic(context: AnalysisContext, analysis: string): { buckets: PeriodBuckets; counts: OrganicCounts } {
  const promotion = promotionColumn(context, analysis);
  const buckets = periodBuckets(context, 'day');
  const length = Math.max(0, buckets.last - buckets.first + 1);
  const range = buckets.period.range;
  const mask = length > 0 && range ? sessionsPassing(context.dataset, bucketedPeriodFilters(buckets.period)) : new Uint8Array(0);
  return { buckets, counts: countOrganic(context, promotion, mask, buckets.index.codes, buckets.first, length) };
}

/**
 * Organic and promoted orders per local hour of day (0..23) over the period, with the number
 * of local days in it, the divisor of the hourly means (as hourly_orders averages).
 */
export function hourlyOrganic(context: AnalysisContext, analysis: string): { days: number; period: Period; counts: OrganicCounts } {
  const promotion = promotionColumn(context, analysis);
  const period = periodOf(context);
  const days = daysIn(context, period.range);
  if (!period.range || days === 0) return { days, period, counts: { organic: new Float64Array(24), promoted: new Float64Array(24) } };
  const hours = keyColumn(context.derived, 'sessions', { field: 'session_start', bucket: 'hourOfDay' }, 'hour').codes;
  const mask = sessionsPassing(context.dataset, bucketedPeriodFilters(period));
  return { days, period, counts: countOrganic(context, promotion, mask, hours, 0, 24) };
}
