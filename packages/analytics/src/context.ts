import { lineMask, sessionMask, yieldToMacrotask, type Dataset, type Filter } from '@clvkit/core';
import { aggregateWith } from './aggregate.js';
import { derivedColumns } from './derived.js';
import type { AnalysisContext, RunOptions } from './types.js';

const NEVER_ABORTED = new AbortController().signal;

/** The context of one analysis run over `dataset` under `filter`. */
export function createContext(dataset: Dataset, filter: Filter, options: RunOptions = {}): AnalysisContext {
  const signal = options.signal ?? NEVER_ABORTED;
  const onProgress = options.onProgress;
  const derived = derivedColumns(dataset);
  let sessions: Uint8Array | undefined;
  let lines: Uint8Array | undefined;
  return {
    dataset,
    filter,
    calendar: derived.calendar,
    derived,
    sessionMask: () => (sessions ??= sessionMask(dataset, filter)),
    lineMask: () => (lines ??= lineMask(dataset, filter)),
    aggregate: (spec, filters = [filter]) => aggregateWith(derived, spec, filters),
    signal,
    async checkpoint(done, total, message) {
      throwIfAborted(signal);
      onProgress?.(message === undefined ? { done, total } : { done, total, message });
      await yieldToMacrotask();
      throwIfAborted(signal);
    },
  };
}

/** Throws the abort reason (an Error named `AbortError` when the reason is not an Error). */
export function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  if (signal.reason instanceof Error) throw signal.reason;
  const error = new Error(typeof signal.reason === 'string' ? signal.reason : 'The analysis was cancelled');
  error.name = 'AbortError';
  throw error;
}
