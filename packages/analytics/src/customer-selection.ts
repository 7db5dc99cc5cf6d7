import { evaluatePredicate, resolveField, sessionMask, type FieldPredicate, type Filter, type Predicate, type TableName } from '@clvkit/core';
import type { AnalysisContext } from './types.js';

/**
 * The customers (rows of the customers table) in the selection `filter`:
 * - no predicates: every customer;
 * - `and` filters (or a single predicate): predicates on customers fields and on the client id
 *   are tested on the customer row itself, the others (sessions, lines, messages, compound clauses) keep the
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
    const onCustomer = predicate.type === 'and' ? null : onCustomerRow(context, predicate);
    if (onCustomer) own.push(onCustomer);
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

/**
 * The predicate tested on the customer row itself: customers fields as they are, and the
 * client id (`isIn('client', ...)`, `ordersIn(...)`) moved onto `customers.client`, so
 * customers without sessions are judged by their id too. Null for everything else.
 */
function onCustomerRow(context: AnalysisContext, predicate: FieldPredicate): FieldPredicate | null {
  let resolved;
  try {
    resolved = resolveField(context.dataset, predicate.field);
  } catch {
    return null;
  }
  if (resolved.table === 'customers') return predicate;
  if (resolved.table === 'sessions' && resolved.column === 'client' && context.dataset.customers?.columns.client) return { ...predicate, field: 'customers.client' };
  return null;
}

function flattenAnd(predicates: readonly Predicate[]): Predicate[] {
  const out: Predicate[] = [];
  for (const predicate of predicates) {
    if (predicate.type === 'and') out.push(...flattenAnd(predicate.predicates));
    else out.push(predicate);
  }
  return out;
}


/** The table holding `field` in this dataset (null when no table has it). */
export function tableOf(context: AnalysisContext, field: string): TableName | null {
  try {
    return resolveField(context.dataset, field).table;
  } catch {
    return null;
  }
}
