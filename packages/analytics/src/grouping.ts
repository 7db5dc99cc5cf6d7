import type { KeyColumn } from './group-keys.js';

/**
 * Rows of a table assigned to integer groups by their key codes. With one key the group of a
 * row is its key code (so calendar buckets stay in time order and can be filled); with several
 * keys the codes are combined and, where the product of cardinalities grows large, compacted
 * to the groups that occur.
 */
export interface Grouping {
  readonly keys: readonly KeyColumn[];
  /** Number of group slots (some may be empty). */
  readonly count: number;
  /** Per group slot, the number of rows in it. */
  readonly size: Int32Array;
  /** The key codes of a group slot, one per key (-1 = missing). */
  codesOf(slot: number): number[];
}

/** A grouping with the group of every row. */
export interface RowGroups extends Grouping {
  /** Per row, its group; -1 for rows outside the mask. */
  readonly gid: Int32Array;
  /** The rows inside the mask, ascending (so measure loops skip the others). */
  readonly rows: Int32Array;
}

/** Group slots beyond which codes are compacted to the occurring combinations. */
const DENSE_LIMIT = 1 << 21;

/** Groups the rows with `mask[i] === 1` by `keys` (no keys: one group of all rows). */
export function groupRows(keys: readonly KeyColumn[], mask: Uint8Array): RowGroups {
  const n = mask.length;
  const gid = new Int32Array(n).fill(-1);
  const selected = new Int32Array(n);
  let m = 0;
  if (keys.length === 0) {
    for (let i = 0; i < n; i++) {
      if (mask[i]) {
        gid[i] = 0;
        selected[m++] = i;
      }
    }
    return { keys, gid, rows: selected.subarray(0, m), count: 1, size: Int32Array.of(m), codesOf: () => [] };
  }
  const first = keys[0];
  const missing0 = first.cardinality;
  const codes0 = first.codes;
  if (keys.length === 1) {
    // One key (e.g. a day bucket): group ids, sizes and the row list in one pass.
    const size = new Int32Array(missing0 + 1);
    for (let i = 0; i < n; i++) {
      if (mask[i]) {
        const c = codes0[i];
        const g = c < 0 ? missing0 : c;
        gid[i] = g;
        size[g]++;
        selected[m++] = i;
      }
    }
    return { keys, gid, rows: selected.subarray(0, m), count: missing0 + 1, size, codesOf: (slot) => [slot === missing0 ? -1 : slot] };
  }
  for (let i = 0; i < n; i++) {
    if (mask[i]) {
      const c = codes0[i];
      gid[i] = c < 0 ? missing0 : c;
      selected[m++] = i;
    }
  }
  const rows = selected.subarray(0, m);
  let count = missing0 + 1;
  for (let j = 1; j < keys.length; j++) {
    const key = keys[j];
    const width = key.cardinality + 1;
    const codes = key.codes;
    if (count * width <= DENSE_LIMIT) {
      for (let k = 0; k < rows.length; k++) {
        const i = rows[k];
        const c = codes[i];
        gid[i] = gid[i] * width + (c < 0 ? key.cardinality : c);
      }
      count *= width;
    } else {
      count = compactCombined(gid, rows, codes, key.cardinality);
    }
  }
  // Sizes, and the first row of each slot to decode its key codes from.
  const size = new Int32Array(count);
  const firstRow = new Int32Array(count).fill(-1);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const g = gid[i];
    if (size[g]++ === 0) firstRow[g] = i;
  }
  return {
    keys,
    gid,
    rows,
    count,
    size,
    codesOf: (slot) => keys.map((key) => (firstRow[slot] >= 0 ? key.codes[firstRow[slot]] : -1)),
  };
}

/** Combines `gid` with one more key and renumbers the occurring combinations 0..m-1 (in place). */
function compactCombined(gid: Int32Array, rows: Int32Array, codes: Int32Array, cardinality: number): number {
  const width = cardinality + 1;
  const ids = new Map<number, number>();
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const g = gid[i];
    const c = codes[i];
    const combined = g * width + (c < 0 ? cardinality : c);
    let id = ids.get(combined);
    if (id === undefined) {
      id = ids.size;
      ids.set(combined, id);
    }
    gid[i] = id;
  }
  return ids.size;
}
