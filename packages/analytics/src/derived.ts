import { calendarFor, type Calendar, type Dataset, type TableName, type TimeUnit } from '@clvkit/core';
import { buildBucketIndex, coarserBucketIndex, type BucketIndex } from './time-buckets.js';

/**
 * Columns derived from a dataset once and reused by every query on it: purchase flags, money
 * columns with their defaults, calendar bucket numbers per (field, unit), and row orderings by
 * client or order (for distinct counts without sets). A dataset never changes after import, so
 * everything is cached for the dataset's lifetime (a WeakMap, freed with the dataset).
 */
export class DerivedColumns {
  readonly dataset: Dataset;
  readonly calendar: Calendar;
  readonly #memo = new Map<string, unknown>();

  constructor(dataset: Dataset) {
    this.dataset = dataset;
    this.calendar = calendarFor(dataset.time);
  }

  /** Returns the cached value of `key`, building it on first use. */
  memo<T>(key: string, build: () => T): T {
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = build();
    this.#memo.set(key, value);
    return value;
  }

  /** Per session, 1 when it is an order (`has_purchased`; every session when the input had no flag). */
  purchased(): Uint8Array {
    return this.memo('purchased', () => {
      const column = this.dataset.sessions.columns.has_purchased;
      if (column && column.type === 'boolean' && !this.dataset.ordersOnly) return column.values;
      return new Uint8Array(this.dataset.sessions.length).fill(1);
    });
  }

  /** A number column, or a column of `fallback` where the table lacks it (e.g. discount 0, quantity 1). */
  numbers(table: TableName, column: string, fallback: number): Float64Array {
    return this.memo(`numbers:${table}.${column}`, () => {
      const t = this.dataset[table];
      const def = t?.columns[column];
      if (def && (def.type === 'number' || def.type === 'time')) return def.values;
      return new Float64Array(t?.length ?? 0).fill(fallback);
    });
  }

  /** Per session, its client's code in `sessions.client` (-1 where missing), and the number of codes. */
  sessionClients(): { codes: Int32Array; cardinality: number } {
    return this.memo('sessionClients', () => {
      const def = this.dataset.sessions.columns.client;
      if (!def || def.type !== 'string') throw new Error('sessions.client (a string column) is required');
      return { codes: def.codes, cardinality: def.dictionary.length };
    });
  }

  /** Per basket line, its order's row in sessions (-1 where none). */
  lineOrders(): Int32Array {
    return this.memo('lineOrders', () => refRows(this.dataset, 'lines', 'order'));
  }

  /** Per session, its customer's row in customers (-1 where none). */
  sessionCustomers(): Int32Array {
    return this.memo('sessionCustomers', () => refRows(this.dataset, 'sessions', 'customer'));
  }

  /** Per basket line, its order's client code (-1 where none). */
  lineClients(): Int32Array {
    return this.memo('lineClients', () => {
      const orders = this.lineOrders();
      const clients = this.sessionClients().codes;
      return lookup(orders, clients);
    });
  }

  /** Session rows ordered by client (rows of one client are contiguous); rows without a client left out. */
  sessionsByClient(): Int32Array {
    return this.memo('sessionsByClient', () => rowsByCode(this.sessionClients().codes, this.sessionClients().cardinality));
  }

  /** Line rows ordered by their order's client; lines without one left out. */
  linesByClient(): Int32Array {
    return this.memo('linesByClient', () => rowsByCode(this.lineClients(), this.sessionClients().cardinality));
  }

  /** Line rows ordered by order (lines of one order are contiguous); lines without an order left out. */
  linesByOrder(): Int32Array {
    return this.linesOfOrders().rows;
  }

  /** True when the lines of each order are stored next to each other (checked once). */
  linesGroupedByOrder(): boolean {
    return this.memo('linesGroupedByOrder', () => {
      const orders = this.lineOrders();
      const seen = new Uint8Array(this.dataset.sessions.length);
      for (let l = 0; l < orders.length; l++) {
        const o = orders[l];
        if (o < 0 || (l > 0 && orders[l - 1] === o)) continue;
        if (seen[o]) return false;
        seen[o] = 1;
      }
      return true;
    });
  }

  /**
   * True when every basket line has an order and the lines are stored in the order of their
   * sessions (order rows never decrease): then the lines of session s are the line rows
   * `linesOfOrders().starts[s] .. starts[s + 1] - 1` themselves, and a walk over the sessions
   * visits the lines in storage order. Checked once.
   */
  linesInSessionOrder(): boolean {
    return this.memo('linesInSessionOrder', () => {
      const orders = this.lineOrders();
      let previous = 0;
      for (let l = 0; l < orders.length; l++) {
        const o = orders[l];
        if (o < previous) return false;
        previous = o;
      }
      return true;
    });
  }

  /** The lines of session s are `rows[starts[s]] .. rows[starts[s + 1] - 1]`. */
  linesOfOrders(): CodeIndex {
    return this.memo('linesOfOrders', () => indexByCode(this.lineOrders(), this.dataset.sessions.length));
  }

  /** Calendar buckets of a time column of `table`. */
  buckets(table: TableName, column: string, unit: TimeUnit): BucketIndex {
    return this.memo(`buckets:${table}.${column}:${unit}`, () => {
      const def = this.dataset[table]?.columns[column];
      if (!def || def.type !== 'time') throw new TypeError(`${table}.${column} is not a time column`);
      // Units of whole days come from the (shared) day index: one lookup per row.
      if (unit !== 'hour' && unit !== 'day') return coarserBucketIndex(this.buckets(table, column, 'day'), this.calendar, unit);
      return buildBucketIndex(def.values, this.calendar, unit, `${table}.${column}`);
    });
  }

  /** The first and last `session_start` of the dataset, or null when there is none. */
  sessionStartExtent(): readonly [number, number] | null {
    return this.memo('sessionStartExtent', () => {
      const def = this.dataset.sessions.columns.session_start;
      if (!def || def.type !== 'time') return null;
      const values = def.values;
      let min = Infinity;
      let max = -Infinity;
      // An indexed loop: for-of over a typed array is several times slower.
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return min <= max ? ([min, max] as const) : null;
    });
  }
}

const cache = new WeakMap<Dataset, DerivedColumns>();

/** The derived columns of `dataset` (one instance per dataset, built lazily). */
export function derivedColumns(dataset: Dataset): DerivedColumns {
  let derived = cache.get(dataset);
  if (!derived) {
    derived = new DerivedColumns(dataset);
    cache.set(dataset, derived);
  }
  return derived;
}

function refRows(dataset: Dataset, table: TableName, column: string): Int32Array {
  const def = dataset[table]?.columns[column];
  if (!def || def.type !== 'ref') throw new Error(`${table}.${column} (a row reference) is required`);
  return def.rows;
}

/** Rows grouped by code: the rows with code c are `rows[starts[c]] .. rows[starts[c + 1] - 1]`. */
export interface CodeIndex {
  readonly rows: Int32Array;
  readonly starts: Int32Array;
}

/** Counting sort: the row numbers with code >= 0, grouped by code in code order. */
export function rowsByCode(codes: Int32Array, cardinality: number): Int32Array {
  return indexByCode(codes, cardinality).rows;
}

/** Counting sort of rows by code, with the start of each code's run. */
export function indexByCode(codes: Int32Array, cardinality: number): CodeIndex {
  const starts = new Int32Array(cardinality + 1);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0) starts[c + 1]++;
  }
  for (let c = 0; c < cardinality; c++) starts[c + 1] += starts[c];
  const next = starts.slice(0, cardinality);
  const rows = new Int32Array(starts[cardinality]);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0) rows[next[c]++] = i;
  }
  return { rows, starts };
}

/** Per i, `values[rows[i]]`, or -1 where `rows[i]` is -1 (a plain loop: typed-array `from` with a callback is slow). */
export function lookup(rows: Int32Array, values: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out[i] = r >= 0 ? values[r] : -1;
  }
  return out;
}
