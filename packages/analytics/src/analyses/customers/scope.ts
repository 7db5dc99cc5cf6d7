import { sessionMask, translateCodes, type Filter, type StringColumn } from '@clvkit/core';
import { allCustomerOrders, restrictCustomerOrders, type CustomerOrders } from '../../customer-orders.js';
import type { DerivedColumns } from '../../derived.js';
import type { AnalysisContext } from '../../types.js';

export { selectedCustomers, tableOf } from '../../customer-selection.js';

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

/** Per sessions client code, 1 when the client has at least one session passing `mask` (null: any session). */
export function clientsWithSessions(derived: DerivedColumns, mask: Uint8Array | null): Uint8Array {
  const { codes, cardinality } = derived.sessionClients();
  const out = new Uint8Array(cardinality);
  for (let i = 0; i < codes.length; i++) if ((mask === null || mask[i]) && codes[i] >= 0) out[codes[i]] = 1;
  return out;
}

/** The client id of a sessions client code. */
export function clientName(derived: DerivedColumns, code: number): string {
  return (derived.dataset.sessions.columns.client as StringColumn).dictionary[code];
}
