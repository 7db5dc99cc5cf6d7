import { WIDGETS, type WidgetName } from '../registry.js';
import { ClvDashboardElement } from './dashboard-element.js';
import { createWidgetElement } from './widget-element.js';

/** The tag of every element `defineElements()` registers. */
export const ELEMENT_TAGS: readonly string[] = [...Object.values(WIDGETS).map((w) => w.tag), 'clv-dashboard'];

/**
 * Registers `<clv-kpi-cards>`, `<clv-time-series>`, `<clv-top-products>`,
 * `<clv-top-categories>`, `<clv-dimension-picker>`, `<clv-filter-chips>`, the chart
 * elements (`<clv-funnel>`, `<clv-cohort-heatmap>`, `<clv-histogram>`, `<clv-donut>`,
 * `<clv-line-chart>`, `<clv-journey>`, `<clv-data-table>`, `<clv-customer-list>`,
 * `<clv-pairs-table>`, `<clv-bought-with>`, `<clv-location-breakdown>`) and
 * `<clv-dashboard>`. Idempotent: tags already defined (by an earlier call or another copy of
 * the library) are left alone.
 */
export function defineElements(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (!registry) return;
  for (const name of Object.keys(WIDGETS) as WidgetName[]) {
    const definition = WIDGETS[name];
    if (!registry.get(definition.tag)) registry.define(definition.tag, createWidgetElement(definition as never));
  }
  if (!registry.get('clv-dashboard')) registry.define('clv-dashboard', ClvDashboardElement);
}
