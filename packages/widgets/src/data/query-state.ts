import type { Filter, QueryResult } from '@clvkit/core';
import { NO_FILTER } from '@clvkit/core';

/** What a widget shows: skeleton, an explained empty state, an error with Retry, or its data. */
export type QueryStatus = 'loading' | 'empty' | 'error' | 'ready';

/** The state of one widget's query. */
export interface QueryState<R> {
  readonly status: QueryStatus;
  /**
   * The latest settled result. While `status` is `loading` it is the previous result (null on
   * the first load), so a chart can keep drawing it dimmed instead of flashing a skeleton.
   */
  readonly result: QueryResult<R> | null;
  /** The error of the `error` state. */
  readonly error: Error | null;
  /** In the `empty` state: the input the analysis lacks (a `MissingInputError`), else null. */
  readonly missing: string | null;
  /** The filter the current (or last) request was made with; empty states use it to say why. */
  readonly filter: Filter;
  /** The state before the current load (`null` on the first), so a reload keeps showing it dimmed. */
  readonly settled: Exclude<QueryStatus, 'loading'> | null;
  /** While a long analysis (a model fit, an autoencoder) loads: how far it has got; else null. */
  readonly progress: QueryProgress | null;
}

/** How far a long analysis has got: `done` of `total` steps, and what it is doing. */
export interface QueryProgress {
  readonly done: number;
  readonly total: number;
  readonly message?: string;
}

/** The state before the first query. */
export function initialQueryState<R>(): QueryState<R> {
  return { status: 'loading', result: null, error: null, missing: null, filter: NO_FILTER, settled: null, progress: null };
}
