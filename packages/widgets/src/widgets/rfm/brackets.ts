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

/**
 * Where one bracket ends and the next begins: halfway between the highest value of the lower
 * bracket and the lowest of the next (the 1-D k-means boundary).
 */
function boundaries(brackets: readonly Bracket[]): number[] {
  return brackets.slice(1).map((b, i) => (brackets[i].max + b.min) / 2);
}

/**
 * The basket brackets as shaded x ranges ("Basket: low" ...) of the basket x discount scatter,
 * each from the boundary with the bracket below to the boundary with the one above (the
 * outer brackets reach the plot's edges).
 */
export function basketBands(result: QueryResult<Row>): ScatterBand[] {
  const brackets = bracketsOf(result, 'basketBrackets');
  const cuts = [Number.NEGATIVE_INFINITY, ...boundaries(brackets), Number.POSITIVE_INFINITY];
  return brackets.map((b, i) => ({ axis: 'x', from: cuts[i], to: cuts[i + 1], label: `Basket: ${b.bracket}` }));
}

/** The discount brackets as threshold lines at the boundaries, named by the bracket above ("Discount: mid" ...). */
export function discountLines(result: QueryResult<Row>): ScatterLine[] {
  const brackets = bracketsOf(result, 'discountBrackets');
  return boundaries(brackets).map((value, i) => ({ axis: 'y', value, label: `Discount: ${brackets[i + 1].bracket}` }));
}

/** Bracket labels: low, mid, high as words. */
export const BRACKET_LABELS: Readonly<Record<string, string>> = { low: 'Low', mid: 'Mid', high: 'High' };
