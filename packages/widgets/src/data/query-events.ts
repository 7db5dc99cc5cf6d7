import type { QuerySpec } from '@clvkit/core';
import type { QueryState } from './query-state.js';

/** One widget query's state change, as `observeQueryStates` reports it. */
export interface QueryStateEvent {
  /** The widget's selection source id. */
  readonly source: string;
  readonly spec: QuerySpec;
  /** The new state; `state.filter` is the filter its request was made with. */
  readonly state: QueryState<unknown>;
}

const listeners = new Set<(event: QueryStateEvent) => void>();

/**
 * Calls `listener` after every state change of every widget query on the page (loading,
 * ready, empty, error), and returns the unsubscribe function. A test or a benchmark learns
 * from it when each widget holds the result for the current selection: status `ready` (or
 * `empty`) with `filterKey(state.filter)` equal to `filterKey(selection.filterFor(source))`.
 * Costs nothing while nobody listens.
 */
export function observeQueryStates(listener: (event: QueryStateEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reports a state change to the observers (the query controller calls this). */
export function emitQueryState(source: string, spec: QuerySpec, state: QueryState<unknown>): void {
  if (listeners.size === 0) return;
  const event: QueryStateEvent = { source, spec, state };
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (error) {
      // An observer's bug must not break the widget that reported.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
