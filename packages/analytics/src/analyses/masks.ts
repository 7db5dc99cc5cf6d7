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
