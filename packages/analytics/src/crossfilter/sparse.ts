import { type Predicate, type TableName } from '@clvkit/core';
import type { DerivedColumns } from '../derived.js';
import type { KeyColumn } from '../group-keys.js';
import type { Grouping, RowGroups } from '../grouping.js';
import { measureLines, measureSessions, type MeasureArrays, type StoredMeasure } from '../measures.js';
import { codeIndex, lowerBound, sortedIndex } from './row-index.js';

/**
 * A clause that selects few rows, read from a row index instead of scanning: the rows of the
 * clicked codes (a code index) or of a value range (a sorted index), carried to the queried
 * table (a session's lines; a line's order, each order once).
 */
export interface IndexSelection {
  /** Position of the predicate in the conjunction. */
  readonly index: number;
  /** The rows of the queried table the predicate keeps, ascending. */
  rows(): Int32Array;
  /** For a clause on a line field of a sessions query: the lines it keeps, ascending. */
  readonly lines: Int32Array | null;
  /** An upper bound of the rows it keeps (of the predicate's own table), known without reading them. */
  readonly estimate: number;
}

/**
 * The index selection of `predicate` for a query on `target`, or null where the predicate
 * has no row index (see the cases in the module comment of fast-path.ts).
 */
export function indexSelection(derived: DerivedColumns, target: TableName, predicate: Predicate, index: number, codes: Uint8Array | null, table: TableName, column: string): IndexSelection | null {
  if (table !== 'sessions' && table !== 'lines') return null;
  if (table === 'lines' && !derived.dataset.lines) return null;
  let runs: Array<[number, number]>;
  let source: Int32Array;
  if (codes) {
    const { rows, starts } = codeIndex(derived, table, column);
    source = rows;
    runs = [];
    for (let c = 0; c < codes.length; c++) if (codes[c] === 1 && starts[c + 1] > starts[c]) runs.push([starts[c], starts[c + 1]]);
  } else if (predicate.type === 'interval') {
    const sorted = sortedIndex(derived, table, column);
    source = sorted.rows;
    runs = [[lowerBound(sorted.values, predicate.range[0]), lowerBound(sorted.values, predicate.range[1])]];
  } else return null;
  let estimate = 0;
  for (const [from, to] of runs) estimate += Math.max(0, to - from);
  const own = (): Int32Array => {
    const out = new Int32Array(estimate);
    let k = 0;
    for (const [from, to] of runs) for (let r = from; r < to; r++) out[k++] = source[r];
    return ascending(out);
  };
  if (table === target) return { index, estimate, lines: null, rows: own };
  if (table === 'sessions') {
    // Sessions-level clause on a lines query: the lines of the kept sessions.
    return {
      index,
      estimate,
      lines: null,
      rows: () => {
        const sessions = own();
        const { rows: lineRows, starts } = derived.linesOfOrders();
        let total = 0;
        for (let k = 0; k < sessions.length; k++) total += starts[sessions[k] + 1] - starts[sessions[k]];
        const out = new Int32Array(total);
        let m = 0;
        for (let k = 0; k < sessions.length; k++) for (let j = starts[sessions[k]]; j < starts[sessions[k] + 1]; j++) out[m++] = lineRows[j];
        return ascending(out);
      },
    };
  }
  // Lines-level clause on a sessions query: the orders having a kept line, each once.
  const lines = own();
  return {
    index,
    estimate,
    lines,
    rows: () => {
      const orderOf = derived.lineOrders();
      const sessions = new Int32Array(lines.length);
      let m = 0;
      for (let k = 0; k < lines.length; k++) {
        const o = orderOf[lines[k]];
        if (o >= 0) sessions[m++] = o;
      }
      const sorted = ascending(sessions.subarray(0, m));
      let unique = 0;
      for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[unique++] = sorted[k];
      return sorted.slice(0, unique);
    },
  };
}

/**
 * Groups `rows` (ascending rows of `table` that pass the query's filters) by at most one key
 * and measures them with the scan's own measure code. `lineMask`: for a sessions query with
 * line measures, the lines that pass (null = all).
 */
export function measureRowList(
  derived: DerivedColumns,
  table: 'sessions' | 'lines',
  key: KeyColumn | undefined,
  stored: Set<StoredMeasure>,
  rows: Int32Array,
  lineMask: Uint8Array | null,
): { grouping: Grouping; arrays: MeasureArrays } {
  const gid = scratchGroups(derived, table);
  const card = key ? key.cardinality : 0;
  const count = key ? card + 1 : 1;
  const size = new Int32Array(count);
  const codes = key ? key.codes : null;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    let g = 0;
    if (codes !== null) {
      g = codes[i];
      if (g < 0) g = card;
    }
    gid[i] = g;
    size[g]++;
  }
  const codesOf = key ? (slot: number) => [slot === card ? -1 : slot] : () => [];
  const groups: RowGroups = { keys: key ? [key] : [], gid, rows, count, size, codesOf };
  try {
    const arrays = table === 'lines' ? measureLines(derived, groups, stored) : measureSessions(derived, groups, stored, lineMask);
    return { grouping: { keys: groups.keys, count, size, codesOf }, arrays };
  } finally {
    for (let k = 0; k < rows.length; k++) gid[rows[k]] = -1;
  }
}

/**
 * A group id per row, -1 everywhere but while a query is measured: the measure code reads
 * group ids by row number, and allocating (and filling) one per query would cost a scan.
 */
export function scratchGroups(derived: DerivedColumns, table: 'sessions' | 'lines'): Int32Array {
  return derived.memo(`crossfilter:scratchGroups:${table}`, () => {
    const length = table === 'lines' ? (derived.dataset.lines?.length ?? 0) : derived.dataset.sessions.length;
    return new Int32Array(length).fill(-1);
  });
}

/** `rows` sorted ascending in place; already ascending runs (one clicked code's rows, an order's lines) are only checked. */
function ascending(rows: Int32Array): Int32Array {
  for (let k = 1; k < rows.length; k++) if (rows[k] < rows[k - 1]) return rows.sort();
  return rows;
}
