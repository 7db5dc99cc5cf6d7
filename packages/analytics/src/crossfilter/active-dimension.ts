import { passingCodes, resolveField, type Predicate, type TableName } from '@clvkit/core';
import type { DerivedColumns } from '../derived.js';
import { keyColumn, type KeyColumn } from '../group-keys.js';
import type { Conjunction } from './conjunction.js';

/** Which bins of an active dimension a predicate keeps: a run of time bins, or a set of codes. */
export type BinSelection =
  | { readonly kind: 'range'; readonly from: number; readonly to: number }
  | { readonly kind: 'codes'; readonly codes: Int32Array };

/**
 * A predicate of the filter that a cube can take over: a brush (an interval on a time field
 * whose ends are local-day starts, as the time charts snap them), a click on a histogram bin
 * (an interval `[k × w, (k + 1) × w)` on a number field, with integer ends) or a click (`in` /
 * `prefix` on a string or boolean field). The rows it keeps are exactly the rows in the
 * selected bins.
 */
export interface ActiveDimension {
  /** Position of the predicate in the conjunction. */
  readonly index: number;
  readonly predicate: Predicate;
  /** The table that holds the field. */
  readonly table: TableName;
  /** Identifies the binning (`sessions.session_start:day`, `lines.product`). */
  readonly id: string;
  /**
   * Per row of the queried table, its bin (-1 = missing: never selected). For a click on a
   * line field over sessions (`viaLines`), per basket line instead: a session is in every bin
   * one of its lines is in.
   */
  readonly bins: KeyColumn;
  /** A line field clicked over a sessions query: the session passes when ANY of its lines does. */
  readonly viaLines?: boolean;
  readonly selection: BinSelection;
}

/** The predicates of `conjunction` that can be active dimensions of a cube over `target` rows. */
export function activeCandidates(derived: DerivedColumns, target: TableName, conjunction: Conjunction): ActiveDimension[] {
  const out: ActiveDimension[] = [];
  conjunction.predicates.forEach((predicate, index) => {
    const candidate = activeDimension(derived, target, predicate, index);
    if (candidate) out.push(candidate);
  });
  return out;
}

/** `predicate` (at `index` of its conjunction) as an active dimension of a cube over `target` rows, or null where it cannot be one. */
export function activeDimension(derived: DerivedColumns, target: TableName, predicate: Predicate, index: number): ActiveDimension | null {
  if (predicate.type !== 'interval' && predicate.type !== 'in' && predicate.type !== 'prefix') return null;
  let resolved;
  try {
    resolved = resolveField(derived.dataset, predicate.field);
  } catch {
    return null;
  }
  const { table, column, def } = resolved;
  if (table === 'messages') return null;
  if (table === 'lines' && target !== 'lines') return target === 'sessions' ? lineClick(derived, predicate, index, column) : null;
  try {
    if (predicate.type === 'interval' && def.type === 'number') return binClick(derived, target, predicate.field, table, column, index, predicate);
    if (predicate.type === 'interval') {
      if (def.type !== 'time') return null;
      const { bounds, count } = derived.buckets(table, column, 'day');
      const from = boundIndex(bounds, count, predicate.range[0]);
      const to = boundIndex(bounds, count, predicate.range[1]);
      if (from < 0 || to < 0) return null;
      const bins = keyColumn(derived, target, { field: predicate.field, bucket: 'day' }, '');
      return { index, predicate, table, id: `${table}.${column}:day`, bins, selection: { kind: 'range', from, to: Math.max(from, to) } };
    }
    const lookup = passingCodes(derived.dataset, predicate);
    if (!lookup) return null;
    const bins = keyColumn(derived, target, { field: predicate.field }, '');
    const codes: number[] = [];
    for (let c = 0; c < lookup.length; c++) if (lookup[c] === 1) codes.push(c);
    return { index, predicate, table, id: `${table}.${column}`, bins, selection: { kind: 'codes', codes: Int32Array.from(codes) } };
  } catch {
    return null;
  }
}

/** A click on a line field (a product, a category) over sessions: bins per basket line. */
function lineClick(derived: DerivedColumns, predicate: Predicate, index: number, column: string): ActiveDimension | null {
  if (predicate.type !== 'in' && predicate.type !== 'prefix') return null;
  try {
    const lookup = passingCodes(derived.dataset, predicate);
    if (!lookup) return null;
    const bins = keyColumn(derived, 'lines', { field: predicate.field }, '');
    const codes: number[] = [];
    for (let c = 0; c < lookup.length; c++) if (lookup[c] === 1) codes.push(c);
    return { index, predicate, table: 'lines', id: `sessions<lines.${column}`, bins, selection: { kind: 'codes', codes: Int32Array.from(codes) }, viaLines: true };
  } catch {
    return null;
  }
}

/**
 * A click on one fixed-width bin of a number field, `[lo, hi)` with `lo` a multiple of the
 * width. Integer ends only: then `floor(v / w)` (the step bins of group-keys.ts) puts every
 * value in the bin whose interval holds it, which is not true of every fractional width.
 */
function binClick(derived: DerivedColumns, target: TableName, field: string, table: TableName, column: string, index: number, predicate: Predicate & { type: 'interval' }): ActiveDimension | null {
  const [lo, hi] = predicate.range;
  const step = hi - lo;
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || !(step > 0) || lo % step !== 0) return null;
  const bins = keyColumn(derived, target, { field, step }, '');
  const code = (lo - Number(bins.value(0))) / step;
  const codes = code >= 0 && code < bins.cardinality ? Int32Array.of(code) : new Int32Array(0);
  return { index, predicate, table, id: `${table}.${column}:step${step}`, bins, selection: { kind: 'codes', codes } };
}

/**
 * The bin boundary number of instant `t`: 0 at or before the first bucket's start, `count` at
 * or after the last bucket's end, k when `t` is exactly bucket k's start; -1 when `t` falls
 * inside a bucket (the predicate cuts a day: not answerable from day bins).
 */
function boundIndex(bounds: Float64Array, count: number, t: number): number {
  if (!(t > bounds[0])) return t !== t ? -1 : 0;
  if (t >= bounds[count]) return count;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return bounds[lo] === t ? lo : -1;
}
