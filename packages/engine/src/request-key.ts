import { filterKey } from '@clvkit/core';
import type { Filter, QuerySpec } from '@clvkit/core';

/**
 * JSON with object keys sorted at every level, so two specs that differ only in key order
 * (e.g. `params` built in another order) share a cache entry. `undefined` members are dropped,
 * as JSON.stringify does.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item === undefined ? null : item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`);
  return `{${members.join(',')}}`;
}

/** The identity of a request: equal keys give equal results on the same dataset. */
export function requestKey(spec: QuerySpec, filter: Filter): string {
  return `${stableStringify(spec)}\u0000${filterKey(filter)}`;
}
