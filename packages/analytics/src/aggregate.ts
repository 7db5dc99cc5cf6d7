import {
  lineMask,
  MissingInputError,
  predicateFields,
  resolveField,
  sessionMask,
  type AggregateSpec,
  type Dataset,
  type Filter,
  type GroupKey,
  type Measure,
  type QueryResult,
  type Row,
  type TableName,
} from '@clvkit/core';
import { derivedColumns, type DerivedColumns } from './derived.js';
import { fastGroupMeasures, passingRows } from './crossfilter/fast-path.js';
import { keyColumn, type KeyColumn } from './group-keys.js';
import { groupRows, type Grouping } from './grouping.js';
import { isRowwise, LINE_MEASURES, MEASURES, measureLines, measureRowwise, measureSessions, measureValue, storedMeasures, type MeasureArrays } from './measures.js';

/**
 * Runs a plain aggregate (see `AggregateSpec` in core/query.ts): rows of `spec.table` that pass
 * `filter` AND every `spec.where` predicate, grouped by `spec.groupBy`, with `spec.measures`.
 *
 * Rows: one property per group key named by its field (when one field is grouped twice, e.g.
 * by dayOfWeek and hourOfDay, each of those keys is named `field:bucket`), holding the bucket
 * start epoch ms for calendar buckets, an integer for hourOfDay / dayOfWeek, the string for
 * strings, true/false for booleans, the number for number columns, null when missing; then one
 * property per measure (averageOrderValue null for a group without orders). Only groups with
 * rows are returned, unless `fill` asks for the empty buckets of a single time key: calendar
 * buckets from the first to the last group, or every hour 0..23 / weekday 0..6, as zeros.
 * Order: by `orderBy` (default descending; ties, i.e. values within 1e-9 relative, and no
 * orderBy by the keys ascending, strings by code point, missing last), then `limit`. meta.groups is the number of groups before limit.
 */
export function runAggregate(dataset: Dataset, spec: AggregateSpec, filter: Filter): QueryResult {
  return aggregateWith(derivedColumns(dataset), spec, [filter]);
}

/** `runAggregate` with several filters ANDed (e.g. a filter without its time interval, and another interval). */
export function aggregateWith(derived: DerivedColumns, spec: AggregateSpec, filters: readonly Filter[]): QueryResult {
  checkSpec(spec);
  const table = spec.table ?? 'sessions';
  const groupBy = spec.groupBy ?? [];
  const names = keyNames(groupBy);
  const keys = groupBy.map((key, j) => keyColumn(derived, table, key, names[j]));
  const wanted = [...spec.measures];
  if (spec.orderBy && !wanted.includes(spec.orderBy.measure)) wanted.push(spec.orderBy.measure);
  const allFilters = spec.where && spec.where.length ? [...filters, { mode: 'and' as const, predicates: spec.where }] : filters;
  const { grouping, arrays } = groupMeasures(derived, table, keys, wanted, allFilters);

  let slots = nonEmptySlots(grouping);
  if (spec.fill) slots = filledSlots(grouping, slots);
  const byKeys = compareByKeys(grouping);
  if (spec.orderBy) {
    const { measure, order = 'desc' } = spec.orderBy;
    const sign = order === 'asc' ? 1 : -1;
    const values = new Map(slots.map((s) => [s, measureValue(arrays, measure, s)]));
    slots.sort((a, b) => {
      const va = values.get(a) ?? null;
      const vb = values.get(b) ?? null;
      if (va !== vb) {
        if (va === null) return 1;
        if (vb === null) return -1;
        // Sums that differ only by floating-point summation order (a cube's prefix sums, a
        // cluster's partial sums) are ties, so the ranking does not depend on how they were added.
        if (Math.abs(va - vb) > TIE_TOLERANCE * Math.max(Math.abs(va), Math.abs(vb))) return sign * (va - vb);
      }
      return byKeys(a, b);
    });
  } else {
    slots.sort(byKeys);
  }
  const groups = slots.length;
  if (spec.limit !== undefined) slots = slots.slice(0, spec.limit);
  return { rows: slots.map((slot) => toRow(grouping, arrays, spec.measures, slot)), meta: { groups } };
}

/** Relative difference below which two measure values rank as equal (then by key). */
const TIE_TOLERANCE = 1e-9;

/** Groups the rows of `table` passing every filter by `keys` and computes `measures`. */
export function groupMeasures(
  derived: DerivedColumns,
  table: TableName,
  keys: readonly KeyColumn[],
  measures: readonly Measure[],
  filters: readonly Filter[],
): { grouping: Grouping; arrays: MeasureArrays } {
  const { dataset } = derived;
  const stored = storedMeasures(measures);
  const fast = fastGroupMeasures(derived, table, keys, stored, filters);
  if (fast) return fast;
  if (table === 'lines') {
    if (!dataset.lines) throw new MissingInputError('aggregate', 'basket lines', 'queries on table "lines" need basket lines');
    const grouping = groupRows(keys, linesPassing(dataset, filters));
    return { grouping, arrays: measureLines(derived, grouping, stored) };
  }
  const mask = sessionsPassing(dataset, filters);
  if (isRowwise(stored, keys)) return measureRowwise(derived, keys[0], mask, stored);
  const grouping = groupRows(keys, mask);
  const needsLines = LINE_MEASURES.some((m) => stored.has(m as never));
  // A line of a grouped order passes every filter without a lines predicate (those act on
  // the line through its order, which passed), so only the others need a line mask.
  const lineFilters = needsLines && dataset.lines ? filters.filter((f) => f.predicates.some((p) => predicateFields(p).some((field) => resolveField(dataset, field).table === 'lines'))) : [];
  const lines = lineFilters.length ? linesPassing(dataset, lineFilters) : null;
  return { grouping, arrays: measureSessions(derived, grouping, stored, lines) };
}

/**
 * Sessions passing every filter (a new mask the caller owns). Read from the dataset's clause
 * bits (each clause evaluated once for every widget, see crossfilter/clause-bits.ts) unless
 * the fast path is off.
 */
export function sessionsPassing(dataset: Dataset, filters: readonly Filter[]): Uint8Array {
  return passingRows(derivedColumns(dataset), 'sessions', filters) ?? andMasks(filters.map((f) => sessionMask(dataset, f)), dataset.sessions.length);
}

/** Basket lines passing every filter (a new mask the caller owns; see `sessionsPassing`). */
export function linesPassing(dataset: Dataset, filters: readonly Filter[]): Uint8Array {
  return passingRows(derivedColumns(dataset), 'lines', filters) ?? andMasks(filters.map((f) => lineMask(dataset, f)), dataset.lines?.length ?? 0);
}

function andMasks(masks: Uint8Array[], length: number): Uint8Array {
  if (masks.length === 0) return new Uint8Array(length).fill(1);
  const out = masks[0];
  for (let m = 1; m < masks.length; m++) {
    const next = masks[m];
    for (let i = 0; i < length; i++) out[i] &= next[i];
  }
  return out;
}

function nonEmptySlots(grouping: Grouping): number[] {
  const slots: number[] = [];
  for (let s = 0; s < grouping.count; s++) if (grouping.size[s] > 0) slots.push(s);
  return slots;
}

function filledSlots(grouping: Grouping, slots: number[]): number[] {
  const [key] = grouping.keys;
  if (grouping.keys.length !== 1 || (key.kind !== 'time' && key.kind !== 'cyclic')) {
    throw new TypeError('aggregate: fill needs exactly one group key, a time field with a bucket');
  }
  const missingSlot = key.cardinality;
  const present = slots.filter((s) => s !== missingSlot);
  const filled: number[] = [];
  if (key.kind === 'cyclic') {
    for (let s = 0; s < key.cardinality; s++) filled.push(s);
  } else if (present.length > 0) {
    for (let s = present[0]; s <= present[present.length - 1]; s++) filled.push(s);
  }
  if (grouping.size[missingSlot] > 0) filled.push(missingSlot);
  return filled;
}

/** Ascending by each key in turn; missing last; strings by code point. */
function compareByKeys(grouping: Grouping): (a: number, b: number) => number {
  const { keys } = grouping;
  const codes = new Map<number, number[]>();
  const codesOf = (slot: number) => {
    let c = codes.get(slot);
    if (!c) codes.set(slot, (c = grouping.codesOf(slot)));
    return c;
  };
  return (a, b) => {
    const ca = codesOf(a);
    const cb = codesOf(b);
    for (let j = 0; j < keys.length; j++) {
      const x = ca[j];
      const y = cb[j];
      if (x === y) continue;
      if (x < 0) return 1;
      if (y < 0) return -1;
      if (keys[j].kind === 'string') {
        const vx = keys[j].value(x) as string;
        const vy = keys[j].value(y) as string;
        if (vx !== vy) return vx < vy ? -1 : 1;
        continue;
      }
      return x - y;
    }
    return 0;
  };
}

function toRow(grouping: Grouping, arrays: MeasureArrays, measures: readonly Measure[], slot: number): Row {
  const row: Row = {};
  const codes = grouping.codesOf(slot);
  grouping.keys.forEach((key, j) => {
    row[key.name] = codes[j] < 0 ? null : key.value(codes[j]);
  });
  for (const m of measures) row[m] = measureValue(arrays, m, slot);
  return row;
}

/** Row property per key: the field, or `field:bucket` when the field is grouped more than once. */
function keyNames(groupBy: readonly GroupKey[]): string[] {
  const names = groupBy.map((key) => (groupBy.filter((k) => k.field === key.field).length > 1 ? `${key.field}:${key.bucket ?? ''}` : key.field));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new TypeError(`aggregate: groupBy lists "${name}" twice`);
    seen.add(name);
  }
  return names;
}

function checkSpec(spec: AggregateSpec): void {
  const table = spec.table ?? 'sessions';
  if (table !== 'sessions' && table !== 'lines') {
    throw new TypeError(`aggregate: table must be "sessions" or "lines", got ${JSON.stringify(table)}`);
  }
  if (!Array.isArray(spec.measures) || spec.measures.length === 0) {
    throw new TypeError(`aggregate: measures must be a non-empty array of ${MEASURES.join(', ')}`);
  }
  for (const m of spec.measures) checkMeasure(m, 'measures');
  if (spec.groupBy !== undefined && !Array.isArray(spec.groupBy)) throw new TypeError('aggregate: groupBy must be an array of { field, bucket? }');
  for (const key of spec.groupBy ?? []) {
    if (!key || typeof key.field !== 'string') throw new TypeError(`aggregate: groupBy entries need a string field, got ${JSON.stringify(key)}`);
  }
  if (spec.where !== undefined && !Array.isArray(spec.where)) throw new TypeError('aggregate: where must be an array of predicates');
  if (spec.orderBy) {
    checkMeasure(spec.orderBy.measure, 'orderBy.measure');
    const order = spec.orderBy.order;
    if (order !== undefined && order !== 'asc' && order !== 'desc') throw new TypeError(`aggregate: orderBy.order must be "asc" or "desc", got ${JSON.stringify(order)}`);
  }
  if (spec.limit !== undefined && (!Number.isInteger(spec.limit) || spec.limit < 0)) {
    throw new TypeError(`aggregate: limit must be a non-negative integer, got ${JSON.stringify(spec.limit)}`);
  }
}

function checkMeasure(measure: unknown, where: string): void {
  if (!(MEASURES as readonly unknown[]).includes(measure)) {
    throw new TypeError(`aggregate: ${where} has unknown measure ${JSON.stringify(measure)} (known: ${MEASURES.join(', ')})`);
  }
}
