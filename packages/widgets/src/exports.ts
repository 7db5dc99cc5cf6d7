/**
 * Everything @clvkit/widgets exports except the components of the lazily loaded widgets
 * (their props types are here): `index.ts` adds those components, the <script> bundle's entry
 * (`browser.ts`) adds their lazy versions, so neither list is written twice.
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
export type { FunnelStep, FunnelStepDefinition } from './charts/funnel-data.js';
export { FUNNEL_REPORTS } from './charts/funnel-reports.js';
export { cohortCellFilter, defaultCellFilter } from './charts/heatmap-filter.js';
export type { HeatmapCell } from './charts/heatmap-data.js';
export type { HistogramProps } from './widgets/Histogram.js';
export { OPEN_END, type HistogramBin } from './charts/histogram-data.js';
export { Donut, type DonutProps, type DonutSlice } from './widgets/Donut.js';
export { journeySteps, type JourneyStep } from './charts/journey-data.js';
export type { TableColumn, ColumnKind } from './charts/table-columns.js';
export { LocationBreakdown, type LocationBreakdownProps } from './widgets/LocationBreakdown.js';
export { SEGMENT_NAMES, SEGMENT_FIELD, segmentColor, segmentFilter } from './widgets/rfm/segments.js';
export { basketBands, discountLines, BRACKET_LABELS } from './widgets/rfm/brackets.js';
export { CLV_BY_METRICS, type ClvBarMetric } from './widgets/clv/bar-metrics.js';
export { CLV_CUSTOMER_COLUMNS } from './widgets/clv/customer-columns.js';
export { ClvTabs, type ClvTab, type ClvTabsProps } from './widgets/ClvTabs.js';
export { ClvDateScope } from './widgets/clv/ClvDateScope.js';
export { clvDateStore, createClvDateStore } from './widgets/clv/selected-date.js';
export { entityPredicate, entityClause, ENTITY_FIELDS, type EntityType, type EntityRef } from './widgets/search/entity.js';
export type { FunnelProps } from './widgets/Funnel.js';
export type { CohortHeatmapProps, HeatmapMode } from './widgets/CohortHeatmap.js';
export type { ChartPoint, LineChartProps, SeriesDefinition } from './widgets/LineChart.js';
export type { JourneyProps, JourneyFigure } from './widgets/Journey.js';
export type { DataTableProps, TableParamNames, ClvSegmentActionDetail } from './widgets/DataTable.js';
export type { CustomerListProps } from './widgets/CustomerList.js';
export type { PairsTableProps, PairMatch } from './widgets/PairsTable.js';
export type { SegmentTreemapProps } from './widgets/SegmentTreemap.js';
export type { ScatterProps } from './widgets/Scatter.js';
export type { Scatter3dProps } from './widgets/Scatter3d.js';
export type { ClusterHistogramProps } from './widgets/ClusterHistogram.js';
export type { SegmentMovementProps } from './widgets/SegmentMovement.js';
export type { ClvTimelineProps, ClvDateSelectDetail } from './widgets/ClvTimeline.js';
export type { ClvDateCustomersProps } from './widgets/ClvDateCustomers.js';
export type { ClvRatesProps } from './widgets/ClvRates.js';
export type { ClvBarsProps } from './widgets/ClvBars.js';
export type { ClvSegmentSplitProps } from './widgets/ClvSegmentSplit.js';
export type { ClvCustomerTableProps } from './widgets/ClvCustomerTables.js';
export type { AnomalySeriesProps } from './widgets/AnomalySeries.js';
export type { AnomalyTableProps } from './widgets/AnomalyTable.js';
export type { SearchBoxProps } from './widgets/SearchBox.js';
export type { EntityViewProps } from './widgets/EntityView.js';
export type { AbTestForestProps } from './widgets/AbTestForest.js';
export type { AbTestVerdictsProps } from './widgets/AbTestVerdicts.js';
export type { AbTestPairsProps } from './widgets/AbTestPairs.js';
export type { Accessor } from './charts/accessor.js';
export type { ChartQueryProps } from './charts/chart-query.js';
export type { BucketSwitchProps } from './charts/use-bucket.js';
export type { MarkFilter, FieldFilter } from './charts/mark-filter.js';
export type { WidgetProps } from './ui/widget-props.js';
export type { ClvErrorDetail, ClvSelectDetail } from './ui/events.js';
export { DashboardContext, type DashboardContextValue } from './ui/context.js';
export { preload } from './ui/lazy.js';

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
