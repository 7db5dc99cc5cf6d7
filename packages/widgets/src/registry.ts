import type { ComponentType } from 'preact';
import { COMMON_OPTIONS, type OptionSchema } from './elements/option-types.js';
import { DONUT_OPTIONS, FUNNEL_OPTIONS, HEATMAP_OPTIONS, HISTOGRAM_OPTIONS, JOURNEY_OPTIONS, LINE_CHART_OPTIONS, LOCATION_OPTIONS, PAIRS_OPTIONS, TABLE_OPTIONS } from './elements/chart-options.js';
import type { CohortHeatmapProps } from './widgets/CohortHeatmap.js';
import type { CustomerListProps } from './widgets/CustomerList.js';
import type { DataTableProps } from './widgets/DataTable.js';
import { Donut, type DonutProps } from './widgets/Donut.js';
import type { FunnelProps } from './widgets/Funnel.js';
import type { HistogramProps } from './widgets/Histogram.js';
import type { JourneyProps } from './widgets/Journey.js';
import type { LineChartProps } from './widgets/LineChart.js';
import { LocationBreakdown, type LocationBreakdownProps } from './widgets/LocationBreakdown.js';
import type { PairsTableProps } from './widgets/PairsTable.js';
import { DimensionPicker, type DimensionPickerProps } from './widgets/DimensionPicker.js';
import { FilterChips, type FilterChipsProps } from './widgets/FilterChips.js';
import { KpiCards, type KpiCardsProps } from './widgets/KpiCards.js';
import { TimeSeries, type TimeSeriesProps } from './widgets/TimeSeries.js';
import { TopCategories, type TopCategoriesProps } from './widgets/TopCategories.js';
import { TopProducts, type TopProductsProps } from './widgets/TopProducts.js';
import type { ClusterHistogramProps } from './widgets/ClusterHistogram.js';
import type { ScatterProps } from './widgets/Scatter.js';
import type { Scatter3dProps } from './widgets/Scatter3d.js';
import type { SegmentMovementProps } from './widgets/SegmentMovement.js';
import type { SegmentTreemapProps } from './widgets/SegmentTreemap.js';
import type { AnomalySeriesProps } from './widgets/AnomalySeries.js';
import type { AbTestForestProps } from './widgets/AbTestForest.js';
import type { AbTestPairsProps } from './widgets/AbTestPairs.js';
import type { AbTestVerdictsProps } from './widgets/AbTestVerdicts.js';
import type { AnomalyTableProps } from './widgets/AnomalyTable.js';
import type { ClvBarsProps } from './widgets/ClvBars.js';
import type { ClvCustomerTableProps } from './widgets/ClvCustomerTables.js';
import type { ClvDateCustomersProps } from './widgets/ClvDateCustomers.js';
import type { ClvRatesProps } from './widgets/ClvRates.js';
import type { ClvSegmentSplitProps } from './widgets/ClvSegmentSplit.js';
import type { ClvTimelineProps } from './widgets/ClvTimeline.js';
import type { EntityViewProps } from './widgets/EntityView.js';
import type { SearchBoxProps } from './widgets/SearchBox.js';
import {
  AB_TEST_PAIRS_OPTIONS,
  AB_TEST_RESULT_OPTIONS,
  ANOMALY_SERIES_OPTIONS,
  ANOMALY_TABLE_OPTIONS,
  CLV_BARS_OPTIONS,
  CLV_CUSTOMER_TABLE_OPTIONS,
  CLV_DATE_CUSTOMERS_OPTIONS,
  CLV_RATES_OPTIONS,
  CLV_SEGMENT_SPLIT_OPTIONS,
  CLV_TIMELINE_OPTIONS,
  ENTITY_VIEW_OPTIONS,
  SEARCH_BOX_OPTIONS,
} from './elements/model-options.js';
import * as lazy from './lazy-widgets.js';
import { CLUSTER_HISTOGRAM_OPTIONS, SCATTER_3D_OPTIONS, SCATTER_OPTIONS, SEGMENT_MOVEMENT_OPTIONS, SEGMENT_TREEMAP_OPTIONS } from './widgets/rfm/element-options.js';

/** A widget as the custom elements and `mount()` see it: its component, tag and options. */
export interface WidgetDefinition<P> {
  readonly tag: string;
  readonly component: ComponentType<P>;
  /** Options settable as kebab-case attributes and as properties. */
  readonly options: OptionSchema;
}

const BAR_OPTIONS: OptionSchema = { ...COMMON_OPTIONS, field: 'string', fieldLabel: 'string', metric: 'string', metrics: 'list', limit: 'number', width: 'number' };

/** Props of each widget by name. */
export interface WidgetPropsByName {
  'kpi-cards': KpiCardsProps;
  'time-series': TimeSeriesProps;
  'top-products': TopProductsProps;
  'top-categories': TopCategoriesProps;
  'dimension-picker': DimensionPickerProps;
  'filter-chips': FilterChipsProps;
  funnel: FunnelProps;
  'cohort-heatmap': CohortHeatmapProps;
  histogram: HistogramProps;
  donut: DonutProps;
  'line-chart': LineChartProps;
  journey: JourneyProps;
  'data-table': DataTableProps;
  'customer-list': CustomerListProps;
  'pairs-table': PairsTableProps;
  'bought-with': Omit<PairsTableProps, 'variant'>;
  'location-breakdown': LocationBreakdownProps;
  'segment-treemap': SegmentTreemapProps;
  scatter: ScatterProps;
  'scatter-3d': Scatter3dProps;
  'cluster-histogram': ClusterHistogramProps;
  'segment-movement': SegmentMovementProps;
  'clv-timeline': ClvTimelineProps;
  'date-customers': ClvDateCustomersProps;
  'clv-rates': ClvRatesProps;
  'clv-bars': ClvBarsProps;
  'segment-split': ClvSegmentSplitProps;
  'top-customers': ClvCustomerTableProps;
  'least-engaged': ClvCustomerTableProps;
  'anomaly-series': AnomalySeriesProps;
  'anomaly-table': AnomalyTableProps;
  'search-box': SearchBoxProps;
  'entity-view': EntityViewProps;
  'ab-test-forest': AbTestForestProps;
  'ab-test-verdicts': AbTestVerdictsProps;
  'ab-test-pairs': AbTestPairsProps;
  'ab-test-comparison': ScatterProps;
  'ab-test-differences': ScatterProps;
}

/** Widget names accepted by `mount(element, { widget })`. */
export type WidgetName = keyof WidgetPropsByName;

/** Every widget with its element tag and options. */
export const WIDGETS: { readonly [N in WidgetName]: WidgetDefinition<WidgetPropsByName[N]> } = {
  'kpi-cards': {
    tag: 'clv-kpi-cards',
    component: KpiCards,
    options: { ...COMMON_OPTIONS, metrics: 'list', labels: 'json', timeZone: 'string' },
  },
  'time-series': {
    tag: 'clv-time-series',
    component: TimeSeries,
    options: { ...COMMON_OPTIONS, measure: 'string', bucket: 'string', buckets: 'list', field: 'string', width: 'number', height: 'number', timeZone: 'string', weekStart: 'number' },
  },
  'top-products': { tag: 'clv-top-products', component: TopProducts, options: BAR_OPTIONS },
  'top-categories': { tag: 'clv-top-categories', component: TopCategories, options: BAR_OPTIONS },
  'dimension-picker': {
    tag: 'clv-dimension-picker',
    component: DimensionPicker,
    options: { ...COMMON_OPTIONS, field: 'string', fieldLabel: 'string', mode: 'string', limit: 'number' },
  },
  'filter-chips': { tag: 'clv-filter-chips', component: FilterChips, options: { theme: 'string' } },
  funnel: { tag: 'clv-funnel', component: lazy.Funnel, options: FUNNEL_OPTIONS },
  'cohort-heatmap': { tag: 'clv-cohort-heatmap', component: lazy.CohortHeatmap, options: HEATMAP_OPTIONS },
  histogram: { tag: 'clv-histogram', component: lazy.Histogram, options: HISTOGRAM_OPTIONS },
  donut: { tag: 'clv-donut', component: Donut, options: DONUT_OPTIONS },
  'line-chart': { tag: 'clv-line-chart', component: lazy.LineChart, options: LINE_CHART_OPTIONS },
  journey: { tag: 'clv-journey', component: lazy.Journey, options: JOURNEY_OPTIONS },
  'data-table': { tag: 'clv-data-table', component: lazy.DataTable, options: TABLE_OPTIONS },
  'customer-list': { tag: 'clv-customer-list', component: lazy.CustomerList, options: TABLE_OPTIONS },
  'pairs-table': { tag: 'clv-pairs-table', component: lazy.PairsTable, options: { ...PAIRS_OPTIONS, variant: 'string' } },
  'bought-with': { tag: 'clv-bought-with', component: lazy.BoughtWith, options: PAIRS_OPTIONS },
  'location-breakdown': { tag: 'clv-location-breakdown', component: LocationBreakdown, options: LOCATION_OPTIONS },
  'segment-treemap': { tag: 'clv-segment-treemap', component: lazy.SegmentTreemap, options: SEGMENT_TREEMAP_OPTIONS },
  scatter: { tag: 'clv-scatter', component: lazy.Scatter, options: SCATTER_OPTIONS },
  'scatter-3d': { tag: 'clv-scatter-3d', component: lazy.Scatter3d, options: SCATTER_3D_OPTIONS },
  'cluster-histogram': { tag: 'clv-cluster-histogram', component: lazy.ClusterHistogram, options: CLUSTER_HISTOGRAM_OPTIONS },
  'segment-movement': { tag: 'clv-segment-movement', component: lazy.SegmentMovement, options: SEGMENT_MOVEMENT_OPTIONS },
  'clv-timeline': { tag: 'clv-clv-timeline', component: lazy.ClvTimeline, options: CLV_TIMELINE_OPTIONS },
  'date-customers': { tag: 'clv-date-customers', component: lazy.ClvDateCustomers, options: CLV_DATE_CUSTOMERS_OPTIONS },
  'clv-rates': { tag: 'clv-rates', component: lazy.ClvRates, options: CLV_RATES_OPTIONS },
  'clv-bars': { tag: 'clv-bars', component: lazy.ClvBars, options: CLV_BARS_OPTIONS },
  'segment-split': { tag: 'clv-segment-split', component: lazy.ClvSegmentSplit, options: CLV_SEGMENT_SPLIT_OPTIONS },
  'top-customers': { tag: 'clv-top-customers', component: lazy.ClvTopCustomers, options: CLV_CUSTOMER_TABLE_OPTIONS },
  'least-engaged': { tag: 'clv-least-engaged', component: lazy.ClvLeastEngagedCustomers, options: CLV_CUSTOMER_TABLE_OPTIONS },
  'anomaly-series': { tag: 'clv-anomaly-series', component: lazy.AnomalySeries, options: ANOMALY_SERIES_OPTIONS },
  'anomaly-table': { tag: 'clv-anomaly-table', component: lazy.AnomalyTable, options: ANOMALY_TABLE_OPTIONS },
  'search-box': { tag: 'clv-search-box', component: lazy.SearchBox, options: SEARCH_BOX_OPTIONS },
  'entity-view': { tag: 'clv-entity-view', component: lazy.EntityView, options: ENTITY_VIEW_OPTIONS },
  'ab-test-forest': { tag: 'clv-ab-test-forest', component: lazy.AbTestForest, options: AB_TEST_RESULT_OPTIONS },
  'ab-test-verdicts': { tag: 'clv-ab-test-verdicts', component: lazy.AbTestVerdicts, options: AB_TEST_RESULT_OPTIONS },
  'ab-test-pairs': { tag: 'clv-ab-test-pairs', component: lazy.AbTestPairs, options: AB_TEST_PAIRS_OPTIONS },
  'ab-test-comparison': { tag: 'clv-ab-test-comparison', component: lazy.AbTestComparison, options: SCATTER_OPTIONS },
  'ab-test-differences': { tag: 'clv-ab-test-differences', component: lazy.AbTestDifferences, options: SCATTER_OPTIONS },
};
