import type { Filter, Predicate } from '@clvkit/core';

/**
 * Several filters ANDed (a widget's selection filter, a period, `where`) as one flat list of
 * predicates, so that one of them (the clause being brushed or clicked) can be taken out and
 * the rest keyed as the cube's base. An `or` filter of several predicates is kept whole.
 */
export interface Conjunction {
  /** The ANDed predicates, nested `and`s spliced in. */
  readonly predicates: readonly Predicate[];
  /** Per predicate, its cache key. */
  readonly keys: readonly string[];
  /** Filters that are not a conjunction (`or` of several predicates). */
  readonly opaque: readonly Filter[];
}

/** The filters as one conjunction. */
export function conjunctionOf(filters: readonly Filter[]): Conjunction {
  const predicates: Predicate[] = [];
  const opaque: Filter[] = [];
  const add = (p: Predicate) => {
    if (p?.type === 'and' && Array.isArray(p.predicates)) p.predicates.forEach(add);
    else predicates.push(p);
  };
  for (const filter of filters) {
    if (filter.mode === 'and' || filter.predicates.length === 1) filter.predicates.forEach(add);
    else opaque.push(filter);
  }
  return { predicates, keys: predicates.map((p) => JSON.stringify(p)), opaque };
}

/** A cache key of `conjunction` without predicate `skip`: the same rows pass for the same key. */
export function conjunctionKey(conjunction: Conjunction, skip: number): string {
  const parts = conjunction.keys.filter((_, k) => k !== skip).sort();
  for (const filter of conjunction.opaque) parts.push(`or:${filter.predicates.map((p) => JSON.stringify(p)).sort().join('|')}`);
  return parts.join('\u0001');
}
