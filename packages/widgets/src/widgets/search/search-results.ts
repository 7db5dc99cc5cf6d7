import type { QueryResult } from '@clvkit/core';
import { ENTITY_TYPES, isEntityType, type EntityRef, type EntityType } from './entity.js';

/** A row of the `search` analysis: a value of one type and its similarity (1 = exact match), best first. */
export interface SearchResult extends EntityRef {
  readonly score: number;
}

/** The results of one type, in the analysis' order. */
export interface SearchGroup {
  readonly type: EntityType;
  readonly results: readonly SearchResult[];
}

/** The usable rows of a `search` result: known types, a value (numbers as text), a finite score (else 0). */
export function searchResults(result: QueryResult<unknown> | null | undefined): SearchResult[] {
  const rows = Array.isArray(result?.rows) ? (result!.rows as unknown[]) : [];
  const out: SearchResult[] = [];
  for (const raw of rows) {
    if (!raw || typeof raw !== 'object') continue;
    const row = raw as Record<string, unknown>;
    if (!isEntityType(row.type)) continue;
    if (typeof row.value !== 'string' && typeof row.value !== 'number') continue;
    const value = String(row.value);
    if (value === '') continue;
    const score = typeof row.score === 'number' && Number.isFinite(row.score) ? row.score : 0;
    out.push({ type: row.type, value, score });
  }
  return out;
}

/**
 * Results grouped by type, groups in the order of their best result (the analysis lists the
 * best first), ties in the fixed order product, client, promotion, dimension; within a group
 * the analysis' order.
 */
export function groupResults(results: readonly SearchResult[]): SearchGroup[] {
  const groups = new Map<EntityType, SearchResult[]>();
  for (const result of results) {
    const list = groups.get(result.type) ?? [];
    list.push(result);
    groups.set(result.type, list);
  }
  const best = (type: EntityType) => Math.max(...groups.get(type)!.map((r) => r.score));
  return [...groups.keys()]
    .sort((a, b) => best(b) - best(a) || ENTITY_TYPES.indexOf(a) - ENTITY_TYPES.indexOf(b))
    .map((type) => ({ type, results: groups.get(type)! }));
}
