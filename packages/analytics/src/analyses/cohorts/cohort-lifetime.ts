import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { cohortListed, cohortMembers, type CohortUnit } from './cohort-members.js';
import { cohortScope } from './cohort-scope.js';

const DAY = 86_400_000;

/** Parameters of `cohort_lifetime`. */
export interface LifetimeParams {
  readonly bucket: CohortUnit;
}

/**
 * `cohort_lifetime`: the mean customer lifetime per first-order cohort (seed 004's "lifetime
 * per cohort"). The cohorts are those of `retention_cohorts` with the same bucket and filter.
 *
 * A customer's lifetime = their last order - their first order, over their orders passing the
 * filter's non-date clauses that start before the end of the period (the filter's date range,
 * else the whole data): the lifetime "as of" the end of the selection. One-order customers
 * have lifetime 0 and are included in the mean.
 * - meanLifetimeDays = mean over the cohort's customers of (last - first) in days of 24 hours
 *   (elapsed time, fractional);
 * - meanLifetimeBuckets = mean over them of the whole calendar buckets from the first order's
 *   bucket to the last one's (`calendar.diff`);
 * - cohortSize = the cohort's customers.
 *
 * Rows, by cohort: `{ cohort: 'YYYY-MM-DD', cohortSize, meanLifetimeDays, meanLifetimeBuckets }`.
 * meta: `{ bucket, period, asOf }` (asOf = the instant lifetimes are measured up to, exclusive).
 */
export const cohortLifetime = defineAnalysis<LifetimeParams>({
  name: 'cohort_lifetime',
  description: 'Mean customer lifetime (first to last order) per month (or week) of first order',
  params: (raw) => {
    const read = new ParamReader('cohort_lifetime', raw, ['bucket']);
    return { bucket: read.oneOf('bucket', ['month', 'week'] as const, 'month') };
  },
  run(context, { bucket }) {
    const scope = cohortScope(context);
    const members = cohortMembers(context, scope, bucket);
    const { index, clients, starts } = members;
    const codes = index.codes;
    const seq = scope.sequences;
    const time = seq.start;
    const end = scope.dated && scope.range ? scope.range[1] : Number.POSITIVE_INFINITY;
    const rows: Row[] = [];
    for (let b = 0; b < index.count; b++) {
      if (!cohortListed(scope, members, b)) continue;
      const size = starts[b + 1] - starts[b];
      let days = 0;
      let buckets = 0;
      for (let i = starts[b]; i < starts[b + 1]; i++) {
        const c = clients[i];
        const first = seq.rows[seq.starts[c]];
        let j = seq.starts[c + 1] - 1;
        while (j > seq.starts[c] && time[seq.rows[j]] >= end) j--;
        const last = seq.rows[j];
        if (time[last] > time[first]) {
          days += (time[last] - time[first]) / DAY;
          buckets += codes[last] - codes[first];
        }
      }
      rows.push({ cohort: context.calendar.isoDate(index.bounds[b]), cohortSize: size, meanLifetimeDays: days / size, meanLifetimeBuckets: buckets / size });
    }
    return { rows, meta: { bucket, period: scope.period.range, asOf: Number.isFinite(end) ? end : null } };
  },
});
