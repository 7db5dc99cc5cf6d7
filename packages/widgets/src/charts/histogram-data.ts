import type { Row } from '@clvkit/core';
import { hasField, read, readNumber, type Accessor } from './accessor.js';

/** The upper bound of an open last bin ("100+"): finite, so clauses stay JSON-safe. */
export const OPEN_END = Number.MAX_VALUE;

/** One histogram bin: [x0, x1) with its count. */
export interface HistogramBin {
  readonly x0: number;
  /** The upper bound; `OPEN_END` for an open last bin (a row whose x1 is missing). */
  readonly x1: number;
  readonly value: number;
  /** The row's own label of the bin (e.g. "10+"), when it has one. */
  readonly label: string | null;
  readonly datum: Row;
}

/** How the histogram reads rows. */
export interface HistogramMapping {
  readonly x0: Accessor<Row>;
  readonly x1: Accessor<Row>;
  readonly value: Accessor<Row>;
  /** The bin's label (optional, e.g. `label`). */
  readonly label?: Accessor<Row>;
}

/**
 * Bins from result rows (`{x0, x1, count}` by default), sorted by x0. A row without x1 is an
 * open bin (x1 = `OPEN_END`, drawn one typical bin wide and labelled "x0+"); when no row has
 * an x1 at all (counts per integer, e.g. customers by number of orders), each bin ends where
 * the next begins and the last is open. Rows without x0 are skipped.
 */
export function histogramBins(rows: readonly Row[], mapping: HistogramMapping): HistogramBin[] {
  const inferEnds = !hasField(rows, mapping.x1);
  const bins: HistogramBin[] = [];
  rows.forEach((datum, i) => {
    const x0 = readNumber(datum, mapping.x0, i);
    if (x0 === null) return;
    const x1 = inferEnds ? null : readNumber(datum, mapping.x1, i);
    const label = mapping.label ? read(datum, mapping.label, i) : null;
    bins.push({
      x0,
      x1: x1 === null || x1 <= x0 ? OPEN_END : x1,
      value: readNumber(datum, mapping.value, i) ?? 0,
      label: typeof label === 'string' && label !== '' ? label : null,
      datum,
    });
  });
  bins.sort((a, b) => a.x0 - b.x0);
  if (inferEnds) return bins.map((bin, i) => (i < bins.length - 1 ? { ...bin, x1: bins[i + 1].x0 } : bin));
  return bins;
}

/**
 * The edges to draw: each bin's x0, then the last bin's x1. An open last bin ends one typical
 * bin width (the previous bin's, else 1) after its start.
 */
export function drawnEdges(bins: readonly HistogramBin[]): number[] {
  if (bins.length === 0) return [];
  const edges = bins.map((b) => b.x0);
  const last = bins[bins.length - 1];
  if (last.x1 !== OPEN_END) edges.push(last.x1);
  else {
    const previous = bins.length > 1 ? bins[bins.length - 2] : null;
    const step = previous && previous.x1 !== OPEN_END ? previous.x1 - previous.x0 : 1;
    edges.push(last.x0 + (step > 0 ? step : 1));
  }
  return edges;
}
