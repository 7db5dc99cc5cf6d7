import { lineMask, sessionMask, type Filter } from '@clvkit/core';
import type { DerivedColumns } from '../derived.js';
import { ByteLru } from './byte-lru.js';
import { fastPathSettings } from './settings.js';

/**
 * Row masks of filter combinations, remembered per dataset: while one clause moves, every
 * widget's other clauses (its "base") stay the same, so the base mask is computed once and
 * reused for every cube build and index scan. The returned mask is shared: never modify it.
 * `key` must identify the filters (see conjunctionKey).
 */
export function cachedMask(derived: DerivedColumns, table: 'sessions' | 'lines', filters: readonly Filter[], key: string): Uint8Array {
  const cache = derived.memo('crossfilter:masks', () => new ByteLru<Uint8Array>(fastPathSettings.maskBudgetBytes));
  const cacheKey = `${table}\u0002${key}`;
  let mask = cache.get(cacheKey);
  if (!mask) {
    const { dataset } = derived;
    const length = table === 'lines' ? (dataset.lines?.length ?? 0) : dataset.sessions.length;
    mask = new Uint8Array(length).fill(1);
    for (const filter of filters) {
      if (filter.predicates.length === 0) continue;
      const next = table === 'lines' ? lineMask(dataset, filter) : sessionMask(dataset, filter);
      for (let i = 0; i < length; i++) mask[i] &= next[i];
    }
    cache.set(cacheKey, mask, mask.byteLength);
  }
  return mask;
}
