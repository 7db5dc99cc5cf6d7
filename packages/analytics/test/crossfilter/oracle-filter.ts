import type { Filter, Predicate } from '@clvkit/core';
import type { ColumnType, LineRec, OracleShop, OracleTable, SessionRec, Value } from './oracle-shop.js';

/**
 * Filters of the reference implementation, row by row, straight from the semantics written
 * in core's filter.ts module comment and the analytics README:
 * - an unqualified field is looked up in sessions, then lines, then customers;
 *   `"customers.gender"` names the table;
 * - a sessions predicate applies to a line through its order; a lines predicate applies to a
 *   session when ANY of its lines passes it (each predicate on its own); a customers predicate
 *   applies through the session's customer (a line: through its order's customer); a row
 *   without the related row fails;
 * - `and` keeps rows passing every predicate, `or` rows passing one; a compound `and`
 *   predicate is all of its parts (each part tested on its own, as above).
 */

/** A field resolved to its table, column and type. */
export interface OracleField {
  readonly table: OracleTable;
  readonly column: string;
  readonly type: ColumnType;
}

const LOOKUP: readonly OracleTable[] = ['sessions', 'lines', 'customers'];

/** Resolves `field` like core does (qualified `table.column`, else lookup order). */
export function resolve(shop: OracleShop, field: string): OracleField {
  const dot = field.indexOf('.');
  if (dot > 0) {
    const table = field.slice(0, dot) as OracleTable;
    const column = field.slice(dot + 1);
    const type = LOOKUP.includes(table) ? shop.schema[table][column] : undefined;
    if (type) return { table, column, type };
  }
  for (const table of LOOKUP) {
    const type = shop.schema[table][field];
    if (type) return { table, column: field, type };
  }
  throw new Error(`oracle: unknown field ${field}`);
}

/** A test of one cell value. */
type ValueTest = (value: Value) => boolean;

/** The test of a field predicate on a value of a column of `type` (values read once, not per row). */
export function valueTest(type: ColumnType, predicate: Exclude<Predicate, { type: 'and' }>): ValueTest {
  switch (predicate.type) {
    case 'interval': {
      const [lo, hi] = predicate.range;
      return (value) => typeof value === 'number' && value >= lo && value < hi;
    }
    case 'present':
      return (value) => (type === 'boolean' || value !== null) === predicate.present;
    case 'prefix': {
      const values = predicate.values;
      return (value) => typeof value === 'string' && values.some((p) => value === p || value.startsWith(`${p}/`));
    }
    case 'in': {
      const values = predicate.values;
      if (type === 'boolean') {
        const acceptTrue = values.some((v) => v === true || v === 1 || v === 'true' || v === '1');
        const acceptFalse = values.some((v) => v === false || v === 0 || v === 'false' || v === '0');
        return (value) => value !== null && (value ? acceptTrue : acceptFalse);
      }
      if (type === 'number' || type === 'time') return (value) => value !== null && values.includes(value as number);
      const texts = new Set(values.filter((v) => typeof v !== 'boolean').map(String));
      const flags = values.filter((v): v is boolean => typeof v === 'boolean');
      return (value) => value !== null && (texts.has(value as string) || (flags.length > 0 && flags.includes(textFlag(value as string) as boolean)));
    }
    default:
      throw new Error(`oracle: predicate type ${predicate.type} is not supported`);
  }
}

/** A text read as a flag the way SPEC.md lists (true/false, 1/0, yes/no, ...); null otherwise. */
function textFlag(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['true', 't', 'yes', 'y', '1', 'on'].includes(t)) return true;
  if (['false', 'f', 'no', 'n', '0', 'off'].includes(t)) return false;
  return null;
}

/** The test of `predicate` on a session. */
export function sessionTest(shop: OracleShop, predicate: Predicate): (s: SessionRec) => boolean {
  if (predicate.type === 'and') {
    const parts = predicate.predicates.map((p) => sessionTest(shop, p));
    return (s) => parts.every((test) => test(s));
  }
  const { table, column, type } = resolve(shop, predicate.field);
  const test = valueTest(type, predicate);
  switch (table) {
    case 'sessions':
      return (s) => test(s.values[column]);
    case 'customers':
      return (s) => s.customer !== null && test(s.customer.values[column]);
    case 'lines':
      return (s) => s.lines.some((l) => test(l.values[column]));
  }
}

/** The test of `predicate` on a basket line. */
export function lineTest(shop: OracleShop, predicate: Predicate): (l: LineRec) => boolean {
  if (predicate.type === 'and') {
    const parts = predicate.predicates.map((p) => lineTest(shop, p));
    return (l) => parts.every((test) => test(l));
  }
  const { table, column, type } = resolve(shop, predicate.field);
  const test = valueTest(type, predicate);
  switch (table) {
    case 'lines':
      return (l) => test(l.values[column]);
    case 'sessions':
      return (l) => l.order !== null && test(l.order.values[column]);
    case 'customers':
      return (l) => l.order?.customer != null && test(l.order.customer.values[column]);
  }
}

/** Combines the tests of a filter's predicates: all of them (`and`), one of them (`or`); none: everything. */
function filterTest<R>(filter: Filter, testOf: (predicate: Predicate) => (row: R) => boolean): (row: R) => boolean {
  const tests = filter.predicates.map(testOf);
  if (tests.length === 0) return () => true;
  return filter.mode === 'or' ? (row) => tests.some((t) => t(row)) : (row) => tests.every((t) => t(row));
}

/** The test of "passes every filter" on a session. */
export function sessionsFilter(shop: OracleShop, filters: readonly Filter[]): (s: SessionRec) => boolean {
  const tests = filters.map((f) => filterTest(f, (p) => sessionTest(shop, p)));
  return (s) => tests.every((t) => t(s));
}

/** The test of "passes every filter" on a basket line. */
export function linesFilter(shop: OracleShop, filters: readonly Filter[]): (l: LineRec) => boolean {
  const tests = filters.map((f) => filterTest(f, (p) => lineTest(shop, p)));
  return (l) => tests.every((t) => t(l));
}

/** The sessions passing every filter. */
export function sessionsPassing(shop: OracleShop, filters: readonly Filter[]): SessionRec[] {
  return shop.sessions.filter(sessionsFilter(shop, filters));
}
