import type { ComponentType } from 'preact';
import { COMMON_OPTIONS, type OptionSchema } from './elements/option-types.js';
import { DimensionPicker, type DimensionPickerProps } from './widgets/DimensionPicker.js';
import { FilterChips, type FilterChipsProps } from './widgets/FilterChips.js';
import { KpiCards, type KpiCardsProps } from './widgets/KpiCards.js';
import { TimeSeries, type TimeSeriesProps } from './widgets/TimeSeries.js';
import { TopCategories, type TopCategoriesProps } from './widgets/TopCategories.js';
import { TopProducts, type TopProductsProps } from './widgets/TopProducts.js';

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
};
