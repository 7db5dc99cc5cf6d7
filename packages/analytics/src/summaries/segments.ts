import { isIn, NO_FILTER, type Filter, type Predicate, type QueryRequest } from '@clvkit/core';
import { RFM_SEGMENT_FIELDS } from '../models/rfm/customer-rfm.js';
import { DEFAULT_SEED } from '../models/rfm/kmeans1d.js';
import { SEGMENTS } from '../models/rfm/segments.js';
import { rfmFromSummaries } from './rfm.js';
import type { SummaryEnv } from './types.js';

/**
 * Clauses on the derived field `rfm_segment` (a treemap click) on a remote source. In memory
 * the field is every client's segment under the default scoring (k-means, total revenue,
 * seed 42) over all orders as of the last session_start; a clause on it keeps the sessions of
 * the clients in those segments. The server cannot compute it, so the worker does: from one
 * summaries run over everything it lists the clients of the segments, and the clause becomes
 * `client in [...]` (exactly the same sessions). The rfm analyses keep their own semantics (the
 * clause selects customers without changing the fit, see `snapshotOf`).
 */

/** The most clients one rewritten clause may list (the proxy caps arrays at 1 000 by default). */
export const MAX_SEGMENT_CLIENTS = 1_000;

/** The analyses that handle segment clauses themselves (they score everyone, then select). */
export const SEGMENT_AWARE = new Set(['rfm', 'segmentation', 'recency_clusters', 'frequency_clusters', 'monetary_clusters', 'frequency_recency', 'monetary_frequency', 'recency_monetary', 'rfm_3d', 'segment_movement', 'client_feature_predicted', 'clvsegments_amount', 'clv_by', 'basket_sensitivity', 'clvrfm_anomaly', ...['daily', 'weekly', 'monthly'].flatMap((p) => [`segments_change_${p}_before_after_amount`, `segments_change_${p}_before_after_orders`])]);

/** True for a top-level clause on the segment field. */
export function isSegmentClause(p: Predicate): boolean {
  return p.type !== 'and' && RFM_SEGMENT_FIELDS.includes(p.field);
}

/** Whether `filter` has clauses on a derived field the worker resolves (see `resolveDerivedClauses`). */
export function hasDerivedClauses(filter: Filter): boolean {
  return filter.predicates.some(isSegmentClause);
}

/**
 * Splits an `and` filter into its segment clauses (which must be `in` clauses) and the rest.
 * @throws TypeError for another kind of clause on the segment field, or one under an `or` filter.
 */
export function splitSegments(analysis: string, filter: Filter): { rest: Filter; segments: ReadonlySet<string>[] } {
  const clauses = filter.predicates.filter(isSegmentClause);
  if (clauses.length === 0) return { rest: filter, segments: [] };
  if (filter.mode === 'or' && filter.predicates.length > 1) throw new TypeError(`${analysis}: a selection on rfm_segment inside an "or" filter cannot run on a remote source; use an "and" selection`);
  const segments = clauses.map((p) => {
    if (p.type !== 'in') throw new TypeError(`${analysis}: only "in" clauses on rfm_segment can run on a remote source, got "${p.type}"`);
    return new Set(p.values.map(String));
  });
  return { rest: { mode: 'and', predicates: filter.predicates.filter((p) => !clauses.includes(p)) }, segments };
}

/** Every client's default segment (the value of `rfm_segment`), from one summaries run over everything. */
export async function defaultSegments(env: SummaryEnv): Promise<Map<string, string>> {
  const asOf = env.timeExtent?.[1] ?? null;
  const rows = asOf === null ? [] : await env.summaries(NO_FILTER);
  const s = rfmFromSummaries(rows, asOf, { method: 'kmeans', monetary: 'total', seed: DEFAULT_SEED });
  const out = new Map<string, string>();
  s.clientIds.forEach((client, i) => out.set(client, SEGMENTS[s.segment[i]]));
  return out;
}

/**
 * The request with its `rfm_segment` clauses turned into `client in [...]` clauses, for the
 * server (aggregates, pushed-down analyses) and for the summary-based analyses that do not
 * handle them themselves; unchanged when there are none or the analysis handles them.
 * @throws TypeError when a clause would list more than `MAX_SEGMENT_CLIENTS` clients.
 */
export async function resolveDerivedClauses(request: QueryRequest, env: SummaryEnv): Promise<QueryRequest> {
  if (!hasDerivedClauses(request.filter)) return request;
  if (request.spec.kind === 'analysis' && SEGMENT_AWARE.has(request.spec.name)) return request;
  const { rest, segments } = splitSegments(request.spec.kind === 'analysis' ? request.spec.name : 'this query', request.filter);
  const of = await defaultSegments(env);
  const clauses: Predicate[] = segments.map((wanted) => {
    const clients = [...of.entries()].filter(([, segment]) => wanted.has(segment)).map(([client]) => client);
    if (clients.length > MAX_SEGMENT_CLIENTS) {
      throw new TypeError(`The selected RFM segments have ${clients.length} customers; on this data source a segment selection can list at most ${MAX_SEGMENT_CLIENTS}: select a smaller segment`);
    }
    return isIn('client', clients);
  });
  return { ...request, filter: { mode: 'and', predicates: [...rest.predicates, ...clauses] } };
}
