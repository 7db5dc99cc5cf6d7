import type { QueryResult, Row } from '@clvkit/core';
import type { ScatterBand, ScatterLine } from '../../charts/scatter-points.js';

/** One bracket of `basket_sensitivity`'s meta (`basketBrackets`, `discountBrackets`). */
export interface Bracket {
  readonly bracket: string;
  readonly min: number;
  readonly max: number;
  readonly customers: number;
}

/** The brackets under `meta[key]`, ordered by min; malformed entries are skipped. */
export function bracketsOf(result: QueryResult<Row> | null | undefined, key: 'basketBrackets' | 'discountBrackets'): Bracket[] {
  const list = (result?.meta as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(list)) return [];
  return (list as Record<string, unknown>[])
    .filter((b) => typeof b?.bracket === 'string' && typeof b.min === 'number' && typeof b.max === 'number' && Number.isFinite(b.min) && Number.isFinite(b.max))
    .map((b) => ({ bracket: b.bracket as string, min: b.min as number, max: b.max as number, customers: typeof b.customers === 'number' ? b.customers : 0 }))
    .sort((a, b) => a.min - b.min);
}

/** The basket brackets as shaded x ranges ("Basket: low" ...) of the basket x discount scatter. */
export function basketBands(result: QueryResult<Row>): ScatterBand[] {
  return bracketsOf(result, 'basketBrackets').map((b) => ({ axis: 'x', from: b.min, to: b.max, label: `Basket: ${b.bracket}` }));
}

/** The discount brackets as threshold lines where each bracket after the first starts ("Discount: mid" ...). */
export function discountLines(result: QueryResult<Row>): ScatterLine[] {
  return bracketsOf(result, 'discountBrackets')
    .slice(1)
    .map((b) => ({ axis: 'y', value: b.min, label: `Discount: ${b.bracket}` }));
}

/** Bracket labels: low, mid, high as words. */
export const BRACKET_LABELS: Readonly<Record<string, string>> = { low: 'Low', mid: 'Mid', high: 'High' };
