import { evaluatePredicate, resolveField, sessionMask, type Filter, type FieldPredicate, type Predicate, type StringColumn, type TableName } from '@clvkit/core';
import { allCustomerOrders, restrictCustomerOrders, type CustomerOrders } from '../../customer-orders.js';
import type { DerivedColumns } from '../../derived.js';
import type { AnalysisContext } from '../../types.js';

/**
 * Shared plumbing of the customers analyses: whose orders count under which filter, and how
 * the customers and messages tables map onto the client codes of `sessions.client` (the codes
 * every per-customer array is indexed by).
 */

/** Every customer's orders (time-ordered) among the sessions passing `filter`. */
export function ordersUnder(context: AnalysisContext, filter: Filter): CustomerOrders {
  const all = allCustomerOrders(context.derived);
  if (filter.predicates.length === 0) return all;
  const mask = filter === context.filter ? context.sessionMask() : sessionMask(context.dataset, filter);
  return restrictCustomerOrders(all, mask);
}

/** Sessions passing `filter` (the context's cached mask when it is the context's filter). */
export function sessionsUnder(context: AnalysisContext, filter: Filter): Uint8Array {
  if (filter === context.filter) return context.sessionMask();
  return sessionMask(context.dataset, filter);
}

/** Per code of `from`, the code of the same string in `to` (-1 where `to` lacks it). */
export function translateCodes(from: StringColumn, to: StringColumn): Int32Array {
  const index = new Map<string, number>();
  to.dictionary.forEach((value, code) => index.set(value, code));
  const out = new Int32Array(from.dictionary.length);
  for (let c = 0; c < out.length; c++) out[c] = index.get(from.dictionary[c]) ?? -1;
  return out;
}

/** Per row of `table` (customers or messages), the sessions client code of its `client` (-1 when that client has no session). */
export function clientCodesOf(derived: DerivedColumns, table: 'customers' | 'messages'): Int32Array {
  return derived.memo(`customersGroup:clientCodes:${table}`, () => {
    const column = derived.dataset[table]?.columns.client;
    if (!column || column.type !== 'string') throw new Error(`${table}.client (a string column) is required`);
    const sessions = derived.dataset.sessions.columns.client as StringColumn;
    const translate = translateCodes(column, sessions);
    const out = new Int32Array(column.codes.length);
    for (let i = 0; i < out.length; i++) out[i] = column.codes[i] >= 0 ? translate[column.codes[i]] : -1;
    return out;
  });
}

/** Per sessions client code, its row in customers (-1 where none). */
export function customerRowOfClient(derived: DerivedColumns): Int32Array {
  return derived.memo('customersGroup:customerRowOfClient', () => {
    const codes = clientCodesOf(derived, 'customers');
    const out = new Int32Array(derived.sessionClients().cardinality).fill(-1);
    for (let row = 0; row < codes.length; row++) if (codes[row] >= 0 && out[codes[row]] < 0) out[codes[row]] = row;
    return out;
  });
}

/** The table holding `field` in this dataset (null when no table has it). */
export function tableOf(context: AnalysisContext, field: string): TableName | null {
  try {
    return resolveField(context.dataset, field).table;
  } catch {
    return null;
  }
}

/**
 * The customers (rows of the customers table) in the selection `filter`:
 * - no predicates: every customer;
 * - `and` filters (or a single predicate): predicates on customers fields are tested on the
 *   customer row itself, the others (sessions, lines, messages, compound clauses) keep the
 *   customers with at least one session passing all of them;
 * - `or` filters: a customer passes when a customers predicate passes on its row, or when one
 *   of its sessions passes one of the other predicates.
 * So customers without any session stay in a selection made only of customer attributes.
 */
export function selectedCustomers(context: AnalysisContext, filter: Filter): Uint8Array {
  const customers = context.dataset.customers!;
  const out = new Uint8Array(customers.length);
  if (filter.predicates.length === 0) return out.fill(1);
  const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
  const own: FieldPredicate[] = [];
  const other: Predicate[] = [];
  for (const predicate of isAnd ? flattenAnd(filter.predicates) : filter.predicates) {
    if (predicate.type !== 'and' && tableOf(context, predicate.field) === 'customers') own.push(predicate);
    else other.push(predicate);
  }
  const viaSessions = (): Uint8Array => {
    const mask = sessionMask(context.dataset, { mode: isAnd ? 'and' : 'or', predicates: other });
    const rows = context.derived.sessionCustomers();
    const passes = new Uint8Array(customers.length);
    for (let i = 0; i < rows.length; i++) if (mask[i] && rows[i] >= 0) passes[rows[i]] = 1;
    return passes;
  };
  if (isAnd) {
    out.fill(1);
    for (const predicate of own) {
      const { mask } = evaluatePredicate(context.dataset, predicate);
      for (let i = 0; i < out.length; i++) out[i] &= mask[i];
    }
    if (other.length > 0) {
      const passes = viaSessions();
      for (let i = 0; i < out.length; i++) out[i] &= passes[i];
    }
    return out;
  }
  for (const predicate of own) {
    const { mask } = evaluatePredicate(context.dataset, predicate);
    for (let i = 0; i < out.length; i++) out[i] |= mask[i];
  }
  if (other.length > 0) {
    const passes = viaSessions();
    for (let i = 0; i < out.length; i++) out[i] |= passes[i];
  }
  return out;
}

function flattenAnd(predicates: readonly Predicate[]): Predicate[] {
  const out: Predicate[] = [];
  for (const predicate of predicates) {
    if (predicate.type === 'and') out.push(...flattenAnd(predicate.predicates));
    else out.push(predicate);
  }
  return out;
}

/** Per sessions client code, 1 when the client has at least one session passing `mask`. */
export function clientsWithSessions(derived: DerivedColumns, mask: Uint8Array): Uint8Array {
  const { codes, cardinality } = derived.sessionClients();
  const out = new Uint8Array(cardinality);
  for (let i = 0; i < codes.length; i++) if (mask[i] && codes[i] >= 0) out[codes[i]] = 1;
  return out;
}

/** The client id of a sessions client code. */
export function clientName(derived: DerivedColumns, code: number): string {
  return (derived.dataset.sessions.columns.client as StringColumn).dictionary[code];
}
