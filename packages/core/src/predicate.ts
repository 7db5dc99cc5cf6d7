/**
 * Predicates are what a widget selects: plain, serialisable objects that travel to the
 * worker (or the Elasticsearch proxy) and are evaluated there, never functions.
 *
 * `field` is a canonical column name (see `Dataset`). An unqualified name is looked up in
 * sessions, then lines, then customers, then messages; `"customers.gender"` names the table.
 */

/** `lo <= value < hi` on a number or time column (epoch ms for time). */
export interface IntervalPredicate {
  readonly type: 'interval';
  readonly field: string;
  readonly range: readonly [number, number];
}

/** The value is one of `values` (strings for string columns, 0/1 or booleans for flags). */
export interface InPredicate {
  readonly type: 'in';
  readonly field: string;
  readonly values: readonly (string | number | boolean)[];
}

/** The string value equals one of `values` or starts with `value + "/"` (category paths). */
export interface PrefixPredicate {
  readonly type: 'prefix';
  readonly field: string;
  readonly values: readonly string[];
}

/**
 * The field has a value (`present: true`) or is missing (`false`): organic orders are
 * `present('promotion_id', false)`, customers with an email `present('customers.email')`.
 */
export interface PresentPredicate {
  readonly type: 'present';
  readonly field: string;
  readonly present: boolean;
}

/**
 * The row's customer has (`present: true`) or has no (`false`) order with `session_start` in
 * `[lo, hi)`. `field` names the client column the row is joined on (`client` for sessions,
 * `customers.client` for customers). The orders are counted over the whole dataset, whatever
 * else is selected: the predicate describes the customer, as "active in May" or "bought before
 * the 1st and nothing since" do (a status at a date is two of these).
 */
export interface OrdersInPredicate {
  readonly type: 'orders-in';
  readonly field: string;
  readonly range: readonly [number, number];
  readonly present: boolean;
}

/**
 * All of `predicates` at once, as one clause: e.g. a cohort-heatmap cell is "first order in
 * March" AND "ordered in May". Inside an `or` filter it stays one unit.
 */
export interface AndPredicate {
  readonly type: 'and';
  readonly predicates: readonly Predicate[];
}

export type Predicate = IntervalPredicate | InPredicate | PrefixPredicate | PresentPredicate | OrdersInPredicate | AndPredicate;

/** Predicates that test one field (every kind but the compound `and`). */
export type FieldPredicate = IntervalPredicate | InPredicate | PrefixPredicate | PresentPredicate | OrdersInPredicate;

/**
 * A resolved filter: what one widget must apply. `and` for intersect/single resolution,
 * `or` for union. An empty `predicates` list means "everything".
 */
export interface Filter {
  readonly mode: 'and' | 'or';
  readonly predicates: readonly Predicate[];
}

/** The filter that selects everything. */
export const NO_FILTER: Filter = Object.freeze({ mode: 'and', predicates: Object.freeze([]) as readonly Predicate[] });

/** `lo <= field < hi`. */
export function interval(field: string, lo: number, hi: number): IntervalPredicate {
  return { type: 'interval', field, range: [lo, hi] };
}

/** `field in values`. */
export function isIn(field: string, values: readonly (string | number | boolean)[]): InPredicate {
  return { type: 'in', field, values: [...values] };
}

/** `field` equals one of `values` or lies below it in a "/"-separated path. */
export function prefix(field: string, values: readonly string[]): PrefixPredicate {
  return { type: 'prefix', field, values: [...values] };
}

/** `field` has a value (default) or, with `yes = false`, is missing. */
export function present(field: string, yes = true): PresentPredicate {
  return { type: 'present', field, present: yes };
}

/** The customer has an order in `[lo, hi)` (`yes = false`: has none); `field` is the client column to join on. */
export function ordersIn(lo: number, hi: number, yes = true, field = 'client'): OrdersInPredicate {
  return { type: 'orders-in', field, range: [lo, hi], present: yes };
}

/** All of `predicates` as one clause. */
export function allOf(predicates: readonly Predicate[]): AndPredicate {
  return { type: 'and', predicates: [...predicates] };
}

/** The fields a predicate tests (a compound `and` tests the fields of its parts). */
export function predicateFields(predicate: Predicate): string[] {
  return predicate.type === 'and' ? predicate.predicates.flatMap(predicateFields) : [predicate.field];
}

/** A stable string key for a filter (sorted, so clause order does not matter): used for caching. */
export function filterKey(filter: Filter): string {
  if (filter.predicates.length === 0) return '';
  const parts = filter.predicates.map((p) => JSON.stringify(p)).sort();
  return `${filter.mode}:${parts.join('|')}`;
}
