import type { Measure, Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { bucketedPeriodFilters, periodOf } from '../../period.js';
import { bucketOf } from '../../time-buckets.js';
import { defineAnalysis, type AnalysisDefinition } from '../../types.js';
import { sessionsKeptBy } from '../masks.js';
import { distinctClientsBy, sessionSums } from '../session-sums.js';

/** How one weekly average is made: `value` = numerator / denominator, both measures of the week. */
export interface WeeklyAverageSpec {
  readonly name: string;
  readonly description: string;
  /** Row properties: the numerator, the denominator and the average. */
  readonly fields: readonly [numerator: string, denominator: string, average: string];
  readonly measures: readonly [numerator: Measure, denominator: Measure];
}

/**
 * A weekly ratio of two measures of the sessions passing the filter (weeks from the dataset's
 * week start, in its time zone): for every week overlapping the period (the filter's interval on
 * session_start clipped to the data, else the data range), in time order, zeros included, one
 * row `{ bucket, [numerator], [denominator], [average] }` with average = numerator /
 * denominator (null when the denominator is 0). meta: `{ unit: 'week', period, value }` where
 * `value` names the average's property (what a line chart plots).
 */
export function weeklyAverage(spec: WeeklyAverageSpec): AnalysisDefinition<Record<string, never>> {
  const [numeratorField, denominatorField, averageField] = spec.fields;
  const [numerator, denominator] = spec.measures;
  return defineAnalysis({
    name: spec.name,
    description: spec.description,
    params: (raw) => {
      new ParamReader(spec.name, raw, []);
      return {};
    },
    run(context) {
      const period = periodOf(context);
      const meta = { unit: 'week', period: period.range, value: averageField };
      if (!period.range) return { rows: [], meta };
      const index = context.derived.buckets('sessions', 'session_start', 'week');
      const lo = Math.max(period.range[0], index.bounds[0]);
      const hi = Math.min(period.range[1], index.bounds[index.count]);
      if (!(lo < hi)) return { rows: [], meta };
      const mask = sessionsKeptBy(context, bucketedPeriodFilters(period));
      const sums = sessionSums(context, mask, index.codes, index.count);
      const distinct = numerator === 'buyers' || denominator === 'buyers' || numerator === 'visitors' || denominator === 'visitors' ? distinctClientsBy(context, mask, index.codes, index.count) : null;
      const valueOf = (measure: Measure, k: number): number => {
        switch (measure) {
          case 'sessions':
            return sums.sessions[k];
          case 'orders':
            return sums.orders[k];
          case 'revenue':
            return sums.revenue[k];
          case 'visitors':
            return distinct!.visitors[k];
          case 'buyers':
            return distinct!.buyers[k];
          default:
            throw new TypeError(`${spec.name}: measure ${measure} is not one of sessions, orders, revenue, visitors, buyers`);
        }
      };
      const rows: Row[] = [];
      for (let k = bucketOf(index, lo); k <= bucketOf(index, hi - 1); k++) {
        const top = valueOf(numerator, k);
        const bottom = valueOf(denominator, k);
        rows.push({ bucket: index.bounds[k], [numeratorField]: top, [denominatorField]: bottom, [averageField]: bottom > 0 ? top / bottom : null });
      }
      return { rows, meta };
    },
  });
}
