import type { Filter, GroupKey } from '@clvkit/core';
import { aggregationAt, pageComposite, runSearch } from '../composite.js';
import type { QueryEnv } from '../env.js';
import { QueryLimitError } from '../errors.js';
import { sessionsQuery, type Clause } from '../filter.js';
import { compileKey, pageSizeFor, type KeyValue } from '../keys.js';
import { count } from '../measures.js';

/**
 * Session counts per group key under named conditions: one `composite` on the key (or one
 * ungrouped bucket) with a keyed `filters` aggregation inside, e.g. the funnel's steps or
 * organic / promoted orders per day. Counts add up when buckets fold (hour of day).
 */

/** One group: its key, its sessions, and the sessions passing each named clause. */
export interface CountGroup {
  readonly key: KeyValue;
  size: number;
  readonly counts: Record<string, number>;
}

/** Counts of `clauses` per value of `key` (null: one group) among the sessions passing `filters`. */
export async function countsBy(env: QueryEnv, key: GroupKey | null, filters: readonly Filter[], clauses: Readonly<Record<string, Clause>>): Promise<Map<KeyValue, CountGroup>> {
  const query = sessionsQuery(env.layout, filters, env.extraFilters);
  const aggs = { c: { filters: { filters: { ...clauses } } } };
  const out = new Map<KeyValue, CountGroup>();
  const add = (value: KeyValue, bucket: Record<string, unknown>) => {
    const size = count(bucket);
    if (size <= 0) return;
    let group = out.get(value);
    if (!group) {
      if (out.size >= env.limits.maxBuckets) throw new QueryLimitError('maxBuckets', env.limits.maxBuckets, 'narrow the selection or use a coarser bucket');
      out.set(value, (group = { key: value, size: 0, counts: Object.fromEntries(Object.keys(clauses).map((name) => [name, 0])) }));
    }
    group.size += size;
    const buckets = ((bucket.c as { buckets?: Record<string, unknown> } | undefined)?.buckets ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(clauses)) group.counts[name] += count(buckets[name]);
  };
  if (!key) {
    const response = await runSearch(env, { size: 0, query, aggs: { all: { filter: { match_all: {} }, aggs } } });
    add(null, aggregationAt(response, ['all']));
    return out;
  }
  const compiled = compileKey(env.layout, env.calendar, key, 'key');
  const body = (after?: Record<string, unknown>) => ({
    size: 0,
    query,
    aggs: { groups: { composite: { size: pageSizeFor([compiled], env.limits.compositePageSize), sources: [{ k0: compiled.source }], ...(after ? { after } : {}) }, aggs } },
  });
  await pageComposite(env, body, ['groups'], (bucket) => add(compiled.decode((bucket.key as Record<string, unknown> | undefined)?.k0), bucket));
  return out;
}
