import { evaluatePredicate, resolveField, sessionMask, type Dataset, type Filter, type Predicate } from '@clvkit/core';

/**
 * Which rows of the customers table a filter selects, for analyses that count customers
 * rather than sessions (customer funnels):
 * - no predicates: every customer;
 * - only predicates on customers fields (gender, location, ...): the customers passing them,
 *   evaluated on the customers table itself, so customers without sessions count;
 * - otherwise (a channel, a product, a campaign ...): the customers with at least one session
 *   passing the filter (a customer's channel is only known from their sessions).
 * Alongside, `sessions` is the filter's mask over sessions (rows of unselected customers
 * never pass it).
 */
export interface CustomerSelection {
  readonly customers: Uint8Array;
  readonly sessions: Uint8Array;
}

/** The customers and sessions `filter` selects (see `CustomerSelection`). The dataset must have customers. */
export function customerSelection(dataset: Dataset, filter: Filter, customerRows: Int32Array): CustomerSelection {
  const n = dataset.customers?.length ?? 0;
  const sessions = sessionMask(dataset, filter);
  if (filter.predicates.length === 0) return { customers: new Uint8Array(n).fill(1), sessions };
  if (filter.predicates.every((p) => onCustomers(dataset, p))) {
    const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
    const customers = new Uint8Array(n).fill(isAnd ? 1 : 0);
    for (const predicate of filter.predicates) combineInto(customers, customerMask(dataset, predicate), isAnd);
    return { customers, sessions };
  }
  const customers = new Uint8Array(n);
  for (let i = 0; i < sessions.length; i++) {
    const r = customerRows[i];
    if (sessions[i] && r >= 0) customers[r] = 1;
  }
  return { customers, sessions };
}

function onCustomers(dataset: Dataset, predicate: Predicate): boolean {
  if (predicate.type === 'and') return predicate.predicates.every((p) => onCustomers(dataset, p));
  return resolveField(dataset, predicate.field).table === 'customers';
}

function customerMask(dataset: Dataset, predicate: Predicate): Uint8Array {
  if (predicate.type !== 'and') return evaluatePredicate(dataset, predicate).mask;
  const out = new Uint8Array(dataset.customers?.length ?? 0).fill(1);
  for (const p of predicate.predicates) combineInto(out, customerMask(dataset, p), true);
  return out;
}

function combineInto(into: Uint8Array, from: Uint8Array, isAnd: boolean): void {
  if (isAnd) for (let i = 0; i < into.length; i++) into[i] &= from[i];
  else for (let i = 0; i < into.length; i++) into[i] |= from[i];
}
