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
}

/**
 * A named analysis. `params` validates and defaults the caller's parameters (throw a
 * TypeError naming the parameter); `run` must be pure and synchronous and return plain rows.
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
  run(context: AnalysisContext, params: P): QueryResult;
}

/** Identity helper that infers `P` from `params` for a typed `run`. */
export function defineAnalysis<P>(definition: AnalysisDefinition<P>): AnalysisDefinition<P> {
  return definition;
}
