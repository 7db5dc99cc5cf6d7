import type { QueryRequest, QueryResult } from '@clvkit/core';
import type { Outcome } from './errors.js';

/**
 * The hot path between the client and the worker, beside comlink: all the queries a frame
 * issued (and the cancellations it caused) travel as ONE message, and their answers come back
 * as one message (or a few, when some take long; see serve-worker-api.ts). Comlink's own
 * messages carry an `id`; these carry `clv` instead, so each side tells them apart.
 */

/** One query of a batch, under the client's id for it. */
export interface BatchJob {
  readonly id: number;
  readonly request: QueryRequest;
}

/**
 * A query to prepare for a clause about to be made on `field` (see `Engine.prefetch`): no
 * answer is sent back.
 */
export interface PrefetchJob {
  readonly request: QueryRequest;
  readonly field: string;
  readonly step?: number;
}

/**
 * Client -> worker: cancel these ids (first), then queue these queries. `prefetch`, when
 * present, replaces the prefetches still waiting (they are for an older activation).
 */
export interface BatchMessage {
  readonly clv: 'batch';
  readonly jobs: readonly BatchJob[];
  readonly cancel: readonly number[];
  readonly prefetch?: readonly PrefetchJob[];
}

/** One answer: the client's id and the outcome. */
export interface BatchResult {
  readonly id: number;
  readonly outcome: Outcome<QueryResult>;
}

/** Worker -> client: answers of one batch. */
export interface ResultsMessage {
  readonly clv: 'results';
  readonly results: readonly BatchResult[];
}

/** True for a batch of queries (worker side). */
export function isBatchMessage(data: unknown): data is BatchMessage {
  return typeof data === 'object' && data !== null && (data as { clv?: unknown }).clv === 'batch';
}

/** True for a message of answers (client side). */
export function isResultsMessage(data: unknown): data is ResultsMessage {
  return typeof data === 'object' && data !== null && (data as { clv?: unknown }).clv === 'results';
}
