import { allOf, isIn, type Predicate } from '@clvkit/core';
import type { MarkFilter } from '../../charts/mark-filter.js';
import { valuesLabel } from '../../interactions/publish.js';
import type { Key } from '../../interactions/toggle-values.js';

/**
 * The fields the CLV dashboards' marks filter on. Every mark that stands for customers
 * filters the other widgets to those customers:
 * - a segment: the derived `rfm_segment` (the customer's RFM segment as of the data's end);
 * - a location: `customers.location`, as `LocationBreakdown` publishes it;
 * - a retailer / store / channel: the sessions' `dimension`;
 * - a product: `product` (the orders with a line of it);
 * - a gender: `customers.gender`;
 * - customers: `client`.
 */
export const CLV_FIELDS = {
  segment: 'rfm_segment',
  location: 'customers.location',
  dimension: 'dimension',
  product: 'product',
  gender: 'customers.gender',
  client: 'client',
} as const;

/** What a `clv_by` row's key is (its `by` param). */
export type ClvByKind = keyof typeof CLV_FIELDS;

/** How the fields read on filter chips. */
export const CLV_FIELD_LABELS: Readonly<Record<ClvByKind, string>> = {
  segment: 'Segment',
  location: 'Location',
  dimension: 'Retailer',
  product: 'Product',
  gender: 'Gender',
  client: 'Customer',
};

/** `isIn(field of kind, keys)` labelled "Segment: Champions, Loyal Customers"; null for no keys. */
export function keysFilter(kind: ClvByKind, keys: readonly Key[], fieldLabel: string = CLV_FIELD_LABELS[kind]): MarkFilter {
  const values = keys.filter((k) => k !== '');
  if (values.length === 0) return null;
  return { predicate: isIn(CLV_FIELDS[kind], values), label: valuesLabel(fieldLabel, values) };
}

/**
 * A cell of a two-way breakdown (a product of a segment, a gender of a segment): both fields
 * at once as one `allOf` clause; a missing part (null) leaves its field out.
 */
export function pairFilter(first: { field: string; label: string; value: Key | null }, second: { field: string; label: string; value: Key | null }): MarkFilter {
  const parts: Predicate[] = [];
  const labels: string[] = [];
  for (const part of [first, second]) {
    if (part.value === null || part.value === '') continue;
    parts.push(isIn(part.field, [part.value]));
    labels.push(`${part.label}: ${String(part.value)}`);
  }
  if (parts.length === 0) return null;
  return { predicate: parts.length === 1 ? parts[0] : allOf(parts), label: labels.join(' · ') };
}
