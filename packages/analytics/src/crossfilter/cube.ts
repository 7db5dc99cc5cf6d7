import type { DerivedColumns } from '../derived.js';
import type { KeyColumn } from '../group-keys.js';
import type { Grouping, RowGroups } from '../grouping.js';
import { measureLines, measureSessions, type MeasureArrays, type StoredMeasure } from '../measures.js';
import type { ActiveDimension, BinSelection } from './active-dimension.js';
import type { Base } from './clause-bits.js';
import { fusedCells, sessionCellsViaLines, type FusedCells } from './fused-build.js';
import { scratchGroups } from './sparse.js';
import type { DistinctCube, DistinctPerBin } from './distinct-cube.js';

/**
 * A Falcon-style pre-aggregation: the measures of one query (at most one group key) over the
 * rows passing its base filter, per bin of the active dimension, summed cumulatively over the
 * bins. Any selection of bins is then answered without visiting rows: a brush over bins
 * [from, to) is `P[to] - P[from]` per group slot, a click on codes sums those codes' bins.
 * Built only where every measure decomposes over the bins (see fast-path.ts), so the answer
 * equals the scan up to floating-point summation order.
 */
export interface Cube {
  /** Bins of the active dimension. */
  readonly bins: number;
  /** Group slots: the key's cardinality + 1 (missing last), or 1 without a key. */
  readonly slots: number;
  /** Per (bin boundary, slot): rows before that boundary (prefix sums; row 0 is zero). */
  readonly size: Float64Array;
  /** Per stored measure, its prefix sums laid out like `size`. */
  readonly arrays: MeasureArrays;
  /** Distinct visitors and buyers without a group key: per run of bins (brushes) or per bin (single-code clicks). */
  readonly distinct: DistinctCube | DistinctPerBin | null;
  /** Answers clicks on one code only (see fast-path.ts). */
  readonly singleCodeOnly: boolean;
  readonly bytes: number;
}

/**
 * Aggregates the rows of `target` in `base` by (active bin, key slot) with the same
 * measure code as the scan (`measureSessions` / `measureLines`), then sums over the bins.
 * `lineMask`: for a sessions query with line measures, the lines its base keeps (null = all).
 */
export function buildCube(
  derived: DerivedColumns,
  target: 'sessions' | 'lines',
  key: KeyColumn | undefined,
  stored: Set<StoredMeasure>,
  active: ActiveDimension,
  base: Base,
  lineMask: Uint8Array | null,
  distinct: DistinctCube | DistinctPerBin | null,
  singleCodeOnly: boolean,
): Cube {
  const bins = active.bins.cardinality;
  const binOf = active.bins.codes;
  const card = key ? key.cardinality : 0;
  const slots = key ? card + 1 : 1;
  const keyCodes = key ? key.codes : null;
  const count = (bins + 1) * slots;
  const cells = active.viaLines
    ? sessionCellsViaLines(derived, stored, base, binOf, bins, keyCodes, slots, lineMask)
    : (fusedCells(derived, target, stored, base, binOf, bins, keyCodes, slots) ?? measuredCells(derived, target, stored, base, binOf, slots, keyCodes, lineMask, count));
  const { size, arrays: measured } = cells;
  const arrays: MeasureArrays = {};
  let bytes = count * 8 + (distinct?.bytes ?? 0);
  for (const measure of stored) {
    const values = measured[measure];
    if (!values) continue;
    prefixSum(values, bins, slots);
    arrays[measure] = values;
    bytes += values.byteLength;
  }
  const sizes = Float64Array.from(size);
  prefixSum(sizes, bins, slots);
  return { bins, slots, size: sizes, arrays, distinct, singleCodeOnly, bytes };
}

/** The cube's cells through the scan's measure code (group id = (bin + 1) × slots + slot). */
function measuredCells(
  derived: DerivedColumns,
  target: 'sessions' | 'lines',
  stored: Set<StoredMeasure>,
  base: Base,
  binOf: Int32Array,
  slots: number,
  keyCodes: Int32Array | null,
  lineMask: Uint8Array | null,
  count: number,
): FusedCells {
  const { bits, mask } = base;
  const n = bits.length;
  const card = slots - 1;
  // Scratch group ids (-1 outside the rows) and row list, reused by every build of this table.
  const gid = scratchGroups(derived, target);
  const rows = derived.memo(`crossfilter:scratchRows:${target}`, () => new Int32Array(n));
  const size = new Int32Array(count);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if ((bits[i] & mask) !== 0) continue;
    const b = binOf[i];
    if (b < 0) continue;
    let s = 0;
    if (keyCodes !== null) {
      s = keyCodes[i];
      if (s < 0) s = card;
    }
    const g = (b + 1) * slots + s;
    gid[i] = g;
    size[g]++;
    rows[m++] = i;
  }
  const groups: RowGroups = { keys: [], gid, rows: rows.subarray(0, m), count, size, codesOf: () => [] };
  try {
    const arrays = target === 'lines' ? measureLines(derived, groups, stored) : measureSessions(derived, groups, stored, lineMask);
    return { size, arrays };
  } finally {
    for (let k = 0; k < m; k++) gid[rows[k]] = -1;
  }
}

/** In place: row b (b = 1..bins) of `values` becomes the sum of rows 0..b. */
function prefixSum(values: Float64Array, bins: number, slots: number): void {
  for (let b = 1; b <= bins; b++) {
    const row = b * slots;
    const previous = row - slots;
    for (let s = 0; s < slots; s++) values[row + s] += values[previous + s];
  }
}

/** The query's grouping and measure arrays for the bins `selection` keeps. */
export function answerCube(cube: Cube, key: KeyColumn | undefined, selection: BinSelection): { grouping: Grouping; arrays: MeasureArrays } {
  const { slots } = cube;
  const size = new Float64Array(slots);
  const arrays: MeasureArrays = {};
  const sumInto = (out: Float64Array, prefix: Float64Array) => {
    if (selection.kind === 'range') {
      const hi = selection.to * slots;
      const lo = selection.from * slots;
      for (let s = 0; s < slots; s++) out[s] = prefix[hi + s] - prefix[lo + s];
      return;
    }
    for (const code of selection.codes) {
      const hi = (code + 1) * slots;
      const lo = code * slots;
      for (let s = 0; s < slots; s++) out[s] += prefix[hi + s] - prefix[lo + s];
    }
  };
  sumInto(size, cube.size);
  for (const measure of Object.keys(cube.arrays) as StoredMeasure[]) {
    const out = new Float64Array(slots);
    sumInto(out, cube.arrays[measure]!);
    arrays[measure] = out;
  }
  const { distinct } = cube;
  if (distinct?.kind === 'runs' && selection.kind === 'range') {
    arrays.visitors = Float64Array.of(distinct.visitors(selection.from, selection.to));
    arrays.buyers = Float64Array.of(distinct.buyers(selection.from, selection.to));
  } else if (distinct?.kind === 'bins' && selection.kind === 'codes') {
    // A single code (the cube answers nothing else); no code keeps no client.
    const code = selection.codes.length === 1 ? selection.codes[0] : -1;
    arrays.visitors = Float64Array.of(code >= 0 ? distinct.visitors[code] : 0);
    arrays.buyers = Float64Array.of(code >= 0 ? distinct.buyers[code] : 0);
  }
  const card = slots - 1;
  const grouping: Grouping = {
    keys: key ? [key] : [],
    count: slots,
    size: Int32Array.from(size),
    codesOf: key ? (slot) => [slot === card ? -1 : slot] : () => [],
  };
  return { grouping, arrays };
}
