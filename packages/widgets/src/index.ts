/**
 * @clvkit/widgets: embeddable customer-analytics widgets (Preact + d3 submodules), linked by
 * one cross-filter `Selection` and fed by an engine. Each widget exists three ways: a Preact
 * component, a custom element (`defineElements()`), and `mountX(element, options)`.
 */
export type { EngineLike, Observable, QueryOptions } from './engine-like.js';
export { isStaleQueryError, missingInputOf } from './engine-like.js';

export { QueryController, type QueryControllerOptions } from './data/query-controller.js';
export type { QueryProgress, QueryState, QueryStatus } from './data/query-state.js';
export { useQuery, type UseQueryOptions, type UseQueryResult } from './data/use-query.js';
export { useClauses, useOwnClause } from './data/use-clauses.js';

export { formatChange, formatValue, type ChangeText, type FormatOptions, type ValueKind } from './format.js';
export { KPI_METRICS, DEFAULT_KPI_METRICS, type KpiMetric, type MetricInfo } from './metrics.js';
export { toggleValues } from './interactions/toggle-values.js';
export { snapToEdges, bucketEdges } from './time/edges.js';

export { KpiCards, type KpiCardsProps, type KpiRow } from './widgets/KpiCards.js';
export { TimeSeries, timeSeriesSpec, type TimeSeriesProps, type SeriesMeasure } from './widgets/TimeSeries.js';
export type { SeriesBucket } from './time/format-time.js';
export { BarList, barListSpec, type BarListProps, type BarMetric } from './widgets/BarList.js';
export { TopProducts, type TopProductsProps } from './widgets/TopProducts.js';
export { TopCategories, type TopCategoriesProps } from './widgets/TopCategories.js';
export { DimensionPicker, type DimensionPickerProps } from './widgets/DimensionPicker.js';
export { FilterChips, type FilterChipsProps } from './widgets/FilterChips.js';
export { Dashboard, OverviewLayout, type DashboardProps, type DashboardPreset } from './widgets/Dashboard.js';
export { PRESETS, PRESET_NAMES, presetOf, CategoryTree, type CategoryTreeProps, type PresetDefinition, type PresetName, type PresetTable } from './presets/index.js';
export { Funnel, FUNNEL_REPORTS, type FunnelProps, type FunnelStep, type FunnelStepDefinition } from './widgets/Funnel.js';
export { CohortHeatmap, cohortCellFilter, defaultCellFilter, type CohortHeatmapProps, type HeatmapCell, type HeatmapMode } from './widgets/CohortHeatmap.js';
export { Histogram, OPEN_END, type HistogramProps, type HistogramBin } from './widgets/Histogram.js';
export { Donut, type DonutProps, type DonutSlice } from './widgets/Donut.js';
export { LineChart, type ChartPoint, type LineChartProps, type SeriesDefinition } from './widgets/LineChart.js';
export { Journey, journeySteps, type JourneyProps, type JourneyStep, type JourneyFigure } from './widgets/Journey.js';
export { DataTable, type DataTableProps, type TableColumn, type ColumnKind, type TableParamNames, type ClvSegmentActionDetail } from './widgets/DataTable.js';
export { CustomerList, type CustomerListProps } from './widgets/CustomerList.js';
export { PairsTable, BoughtWith, type PairsTableProps, type PairMatch } from './widgets/PairsTable.js';
export { LocationBreakdown, type LocationBreakdownProps } from './widgets/LocationBreakdown.js';
export { SegmentTreemap, type SegmentTreemapProps } from './widgets/SegmentTreemap.js';
export { Scatter, type ScatterProps } from './widgets/Scatter.js';
export { Scatter3d, type Scatter3dProps } from './widgets/Scatter3d.js';
export { ClusterHistogram, type ClusterHistogramProps } from './widgets/ClusterHistogram.js';
export { SegmentMovement, type SegmentMovementProps } from './widgets/SegmentMovement.js';
export { SEGMENT_NAMES, SEGMENT_FIELD, segmentColor, segmentFilter } from './widgets/rfm/segments.js';
export { basketBands, discountLines, BRACKET_LABELS } from './widgets/rfm/brackets.js';
export { ClvTimeline, type ClvTimelineProps, type ClvDateSelectDetail } from './widgets/ClvTimeline.js';
export { ClvDateCustomers, type ClvDateCustomersProps } from './widgets/ClvDateCustomers.js';
export { ClvRates, type ClvRatesProps } from './widgets/ClvRates.js';
export { ClvBars, CLV_BY_METRICS, type ClvBarsProps, type ClvBarMetric } from './widgets/ClvBars.js';
export { ClvSegmentSplit, type ClvSegmentSplitProps } from './widgets/ClvSegmentSplit.js';
export { ClvTopCustomers, ClvLeastEngagedCustomers, CLV_CUSTOMER_COLUMNS, type ClvCustomerTableProps } from './widgets/ClvCustomerTables.js';
export { ClvTabs, type ClvTab, type ClvTabsProps } from './widgets/ClvTabs.js';
export { ClvDateScope } from './widgets/clv/ClvDateScope.js';
export { clvDateStore, createClvDateStore } from './widgets/clv/selected-date.js';
export { AnomalySeries, type AnomalySeriesProps } from './widgets/AnomalySeries.js';
export { AnomalyTable, type AnomalyTableProps } from './widgets/AnomalyTable.js';
export { SearchBox, type SearchBoxProps } from './widgets/SearchBox.js';
export { EntityView, type EntityViewProps } from './widgets/EntityView.js';
export { AbTestForest, type AbTestForestProps } from './widgets/AbTestForest.js';
export { AbTestVerdicts, type AbTestVerdictsProps } from './widgets/AbTestVerdicts.js';
export { AbTestPairs, type AbTestPairsProps } from './widgets/AbTestPairs.js';
export { AbTestComparison } from './widgets/AbTestComparison.js';
export { AbTestDifferences } from './widgets/AbTestDifferences.js';
export { entityPredicate, entityClause, ENTITY_FIELDS, type EntityType, type EntityRef } from './widgets/search/entity.js';
export type { Accessor } from './charts/accessor.js';
export type { ChartQueryProps } from './charts/chart-query.js';
export type { BucketSwitchProps } from './charts/use-bucket.js';
export type { MarkFilter, FieldFilter } from './charts/mark-filter.js';
export type { WidgetProps } from './ui/widget-props.js';
export type { ClvErrorDetail, ClvSelectDetail } from './ui/events.js';
export { DashboardContext, type DashboardContextValue } from './ui/context.js';

export { mountComponent, type MountHandle, type MountOptions } from './mount.js';
export {
  mount,
  mountDashboard,
  mountDimensionPicker,
  mountFilterChips,
  mountKpiCards,
  mountTimeSeries,
  mountTopCategories,
  mountTopProducts,
  mountFunnel,
  mountCohortHeatmap,
  mountHistogram,
  mountDonut,
  mountLineChart,
  mountJourney,
  mountDataTable,
  mountCustomerList,
  mountPairsTable,
  mountBoughtWith,
  mountLocationBreakdown,
  mountSegmentTreemap,
  mountScatter,
  mountScatter3d,
  mountClusterHistogram,
  mountSegmentMovement,
  mountClvTimeline,
  mountClvDateCustomers,
  mountClvRates,
  mountClvBars,
  mountClvSegmentSplit,
  mountClvTopCustomers,
  mountClvLeastEngaged,
  mountAnomalySeries,
  mountAnomalyTable,
  mountSearchBox,
  mountEntityView,
  mountAbTestForest,
  mountAbTestVerdicts,
  mountAbTestPairs,
  mountAbTestComparison,
  mountAbTestDifferences,
  type MountAnyOptions,
} from './mount-widgets.js';
export { WIDGETS, type WidgetName, type WidgetDefinition } from './registry.js';
export { defineElements, ELEMENT_TAGS } from './elements/define.js';
export { ClvDashboardElement } from './elements/dashboard-element.js';
export type { WidgetElement } from './elements/widget-element.js';
export type { DashboardDataOptions } from './engine-factory.js';

export { THEME_TOKENS, type ThemeToken } from './theme/tokens.js';
export { adoptStyles, setStyleNonce, stylesheetText } from './theme/styles.js';
