import type { Row } from '@clvkit/core';
import { BarList } from '../widgets/BarList.js';
import { CLV_BY_METRICS, ClvBars, type ClvBarMetric } from '../widgets/ClvBars.js';
import { CLV_CUSTOMER_COLUMNS, ClvTopCustomers } from '../widgets/ClvCustomerTables.js';
import { ClvSegmentSplit } from '../widgets/ClvSegmentSplit.js';
import { ClvTabs, type ClvTab } from '../widgets/ClvTabs.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { Histogram } from '../widgets/Histogram.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { LocationBreakdown } from '../widgets/LocationBreakdown.js';
import { Scatter } from '../widgets/Scatter.js';
import { SegmentTreemap } from '../widgets/SegmentTreemap.js';
import { orderCountBinFilter } from './mark-filters.js';

/** The horizon of the opportunity figures: the seed's "expected 6 months". */
export const CLV_SEGMENTS_HORIZON_DAYS = 182;

/** The open last bin of `user_counts_per_order_seq` ("10+") has no upper bound. */
const orderCountEnd = (row: Row): number | null => (String(row.label ?? '').endsWith('+') ? null : Number(row.orders) + 1);

/** A `clv_by` measure divided by the row's customers (the seed's averages by location). */
function perCustomer(key: string, label: string, kind: ClvBarMetric['kind']): ClvBarMetric {
  return {
    key: `${key}PerCustomer`,
    label,
    kind,
    value: (row: Row) => {
      const total = Number(row[key]);
      const customers = Number(row.customers);
      return customers > 0 && Number.isFinite(total) ? total / customers : null;
    },
  };
}

const M = CLV_BY_METRICS;
/** Gender codes as hosts and the sample shop spell them. */
const GENDER_LABELS = { f: 'Female', m: 'Male', female: 'Female', male: 'Male', other: 'Other' };
const H = CLV_SEGMENTS_HORIZON_DAYS;

/**
 * Seed 002, tab "Overview": revenue, quantity, average order value and purchase frequency;
 * the segments (treemap of the RFM segments; a tile filters every tab); the gender split of
 * each segment; customers by order count (the purchase frequency
 * intervals); revenue and quantity by location and by segment. Every bar, part and bin filters.
 */
export function ClvSegmentsOverview() {
  return (
    <>
      <KpiCards className="clv-wide" heading="Summary" metrics={['revenue', 'quantity', 'averageOrderValue', 'purchaseFrequency']} labels={{ revenue: 'Total revenue', quantity: 'Total quantity', averageOrderValue: 'Average order value', purchaseFrequency: 'Average frequency' }} />
      <SegmentTreemap className="clv-wide" heading="Customer segments" />
      <ClvSegmentSplit heading="Gender split by segment" labels={GENDER_LABELS} />
      <Histogram
        heading="Purchase frequency intervals"
        report="user_counts_per_order_seq"
        x0="orders"
        x1={orderCountEnd}
        label="label"
        value="customers"
        xKind="count"
        valueLabel="customers"
        binFilter={orderCountBinFilter}
      />
      <LocationBreakdown heading="Revenue and quantity by location" metrics={['revenue', 'quantity', 'buyers']} />
      <BarList heading="Revenue and quantity by segment" field="rfm_segment" fieldLabel="Segment" table="sessions" noun="segments" limit={11} metrics={['revenue', 'quantity', 'buyers']} />
    </>
  );
}

/**
 * Seed 002, tab "CLV": revenue against quantity per product and segment and per retailer
 * (the sessions' `dimension`) and segment (a point filters its segment); the churn
 * probability of each segment (`clvsegments_amount`); recency, frequency and purchase
 * capacity by location (`clv_by` by location; capacity = monetary, the customers' mean spend).
 */
export function ClvSegmentsClv() {
  return (
    <>
      <Scatter
        heading="Revenue and quantity by product and segment"
        query={{ kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }, { field: 'rfm_segment' }], measures: ['lineRevenue', 'quantity'], orderBy: { measure: 'lineRevenue', order: 'desc' }, limit: 1000 }}
        x="quantity"
        y="lineRevenue"
        color="rfm_segment"
        id="product"
        xLabel="Quantity"
        yLabel="Revenue"
        xKind="count"
        yKind="money"
        xScale="log"
        yScale="log"
        categoryField="rfm_segment"
        noun="products"
      />
      <ClvBars
        heading="Churn probability by segment"
        report="clvsegments_amount"
        params={{ horizonDays: H }}
        category="segment"
        order="data"
        metrics={[M.churnProbability, M.clv, M.expectedRevenue, M.customers]}
      />
      <ClvBars heading="Recency, frequency and purchase capacity by location" by="location" params={{ horizonDays: H }} metrics={[M.recency, M.frequency, M.monetary, M.customers]} />
      <Scatter
        heading="Revenue and quantity by retailer and segment"
        query={{ kind: 'aggregate', table: 'sessions', groupBy: [{ field: 'dimension' }, { field: 'rfm_segment' }], measures: ['revenue', 'quantity'], orderBy: { measure: 'revenue', order: 'desc' }, limit: 1000 }}
        x="quantity"
        y="revenue"
        color="rfm_segment"
        id="dimension"
        xLabel="Quantity"
        yLabel="Revenue"
        xKind="count"
        yKind="money"
        categoryField="rfm_segment"
        noun="retailers"
      />
    </>
  );
}

/**
 * Seed 002, tab "CLV opportunity" (`clv_by`; opportunity = the expected revenue of customers
 * at risk, churn probability over 0.5): revenue opportunity by product, by segment (with the
 * expected revenue and units), by retailer, and the average expected six-month revenue and
 * units per customer by location. Every bar filters its product, segment, retailer or location.
 */
export function ClvSegmentsOpportunity() {
  return (
    <>
      <ClvBars heading="Revenue opportunity by product" by="product" params={{ horizonDays: H }} metrics={[M.opportunity, M.expectedRevenue, M.expectedUnits]} />
      <ClvBars heading="Revenue and quantity opportunity by segment" by="segment" params={{ horizonDays: H }} order="data" metrics={[M.opportunity, M.expectedRevenue, M.expectedUnits]} />
      <ClvBars heading="Revenue opportunity by retailer" by="dimension" params={{ horizonDays: H }} metrics={[M.opportunity, M.expectedRevenue, M.expectedOrders]} />
      <ClvBars
        heading="Average expected 6-month revenue and units by location"
        by="location"
        params={{ horizonDays: H }}
        metrics={[perCustomer('expectedRevenue', 'Revenue per customer', 'money'), perCustomer('expectedUnits', 'Units per customer', 'decimal'), M.expectedRevenue, M.customers]}
      />
    </>
  );
}

/** The three tabs of seed 002. */
export const CLV_SEGMENT_TABS: readonly ClvTab[] = [
  { id: 'overview', label: 'Overview', render: () => <ClvSegmentsOverview /> },
  { id: 'clv', label: 'CLV', render: () => <ClvSegmentsClv /> },
  { id: 'opportunity', label: 'CLV opportunity', render: () => <ClvSegmentsOpportunity /> },
];

/**
 * Seed 002's customer segmentation dashboard in three tabs (an accessible tab list: arrow
 * keys move between Overview, CLV and CLV opportunity): one selection for all of them, its
 * filters shown above the tabs, so a segment, location, retailer or product chosen on one
 * tab filters the others. Below the tabs, on every tab, the customers behind the selection
 * with their predictions (SPEC "Customer lists and actions"), highest CLV first, with CSV
 * export and "Send to campaign".
 */
export function ClvSegmentsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <ClvTabs className="clv-wide" label="Customer segmentation views" tabs={CLV_SEGMENT_TABS} />
      <ClvTopCustomers className="clv-wide" heading="Customers of the selection by CLV" limit={1000} horizonDays={H} columns={CLV_CUSTOMER_COLUMNS} />
    </>
  );
}
