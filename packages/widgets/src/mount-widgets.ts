import { mountComponent, type MountHandle, type MountOptions } from './mount.js';
import { WIDGETS, type WidgetName, type WidgetPropsByName } from './registry.js';
import { Dashboard, type DashboardProps } from './widgets/Dashboard.js';
import type { DimensionPickerProps } from './widgets/DimensionPicker.js';
import type { FilterChipsProps } from './widgets/FilterChips.js';
import type { KpiCardsProps } from './widgets/KpiCards.js';
import type { TimeSeriesProps } from './widgets/TimeSeries.js';
import type { TopCategoriesProps } from './widgets/TopCategories.js';
import type { TopProductsProps } from './widgets/TopProducts.js';
import type { CohortHeatmapProps } from './widgets/CohortHeatmap.js';
import type { CustomerListProps } from './widgets/CustomerList.js';
import type { DataTableProps } from './widgets/DataTable.js';
import type { DonutProps } from './widgets/Donut.js';
import type { FunnelProps } from './widgets/Funnel.js';
import type { HistogramProps } from './widgets/Histogram.js';
import type { JourneyProps } from './widgets/Journey.js';
import type { LineChartProps } from './widgets/LineChart.js';
import type { LocationBreakdownProps } from './widgets/LocationBreakdown.js';
import type { PairsTableProps } from './widgets/PairsTable.js';
import type { ClusterHistogramProps } from './widgets/ClusterHistogram.js';
import type { ScatterProps } from './widgets/Scatter.js';
import type { Scatter3dProps } from './widgets/Scatter3d.js';
import type { SegmentMovementProps } from './widgets/SegmentMovement.js';
import type { SegmentTreemapProps } from './widgets/SegmentTreemap.js';

/** Mounts KPI cards into `element`. */
export function mountKpiCards(element: Element, options: KpiCardsProps & MountOptions): MountHandle<KpiCardsProps> {
  return mountComponent(WIDGETS['kpi-cards'].component, element, options);
}

/** Mounts the time series into `element`. */
export function mountTimeSeries(element: Element, options: TimeSeriesProps & MountOptions): MountHandle<TimeSeriesProps> {
  return mountComponent(WIDGETS['time-series'].component, element, options);
}

/** Mounts the top products bars into `element`. */
export function mountTopProducts(element: Element, options: TopProductsProps & MountOptions): MountHandle<TopProductsProps> {
  return mountComponent(WIDGETS['top-products'].component, element, options);
}

/** Mounts the top categories bars into `element`. */
export function mountTopCategories(element: Element, options: TopCategoriesProps & MountOptions): MountHandle<TopCategoriesProps> {
  return mountComponent(WIDGETS['top-categories'].component, element, options);
}

/** Mounts the dimension picker into `element`. */
export function mountDimensionPicker(element: Element, options: DimensionPickerProps & MountOptions): MountHandle<DimensionPickerProps> {
  return mountComponent(WIDGETS['dimension-picker'].component, element, options);
}

/** Mounts the active filter chips into `element`. */
export function mountFilterChips(element: Element, options: FilterChipsProps & MountOptions): MountHandle<FilterChipsProps> {
  return mountComponent(WIDGETS['filter-chips'].component, element, options);
}

/** Mounts the funnel into `element`. */
export function mountFunnel(element: Element, options: FunnelProps & MountOptions): MountHandle<FunnelProps> {
  return mountComponent(WIDGETS.funnel.component, element, options);
}

/** Mounts the cohort heatmap into `element`. */
export function mountCohortHeatmap(element: Element, options: CohortHeatmapProps & MountOptions): MountHandle<CohortHeatmapProps> {
  return mountComponent(WIDGETS['cohort-heatmap'].component, element, options);
}

/** Mounts the histogram into `element`. */
export function mountHistogram(element: Element, options: HistogramProps & MountOptions): MountHandle<HistogramProps> {
  return mountComponent(WIDGETS.histogram.component, element, options);
}

/** Mounts the donut into `element`. */
export function mountDonut(element: Element, options: DonutProps & MountOptions): MountHandle<DonutProps> {
  return mountComponent(WIDGETS.donut.component, element, options);
}

/** Mounts the line chart into `element`. */
export function mountLineChart(element: Element, options: LineChartProps & MountOptions): MountHandle<LineChartProps> {
  return mountComponent(WIDGETS['line-chart'].component, element, options);
}

/** Mounts the customer journey chart into `element`. */
export function mountJourney(element: Element, options: JourneyProps & MountOptions): MountHandle<JourneyProps> {
  return mountComponent(WIDGETS.journey.component, element, options);
}

/** Mounts a data table into `element`. */
export function mountDataTable(element: Element, options: DataTableProps & MountOptions): MountHandle<DataTableProps> {
  return mountComponent(WIDGETS['data-table'].component, element, options);
}

/** Mounts the customer list into `element`. */
export function mountCustomerList(element: Element, options: CustomerListProps & MountOptions): MountHandle<CustomerListProps> {
  return mountComponent(WIDGETS['customer-list'].component, element, options);
}

/** Mounts the product pairs table into `element`. */
export function mountPairsTable(element: Element, options: PairsTableProps & MountOptions): MountHandle<PairsTableProps> {
  return mountComponent(WIDGETS['pairs-table'].component, element, options);
}

/** Mounts the "bought with" list into `element`. */
export function mountBoughtWith(element: Element, options: Omit<PairsTableProps, 'variant'> & MountOptions): MountHandle<Omit<PairsTableProps, 'variant'>> {
  return mountComponent(WIDGETS['bought-with'].component, element, options);
}

/** Mounts the customers-by-location bars into `element`. */
export function mountLocationBreakdown(element: Element, options: LocationBreakdownProps & MountOptions): MountHandle<LocationBreakdownProps> {
  return mountComponent(WIDGETS['location-breakdown'].component, element, options);
}

/** Mounts a dashboard (e.g. `{ preset: 'overview', engine }`) into `element`. */
export function mountDashboard(element: Element, options: DashboardProps & MountOptions): MountHandle<DashboardProps> {
  return mountComponent(Dashboard, element, options);
}

/** Options of the generic `mount`: the widget's name plus its options. */
export type MountAnyOptions =
  | { [N in WidgetName]: { readonly widget: N } & WidgetPropsByName[N] & MountOptions }[WidgetName]
  | ({ readonly widget: 'dashboard' } & DashboardProps & MountOptions);

/**
 * Mounts any widget by name: `mount(el, { widget: 'kpi-cards', engine, selection })`.
 * Throws a `RangeError` listing the names for an unknown widget.
 */
export function mount(element: Element, options: MountAnyOptions): MountHandle<Record<string, unknown>> {
  const { widget, ...rest } = options;
  if (widget === 'dashboard') return mountComponent(Dashboard, element, rest as DashboardProps) as MountHandle<Record<string, unknown>>;
  const definition = (WIDGETS as Record<string, (typeof WIDGETS)[WidgetName] | undefined>)[widget];
  if (!definition) {
    throw new RangeError(`mount: unknown widget "${String(widget)}"; expected one of ${[...Object.keys(WIDGETS), 'dashboard'].join(', ')}`);
  }
  return mountComponent(definition.component as never, element, rest as never) as MountHandle<Record<string, unknown>>;
}

/** Mounts the RFM segment treemap into `element`. */
export function mountSegmentTreemap(element: Element, options: SegmentTreemapProps & MountOptions): MountHandle<SegmentTreemapProps> {
  return mountComponent(WIDGETS['segment-treemap'].component, element, options);
}

/** Mounts a 2-D scatter (RFM pairs, basket x discount sensitivity) into `element`. */
export function mountScatter(element: Element, options: ScatterProps & MountOptions): MountHandle<ScatterProps> {
  return mountComponent(WIDGETS.scatter.component, element, options);
}

/** Mounts the rotatable RFM 3-D scatter into `element`. */
export function mountScatter3d(element: Element, options: Scatter3dProps & MountOptions): MountHandle<Scatter3dProps> {
  return mountComponent(WIDGETS['scatter-3d'].component, element, options);
}

/** Mounts a per-metric cluster histogram into `element`. */
export function mountClusterHistogram(element: Element, options: ClusterHistogramProps & MountOptions): MountHandle<ClusterHistogramProps> {
  return mountComponent(WIDGETS['cluster-histogram'].component, element, options);
}

/** Mounts the segment movement matrix into `element`. */
export function mountSegmentMovement(element: Element, options: SegmentMovementProps & MountOptions): MountHandle<SegmentMovementProps> {
  return mountComponent(WIDGETS['segment-movement'].component, element, options);
}
