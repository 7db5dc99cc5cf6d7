import type { Filter, QueryResult, QuerySpec, Row, TimeOptions } from '@clvkit/core';
import type { QueryProgress } from './data/query-state.js';

/** Options of one query: the resolved filter, the asking widget's source id, an abort signal and a progress callback. */
export interface QueryOptions {
  readonly filter?: Filter;
  readonly source?: string;
  readonly signal?: AbortSignal;
  /** Called while a long analysis runs (engines that cannot report progress ignore it). */
  readonly onProgress?: (progress: QueryProgress) => void;
}

/** A value that can be read and observed, e.g. a signal from `@preact/signals`. */
export interface Observable<T> {
  readonly value: T;
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * The part of `@clvkit/engine`'s `Engine` the widgets use. Widgets depend only on this
 * structural type, so a host (or a test) can pass any object that answers queries, e.g. an
 * Elasticsearch-backed engine or a fake that returns canned rows.
 */
export interface EngineLike {
  /** Runs one query. A newer query with the same `source` may reject older ones with a `StaleQueryError`. */
  query<R = Row>(spec: QuerySpec, options?: QueryOptions): Promise<QueryResult<R>>;
  /**
   * Prepares the answer of `spec` for a clause about to be made on `options.field` (optional:
   * engines without it simply answer the click when it comes).
   */
  prefetch?(spec: QuerySpec, options: { readonly filter?: Filter; readonly field: string; readonly step?: number }): void;
  /** Engine life cycle; widgets re-query when it returns to `ready` after an error or a restart. */
  readonly status?: Observable<'loading' | 'ready' | 'error' | 'restarting'>;
  /** Resolves with what the engine loaded; widgets read the time options (zone, week start) from it. */
  ready?(): Promise<{ readonly time?: TimeOptions }>;
}

/** True for the error an engine raises when a newer query from the same source replaced this one. */
export function isStaleQueryError(error: unknown): boolean {
  return errorName(error) === 'StaleQueryError';
}

/** True for an abort (our own `AbortController` or the engine's). */
export function isAbortError(error: unknown): boolean {
  return errorName(error) === 'AbortError';
}

/**
 * The missing input of a `MissingInputError`, or null for any other error. Matched by name,
 * not class: errors lose their class when they cross the worker boundary.
 */
export function missingInputOf(error: unknown): string | null {
  if (errorName(error) !== 'MissingInputError') return null;
  const missing = (error as { missing?: unknown }).missing;
  if (typeof missing === 'string' && missing !== '') return missing;
  const match = /needs (.+?)(?::|$)/.exec(String((error as { message?: unknown }).message ?? ''));
  return match ? match[1] : 'an input';
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : undefined;
}

/** Coerces anything thrown into an `Error` with a readable message. */
export function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = new Error(String((error as { message: unknown }).message));
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string') e.name = name;
    return e;
  }
  return new Error(String(error));
}
