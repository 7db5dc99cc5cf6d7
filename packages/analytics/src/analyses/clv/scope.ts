import { filterKey, resolveField, sessionMask, type Filter, type Predicate } from '@clvkit/core';
import { readInstant, resolveAsOf, type AsOf, type AsOfParam } from '../../as-of.js';
import { allCustomerOrders, restrictCustomerOrders, type CustomerOrders } from '../../customer-orders.js';
import { RFM_SEGMENT_FIELDS } from '../../models/rfm/customer-rfm.js';
import { periodOf } from '../../period.js';
import type { AnalysisContext } from '../../types.js';

/**
 * Which orders the CLV model is fitted on and which customers an analysis reports, under the
 * context's filter. A filter's clauses play two roles:
 *
 * - Clauses that describe *customers* (the client id, the RFM segment `rfm_segment`, any
 *   customers-table column such as location or gender, or an `and` of only such clauses) pick
 *   the customers reported. They do not change the model: a treemap click on "Champions" or a
 *   click on one customer shows that selection's predictions under the model of everyone (a
 *   model fitted on one customer would not exist).
 * - Every other clause (dimension, product, promotion, channel ...) decides which orders count,
 *   so the model is refitted on those orders.
 * - The filter's interval on session_start sets the as-of (see as-of.ts): the model sees the
 *   history up to the end of the brushed range, as every customer analysis does.
 *
 * Under an `or` filter every clause selects orders (they cannot be separated).
 */
export interface ClvScope {
  /** The order clauses (the period's interval removed). */
  readonly fitFilter: Filter;
  /** The customer clauses (empty: every customer). */
  readonly customerClauses: readonly Predicate[];
  readonly at: AsOf;
  /** Cache key of the fit: order clauses and as-of. */
  readonly key: string;
}

const CLIENT_FIELDS = ['client', 'sessions.client', 'customers.client'];

/** The scope of `context` with the `asOf` param; null when the dataset has no session times. */
export function clvScope(context: AnalysisContext, analysis: string, asOf: AsOfParam): ClvScope | null {
  const period = periodOf(context);
  const at = resolveAsOf(context, period, readInstant(analysis, 'asOf', asOf, context.calendar));
  if (!at) return null;
  const rest = period.rest;
  const isAnd = rest.mode === 'and' || rest.predicates.length === 1;
  const customerClauses = isAnd ? rest.predicates.filter((p) => isCustomerClause(context, p)) : [];
  const fitFilter: Filter = { mode: rest.mode, predicates: rest.predicates.filter((p) => !customerClauses.includes(p)) };
  return { fitFilter, customerClauses, at, key: `${filterKey(fitFilter)}@${at.asOf}<${at.before}` };
}

/** True for a clause on a customer's identity, RFM segment or customers-table attribute. */
export function isCustomerClause(context: AnalysisContext, p: Predicate): boolean {
  if (p.type === 'and') return p.predicates.length > 0 && p.predicates.every((q) => isCustomerClause(context, q));
  if (CLIENT_FIELDS.includes(p.field) || RFM_SEGMENT_FIELDS.includes(p.field)) return true;
  try {
    return resolveField(context.dataset, p.field).table === 'customers';
  } catch {
    return false; // an unknown field: let the order filter report it
  }
}

/**
 * Every customer's orders that pass the order clauses and happened by the as-of
 * (`time <= asOf && time < before`), time-ordered.
 */
export function fitOrders(context: AnalysisContext, scope: ClvScope): CustomerOrders {
  const all = allCustomerOrders(context.derived);
  const start = all.start;
  const mask = scope.fitFilter.predicates.length > 0 ? sessionMask(context.dataset, scope.fitFilter).slice() : new Uint8Array(start.length).fill(1);
  const { asOf, before } = scope.at;
  for (let i = 0; i < mask.length; i++) if (!(start[i] <= asOf && start[i] < before)) mask[i] = 0;
  return restrictCustomerOrders(all, mask);
}

/** Per client code, 1 when the customer clauses select the client; null when there are none (all). */
export function selectedClients(context: AnalysisContext, scope: ClvScope): Uint8Array | null {
  if (scope.customerClauses.length === 0) return null;
  const mask = sessionMask(context.dataset, { mode: 'and', predicates: scope.customerClauses });
  const { codes, cardinality } = context.derived.sessionClients();
  const out = new Uint8Array(cardinality);
  for (let i = 0; i < codes.length; i++) if (mask[i] && codes[i] >= 0) out[codes[i]] = 1;
  return out;
}
