import type { Calendar, Measure, QueryResult, Row, TimeUnit } from '@clvkit/core';
import { UnsupportedQueryError } from './errors.js';
import type { Group } from './groups.js';
import type { CompiledKey, KeyValue } from './keys.js';

/**
 * Groups to result rows, exactly as `runAggregate` in @clvkit/analytics orders and shapes them:
 * one property per key (by its name) then one per measure in the spec's order
 * (averageOrderValue null without orders); `fill` adds the empty buckets of a single time key
 * (calendar buckets from the first to the last group, or every hour 0..23 / weekday 0..6) as
 * zeros; order by `orderBy` (default descending; values within 1e-9 relative are ties) then by
 * the keys ascending (strings by code point, false before true, null last); then `limit`.
 * meta.groups is the number of groups before the limit.
 */

/** Relative difference below which two measure values rank as equal (then by key), as in memory. */
export const TIE_TOLERANCE = 1e-9;

/** How the rows are finished. */
export interface RowOptions {
  readonly measures: readonly Measure[];
  readonly orderBy?: { readonly measure: Measure; readonly order?: 'asc' | 'desc' };
  readonly limit?: number;
  readonly fill?: boolean;
}

/** Turns groups into the rows and meta of a QueryResult. */
export function finishRows(keys: readonly CompiledKey[], groups: Group[], options: RowOptions, calendar: Calendar): QueryResult {
  let list = options.fill ? filled(keys, groups, calendar) : groups;
  const byKeys = compareKeys(keys);
  if (options.orderBy) {
    const { measure, order = 'desc' } = options.orderBy;
    const sign = order === 'asc' ? 1 : -1;
    const value = new Map(list.map((g) => [g, measureValue(g, measure)]));
    list = [...list].sort((a, b) => {
      const va = value.get(a) ?? null;
      const vb = value.get(b) ?? null;
      if (va !== vb) {
        if (va === null) return 1;
        if (vb === null) return -1;
        if (Math.abs(va - vb) > TIE_TOLERANCE * Math.max(Math.abs(va), Math.abs(vb))) return sign * (va - vb);
      }
      return byKeys(a.keys, b.keys);
    });
  } else {
    list = [...list].sort((a, b) => byKeys(a.keys, b.keys));
  }
  const count = list.length;
  if (options.limit !== undefined) list = list.slice(0, options.limit);
  return { rows: list.map((g) => toRow(keys, g, options.measures)), meta: { groups: count } };
}

/** A measure's value in a group (averageOrderValue null without orders; absent measures 0). */
export function measureValue(group: Group, measure: Measure): number | null {
  if (measure === 'averageOrderValue') {
    const orders = group.values.orders ?? 0;
    return orders > 0 ? (group.values.revenue ?? 0) / orders : null;
  }
  return group.values[measure] ?? 0;
}

function toRow(keys: readonly CompiledKey[], group: Group, measures: readonly Measure[]): Row {
  const row: Row = {};
  keys.forEach((key, j) => {
    row[key.name] = group.keys[j];
  });
  for (const m of measures) row[m] = measureValue(group, m);
  return row;
}

/** Ascending by each key: null last, strings by code point, false before true, numbers by value. */
export function compareKeys(keys: readonly CompiledKey[]): (a: readonly KeyValue[], b: readonly KeyValue[]) => number {
  return (a, b) => {
    for (let j = 0; j < keys.length; j++) {
      const x = a[j];
      const y = b[j];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : 1;
      const nx = Number(x);
      const ny = Number(y);
      if (nx !== ny) return nx - ny;
    }
    return 0;
  };
}

function filled(keys: readonly CompiledKey[], groups: Group[], calendar: Calendar): Group[] {
  const [key] = keys;
  if (keys.length !== 1 || (key.kind !== 'time' && key.kind !== 'cyclic')) {
    throw new UnsupportedQueryError('fill', 'fill needs exactly one group key, a time field with a bucket');
  }
  const byKey = new Map(groups.map((g) => [g.keys[0], g]));
  const empty = (value: KeyValue): Group => byKey.get(value) ?? { keys: [value], size: 0, values: {} };
  const out: Group[] = [];
  if (key.kind === 'cyclic') {
    for (let v = 0; v < (key.bucket === 'hourOfDay' ? 24 : 7); v++) out.push(empty(v));
  } else {
    const present = groups.map((g) => g.keys[0]).filter((v): v is number => typeof v === 'number');
    if (present.length) {
      const unit = key.bucket as TimeUnit;
      const first = Math.min(...present);
      const last = Math.max(...present);
      for (let t = first, k = 1; t <= last; t = calendar.add(first, unit, k++)) out.push(empty(t));
    }
  }
  const missing = byKey.get(null);
  if (missing) out.push(missing);
  return out;
}
