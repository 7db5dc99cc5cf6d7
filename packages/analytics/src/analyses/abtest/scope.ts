import { resolveField, sessionMask, type Filter, type Predicate } from '@clvkit/core';
import { allCustomerOrders, restrictCustomerOrders, type CustomerOrders } from '../../customer-orders.js';
import { periodOf } from '../../period.js';
import type { AnalysisContext } from '../../types.js';

/**
 * How the before/after tests apply the selection (one rule for the group):
 *
 * - The **subject clauses** (predicates on `promotion_id` for promotion tests; on any basket
 *   line field, such as product or category, for product tests) choose WHICH subjects are
 *   tested: a promotion clicked in the comparison scatter, `isIn('promotion_id', ['BUNDLEUP'])`,
 *   tests BUNDLEUP only; they do not remove the customers' other orders from the windows.
 * - The **date range** (the interval on `session_start`) chooses whose first use counts: the
 *   triggering order must lie in it; the windows around it may reach outside it.
 * - The **other clauses** (channel, customer attributes ...) decide which orders exist: a
 *   customer's first use is their first use among those orders, and the windows count only
 *   them (as cohorts do).
 * - A trigger must pass the whole filter. Under an `or` filter of several clauses nothing can
 *   be split off: the windows count every order.
 */
export interface AbScope {
  /** Every customer's orders that the windows count, in time order. */
  readonly orders: CustomerOrders;
  /** Per session row, 1 when the order may be a trigger (passes the whole filter). */
  readonly triggers: Uint8Array;
  /**
   * Per session row, 1 when it passes the filter without its subject clauses (the triggers of
   * a comparison, which compares every subject and only reports the selected ones).
   */
  readonly triggersOfAll: Uint8Array;
  /** First and last session_start of the data: windows must lie inside. */
  readonly extent: readonly [number, number] | null;
}

/** The scope of a before/after test whose subject clauses are the predicates `isSubject` accepts. */
export function abScope(context: AnalysisContext, isSubject: (field: string) => boolean): AbScope {
  const period = periodOf(context);
  const { filter } = context;
  const splittable = filter.mode === 'and' || filter.predicates.length <= 1;
  let windows: Filter = { mode: 'and', predicates: [] };
  let triggersOfAll = context.sessionMask();
  if (splittable) {
    const rest = period.rest.predicates.filter((p) => !touches(p, isSubject));
    windows = { mode: 'and', predicates: rest };
    const subjectFree = filter.predicates.filter((p) => !touches(p, isSubject));
    if (subjectFree.length < filter.predicates.length) triggersOfAll = sessionMask(context.dataset, { mode: 'and', predicates: subjectFree });
  }
  const all = allCustomerOrders(context.derived);
  const orders = windows.predicates.length === 0 ? all : restrictCustomerOrders(all, sessionMask(context.dataset, windows));
  return { orders, triggers: context.sessionMask(), triggersOfAll, extent: context.derived.sessionStartExtent() };
}

/**
 * True when `predicate` tests a field `isSubject` accepts (a compound clause when any part
 * does): a subject clause. Shared with the remote sources' split (summaries/abtests).
 */
export function touches(predicate: Predicate, isSubject: (field: string) => boolean): boolean {
  if (predicate.type === 'and') return predicate.predicates.some((p) => touches(p, isSubject));
  return isSubject(predicate.field);
}

/** Subject test of promotion tests: the field resolves to sessions.promotion_id. */
export function isPromotionField(context: AnalysisContext): (field: string) => boolean {
  return (field) => {
    try {
      const resolved = resolveField(context.dataset, field);
      return resolved.table === 'sessions' && resolved.column === 'promotion_id';
    } catch {
      return false;
    }
  };
}

/** Subject test of product tests: the field is a basket-lines field. */
export function isLinesField(context: AnalysisContext): (field: string) => boolean {
  return (field) => {
    try {
      return resolveField(context.dataset, field).table === 'lines';
    } catch {
      return false;
    }
  };
}
