import type { Row } from '@clvkit/core';
import { orderCountBinFilter } from './mark-filters.js';
import { CohortHeatmap } from '../widgets/CohortHeatmap.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { Funnel } from '../widgets/Funnel.js';
import { Histogram } from '../widgets/Histogram.js';

/** The open last bin of `user_counts_per_order_seq` ("10+") has no upper bound. */
const orderCountEnd = (row: Row): number | null => (String(row.label ?? '').endsWith('+') ? null : Number(row.orders) + 1);

/**
 * Seed 003's Customers dashboard: the payment amount distribution, customers by order count,
 * the download -> first order cohort and the daily funnel.
 */
export function CustomersLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <Histogram heading="Payment amount distribution" params={{ per: 'order' }} valueLabel="orders" fieldLabel="Payment amount" field="payment_amount" />
      <Histogram
        heading="Customers by order count"
        report="user_counts_per_order_seq"
        x0="orders"
        x1={orderCountEnd}
        label="label"
        value="customers"
        xKind="count"
        valueLabel="customers"
        // A bin is the customers with that many orders (the derived field customer_orders).
        binFilter={orderCountBinFilter}
      />
      <CohortHeatmap
        className="clv-wide"
        heading="Download to first order"
        report="daily_cohort_downloads"
        bucketReports={{ day: 'daily_cohort_downloads', week: 'weekly_cohort_downloads' }}
      />
      <Funnel className="clv-wide" heading="Daily funnel" report="daily_funnel" />
    </>
  );
}
