import { mountComponent, type MountHandle, type MountOptions } from './mount.js';
import { WIDGETS, type WidgetName, type WidgetPropsByName } from './registry.js';
import { Dashboard, type DashboardProps } from './widgets/Dashboard.js';
import type { DimensionPickerProps } from './widgets/DimensionPicker.js';
import type { FilterChipsProps } from './widgets/FilterChips.js';
import type { KpiCardsProps } from './widgets/KpiCards.js';
import type { TimeSeriesProps } from './widgets/TimeSeries.js';
import type { TopCategoriesProps } from './widgets/TopCategories.js';
import type { TopProductsProps } from './widgets/TopProducts.js';

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
