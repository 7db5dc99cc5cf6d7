import { interval, isIn, NO_FILTER, type Dataset, type Predicate, type QueryRequest } from '@clvkit/core';
import { calendarFor } from '@clvkit/core';
import { derivedColumns } from './derived.js';
import { withDerivedFields } from './derived-fields.js';
import { getAnalysis, reportNames } from './registry.js';

/** Parameters of the seed's report API: `report(name, { date, dimension, ...params })`. */
export interface ReportParams {
  /** The report's date (`YYYY-MM-DD`, local to the dataset's zone): data after that day is left out, and it is the analysis's `asOf` where it takes one. */
  readonly date?: string | null;
  /** One dimension value (a store, a channel); `null`, absent or `"main"` (the seed's word for all) = every value. */
  readonly dimension?: string | null;
  readonly [param: string]: unknown;
}

/**
 * Turns the seed-style report call into a query: `dimension` becomes `isIn('dimension', [v])`,
 * `date` becomes a cut-off `interval('session_start', dataStart, endOfThatDay)` and, for
 * analyses that take `asOf`, `asOf = date`; every other param goes to the analysis as is.
 * @throws TypeError for an unknown analysis or a malformed date.
 */
export function reportRequest(dataset: Dataset, name: string, params: ReportParams = {}): QueryRequest {
  const definition = getAnalysis(name);
  if (!definition) throw new TypeError(`Unknown report "${name}". Reports: ${reportNames().join(', ')}`);
  const { date, dimension, ...rest } = params;
  const predicates: Predicate[] = [];
  if (dimension !== undefined && dimension !== null && dimension !== 'main') predicates.push(isIn('dimension', [String(dimension)]));
  const analysisParams: Record<string, unknown> = { ...rest };
  if (date !== undefined && date !== null) {
    if (typeof date !== 'string') throw new TypeError(`report ${name}: date must be "YYYY-MM-DD", got ${JSON.stringify(date)}`);
    const calendar = calendarFor(dataset.time);
    const end = calendar.add(calendar.parseDate(date), 'day', 1);
    const extent = derivedColumns(withDerivedFields(dataset)).sessionStartExtent();
    const start = extent ? Math.min(extent[0], end - 1) : end - 1;
    predicates.push(interval('session_start', start, end));
    if (takesParam(name, 'asOf', date)) analysisParams.asOf = date;
  }
  return {
    spec: { kind: 'analysis', name, params: analysisParams },
    filter: predicates.length ? { mode: 'and', predicates } : NO_FILTER,
  };
}

/** Whether the analysis's param validation accepts `param` (probed: unknown params throw). */
function takesParam(name: string, param: string, value: unknown): boolean {
  const definition = getAnalysis(name);
  if (!definition?.params) return false;
  try {
    definition.params({ [param]: value });
    return true;
  } catch (error) {
    return !(error instanceof TypeError && error.message.includes(`unknown param "${param}"`));
  }
}
