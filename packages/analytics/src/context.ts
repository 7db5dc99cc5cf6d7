import { lineMask, sessionMask, type Dataset, type Filter } from '@clvkit/core';
import { aggregateWith } from './aggregate.js';
import { derivedColumns } from './derived.js';
import type { AnalysisContext } from './types.js';

/** The context of one analysis run over `dataset` under `filter`. */
export function createContext(dataset: Dataset, filter: Filter): AnalysisContext {
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
  };
}
