import { resolveField, TABLE_LABELS, type Bucket, type GroupKey, type TableName } from '@clvkit/core';
import { lookup, type DerivedColumns } from './derived.js';

/** A value of a group key in a result row. */
export type KeyValue = string | number | boolean | null;

/**
 * A group-by key as integer codes per row of the queried table. Codes 0..cardinality-1, -1 for
 * a missing value (output as null). Codes of calendar buckets are in time order.
 */
export interface KeyColumn {
  /** The result row property. */
  readonly name: string;
  readonly kind: 'time' | 'cyclic' | 'string' | 'boolean' | 'number';
  readonly codes: Int32Array;
  readonly cardinality: number;
  /** The output value of code `code` (>= 0). */
  value(code: number): KeyValue;
}

const CALENDAR_BUCKETS = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;

/**
 * The key column of `key` for rows of `queryTable`. A key on another table is carried over
 * the row references: a line takes its order's (sessions) value and its order's customer's
 * (customers) value, a session its customer's. Keys on lines cannot group sessions (a session
 * has many lines; query `table: 'lines'` instead).
 */
export function keyColumn(derived: DerivedColumns, queryTable: TableName, key: GroupKey, name: string): KeyColumn {
  const { dataset } = derived;
  const resolved = resolveField(dataset, key.field);
  const source = sourceKey(derived, resolved.table, resolved.column, key, name);
  if (resolved.table === queryTable) return source;
  const rows = refPath(derived, queryTable, resolved.table, key.field);
  const codes = derived.memo(`keyvia:${queryTable}:${resolved.table}.${resolved.column}:${key.bucket ?? ''}:${key.step ?? ''}`, () => lookup(rows, source.codes));
  return { ...source, codes, value: source.value };
}

/** Per row of `queryTable`, the related row of `keyTable` (-1 where none). */
function refPath(derived: DerivedColumns, queryTable: TableName, keyTable: TableName, field: string): Int32Array {
  if (queryTable === 'lines' && keyTable === 'sessions') return derived.lineOrders();
  if (queryTable === 'sessions' && keyTable === 'customers') return derived.sessionCustomers();
  if (queryTable === 'lines' && keyTable === 'customers') {
    return derived.memo('lineCustomers', () => {
      const customers = derived.sessionCustomers();
      return lookup(derived.lineOrders(), customers);
    });
  }
  const hint = keyTable === 'lines' ? ' (a session has many lines: query table "lines" to group by a line field)' : '';
  throw new TypeError(`groupBy "${field}": a ${TABLE_LABELS[keyTable]} field cannot group ${TABLE_LABELS[queryTable]}${hint}`);
}

function sourceKey(derived: DerivedColumns, table: TableName, column: string, key: GroupKey, name: string): KeyColumn {
  const def = derived.dataset[table]!.columns[column];
  const field = key.field;
  const bucket = key.bucket;
  if (def.type !== 'time' && bucket !== undefined) {
    throw new TypeError(`groupBy "${field}": bucket "${String(bucket)}" needs a time column, "${field}" is ${def.type}`);
  }
  if (key.step !== undefined) {
    if (def.type !== 'number') throw new TypeError(`groupBy "${field}": step needs a number column, "${field}" is ${def.type}`);
    if (typeof key.step !== 'number' || !(key.step > 0) || !Number.isFinite(key.step)) {
      throw new TypeError(`groupBy "${field}": step must be a positive finite number, got ${JSON.stringify(key.step)}`);
    }
    const step = key.step;
    const { codes, first, count } = derived.memo(`step:${table}.${column}:${step}`, () => stepBins(def.values, step));
    return { name, kind: 'number', codes, cardinality: count, value: (code) => (first + code) * step };
  }
  switch (def.type) {
    case 'string': {
      const dictionary = def.dictionary;
      return { name, kind: 'string', codes: def.codes, cardinality: dictionary.length, value: (code) => dictionary[code] };
    }
    case 'boolean': {
      const codes = derived.memo(`bool:${table}.${column}`, () => new Int32Array(def.values));
      return { name, kind: 'boolean', codes, cardinality: 2, value: (code) => code === 1 };
    }
    case 'number': {
      const { codes, values } = derived.memo(`distinct:${table}.${column}`, () => distinctNumbers(def.values));
      return { name, kind: 'number', codes, cardinality: values.length, value: (code) => values[code] };
    }
    case 'time':
      return timeKey(derived, table, column, field, bucket, name);
    case 'ref':
      throw new TypeError(`groupBy "${field}": a row reference cannot be grouped; group by a field of ${TABLE_LABELS[def.table]} instead`);
  }
}

function timeKey(derived: DerivedColumns, table: TableName, column: string, field: string, bucket: Bucket | undefined, name: string): KeyColumn {
  if (bucket === undefined) {
    throw new TypeError(`groupBy "${field}": a time column needs a bucket (hour, day, week, month, quarter, year, hourOfDay or dayOfWeek)`);
  }
  if ((CALENDAR_BUCKETS as readonly string[]).includes(bucket)) {
    const index = derived.buckets(table, column, bucket as (typeof CALENDAR_BUCKETS)[number]);
    const bounds = index.bounds;
    return { name, kind: 'time', codes: index.codes, cardinality: index.count, value: (code) => bounds[code] };
  }
  if (bucket === 'hourOfDay' || bucket === 'dayOfWeek') {
    const unit = bucket === 'hourOfDay' ? 'hour' : 'day';
    const codes = derived.memo(`cyclic:${table}.${column}:${bucket}`, () => {
      const index = derived.buckets(table, column, unit);
      const calendar = derived.calendar;
      const perBucket = Int32Array.from(index.bounds.subarray(0, index.count), (start) =>
        bucket === 'hourOfDay' ? calendar.hourOfDay(start) : calendar.dayOfWeek(start),
      );
      return lookup(index.codes, perBucket);
    });
    return { name, kind: 'cyclic', codes, cardinality: bucket === 'hourOfDay' ? 24 : 7, value: (code) => code };
  }
  throw new TypeError(`groupBy "${field}": unknown bucket ${JSON.stringify(bucket)} (expected hour, day, week, month, quarter, year, hourOfDay or dayOfWeek)`);
}

/**
 * Fixed-width bin codes of a number column: bin k holds `[k × step, (k + 1) × step)`, codes
 * count from the lowest occupied bin `first` (NaN = missing = -1). Too many bins (over 100,000
 * between the smallest and largest value) is a TypeError naming the step.
 */
function stepBins(column: Float64Array, step: number): { codes: Int32Array; first: number; count: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const codes = new Int32Array(column.length).fill(-1);
  if (min > max) return { codes, first: 0, count: 0 };
  const first = Math.floor(min / step);
  const count = Math.floor(max / step) - first + 1;
  if (count > 100_000) throw new TypeError(`groupBy step ${step}: ${count} bins between ${min} and ${max}; use a larger step`);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === v) codes[i] = Math.floor(v / step) - first;
  }
  return { codes, first, count };
}

/** Codes of the distinct values of a number column, in ascending value order (NaN = missing). */
function distinctNumbers(column: Float64Array): { codes: Int32Array; values: Float64Array } {
  const sorted = Float64Array.from(column.filter((v) => v === v)).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i];
  const values = sorted.slice(0, unique);
  const codes = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let lo = 0;
    let hi = unique - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    codes[i] = lo;
  }
  return { codes, values };
}
