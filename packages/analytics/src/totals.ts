import type { Filter, Measure } from '@clvkit/core';
import { groupMeasures } from './aggregate.js';
import { measureValue } from './measures.js';
import type { AnalysisContext } from './types.js';

/** Ungrouped measures of the sessions passing every filter (zeros when none pass). */
export function totals<M extends Measure>(context: AnalysisContext, measures: readonly M[], filters: readonly Filter[]): Record<M, number | null> {
  const { arrays } = groupMeasures(context.derived, 'sessions', [], measures, filters);
  const out = {} as Record<M, number | null>;
  for (const m of measures) out[m] = measureValue(arrays, m, 0);
  return out;
}
