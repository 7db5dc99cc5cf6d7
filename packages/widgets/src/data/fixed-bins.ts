import type { QuerySpec, Row } from '@clvkit/core';
import type { Accessor } from '../charts/accessor.js';
import type { HistogramMapping } from '../charts/histogram-data.js';

/** A plain aggregate grouped by one fixed-width key `{field, step}`: what its histogram needs. */
export interface FixedBins {
  /** The grouped number field (the row property holding a bin's lower edge). */
  readonly field: string;
  readonly step: number;
  /** The first measure: a bin's count. */
  readonly measure: string;
}

/** The fixed-bin description of `spec`, or null when it is not an aggregate over one `{field, step}` key. */
export function stepOf(spec: QuerySpec): FixedBins | null {
  if (spec.kind !== 'aggregate' || !spec.groupBy || spec.groupBy.length !== 1) return null;
  const [key] = spec.groupBy;
  const step = key.step;
  if (typeof step !== 'number' || !(step > 0) || !Number.isFinite(step) || spec.measures.length === 0) return null;
  return { field: key.field, step, measure: spec.measures[0] };
}

/** How a histogram reads the rows of `fixedBinRows`: bounds `x0`/`x1`, the count from `value` or the first measure. */
export function fixedBinMapping(fixed: FixedBins, value?: Accessor<Row>): HistogramMapping {
  return { x0: 'x0', x1: 'x1', value: value ?? fixed.measure };
}

/**
 * One row per bin `[lo, lo + step)` from the lowest to the highest bin present in `frame`
 * (the rows over all the data) or in `rows` (the filtered ones), each the filtered row with
 * `x0`/`x1` added, or zeros where the filter left the bin empty. Rows whose key is null (a
 * missing value) are left out. Without a frame the filtered rows' own extent is used.
 */
export function fixedBinRows(rows: readonly Row[], frame: readonly Row[] | null, fixed: FixedBins): Row[] {
  const { field, step, measure } = fixed;
  const binOf = (row: Row): number | null => {
    const lo = row[field];
    return typeof lo === 'number' && Number.isFinite(lo) ? Math.round(lo / step) : null;
  };
  const byBin = new Map<number, Row>();
  let first = Infinity;
  let last = -Infinity;
  for (const row of rows) {
    const k = binOf(row);
    if (k === null) continue;
    byBin.set(k, row);
    if (k < first) first = k;
    if (k > last) last = k;
  }
  for (const row of frame ?? []) {
    const k = binOf(row);
    if (k === null) continue;
    if (k < first) first = k;
    if (k > last) last = k;
  }
  const out: Row[] = [];
  for (let k = first; k <= last; k++) {
    const lo = k * step;
    const row = byBin.get(k);
    out.push(row ? { ...row, x0: lo, x1: lo + step } : { [field]: lo, [measure]: 0, x0: lo, x1: lo + step });
  }
  return out;
}
