import type { AggregateSpec, Filter, QueryResult } from '@clvkit/core';
import type { QueryEnv } from './env.js';
import { UnsupportedQueryError } from './errors.js';
import { planGroups, runGroups, type GroupPlan } from './groups.js';
import { keyNames } from './keys.js';
import { MEASURES } from './measures.js';
import { finishRows } from './rows.js';

/**
 * A plain `AggregateSpec` on Elasticsearch: the spec's `where` ANDed with the selection's
 * filter, grouped and measured by `groups.ts`, finished by `rows.ts`, giving the rows
 * `runAggregate` gives in memory.
 */

/** Compiles `spec` under `filter` (no I/O). */
export function planAggregate(env: QueryEnv, spec: AggregateSpec, filter: Filter): GroupPlan {
  checkSpec(spec);
  const groupBy = spec.groupBy ?? [];
  const measures = [...spec.measures];
  if (spec.orderBy && !measures.includes(spec.orderBy.measure)) measures.push(spec.orderBy.measure);
  const filters = spec.where && spec.where.length ? [filter, { mode: 'and' as const, predicates: spec.where }] : [filter];
  return planGroups(env, { table: (spec.table ?? 'sessions') as 'sessions' | 'lines', groupBy, names: keyNames(groupBy), measures, filters });
}

/** Runs `spec` under `filter`. */
export async function runAggregateSpec(env: QueryEnv, spec: AggregateSpec, filter: Filter): Promise<QueryResult> {
  const plan = planAggregate(env, spec, filter);
  const groups = await runGroups(env, plan);
  return finishRows(plan.keys, groups, spec, env.calendar);
}

function checkSpec(spec: AggregateSpec): void {
  if (!Array.isArray(spec.measures) || spec.measures.length === 0) {
    throw new UnsupportedQueryError('aggregate', `measures must be a non-empty array of ${MEASURES.join(', ')}`);
  }
  if (spec.groupBy !== undefined && !Array.isArray(spec.groupBy)) throw new UnsupportedQueryError('aggregate', 'groupBy must be an array of { field, bucket?, step? }');
  if (spec.where !== undefined && !Array.isArray(spec.where)) throw new UnsupportedQueryError('aggregate', 'where must be an array of predicates');
  if (spec.orderBy) {
    if (!(MEASURES as readonly unknown[]).includes(spec.orderBy.measure)) throw new UnsupportedQueryError('aggregate', `orderBy.measure ${JSON.stringify(spec.orderBy.measure)} is not a measure`);
    const order = spec.orderBy.order;
    if (order !== undefined && order !== 'asc' && order !== 'desc') throw new UnsupportedQueryError('aggregate', `orderBy.order must be "asc" or "desc", got ${JSON.stringify(order)}`);
  }
  if (spec.limit !== undefined && (!Number.isInteger(spec.limit) || spec.limit < 0)) {
    throw new UnsupportedQueryError('aggregate', `limit must be a non-negative integer, got ${JSON.stringify(spec.limit)}`);
  }
}
