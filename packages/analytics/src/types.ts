import type { AggregateSpec, Calendar, Dataset, Filter, QueryResult, TableName } from '@clvkit/core';
import type { DerivedColumns } from './derived.js';

/** What an analysis runs with: the data, the filter its widget must apply, and shared helpers. */
export interface AnalysisContext {
  readonly dataset: Dataset;
  /** The selection's filter for this query (already resolved for the widget). */
  readonly filter: Filter;
  /** The dataset's calendar (`calendarFor(dataset.time)`): time zone and week start. */
  readonly calendar: Calendar;
  /** Columns derived once per dataset and cached (buckets, flags, row orderings). */
  readonly derived: DerivedColumns;
  /** Sessions passing `filter` (computed once per context). Do not modify. */
  sessionMask(): Uint8Array;
  /** Basket lines passing `filter` (computed once per context). Do not modify. */
  lineMask(): Uint8Array;
  /** Runs a plain aggregate with `filters` ANDed (default: the context's filter). */
  aggregate(spec: AggregateSpec, filters?: readonly Filter[]): QueryResult;
  /** Aborted when the caller cancels the run (the engine: a stale or aborted query). */
  readonly signal: AbortSignal;
  /**
   * For long analyses, between epochs or optimiser chunks: reports progress to the caller,
   * yields one macrotask (so a cancel and the engine's liveness ping get through) and rejects
   * with the abort reason once `signal` is aborted.
   */
  checkpoint(done: number, total: number, message?: string): Promise<void>;
}

/** How far a long analysis has got: `done` of `total` steps, and what it is doing. */
export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly message?: string;
}

/** Options of an asynchronous run (`runQueryAsync`). */
export interface RunOptions {
  /** Cancels the run: a long analysis rejects at its next checkpoint. */
  readonly signal?: AbortSignal;
  /** Called at every checkpoint of a long analysis. */
  readonly onProgress?: (progress: Progress) => void;
}

/**
 * A named analysis. `params` validates and defaults the caller's parameters (throw a
 * TypeError naming the parameter); `run` must be pure and return plain rows, synchronously
 * unless the analysis is `long`.
 */
export interface AnalysisDefinition<P = Readonly<Record<string, unknown>>> {
  /** Registry name, e.g. `daily_orders`. */
  readonly name: string;
  /** One sentence: what the rows are. */
  readonly description: string;
  /**
   * Tables beyond `sessions` the analysis reads; when one is absent the query fails with a
   * `MissingInputError` naming it ("basket lines", "customers", "messages").
   */
  readonly tables?: readonly TableName[];
  /** Validates raw parameters and fills defaults. Omitted: the raw object is passed on. */
  readonly params?: (raw: Readonly<Record<string, unknown>>) => P;
  /**
   * True for analyses that train or optimise (model fits, autoencoders): `run` returns a
   * Promise, reports progress and honours cancellation through `context.checkpoint`. They run
   * only through `runQueryAsync` (the engine's worker uses it).
   */
  readonly long?: boolean;
  /**
   * True where the analysis's work is aggregates of the cross-filter fast path (`groupMeasures`,
   * as `kpis`): `prefetchQuery` then builds its cubes ahead of a click. Other analyses are not
   * prefetched (running them would be a whole computation nobody reads).
   */
  readonly prefetch?: boolean;
  run(context: AnalysisContext, params: P): QueryResult | Promise<QueryResult>;
}

/** Identity helper that infers `P` from `params` for a typed `run`. */
export function defineAnalysis<P>(definition: AnalysisDefinition<P>): AnalysisDefinition<P> {
  return definition;
}
