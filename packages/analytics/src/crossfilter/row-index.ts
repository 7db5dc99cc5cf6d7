import type { TableName } from '@clvkit/core';
import { indexByCode, type CodeIndex, type DerivedColumns } from '../derived.js';

/** Rows of a number or time column sorted by value (missing values left out). */
export interface SortedIndex {
  readonly rows: Int32Array;
  /** `values[k]` is the value of `rows[k]`, ascending. */
  readonly values: Float64Array;
}

/** The rows of a string or boolean column grouped by code, built once per dataset. */
export function codeIndex(derived: DerivedColumns, table: TableName, column: string): CodeIndex {
  return derived.memo(`crossfilter:codeIndex:${table}.${column}`, () => {
    const def = derived.dataset[table]!.columns[column];
    if (def.type === 'string') return indexByCode(def.codes, def.dictionary.length);
    if (def.type === 'boolean') return indexByCode(new Int32Array(def.values), 2);
    throw new TypeError(`codeIndex: ${table}.${column} is ${def.type}, not string or boolean`);
  });
}

/** The rows of a number or time column in value order, built once per dataset. */
export function sortedIndex(derived: DerivedColumns, table: TableName, column: string): SortedIndex {
  return derived.memo(`crossfilter:sortedIndex:${table}.${column}`, () => {
    const def = derived.dataset[table]!.columns[column];
    if (def.type !== 'number' && def.type !== 'time') throw new TypeError(`sortedIndex: ${table}.${column} is ${def.type}, not number or time`);
    const source = def.values;
    let n = 0;
    for (let i = 0; i < source.length; i++) if (source[i] === source[i]) n++;
    const rows = new Int32Array(n);
    for (let i = 0, k = 0; i < source.length; i++) if (source[i] === source[i]) rows[k++] = i;
    const sorted = rows.sort((a, b) => source[a] - source[b] || a - b);
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) values[k] = source[sorted[k]];
    return { rows: sorted, values };
  });
}

/** The first position k with `values[k] >= v` (`values.length` when none). */
export function lowerBound(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
