import { allOf, interval, isIn, present, type Calendar, type Row } from '@clvkit/core';
import { churnersPredicate, newcomersPredicate, retentionCohortPredicate } from '@clvkit/core';
import type { Key } from '../interactions/toggle-values.js';
import type { MarkFilter } from '../charts/mark-filter.js';

/**
 * The customers of an age band of the `demographics` report (`"<18"`, `"18-24"`, `"65+"`):
 * `interval('customers.age', lo, hi)`; null (not a filter) for other keys.
 */
export function ageBandFilter(keys: readonly Key[]): MarkFilter {
  if (keys.length !== 1) return null;
  const band = String(keys[0]);
  const under = /^<(\d+)$/.exec(band);
  const range = /^(\d+)-(\d+)$/.exec(band);
  const over = /^(\d+)\+$/.exec(band);
  const label = `Age: ${band}`;
  if (under) return { predicate: interval('customers.age', 0, Number(under[1])), label };
  if (range) return { predicate: interval('customers.age', Number(range[1]), Number(range[2]) + 1), label };
  if (over) return { predicate: interval('customers.age', Number(over[1]), Number.POSITIVE_INFINITY), label };
  return null;
}

/** Rows of a promotion table select their promotions' orders: `isIn('promotion_id', ids)`. */
export function promotionFilter(ids: readonly Key[]): MarkFilter {
  const values = ids.filter((id) => id !== null && id !== '');
  return values.length === 0 ? null : { predicate: isIn('promotion_id', values), label: `Promotion: ${values.join(', ')}` };
}

/** Rows of the communications table select the sessions of their campaigns' recipients: `isIn('messages.campaign', names)`. */
export function campaignFilter(_ids: readonly Key[], rows: readonly Row[]): MarkFilter {
  const campaigns = [...new Set(rows.map((row) => row.campaign).filter((c): c is string => typeof c === 'string' && c !== ''))];
  return campaigns.length === 0 ? null : { predicate: isIn('messages.campaign', campaigns), label: `Campaign: ${campaigns.join(', ')}` };
}

/** Rows of a cohort table (`cohort: 'YYYY-MM-DD'`) select the cohorts' customers: `interval('first_order_at', ...)` per row, as the heatmap's rows do. */
export function cohortRowsFilter(calendar: Calendar, bucket: 'month' | 'week') {
  return (_ids: readonly Key[], rows: readonly Row[]): MarkFilter => {
    const cohorts = rows.map((row) => row.cohort).filter((c): c is string => typeof c === 'string');
    if (cohorts.length !== 1) return null;
    return { predicate: retentionCohortPredicate(calendar, bucket, cohorts[0]), label: `First order: ${cohorts[0]} (${bucket})` };
  };
}

/** A bin of "customers by order count": the customers with that many orders (`hi` = Infinity for "10+"). */
export function orderCountBinFilter(lo: number, hi: number): MarkFilter {
  return { predicate: interval('customer_orders', lo, hi), label: Number.isFinite(hi) && hi - lo === 1 ? `Customers with ${lo} orders` : `Customers with ${lo}+ orders` };
}

/** The organic series is the orders without a promotion, the promoted series those with one. */
export function organicOrPromotedFilter(key: string): MarkFilter {
  if (key === 'organic') return { predicate: present('promotion_id', false), label: 'Organic orders' };
  if (key === 'promoted') return { predicate: present('promotion_id'), label: 'Promoted orders' };
  return null;
}

/** Profile-completeness rows: the customers who filled every chosen field. */
export function filledFieldsFilter(ids: readonly (string | number | boolean | null)[]): MarkFilter {
  if (ids.length === 0) return null;
  return { predicate: allOf(ids.map((field) => present(`customers.${String(field)}`))), label: `Filled: ${ids.join(', ')}` };
}

/**
 * A `contactable_customers` row (one channel): the customers with a value in its contact
 * column and a consent that reads true (`contactField` / `consentField` of the row; a column
 * the table lacks does not restrict). Several channels at once are not one filter: null.
 */
export function contactableFilter(_ids: readonly Key[], rows: readonly Row[]): MarkFilter {
  if (rows.length !== 1) return null;
  const { channel, contactField, consentField } = rows[0];
  const parts = [];
  if (typeof contactField === 'string') parts.push(present(`customers.${contactField}`));
  if (typeof consentField === 'string') parts.push(isIn(`customers.${consentField}`, [true]));
  if (parts.length === 0) return null;
  return { predicate: parts.length === 1 ? parts[0] : allOf(parts), label: `Contactable by ${String(channel)}` };
}

/**
 * A row of `newcomers_and_churners` selects its customers: newcomers by their first order in
 * the window [from, to), churners by an order before `from` and none in [from, to).
 */
export function newcomersOrChurnersFilter(_ids: readonly Key[], rows: readonly Row[]): MarkFilter {
  if (rows.length !== 1) return null;
  const { group, from, to } = rows[0];
  if (typeof from !== 'number' || typeof to !== 'number') return null;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (group === 'newcomers') return { predicate: newcomersPredicate(from, to), label: `Newcomers: first order ${day(from)} – ${day(to)}` };
  if (group === 'churners') return { predicate: churnersPredicate(from, to), label: `Churners: no order ${day(from)} – ${day(to)}` };
  return null;
}
