import type { Row } from '@clvkit/core';
import { ordersColumn } from '../../customer-orders.js';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { cohortListed, cohortMembers, type CohortUnit } from './cohort-members.js';
import { bucketsOverlapping, cohortScope } from './cohort-scope.js';

/** Parameters of `retention_cohorts`. */
export interface RetentionParams {
  readonly bucket: CohortUnit;
  /** Last offset reported (default: no limit). */
  readonly maxOffset: number;
}

/**
 * `retention_cohorts`: customers grouped by the month (or week, from the calendar's week start)
 * of their first order, followed bucket by bucket (seed 000's first-purchase-month cohort and
 * seed 004's LTV / retention / active users / average check charts).
 *
 * For cohort C (customers whose first order falls in bucket C; cohortSize = their number) and
 * offset m = whole calendar buckets from C (`calendar.diff`, so a first order on 31 January
 * and an order on 1 February are offset 1):
 * - customers = customers of C with an order in bucket C + m;
 * - orders = those orders; revenue = Σ payment_amount of those orders;
 * - retention = customers / cohortSize (a ratio 0..1);
 * - cumulativeRevenuePerCustomer = Σ revenue over offsets 0..m / cohortSize (the LTV curve);
 * - averageOrderValue = revenue / orders (null without orders).
 *
 * Filter (see `cohortScope`): the first order is the first order passing the filter's
 * non-date clauses (with a channel filter, the cohort is the month of the first order in that
 * channel); cells count only orders passing the whole filter; a date range limits the offsets
 * to the buckets that overlap it and lists the cohorts whose bucket overlaps it or that have an
 * order inside it. Without a date range every cohort gets every offset up to the data's last
 * bucket. Cells without orders are returned as zeros, so the triangle is complete.
 *
 * Rows, by cohort then offset: `{ cohort: 'YYYY-MM-DD' (local date the bucket starts),
 * offset, customers, cohortSize, retention, revenue, cumulativeRevenuePerCustomer,
 * averageOrderValue, orders }`. meta: `{ bucket, period, cohorts, cohortStarts, cohortSizes,
 * offsets, maxOffset }` (`offsets` = 0 .. the largest offset returned; `cohortStarts` in epoch ms).
 *
 * A cell as a filter: `allOf([interval('first_order_at', cohortStart, cohortEnd),
 * interval('session_start', cellStart, cellEnd)])` (see `retentionCellPredicate`).
 */
export const retentionCohorts = defineAnalysis<RetentionParams>({
  name: 'retention_cohorts',
  description: 'Customers by month (or week) of first order: active customers, retention, revenue, LTV curve and average order value per bucket since',
  params: (raw) => {
    const read = new ParamReader('retention_cohorts', raw, ['bucket', 'maxOffset']);
    return { bucket: read.oneOf('bucket', ['month', 'week'] as const, 'month'), maxOffset: read.integer('maxOffset', 0, 100_000, Number.POSITIVE_INFINITY) };
  },
  run(context, { bucket, maxOffset }) {
    const scope = cohortScope(context);
    const members = cohortMembers(context, scope, bucket);
    const { index, clients, starts } = members;
    const codes = index.codes;
    const pay = context.derived.numbers('sessions', 'payment_amount', 0);
    const [firstBucket, lastBucket] = bucketsOverlapping(index, scope.range);
    const customers = new Float64Array(index.count);
    const orders = new Float64Array(index.count);
    const revenue = new Float64Array(index.count);
    const seq = scope.sequences;
    const inFilter = scope.inFilter;
    // Bucket and payment per order position: each customer's orders are read in a row.
    const bucketOf = ordersColumn(context.derived, seq, `session_start:${bucket}`, codes);
    const paid = ordersColumn(context.derived, seq, 'payment_amount', pay);
    const rows: Row[] = [];
    const cohorts: string[] = [];
    const cohortStarts: number[] = [];
    const cohortSizes: number[] = [];
    let maxShown = -1;
    for (let b = 0; b < index.count; b++) {
      if (!cohortListed(scope, members, b)) continue;
      const size = starts[b + 1] - starts[b];
      let touched = -1;
      for (let i = starts[b]; i < starts[b + 1]; i++) {
        const c = clients[i];
        let last = -1;
        for (let j = seq.starts[c]; j < seq.starts[c + 1]; j++) {
          if (inFilter !== null && !inFilter[seq.rows[j]]) continue;
          const m = bucketOf[j] - b;
          orders[m]++;
          const p = paid[j];
          if (p === p) revenue[m] += p;
          if (m !== last) {
            customers[m]++;
            last = m;
          }
          if (m > touched) touched = m;
        }
      }
      const cohort = context.calendar.isoDate(index.bounds[b]);
      cohorts.push(cohort);
      cohortStarts.push(index.bounds[b]);
      cohortSizes.push(size);
      const from = Math.max(0, firstBucket - b);
      const to = Math.min(lastBucket - b, maxOffset);
      let cumulative = 0;
      for (let m = 0; m <= to; m++) {
        cumulative += revenue[m];
        if (m < from) continue;
        rows.push({
          cohort,
          offset: m,
          customers: customers[m],
          cohortSize: size,
          retention: customers[m] / size,
          revenue: revenue[m],
          cumulativeRevenuePerCustomer: cumulative / size,
          averageOrderValue: orders[m] > 0 ? revenue[m] / orders[m] : null,
          orders: orders[m],
        });
        if (m > maxShown) maxShown = m;
      }
      customers.fill(0, 0, touched + 1);
      orders.fill(0, 0, touched + 1);
      revenue.fill(0, 0, touched + 1);
    }
    const offsets: number[] = [];
    for (let m = 0; m <= maxShown; m++) offsets.push(m);
    return {
      rows,
      meta: {
        bucket,
        period: scope.period.range,
        cohorts,
        cohortStarts,
        cohortSizes,
        offsets,
        maxOffset: Number.isFinite(maxOffset) ? maxOffset : null,
      },
    };
  },
});
