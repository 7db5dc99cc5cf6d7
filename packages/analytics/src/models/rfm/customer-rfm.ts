import { sessionMask, type Filter, type Predicate, type StringColumn } from '@clvkit/core';
import { readInstant, resolveAsOf, type AsOf, type AsOfParam } from '../../as-of.js';
import { allCustomerOrders, restrictCustomerOrders, type CustomerOrders } from '../../customer-orders.js';
import type { DerivedColumns } from '../../derived.js';
import { periodOf } from '../../period.js';
import type { AnalysisContext } from '../../types.js';
import { DEFAULT_SEED } from './kmeans1d.js';
import { rfmValues, type MonetaryKind } from './rfm-values.js';
import { scoreRfm, type RfmScores } from './score-rfm.js';
import { scoreBins, type ScoreMethod } from './scores.js';
import { SEGMENTS } from './segments.js';

/** Parameters of an RFM snapshot (the `rfm` analysis's params). */
export interface RfmParams {
  /** The snapshot instant: ISO date (its local midnight), ISO date-time or epoch ms. Default: see `customerRfm`. */
  readonly asOf?: AsOfParam;
  /** 'kmeans' (default) or 'quantile'. */
  readonly method?: ScoreMethod;
  /** 'total' revenue (default) or 'average' order value. */
  readonly monetary?: MonetaryKind;
  /** Seed of the k-means initialisations (default 42). */
  readonly seed?: number;
}

/** Every customer's RFM at one instant; index i of every array is customer `clients[i]`. */
export interface CustomerRfm extends RfmScores {
  /** The snapshot instant (epoch ms); null when the data has no session times. */
  readonly asOf: number | null;
  readonly method: ScoreMethod;
  readonly monetaryKind: MonetaryKind;
  /** Number of client codes of `sessions.client` (the length of `segmentOfClient`). */
  readonly clientCodes: number;
  /** The client id of each client code (`sessions.client`'s dictionary). */
  readonly clientIds: readonly string[];
  /** Per client code, its segment code (index into `SEGMENTS`), -1 for clients not in the snapshot. */
  readonly segmentOfClient: Int8Array;
}

/** The field names under which a filter can name the derived segment field. */
export const RFM_SEGMENT_FIELDS: readonly string[] = ['rfm_segment', 'sessions.rfm_segment', 'customers.rfm_segment'];

/**
 * Every customer's RFM scores and segment under the context's filter.
 *
 * - As-of: `params.asOf` when given (then the customer's whole history up to it counts);
 *   otherwise, with a session_start interval in the filter, the end of that interval (capped
 *   at the last session_start) with the history before it; otherwise the last session_start of
 *   the data (see as-of.ts). Orders with `time <= asOf` (and before the interval's end) count.
 * - The filter's other clauses (dimension, product, customer attributes ...) select the
 *   orders that count, and the scores are fitted on the customers those orders give.
 * - Clauses on the segment field itself (`isIn('rfm_segment', [...])`, a treemap click) do not
 *   change the fit: scores are fitted without them, and they only select which customers are
 *   returned. So the Champions of a treemap stay Champions in every other RFM view. (Under an
 *   `or` filter every clause selects orders, the segment clause included.)
 * - Customers without an order that counts are left out; one-order customers are in.
 *
 * The unfiltered default snapshot is computed once per dataset and shared (do not modify
 * the arrays).
 */
export function customerRfm(context: AnalysisContext, params: RfmParams = {}, analysis = 'rfm'): CustomerRfm {
  const period = periodOf(context);
  const explicit = readInstant(analysis, 'asOf', params.asOf, context.calendar);
  const at = resolveAsOf(context, period, explicit);
  const { fit, segmentClauses } = splitSegmentClauses(period.rest);
  const method = params.method ?? 'kmeans';
  const monetary = params.monetary ?? 'total';
  const seed = params.seed ?? DEFAULT_SEED;
  const compute = () => snapshot(context.derived, ordersUnder(context, fit), at, method, monetary, seed);
  // The unfiltered snapshot at the data's end is what the derived segment field and most
  // dashboards ask for: computed once per dataset (explicit dates are not cached: unbounded).
  const cacheable = fit.predicates.length === 0 && explicit === undefined && !period.fromFilter;
  const full = cacheable ? context.derived.memo(`rfm:snapshot:${method}:${monetary}:${seed}`, compute) : compute();
  if (segmentClauses.length === 0) return full;
  const mask = sessionMask(context.dataset, { mode: 'and', predicates: segmentClauses });
  const { codes } = context.derived.sessionClients();
  const selected = new Uint8Array(full.clientCodes);
  for (let i = 0; i < codes.length; i++) if (mask[i] && codes[i] >= 0) selected[codes[i]] = 1;
  return subset(full, selected);
}

/**
 * Every client's segment code (index into `SEGMENTS`, -1 without an order) under the default
 * parameters (k-means, total revenue, seed 42) over all orders as of the last session_start:
 * the value of the derived field `rfm_segment`. Computed once per dataset.
 */
export function defaultSegments(derived: DerivedColumns): Int8Array {
  const extent = derived.sessionStartExtent();
  const at = extent ? { asOf: extent[1], before: Infinity } : null;
  return derived.memo(`rfm:snapshot:kmeans:total:${DEFAULT_SEED}`, () => snapshot(derived, allCustomerOrders(derived), at, 'kmeans', 'total', DEFAULT_SEED)).segmentOfClient;
}

/** Scores the customers of `orders` at `at` (an empty snapshot without session times). */
export function snapshot(derived: DerivedColumns, orders: CustomerOrders, at: AsOf | null, method: ScoreMethod, monetary: MonetaryKind, seed: number): CustomerRfm {
  const clientIds = (derived.dataset.sessions.columns.client as StringColumn).dictionary;
  const payment = derived.numbers('sessions', 'payment_amount', 0);
  const values = rfmValues(orders, payment, at ?? { asOf: -Infinity, before: -Infinity }, monetary);
  const scored = scoreRfm(values, { method, seed });
  const segmentOfClient = new Int8Array(orders.clients).fill(-1);
  for (let i = 0; i < scored.clients.length; i++) segmentOfClient[scored.clients[i]] = scored.segment[i];
  return { ...scored, asOf: at?.asOf ?? null, method, monetaryKind: monetary, clientCodes: orders.clients, clientIds, segmentOfClient };
}

/** The orders passing `filter` (all orders when it has no clauses). */
function ordersUnder(context: AnalysisContext, filter: Filter): CustomerOrders {
  const all = allCustomerOrders(context.derived);
  if (filter.predicates.length === 0) return all;
  return restrictCustomerOrders(all, sessionMask(context.dataset, filter));
}

/** Splits an `and` filter into its clauses on the segment field and the rest. */
export function splitSegmentClauses(filter: Filter): { fit: Filter; segmentClauses: Predicate[] } {
  const isAnd = filter.mode === 'and' || filter.predicates.length === 1;
  if (!isAnd) return { fit: filter, segmentClauses: [] };
  const segmentClauses = filter.predicates.filter(isSegmentClause);
  if (segmentClauses.length === 0) return { fit: filter, segmentClauses };
  return { fit: { mode: 'and', predicates: filter.predicates.filter((p) => !isSegmentClause(p)) }, segmentClauses };
}

function isSegmentClause(p: Predicate): boolean {
  return p.type !== 'and' && RFM_SEGMENT_FIELDS.includes(p.field);
}

/** The customers of `rfm` whose client code is selected, with the same scores (and bins of the selection). */
function subset(rfm: CustomerRfm, selected: Uint8Array): CustomerRfm {
  const keep: number[] = [];
  for (let i = 0; i < rfm.clients.length; i++) if (selected[rfm.clients[i]]) keep.push(i);
  const pickF = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
  const pickU = (a: Uint8Array) => Uint8Array.from(keep, (i) => a[i]);
  const segmentOfClient = new Int8Array(rfm.clientCodes).fill(-1);
  for (const i of keep) segmentOfClient[rfm.clients[i]] = rfm.segment[i];
  const recency = pickF(rfm.recency);
  const frequency = pickF(rfm.frequency);
  const monetary = pickF(rfm.monetary);
  const r = pickU(rfm.r);
  const f = pickU(rfm.f);
  const m = pickU(rfm.m);
  return {
    ...rfm,
    clients: Int32Array.from(keep, (i) => rfm.clients[i]),
    recency,
    frequency,
    monetary,
    revenue: pickF(rfm.revenue),
    meanGap: pickF(rfm.meanGap),
    firstOrder: pickF(rfm.firstOrder),
    lastOrder: pickF(rfm.lastOrder),
    r,
    f,
    m,
    segment: pickU(rfm.segment),
    segmentOfClient,
    bins: { recency: scoreBins(recency, r), frequency: scoreBins(frequency, f), monetary: scoreBins(monetary, m) },
  };
}

/** The segment name of a segment code. */
export function segmentName(code: number): (typeof SEGMENTS)[number] | null {
  return code >= 0 && code < SEGMENTS.length ? SEGMENTS[code] : null;
}
