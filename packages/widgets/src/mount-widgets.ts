import { mountComponent, type MountHandle, type MountOptions } from './mount.js';
import { WIDGETS, type WidgetName, type WidgetPropsByName } from './registry.js';
import { Dashboard, type DashboardProps } from './widgets/Dashboard.js';
import type { ComponentType } from 'preact';

/**
 * A typed `mount` for one widget of the registry: `mountX(element, { engine, selection, ...options })`.
 * The calls below are marked pure so a bundler drops the mounters a host does not import.
 */
function widgetMounter<N extends WidgetName>(name: N): (element: Element, options: WidgetPropsByName[N] & MountOptions) => MountHandle<WidgetPropsByName[N]> {
  return (element, options) => mountComponent(WIDGETS[name].component as ComponentType<WidgetPropsByName[N]>, element, options);
}

/** Mounts KPI cards into `element`. */
export const mountKpiCards = /* @__PURE__ */ widgetMounter('kpi-cards');

/** Mounts the time series into `element`. */
export const mountTimeSeries = /* @__PURE__ */ widgetMounter('time-series');

/** Mounts the top products bars into `element`. */
export const mountTopProducts = /* @__PURE__ */ widgetMounter('top-products');

/** Mounts the top categories bars into `element`. */
export const mountTopCategories = /* @__PURE__ */ widgetMounter('top-categories');

/** Mounts the dimension picker into `element`. */
export const mountDimensionPicker = /* @__PURE__ */ widgetMounter('dimension-picker');

/** Mounts the active filter chips into `element`. */
export const mountFilterChips = /* @__PURE__ */ widgetMounter('filter-chips');

/** Mounts the funnel into `element`. */
export const mountFunnel = /* @__PURE__ */ widgetMounter('funnel');

/** Mounts the cohort heatmap into `element`. */
export const mountCohortHeatmap = /* @__PURE__ */ widgetMounter('cohort-heatmap');

/** Mounts the histogram into `element`. */
export const mountHistogram = /* @__PURE__ */ widgetMounter('histogram');

/** Mounts the donut into `element`. */
export const mountDonut = /* @__PURE__ */ widgetMounter('donut');

/** Mounts the line chart into `element`. */
export const mountLineChart = /* @__PURE__ */ widgetMounter('line-chart');

/** Mounts the customer journey chart into `element`. */
export const mountJourney = /* @__PURE__ */ widgetMounter('journey');

/** Mounts a data table into `element`. */
export const mountDataTable = /* @__PURE__ */ widgetMounter('data-table');

/** Mounts the customer list into `element`. */
export const mountCustomerList = /* @__PURE__ */ widgetMounter('customer-list');

/** Mounts the product pairs table into `element`. */
export const mountPairsTable = /* @__PURE__ */ widgetMounter('pairs-table');

/** Mounts the "bought with" list into `element`. */
export const mountBoughtWith = /* @__PURE__ */ widgetMounter('bought-with');

/** Mounts the customers-by-location bars into `element`. */
export const mountLocationBreakdown = /* @__PURE__ */ widgetMounter('location-breakdown');

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
export const mountSegmentTreemap = /* @__PURE__ */ widgetMounter('segment-treemap');

/** Mounts a 2-D scatter (RFM pairs, basket x discount sensitivity) into `element`. */
export const mountScatter = /* @__PURE__ */ widgetMounter('scatter');

/** Mounts the rotatable RFM 3-D scatter into `element`. */
export const mountScatter3d = /* @__PURE__ */ widgetMounter('scatter-3d');

/** Mounts a per-metric cluster histogram into `element`. */
export const mountClusterHistogram = /* @__PURE__ */ widgetMounter('cluster-histogram');

/** Mounts the segment movement matrix into `element`. */
export const mountSegmentMovement = /* @__PURE__ */ widgetMounter('segment-movement');

/** Mounts the CLV timeline (actual and predicted revenue, a selectable date) into `element`. */
export const mountClvTimeline = /* @__PURE__ */ widgetMounter('clv-timeline');

/** Mounts the churned customers or newcomers of the selected date into `element`. */
export const mountClvDateCustomers = /* @__PURE__ */ widgetMounter('date-customers');

/** Mounts the churn and newcomer rate rings into `element`. */
export const mountClvRates = /* @__PURE__ */ widgetMounter('clv-rates');

/** Mounts CLV bars (`clv_by`, `clvsegments_amount`) into `element`. */
export const mountClvBars = /* @__PURE__ */ widgetMounter('clv-bars');

/** Mounts the split of each segment (by gender) into `element`. */
export const mountClvSegmentSplit = /* @__PURE__ */ widgetMounter('segment-split');

/** Mounts the top customers by CLV into `element`. */
export const mountClvTopCustomers = /* @__PURE__ */ widgetMounter('top-customers');

/** Mounts the least engaged customers (lowest P(alive)) into `element`. */
export const mountClvLeastEngaged = /* @__PURE__ */ widgetMounter('least-engaged');

/** Mounts a daily series with its flagged anomalies into `element`. */
export const mountAnomalySeries = /* @__PURE__ */ widgetMounter('anomaly-series');

/** Mounts an anomaly table (cohorts, customers) into `element`. */
export const mountAnomalyTable = /* @__PURE__ */ widgetMounter('anomaly-table');

/** Mounts the search box into `element` (listen for `clv-search-select`). */
export const mountSearchBox = /* @__PURE__ */ widgetMounter('search-box');

/** Mounts an entity view (product, client, promotion, dimension value) into `element`. */
export const mountEntityView = /* @__PURE__ */ widgetMounter('entity-view');

/** Mounts the per-subject A/B result forest into `element`. */
export const mountAbTestForest = /* @__PURE__ */ widgetMounter('ab-test-forest');

/** Mounts the A/B verdict cards into `element`. */
export const mountAbTestVerdicts = /* @__PURE__ */ widgetMounter('ab-test-verdicts');

/** Mounts the per-customer before vs after scatter into `element`. */
export const mountAbTestPairs = /* @__PURE__ */ widgetMounter('ab-test-pairs');

/** Mounts the promotion comparison scatter into `element`. */
export const mountAbTestComparison = /* @__PURE__ */ widgetMounter('ab-test-comparison');

/** Mounts the before/after difference scatter into `element`. */
export const mountAbTestDifferences = /* @__PURE__ */ widgetMounter('ab-test-differences');
