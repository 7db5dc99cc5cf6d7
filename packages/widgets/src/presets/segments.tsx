import { ClusterHistogram } from '../widgets/ClusterHistogram.js';
import { CustomerList } from '../widgets/CustomerList.js';
import { DataTable } from '../widgets/DataTable.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { basketBands, BRACKET_LABELS, discountLines } from '../widgets/rfm/brackets.js';
import { Scatter } from '../widgets/Scatter.js';
import { Scatter3d } from '../widgets/Scatter3d.js';
import { SegmentMovement } from '../widgets/SegmentMovement.js';
import { SegmentTreemap } from '../widgets/SegmentTreemap.js';

/** Columns of the segment KPI table (`segmentation` rows: means per segment). */
const SEGMENT_COLUMNS = [
  { key: 'segment', label: 'Segment', kind: 'text' as const },
  { key: 'customers', label: 'Customers', kind: 'count' as const },
  { key: 'share', label: 'Share', kind: 'percent' as const },
  { key: 'revenue', label: 'Revenue', kind: 'money' as const },
  { key: 'revenueShare', label: 'Revenue share', kind: 'percent' as const },
  { key: 'recency', label: 'Mean recency (days)', kind: 'decimal' as const },
  { key: 'frequency', label: 'Mean orders', kind: 'decimal' as const },
  { key: 'monetary', label: 'Mean monetary', kind: 'money' as const },
];

const RECENCY = 'Recency (days)';
const FREQUENCY = 'Frequency (orders)';
const MONETARY = 'Monetary';

/**
 * Seed 003's customer segmentation (and seed 000's basket and discount sensitivity): the RFM
 * segment treemap (a tile filters every widget, `isIn('rfm_segment', ...)`), the segment KPI
 * table (a row filters too), the three RFM pair scatters and the 3-D scatter (x recency,
 * y monetary, z frequency as in the seed; legends filter the segment), the recency, frequency
 * and monetary cluster histograms (frequency clusters filter `customer_orders`), the basket x
 * discount-sensitivity scatter with its low/mid/high brackets, segment movement between two
 * dates, and the customer list, which lists the customers of the selected segment.
 */
export function SegmentsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <SegmentTreemap className="clv-wide" heading="Customer segments" />
      <DataTable
        className="clv-wide"
        heading="Segment KPIs"
        report="segmentation"
        columns={SEGMENT_COLUMNS}
        serverSide={false}
        rowKey="segment"
        rowField="rfm_segment"
        rowLabel="Segment"
        noun="segments"
        pageSize={11}
        campaign={false}
      />
      <Scatter heading="Frequency vs recency" report="frequency_recency" xLabel={FREQUENCY} yLabel={RECENCY} xKind="count" yKind="count" xScale="log" />
      <Scatter heading="Monetary vs frequency" report="monetary_frequency" xLabel={MONETARY} yLabel={FREQUENCY} xKind="money" yKind="count" xScale="log" yScale="log" />
      <Scatter heading="Recency vs monetary" report="recency_monetary" xLabel={RECENCY} yLabel={MONETARY} xKind="count" yKind="money" yScale="log" />
      <Scatter3d
        heading="RFM in 3-D"
        x={{ label: RECENCY, kind: 'count' }}
        y={{ label: MONETARY, kind: 'money', scale: 'log' }}
        z={{ label: FREQUENCY, kind: 'count', scale: 'log' }}
      />
      <ClusterHistogram heading="Recency clusters" report="recency_clusters" />
      <ClusterHistogram heading="Frequency clusters" report="frequency_clusters" />
      <ClusterHistogram heading="Monetary clusters" report="monetary_clusters" />
      <Scatter
        heading="Basket and discount sensitivity"
        report="basket_sensitivity"
        x="averageOrderValue"
        y="discountSensitivity"
        color="basketBracket"
        xLabel="Average order value"
        yLabel="Discount sensitivity"
        xKind="money"
        yKind="percent"
        xScale="log"
        categoryField={null}
        categoryLabel="Basket bracket"
        categories={['low', 'mid', 'high']}
        labels={BRACKET_LABELS}
        bands={basketBands}
        lines={discountLines}
      />
      <SegmentMovement className="clv-wide" heading="Segment movement" />
      <CustomerList className="clv-wide" heading="Customers of the selected segments" />
    </>
  );
}
