import { evaluatePredicate, resolveField, sessionMask, type Dataset, type FieldPredicate, type Filter, type Predicate } from '@clvkit/core';
import { allCustomerOrders, restrictCustomerOrders, type CustomerOrders } from '../../customer-orders.js';
import { dataRange, periodOf, type Period, type Range } from '../../period.js';
import type { BucketIndex } from '../../time-buckets.js';
import { bucketOf } from '../../time-buckets.js';
import type { AnalysisContext } from '../../types.js';
import { sessionsKept } from '../masks.js';

/**
 * How every cohort analysis applies the selection (one rule for the whole group):
 *
 * - The filter's **date range** (its interval on `session_start`, see `periodOf`) does not
 *   redefine anyone's first (or n-th) order: it only decides which orders the cells count.
 * - The filter's **other clauses** (`period.rest`: dimension / channel, products, customer
 *   attributes, promotions ...) decide which orders exist for the cohort: a customer's
 *   "first order" is their first order passing them. Under `isIn('dimension', ['web'])` the
 *   March cohort is the customers whose first *web* order was in March.
 * - A cell counts only orders passing the whole filter (date range included).
 * - Without a date range every cohort is listed; with one, the cohorts whose bucket overlaps
 *   it plus older cohorts that have an order inside it.
 */
export interface CohortScope {
  readonly period: Period;
  /** The date range the cells are limited to: the period clipped to the data; null when there is no data. */
  readonly range: Range | null;
  /** True when the filter holds a date range (cohort listing is then limited, see above). */
  readonly dated: boolean;
  /** Every customer's orders that pass the filter's non-date clauses, in time order. */
  readonly sequences: CustomerOrders;
  /** Per session row, 1 when it passes the whole filter (what cells count); null when every session does. */
  readonly inFilter: Uint8Array | null;
}

/** The scope of a cohort analysis under `context`'s filter. */
export function cohortScope(context: AnalysisContext): CohortScope {
  const period = periodOf(context);
  const all = allCustomerOrders(context.derived);
  const sequences = period.rest.predicates.length === 0 ? all : restrictCustomerOrders(all, sessionMask(context.dataset, period.rest));
  const data = dataRange(context);
  let range: Range | null = null;
  if (data && period.range) range = [Math.max(period.range[0], data[0]), Math.min(period.range[1], data[1])];
  return { period, range, dated: period.fromFilter, sequences, inFilter: sessionsKept(context) };
}

/** The first and last bucket of `index` that overlap `range` (`[1, 0]` when none do). */
export function bucketsOverlapping(index: BucketIndex, range: Range | null): readonly [number, number] {
  if (!range || index.count === 0) return [1, 0];
  const lo = Math.max(range[0], index.bounds[0]);
  const hi = Math.min(range[1], index.bounds[index.count]);
  if (!(lo < hi)) return [1, 0];
  return [bucketOf(index, lo), bucketOf(index, hi - 1)];
}

/** True when `[start, end)` overlaps `range`. */
export function overlaps(start: number, end: number, range: Range | null): boolean {
  return range !== null && start < range[1] && end > range[0];
}

/**
 * The customers-table rows passing the clauses of `filter` that can be read on a customer
 * without an order: predicates on customers fields (`customers.gender`) and on the client id
 * (`client`, tested on `customers.client`). Null when none applies (every customer passes).
 * Only an `and` filter (or a single predicate) restricts customers this way; under `or` a
 * customer cannot be judged without their orders, so every customer passes.
 */
export function customersPassing(dataset: Dataset, filter: Filter): Uint8Array | null {
  const customers = dataset.customers;
  if (!customers || filter.predicates.length === 0) return null;
  if (!(filter.mode === 'and' || filter.predicates.length === 1)) return null;
  let mask: Uint8Array | null = null;
  for (const predicate of flatten(filter.predicates)) {
    const resolved = resolveField(dataset, predicate.field);
    let target: FieldPredicate | null = null;
    if (resolved.table === 'customers') target = predicate;
    else if (resolved.table === 'sessions' && resolved.column === 'client' && customers.columns.client) target = { ...predicate, field: 'customers.client' };
    if (!target) continue;
    const passing = evaluatePredicate(dataset, target).mask;
    if (!mask) mask = passing;
    else for (let i = 0; i < mask.length; i++) mask[i] &= passing[i];
  }
  return mask;
}

function flatten(predicates: readonly Predicate[]): FieldPredicate[] {
  return predicates.flatMap((p) => (p.type === 'and' ? flatten(p.predicates) : [p]));
}
