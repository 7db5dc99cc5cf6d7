/**
 * What the browser tests know of the demo's dashboard presets: how many widgets each shows and
 * which may open empty or idle, and how to read every widget's state off the page.
 */
import type { Page } from 'playwright-core';

/** Widgets each preset shows, and those allowed to show an empty state on open (with the reason). */
export const PRESET_WIDGETS: Record<string, { widgets: number; empty?: Record<string, string>; idle?: string[] }> = {
  overview: { widgets: 5 },
  overall: { widgets: 7 },
  customers: { widgets: 4 },
  funnels: { widgets: 5 },
  cohorts: { widgets: 3 },
  stats: { widgets: 8 },
  // "Bought with" waits for a product picked in another widget.
  products: { widgets: 5, empty: { 'clv-bought-with': 'Pick a product' } },
  promotions: { widgets: 8 },
  clv: { widgets: 9 },
  'loyalty-cohorts': { widgets: 3 },
  'loyalty-kpis': { widgets: 5 },
  'customer-base': { widgets: 6 },
  communications: { widgets: 3 },
  segments: { widgets: 12 },
  'clv-prediction': { widgets: 6 },
  'clv-segments': { widgets: 7 },
  anomalies: { widgets: 6 },
  // The search box and its hint ask nothing until something is typed.
  search: { widgets: 2, idle: ['clv-search-box', 'clv-search-hint'] },
  'ab-tests': { widgets: 9 },
};

/** Each widget's type (its `clv-<name>` class) and state: ready (its result is drawn), empty (with its text), error, loading or unknown. */
export async function widgetStates(page: Page): Promise<{ widget: string; state: string; text: string }[]> {
  return page.$$eval('clv-dashboard .clv-widget', (nodes) =>
    nodes.map((node) => {
      const widget = [...node.classList].find((c) => c.startsWith('clv-') && !['clv-root', 'clv-widget', 'clv-wide'].includes(c)) ?? '';
      const error = node.querySelector('.clv-error');
      const empty = node.querySelector('.clv-empty');
      const state = error ? 'error' : empty ? 'empty' : node.querySelector('.clv-content') ? 'ready' : node.querySelector('[aria-busy="true"]') ? 'loading' : 'unknown';
      return { widget, state, text: (error ?? empty)?.textContent ?? '' };
    }),
  );
}

