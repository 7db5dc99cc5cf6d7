import type { CohortUnit } from '@clvkit/core';
export type { CohortUnit };
import { indexByCode } from '../../derived.js';
import type { BucketIndex } from '../../time-buckets.js';
import type { AnalysisContext } from '../../types.js';
import type { CohortScope } from './cohort-scope.js';


/**
 * Customers grouped by the bucket of their first order (within the scope's sequences): the
 * client codes of cohort b are `clients[starts[b]] .. clients[starts[b + 1] - 1]`.
 */
export interface CohortMembers {
  /** Bucket index of session_start in the cohort unit; cohort b starts at `index.bounds[b]`. */
  readonly index: BucketIndex;
  readonly clients: Int32Array;
  readonly starts: Int32Array;
}

/** Groups the customers of `scope` by the `unit` bucket of their first order (counting sort, O(n)). */
export function cohortMembers(context: AnalysisContext, scope: CohortScope, unit: CohortUnit): CohortMembers {
  const index = context.derived.buckets('sessions', 'session_start', unit);
  const { rows, starts, clients } = scope.sequences;
  const cohortOf = new Int32Array(clients).fill(-1);
  for (let c = 0; c < clients; c++) if (starts[c + 1] > starts[c]) cohortOf[c] = index.codes[rows[starts[c]]];
  const grouped = indexByCode(cohortOf, index.count);
  return { index, clients: grouped.rows, starts: grouped.starts };
}

/**
 * True when cohort b is listed under the scope: always without a date range; with one, when
 * the cohort's bucket overlaps it or a member has an order passing the whole filter.
 */
export function cohortListed(scope: CohortScope, members: CohortMembers, b: number): boolean {
  const { index, clients, starts } = members;
  if (starts[b + 1] === starts[b]) return false;
  if (!scope.dated) return true;
  const range = scope.range;
  if (range && index.bounds[b] < range[1] && index.bounds[b + 1] > range[0]) return true;
  const seq = scope.sequences;
  for (let i = starts[b]; i < starts[b + 1]; i++) {
    const c = clients[i];
    for (let j = seq.starts[c]; j < seq.starts[c + 1]; j++) if (scope.inFilter === null || scope.inFilter[seq.rows[j]]) return true;
  }
  return false;
}
