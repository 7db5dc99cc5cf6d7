/**
 * The widgets whose code loads on first use (one chunk per widget module, shared code in shared
 * chunks): the chart widgets beyond the overview's (the donut and the location bars stay in
 * the main bundle), and every model widget. Each is a component with the eager widget's props
 * that shows the widget's loading skeleton until its chunk has loaded, then renders the widget. The registry (custom elements, `mount`,
 * `mountX`) and the <script> bundle's exports use these; `@clvkit/widgets` itself exports the
 * eager components, which a host's bundler splits as it likes.
 */
import type { ComponentType } from 'preact';
import { lazyWidget } from './ui/lazy.js';
import type { AbTestForestProps } from './widgets/AbTestForest.js';
import type { AbTestPairsProps } from './widgets/AbTestPairs.js';
import type { AbTestVerdictsProps } from './widgets/AbTestVerdicts.js';
import type { AnomalySeriesProps } from './widgets/AnomalySeries.js';
import type { AnomalyTableProps } from './widgets/AnomalyTable.js';
import type { ClusterHistogramProps } from './widgets/ClusterHistogram.js';
import type { ClvBarsProps } from './widgets/ClvBars.js';
import type { ClvCustomerTableProps } from './widgets/ClvCustomerTables.js';
import type { ClvDateCustomersProps } from './widgets/ClvDateCustomers.js';
import type { ClvRatesProps } from './widgets/ClvRates.js';
import type { ClvSegmentSplitProps } from './widgets/ClvSegmentSplit.js';
import type { ClvTimelineProps } from './widgets/ClvTimeline.js';
import type { CohortHeatmapProps } from './widgets/CohortHeatmap.js';
import type { CustomerListProps } from './widgets/CustomerList.js';
import type { DataTableProps } from './widgets/DataTable.js';
import type { EntityViewProps } from './widgets/EntityView.js';
import type { FunnelProps } from './widgets/Funnel.js';
import type { HistogramProps } from './widgets/Histogram.js';
import type { JourneyProps } from './widgets/Journey.js';
import type { LineChartProps } from './widgets/LineChart.js';
import type { PairsTableProps } from './widgets/PairsTable.js';
import type { ScatterProps } from './widgets/Scatter.js';
import type { Scatter3dProps } from './widgets/Scatter3d.js';
import type { SearchBoxProps } from './widgets/SearchBox.js';
import type { SegmentMovementProps } from './widgets/SegmentMovement.js';
import type { SegmentTreemapProps } from './widgets/SegmentTreemap.js';

/** `Funnel`, loaded on first render. */
export const Funnel: ComponentType<FunnelProps> = /* @__PURE__ */ lazyWidget('funnel', () => import('./widgets/Funnel.js').then((m) => m.Funnel));

/** `CohortHeatmap`, loaded on first render. */
export const CohortHeatmap: ComponentType<CohortHeatmapProps> = /* @__PURE__ */ lazyWidget('cohort-heatmap', () => import('./widgets/CohortHeatmap.js').then((m) => m.CohortHeatmap));

/** `Histogram`, loaded on first render. */
export const Histogram: ComponentType<HistogramProps> = /* @__PURE__ */ lazyWidget('histogram', () => import('./widgets/Histogram.js').then((m) => m.Histogram));

/** `LineChart`, loaded on first render. */
export const LineChart: ComponentType<LineChartProps> = /* @__PURE__ */ lazyWidget('line-chart', () => import('./widgets/LineChart.js').then((m) => m.LineChart));

/** `Journey`, loaded on first render. */
export const Journey: ComponentType<JourneyProps> = /* @__PURE__ */ lazyWidget('journey', () => import('./widgets/Journey.js').then((m) => m.Journey));

/** `DataTable`, loaded on first render. */
export const DataTable: ComponentType<DataTableProps> = /* @__PURE__ */ lazyWidget('data-table', () => import('./widgets/DataTable.js').then((m) => m.DataTable));

/** `CustomerList`, loaded on first render. */
export const CustomerList: ComponentType<CustomerListProps> = /* @__PURE__ */ lazyWidget('customer-list', () => import('./widgets/CustomerList.js').then((m) => m.CustomerList));

/** `PairsTable`, loaded on first render. */
export const PairsTable: ComponentType<PairsTableProps> = /* @__PURE__ */ lazyWidget('pairs-table', () => import('./widgets/PairsTable.js').then((m) => m.PairsTable));

/** `BoughtWith`, loaded on first render. */
export const BoughtWith: ComponentType<Omit<PairsTableProps, 'variant'>> = /* @__PURE__ */ lazyWidget('bought-with', () => import('./widgets/PairsTable.js').then((m) => m.BoughtWith));

/** `SegmentTreemap`, loaded on first render. */
export const SegmentTreemap: ComponentType<SegmentTreemapProps> = /* @__PURE__ */ lazyWidget('segment-treemap', () => import('./widgets/SegmentTreemap.js').then((m) => m.SegmentTreemap));

/** `Scatter`, loaded on first render. */
export const Scatter: ComponentType<ScatterProps> = /* @__PURE__ */ lazyWidget('scatter', () => import('./widgets/Scatter.js').then((m) => m.Scatter));

/** `Scatter3d`, loaded on first render. */
export const Scatter3d: ComponentType<Scatter3dProps> = /* @__PURE__ */ lazyWidget('scatter-3d', () => import('./widgets/Scatter3d.js').then((m) => m.Scatter3d));

/** `ClusterHistogram`, loaded on first render. */
export const ClusterHistogram: ComponentType<ClusterHistogramProps> = /* @__PURE__ */ lazyWidget('cluster-histogram', () => import('./widgets/ClusterHistogram.js').then((m) => m.ClusterHistogram));

/** `SegmentMovement`, loaded on first render. */
export const SegmentMovement: ComponentType<SegmentMovementProps> = /* @__PURE__ */ lazyWidget('segment-movement', () => import('./widgets/SegmentMovement.js').then((m) => m.SegmentMovement));

/** `ClvTimeline`, loaded on first render. */
export const ClvTimeline: ComponentType<ClvTimelineProps> = /* @__PURE__ */ lazyWidget('clv-timeline', () => import('./widgets/ClvTimeline.js').then((m) => m.ClvTimeline));

/** `ClvDateCustomers`, loaded on first render. */
export const ClvDateCustomers: ComponentType<ClvDateCustomersProps> = /* @__PURE__ */ lazyWidget('date-customers', () => import('./widgets/ClvDateCustomers.js').then((m) => m.ClvDateCustomers));

/** `ClvRates`, loaded on first render. */
export const ClvRates: ComponentType<ClvRatesProps> = /* @__PURE__ */ lazyWidget('clv-rates', () => import('./widgets/ClvRates.js').then((m) => m.ClvRates));

/** `ClvBars`, loaded on first render. */
export const ClvBars: ComponentType<ClvBarsProps> = /* @__PURE__ */ lazyWidget('clv-bars', () => import('./widgets/ClvBars.js').then((m) => m.ClvBars));

/** `ClvSegmentSplit`, loaded on first render. */
export const ClvSegmentSplit: ComponentType<ClvSegmentSplitProps> = /* @__PURE__ */ lazyWidget('segment-split', () => import('./widgets/ClvSegmentSplit.js').then((m) => m.ClvSegmentSplit));

/** `ClvTopCustomers`, loaded on first render. */
export const ClvTopCustomers: ComponentType<ClvCustomerTableProps> = /* @__PURE__ */ lazyWidget('top-customers', () => import('./widgets/ClvCustomerTables.js').then((m) => m.ClvTopCustomers));

/** `ClvLeastEngagedCustomers`, loaded on first render. */
export const ClvLeastEngagedCustomers: ComponentType<ClvCustomerTableProps> = /* @__PURE__ */ lazyWidget('least-engaged', () => import('./widgets/ClvCustomerTables.js').then((m) => m.ClvLeastEngagedCustomers));

/** `AnomalySeries`, loaded on first render. */
export const AnomalySeries: ComponentType<AnomalySeriesProps> = /* @__PURE__ */ lazyWidget('anomaly-series', () => import('./widgets/AnomalySeries.js').then((m) => m.AnomalySeries));

/** `AnomalyTable`, loaded on first render. */
export const AnomalyTable: ComponentType<AnomalyTableProps> = /* @__PURE__ */ lazyWidget('anomaly-table', () => import('./widgets/AnomalyTable.js').then((m) => m.AnomalyTable));

/** `SearchBox`, loaded on first render. */
export const SearchBox: ComponentType<SearchBoxProps> = /* @__PURE__ */ lazyWidget('search-box', () => import('./widgets/SearchBox.js').then((m) => m.SearchBox));

/** `EntityView`, loaded on first render. */
export const EntityView: ComponentType<EntityViewProps> = /* @__PURE__ */ lazyWidget('entity-view', () => import('./widgets/EntityView.js').then((m) => m.EntityView));

/** `AbTestForest`, loaded on first render. */
export const AbTestForest: ComponentType<AbTestForestProps> = /* @__PURE__ */ lazyWidget('ab-test-forest', () => import('./widgets/AbTestForest.js').then((m) => m.AbTestForest));

/** `AbTestVerdicts`, loaded on first render. */
export const AbTestVerdicts: ComponentType<AbTestVerdictsProps> = /* @__PURE__ */ lazyWidget('ab-test-verdicts', () => import('./widgets/AbTestVerdicts.js').then((m) => m.AbTestVerdicts));

/** `AbTestPairs`, loaded on first render. */
export const AbTestPairs: ComponentType<AbTestPairsProps> = /* @__PURE__ */ lazyWidget('ab-test-pairs', () => import('./widgets/AbTestPairs.js').then((m) => m.AbTestPairs));

/** `AbTestComparison`, loaded on first render. */
export const AbTestComparison: ComponentType<ScatterProps> = /* @__PURE__ */ lazyWidget('ab-test-comparison', () => import('./widgets/AbTestComparison.js').then((m) => m.AbTestComparison));

/** `AbTestDifferences`, loaded on first render. */
export const AbTestDifferences: ComponentType<ScatterProps> = /* @__PURE__ */ lazyWidget('ab-test-differences', () => import('./widgets/AbTestDifferences.js').then((m) => m.AbTestDifferences));
