import type { Filter } from '@clvkit/core';
import { sessionsPassing } from '../aggregate.js';
import type { AnalysisContext } from '../types.js';

/**
 * The sessions passing the context's filter, or null when the filter has no clause and keeps
 * them all: loops then skip the test, and no all-ones mask of every session is built.
 */
export function sessionsKept(context: AnalysisContext): Uint8Array | null {
  return context.filter.predicates.length === 0 ? null : context.sessionMask();
}

/** The basket lines passing the context's filter, or null when it keeps them all (see `sessionsKept`). */
export function linesKept(context: AnalysisContext): Uint8Array | null {
  return context.filter.predicates.length === 0 ? null : context.lineMask();
}

/** The sessions passing every filter of `filters`, or null when none has a clause (see `sessionsKept`). */
export function sessionsKeptBy(context: AnalysisContext, filters: readonly Filter[]): Uint8Array | null {
  if (filters.every((f) => f.predicates.length === 0)) return null;
  if (filters.length === 1 && filters[0] === context.filter) return context.sessionMask();
  return sessionsPassing(context.dataset, filters);
}
