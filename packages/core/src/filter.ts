import type { Column, Dataset, RefColumn, StringColumn, Table, TableName } from './table.js';
import type { FieldPredicate, Filter, OrdersInPredicate, Predicate } from './predicate.js';
import { readBoolean } from './values.js';

/**
 * Filter evaluation: a `Filter` (plain predicates from the selection) becomes a row mask over
 * sessions or basket lines. Pure and DOM-free, so it runs in the worker.
 *
 * Semantics (what `sessionMask` and `lineMask` compute):
 * - Fields resolve as in predicate.ts: an unqualified name is looked up in sessions, then
 *   lines, then customers, then messages; `"customers.gender"` names the table.
 * - A sessions-level predicate applies to a session directly, and to a basket line through
 *   the line's order (`lines.order`).
 * - A lines-level predicate (product, category, price, ...) applies to a line directly, and to
 *   a session when ANY of its lines passes that predicate. Each predicate is tested on its
 *   own: under `and`, "product = A and category = B" keeps a session that has an A line and
 *   a B line, but keeps only the lines that are both A and B.
 * - A customers-level predicate applies to a session through its customer (`sessions.customer`)
 *   and to a line through its order's customer.
 * - A messages-level predicate applies to a session when its client has ANY message passing
 *   it (joined on the client id), and to a line through its order.
 * - A row with no related row (a session without lines, a line without an order, a session
 *   without a customer) fails every predicate on the related table.
 * - `interval`: `lo <= v < hi` on a number or time column; missing (NaN) fails.
 * - `in`: a string column's value is one of `values` (numbers and booleans are compared as
 *   their text); a boolean column's value is one of true/false/1/0 ("true"/"false" accepted);
 *   a number or time column's value equals one of the numbers. Missing fails.
 * - `prefix`: a string equals a value or starts with `value + "/"` ("a/b" matches "a/b" and
 *   "a/b/c", not "a/bc").
 * - `orders-in`: the row's customer (joined on the client id in `field`) has, or has not, an
 *   order starting in `[lo, hi)` anywhere in the dataset; rows without a client fail.
 * - `and` keeps rows passing every predicate, `or` rows passing at least one; a filter with
 *   no predicates keeps every row.
 *
 * String predicates are evaluated once per dictionary entry into a Uint8Array lookup, then
 * rows are tested by code; no string is compared per row.
 */

/** Order in which an unqualified field name is looked up. */
export const FIELD_LOOKUP_ORDER: readonly TableName[] = Object.freeze(['sessions', 'lines', 'customers', 'messages'] as const);

/** Human names of the tables, as used in messages ("needs basket lines"). */
export const TABLE_LABELS: Readonly<Record<TableName, string>> = Object.freeze({
  sessions: 'sessions',
  lines: 'basket lines',
  customers: 'customers',
  messages: 'messages',
});

/** A field name resolved to the table and column that hold it. */
export interface ResolvedField {
  /** The name as the caller wrote it, e.g. `gender` or `customers.gender`. */
  readonly field: string;
  readonly table: TableName;
  readonly column: string;
  readonly def: Column;
}

/** A filter or group-by field that no table of the dataset has. Lists what is available. */
export class UnknownFieldError extends Error {
  override readonly name = 'UnknownFieldError';
  readonly field: string;
  /** Every field of the dataset, qualified (`sessions.order_id`, `lines.product`, ...). */
  readonly available: readonly string[];

  constructor(field: string, available: readonly string[], absentTables: readonly TableName[]) {
    const absent = absentTables.length ? ` (no ${absentTables.map((t) => TABLE_LABELS[t]).join(', ')} loaded)` : '';
    super(`Unknown field "${field}"${absent}. Available fields: ${available.join(', ')}`);
    this.field = field;
    this.available = available;
  }
}

/** Every field of the dataset, qualified with its table, in lookup order. */
export function datasetFields(dataset: Dataset): string[] {
  const fields: string[] = [];
  for (const name of FIELD_LOOKUP_ORDER) {
    const table = dataset[name];
    if (table) for (const column of Object.keys(table.columns)) fields.push(`${name}.${column}`);
  }
  return fields;
}

/**
 * Resolves `field` to its table and column. `"customers.gender"` is qualified when
 * `customers` is a table name and the table has `gender`; otherwise the whole name is looked
 * up in sessions, lines, customers, messages, in that order.
 * @throws UnknownFieldError naming the field and listing the available fields.
 */
export function resolveField(dataset: Dataset, field: string): ResolvedField {
  if (typeof field !== 'string' || field === '') {
    throw new UnknownFieldError(String(field), datasetFields(dataset), absentTables(dataset));
  }
  const dot = field.indexOf('.');
  if (dot > 0) {
    const tableName = field.slice(0, dot);
    if ((FIELD_LOOKUP_ORDER as readonly string[]).includes(tableName)) {
      const table = dataset[tableName as TableName];
      const column = field.slice(dot + 1);
      const def = table?.columns[column];
      if (def) return { field, table: tableName as TableName, column, def };
    }
  }
  for (const name of FIELD_LOOKUP_ORDER) {
    const def = dataset[name]?.columns[field];
    if (def) return { field, table: name, column: field, def };
  }
  throw new UnknownFieldError(field, datasetFields(dataset), absentTables(dataset));
}

function absentTables(dataset: Dataset): TableName[] {
  return FIELD_LOOKUP_ORDER.filter((name) => !dataset[name]);
}

/** The rows of one table that pass one predicate (1 = passes). */
export interface PredicateMask {
  readonly table: TableName;
  readonly mask: Uint8Array;
}

/** Evaluates one predicate on the rows of the table that holds its field (a fresh mask the caller owns). */
export function evaluatePredicate(dataset: Dataset, predicate: FieldPredicate): PredicateMask {
  checkPredicate(predicate);
  if ((predicate as Predicate).type === 'and') throw new TypeError('evaluatePredicate: a compound "and" predicate has no single table; use sessionMask or lineMask');
  const resolved = resolveField(dataset, predicate.field);
  const table = dataset[resolved.table] as Table;
  if (predicate.type === 'orders-in') return { table: resolved.table, mask: evaluateOrdersIn(dataset, resolved, predicate) };
  return { table: resolved.table, mask: evaluateColumn(resolved, table.length, predicate) };
}

/** Predicate masks kept per dataset (least recently used first), so clauses that did not change are not re-evaluated. */
const PREDICATE_CACHE_SIZE = 16;
const predicateCache = new WeakMap<Dataset, Map<string, PredicateMask>>();

/**
 * `evaluatePredicate`, remembered per dataset: while a brush moves, the other widgets' clauses
 * stay the same, and every widget's filter (all clauses but its own) reuses their masks. The
 * returned mask is shared and must not be modified.
 */
function cachedPredicate(dataset: Dataset, predicate: FieldPredicate): PredicateMask {
  checkPredicate(predicate);
  let cache = predicateCache.get(dataset);
  if (!cache) predicateCache.set(dataset, (cache = new Map()));
  const key = predicateKey(predicate);
  let hit = cache.get(key);
  if (hit) {
    cache.delete(key);
  } else {
    hit = evaluatePredicate(dataset, predicate);
    if (cache.size >= PREDICATE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, hit);
  return hit;
}

function predicateKey(predicate: FieldPredicate): string {
  switch (predicate.type) {
    case 'interval':
      return `interval\u0000${predicate.field}\u0000${predicate.range[0]}\u0000${predicate.range[1]}`;
    case 'present':
      return `present\u0000${predicate.field}\u0000${predicate.present}`;
    case 'orders-in':
      return `orders-in\u0000${predicate.field}\u0000${predicate.range[0]}\u0000${predicate.range[1]}\u0000${predicate.present}`;
    default:
      return `${predicate.type}\u0000${predicate.field}\u0000${JSON.stringify(predicate.values)}`;
  }
}

/**
 * The sessions that pass `filter`: a Uint8Array over `dataset.sessions`, 1 = passes.
 * See the module comment for how predicates on lines, customers and messages apply.
 */
export function sessionMask(dataset: Dataset, filter: Filter): Uint8Array {
  return combine(dataset, filter, 'sessions');
}

/**
 * The basket lines that pass `filter`: a Uint8Array over `dataset.lines`, 1 = passes.
 * Sessions, customers and messages predicates apply through the line's order.
 * @throws Error when the dataset has no basket lines.
 */
export function lineMask(dataset: Dataset, filter: Filter): Uint8Array {
  if (!dataset.lines) throw new Error('lineMask: the dataset has no basket lines');
  return combine(dataset, filter, 'lines');
}

type Target = 'sessions' | 'lines';

function combine(dataset: Dataset, filter: Filter, target: Target): Uint8Array {
  const length = (dataset[target] as Table).length;
  checkFilter(filter);
  const predicates = filter.predicates;
  const out = new Uint8Array(length);
  if (predicates.length === 0) return out.fill(1);
  const isAnd = filter.mode === 'and' || predicates.length === 1;
  // Masks of one table are combined before they are carried over to the target (one
  // projection per table), except where "any related row" does not distribute over AND.
  // Cached masks are shared: merge into copies only.
  const pending = new Map<TableName, Uint8Array>();
  const owned = new Set<TableName>();
  const parts: Uint8Array[] = [];
  for (const predicate of isAnd ? flattenAnd(predicates) : predicates) {
    if (predicate.type === 'and') {
      // A compound clause inside an OR: evaluate it as a unit over the target rows.
      checkPredicate(predicate);
      parts.push(combine(dataset, { mode: 'and', predicates: predicate.predicates }, target));
      continue;
    }
    const { table, mask } = cachedPredicate(dataset, predicate);
    const anyOfMany = table === 'messages' || (table === 'lines' && target === 'sessions');
    if (isAnd && anyOfMany) {
      parts.push(project(dataset, table, mask, target));
      continue;
    }
    const before = pending.get(table);
    if (!before) {
      pending.set(table, mask);
      continue;
    }
    const merged = owned.has(table) ? before : before.slice();
    merge(merged, mask, isAnd);
    pending.set(table, merged);
    owned.add(table);
  }
  for (const [table, mask] of pending) parts.push(project(dataset, table, mask, target));
  out.set(parts[0]);
  for (let k = 1; k < parts.length; k++) merge(out, parts[k], isAnd);
  return out;
}

/** Nested `and` predicates spliced into an AND list (AND is associative). */
function flattenAnd(predicates: readonly Predicate[]): Predicate[] {
  const out: Predicate[] = [];
  for (const predicate of predicates) {
    if (predicate?.type === 'and') {
      checkPredicate(predicate);
      out.push(...flattenAnd(predicate.predicates));
    } else out.push(predicate);
  }
  return out;
}

/** `into &= from` or `into |= from`, element-wise. */
function merge(into: Uint8Array, from: Uint8Array, isAnd: boolean): void {
  if (isAnd) {
    for (let i = 0; i < into.length; i++) into[i] &= from[i];
  } else {
    for (let i = 0; i < into.length; i++) into[i] |= from[i];
  }
}

/** Carries a mask over `from` rows to a mask over `target` rows (see the module comment). */
function project(dataset: Dataset, from: TableName, mask: Uint8Array, target: Target): Uint8Array {
  if (from === target) return mask;
  if (target === 'sessions') return toSessions(dataset, from, mask);
  // target lines: every other table reaches a line through its order.
  const sessions = from === 'sessions' ? mask : toSessions(dataset, from, mask);
  const orders = refRows(dataset, 'lines', 'order', 'sessions');
  const out = new Uint8Array(orders.length);
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i];
    if (o >= 0) out[i] = sessions[o];
  }
  return out;
}

function toSessions(dataset: Dataset, from: TableName, mask: Uint8Array): Uint8Array {
  const n = dataset.sessions.length;
  const out = new Uint8Array(n);
  switch (from) {
    case 'lines': {
      const orders = refRows(dataset, 'lines', 'order', 'sessions');
      for (let i = 0; i < orders.length; i++) {
        const o = orders[i];
        if (mask[i] && o >= 0) out[o] = 1;
      }
      return out;
    }
    case 'customers': {
      const customers = refRows(dataset, 'sessions', 'customer', 'customers');
      for (let i = 0; i < n; i++) {
        const c = customers[i];
        if (c >= 0) out[i] = mask[c];
      }
      return out;
    }
    case 'messages': {
      const sessionClients = stringColumn(dataset, 'sessions', 'client');
      const messageClients = stringColumn(dataset, 'messages', 'client');
      const toSessionCode = translateCodes(messageClients, sessionClients);
      const clientPasses = new Uint8Array(sessionClients.dictionary.length);
      const codes = messageClients.codes;
      for (let i = 0; i < codes.length; i++) {
        if (mask[i] && codes[i] >= 0) {
          const s = toSessionCode[codes[i]];
          if (s >= 0) clientPasses[s] = 1;
        }
      }
      const clients = sessionClients.codes;
      for (let i = 0; i < n; i++) {
        const c = clients[i];
        if (c >= 0) out[i] = clientPasses[c];
      }
      return out;
    }
    default:
      return mask;
  }
}

function refRows(dataset: Dataset, tableName: TableName, column: string, to: TableName): Int32Array {
  const def = dataset[tableName]?.columns[column];
  if (!def || def.type !== 'ref') {
    throw new Error(`filter: ${tableName}.${column} (the row reference to ${TABLE_LABELS[to]}) is missing, so predicates cannot cross between ${TABLE_LABELS[tableName]} and ${TABLE_LABELS[to]}`);
  }
  return (def as RefColumn).rows;
}

function stringColumn(dataset: Dataset, tableName: TableName, column: string): StringColumn {
  const def = dataset[tableName]?.columns[column];
  if (!def || def.type !== 'string') throw new Error(`filter: ${tableName}.${column} must be a string column to join on clients`);
  return def;
}

/** Per code of `from`, the code of the same string in `to` (-1 when `to` lacks it). Cached per column pair. */
const translations = new WeakMap<StringColumn, WeakMap<StringColumn, Int32Array>>();
export function translateCodes(from: StringColumn, to: StringColumn): Int32Array {
  let byTarget = translations.get(from);
  if (!byTarget) translations.set(from, (byTarget = new WeakMap()));
  let codes = byTarget.get(to);
  if (!codes) {
    const index = new Map<string, number>();
    to.dictionary.forEach((value, code) => index.set(value, code));
    codes = Int32Array.from(from.dictionary, (value) => index.get(value) ?? -1);
    byTarget.set(to, codes);
  }
  return codes;
}

/** Rows whose client has (or has not) an order starting in the predicate's range. */
function evaluateOrdersIn(dataset: Dataset, resolved: ResolvedField, predicate: OrdersInPredicate): Uint8Array {
  const { def, field } = resolved;
  if (def.type !== 'string') throw new TypeError(`orders-in filter on "${field}": needs the client id column (a string column), "${field}" is ${def.type}`);
  const sessionClients = stringColumn(dataset, 'sessions', 'client');
  const starts = dataset.sessions.columns.session_start;
  const purchased = dataset.sessions.columns.has_purchased;
  if (starts?.type !== 'time') throw new Error('filter: sessions.session_start (a time column) is missing');
  const [lo, hi] = predicate.range;
  const ordered = new Uint8Array(sessionClients.dictionary.length);
  const flags = purchased?.type === 'boolean' ? purchased.values : null;
  for (let i = 0; i < starts.values.length; i++) {
    const t = starts.values[i];
    const c = sessionClients.codes[i];
    if (c >= 0 && t >= lo && t < hi && (!flags || flags[i])) ordered[c] = 1;
  }
  const toSessionCode = def === sessionClients ? null : translateCodes(def, sessionClients);
  const want = predicate.present ? 1 : 0;
  const out = new Uint8Array(def.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = def.codes[i];
    if (c < 0) continue;
    const s = toSessionCode ? toSessionCode[c] : c;
    out[i] = (s >= 0 ? ordered[s] : 0) === want ? 1 : 0;
  }
  return out;
}

function evaluateColumn(resolved: ResolvedField, length: number, predicate: Exclude<FieldPredicate, OrdersInPredicate>): Uint8Array {
  const { def, field } = resolved;
  const out = new Uint8Array(length);
  switch (predicate.type) {
    case 'interval': {
      if (def.type !== 'number' && def.type !== 'time') {
        throw new TypeError(`interval filter on "${field}": needs a number or time column, "${field}" is ${def.type}`);
      }
      const [lo, hi] = predicate.range;
      const values = def.values;
      for (let i = 0; i < length; i++) {
        const v = values[i];
        out[i] = v >= lo && v < hi ? 1 : 0;
      }
      return out;
    }
    case 'in': {
      if (def.type === 'string') return byCode(def, out, inLookup(def.dictionary, predicate.values));
      if (def.type === 'boolean') {
        const accept = booleanLookup(field, predicate.values);
        const values = def.values;
        for (let i = 0; i < length; i++) out[i] = accept[values[i] ? 1 : 0];
        return out;
      }
      if (def.type === 'number' || def.type === 'time') {
        const accept = new Set<number>();
        for (const v of predicate.values) {
          if (typeof v !== 'number') throw new TypeError(`in filter on "${field}": a ${def.type} column takes numbers, got ${JSON.stringify(v)}`);
          accept.add(v);
        }
        const values = def.values;
        for (let i = 0; i < length; i++) out[i] = accept.has(values[i]) ? 1 : 0;
        return out;
      }
      throw new TypeError(`in filter on "${field}": cannot filter a ${def.type} column`);
    }
    case 'prefix': {
      if (def.type !== 'string') throw new TypeError(`prefix filter on "${field}": needs a string column, "${field}" is ${def.type}`);
      return byCode(def, out, prefixLookup(def.dictionary, predicate.values));
    }
    case 'present': {
      const want = predicate.present ? 1 : 0;
      switch (def.type) {
        case 'string':
          for (let i = 0; i < length; i++) out[i] = (def.codes[i] >= 0 ? 1 : 0) === want ? 1 : 0;
          return out;
        case 'ref':
          for (let i = 0; i < length; i++) out[i] = (def.rows[i] >= 0 ? 1 : 0) === want ? 1 : 0;
          return out;
        case 'number':
        case 'time':
          for (let i = 0; i < length; i++) out[i] = (Number.isNaN(def.values[i]) ? 0 : 1) === want ? 1 : 0;
          return out;
        case 'boolean':
          // A flag column has no missing value: every row has one.
          return out.fill(want);
      }
    }
  }
}

/**
 * For an `in` or `prefix` predicate on a string column, or an `in` predicate on a boolean
 * column: per code (dictionary index; for booleans 0 = false, 1 = true), 1 when a row with that
 * code passes. null for other predicates and columns. Missing values (code -1) never pass.
 * Lets index-driven evaluation (a row list per code) visit only the passing codes.
 */
export function passingCodes(dataset: Dataset, predicate: Predicate): Uint8Array | null {
  if (predicate.type !== 'in' && predicate.type !== 'prefix') return null;
  checkPredicate(predicate);
  const { def, field } = resolveField(dataset, predicate.field);
  if (def.type === 'string') return predicate.type === 'in' ? inLookup(def.dictionary, predicate.values) : prefixLookup(def.dictionary, predicate.values);
  if (def.type === 'boolean' && predicate.type === 'in') return booleanLookup(field, predicate.values);
  return null;
}

function byCode(column: StringColumn, out: Uint8Array, lookup: Uint8Array): Uint8Array {
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0) out[i] = lookup[c];
  }
  return out;
}

/**
 * Strings match exactly; `true` / `false` match every spelling `readBoolean` reads that way
 * ("true", "Yes", "1", "t" ...), so flags imported as text filter like boolean columns.
 */
function inLookup(dictionary: readonly string[], values: readonly (string | number | boolean)[]): Uint8Array {
  const accept = new Set(values.filter((v) => typeof v !== 'boolean').map((v) => String(v)));
  const wantTrue = values.includes(true);
  const wantFalse = values.includes(false);
  const lookup = new Uint8Array(dictionary.length);
  for (let c = 0; c < dictionary.length; c++) {
    const d = dictionary[c];
    if (accept.has(d)) lookup[c] = 1;
    else if (wantTrue || wantFalse) {
      const flag = readBoolean(d);
      if ((wantTrue && flag === 1) || (wantFalse && flag === 0)) lookup[c] = 1;
    }
  }
  return lookup;
}

function prefixLookup(dictionary: readonly string[], values: readonly string[]): Uint8Array {
  const exact = new Set(values);
  const prefixes = values.map((v) => `${v}/`);
  const lookup = new Uint8Array(dictionary.length);
  for (let c = 0; c < dictionary.length; c++) {
    const d = dictionary[c];
    if (exact.has(d) || prefixes.some((p) => d.startsWith(p))) lookup[c] = 1;
  }
  return lookup;
}

/** Index 0 = accept false, 1 = accept true. */
function booleanLookup(field: string, values: readonly (string | number | boolean)[]): Uint8Array {
  const accept = new Uint8Array(2);
  for (const v of values) {
    if (v === true || v === 1 || v === 'true' || v === '1') accept[1] = 1;
    else if (v === false || v === 0 || v === 'false' || v === '0') accept[0] = 1;
    else throw new TypeError(`in filter on "${field}": a boolean column takes true/false or 1/0, got ${JSON.stringify(v)}`);
  }
  return accept;
}

function checkFilter(filter: Filter): void {
  if (!filter || typeof filter !== 'object' || !Array.isArray(filter.predicates)) {
    throw new TypeError('filter: expected { mode: "and" | "or", predicates: Predicate[] }');
  }
  if (filter.mode !== 'and' && filter.mode !== 'or') {
    throw new TypeError(`filter.mode: expected "and" or "or", got ${JSON.stringify(filter.mode)}`);
  }
}

function checkPredicate(predicate: Predicate): void {
  const p = predicate as Partial<Predicate> | null;
  if (!p || typeof p !== 'object') throw new TypeError(`predicate: expected an object, got ${JSON.stringify(p)}`);
  switch (p.type) {
    case 'interval': {
      const range = p.range;
      if (!Array.isArray(range) || range.length !== 2 || typeof range[0] !== 'number' || typeof range[1] !== 'number' || Number.isNaN(range[0]) || Number.isNaN(range[1])) {
        throw new TypeError(`interval predicate on "${String(p.field)}": range must be [lo, hi] numbers, got ${JSON.stringify(range)}`);
      }
      return;
    }
    case 'present':
      if (typeof p.present !== 'boolean') throw new TypeError(`present predicate on "${String(p.field)}": present must be true or false`);
      return;
    case 'orders-in': {
      const range = p.range;
      if (!Array.isArray(range) || range.length !== 2 || typeof range[0] !== 'number' || typeof range[1] !== 'number' || Number.isNaN(range[0]) || Number.isNaN(range[1])) {
        throw new TypeError(`orders-in predicate on "${String(p.field)}": range must be [lo, hi] numbers, got ${JSON.stringify(range)}`);
      }
      if (typeof p.present !== 'boolean') throw new TypeError(`orders-in predicate on "${String(p.field)}": present must be true or false`);
      return;
    }
    case 'and':
      if (!Array.isArray(p.predicates) || p.predicates.length === 0) throw new TypeError('and predicate: predicates must be a non-empty array');
      p.predicates.forEach(checkPredicate);
      return;
    case 'in':
    case 'prefix':
      if (!Array.isArray(p.values)) throw new TypeError(`${p.type} predicate on "${String(p.field)}": values must be an array`);
      if (p.type === 'prefix' && p.values.some((v) => typeof v !== 'string')) {
        throw new TypeError(`prefix predicate on "${String(p.field)}": values must be strings`);
      }
      return;
    default:
      throw new TypeError(`predicate.type: expected "interval", "in", "prefix", "present", "orders-in" or "and", got ${JSON.stringify(p.type)}`);
  }
}
