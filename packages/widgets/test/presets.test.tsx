// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { allOf, EARLIEST_TIME, interval, isIn, ordersIn, prefix, present, Selection, type QuerySpec } from '@clvkit/core';
import { ClvDashboardElement, Dashboard, defineElements, preload, PRESET_NAMES, PRESETS, presetOf } from '../src/index.js';
import { ageBandFilter, campaignFilter, contactableFilter, filledFieldsFilter, newcomersOrChurnersFilter, orderCountBinFilter, organicOrPromotedFilter, promotionFilter } from '../src/presets/mark-filters.js';
import { ORDER_GAP_SOURCE } from '../src/presets/cohorts.js';
import { click, fakeEngine, interact, renderInto, settle } from './helpers.js';

beforeAll(async () => {
  defineElements();
  // The layouts other than the overview are lazy chunks: load them all first, so each test
  // renders its preset at once (the loading placeholder is tested in lazy.test.tsx).
  await Promise.all(PRESET_NAMES.map((name) => preload(PRESETS[name].layout)));
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  document.body.replaceChildren();
});

/** What a spec asks for: the analysis name, or `aggregate:<first group field>`. */
function asked(spec: QuerySpec): string {
  return spec.kind === 'analysis' ? spec.name : `aggregate:${spec.groupBy?.[0]?.field ?? ''}`;
}

/** Each preset's widgets (their `clv-<name>` classes, in layout order; the filter chips bar comes first in every one) and the queries they send, written out by hand from the seeds. */
const EXPECTED: Record<string, { widgets: string[]; queries: string[] }> = {
  overview: {
    widgets: ['kpi-cards', 'time-series', 'top-products', 'top-categories', 'dimension-picker'],
    queries: ['kpis', 'aggregate:session_start', 'aggregate:product', 'aggregate:category', 'aggregate:dimension'],
  },
  overall: {
    widgets: ['kpi-cards', 'time-series', 'journey', 'data-table', 'line-chart', 'top-products', 'top-categories'],
    queries: ['kpis', 'aggregate:session_start', 'customer_journey', 'churn', 'churn_weekly', 'aggregate:product', 'aggregate:category'],
  },
  customers: {
    widgets: ['histogram', 'histogram', 'cohort-heatmap', 'funnel'],
    queries: ['purchase_amount_distribution', 'user_counts_per_order_seq', 'daily_cohort_downloads', 'daily_funnel'],
  },
  funnels: {
    widgets: ['kpi-cards', 'funnel', 'line-chart', 'funnel', 'cohort-heatmap'],
    queries: ['kpis', 'daily_funnel', 'daily_funnel', 'daily_funnel_downloads', 'customer_funnel_cohort'],
  },
  cohorts: {
    widgets: ['kpi-cards', 'cohort-heatmap', 'cohort-heatmap'],
    queries: ['kpis', 'daily_cohort_from_1_to_2', 'retention_cohorts'],
  },
  stats: {
    widgets: ['line-chart', 'line-chart', 'line-chart', 'line-chart', 'line-chart', 'line-chart', 'line-chart', 'data-table'],
    queries: ['daily_orders', 'hourly_orders', 'weekly_average_order_per_user', 'weekly_average_session_per_user', 'weekly_average_payment_amount', 'daily_dimension_values', 'daily_products_of_sales', 'dimension_kpis'],
  },
  products: {
    // Bought with queries nothing until a product is picked elsewhere.
    widgets: ['top-products', 'top-categories', 'pairs-table', 'bought-with', 'category-tree'],
    queries: ['aggregate:product', 'aggregate:category', 'most_combined_products', 'category_tree'],
  },
  promotions: {
    widgets: ['kpi-cards', 'line-chart', 'line-chart', 'data-table', 'line-chart', 'line-chart', 'line-chart', 'line-chart'],
    queries: ['kpis', 'daily_organic_orders', 'daily_inorganic_ratio', 'promotion_kpis', 'hourly_organic_orders', 'inorganic_orders_per_promotion_per_day', 'daily_promotion_revenue', 'daily_promotion_discount'],
  },
  clv: {
    widgets: ['kpi-cards', 'donut', 'line-chart', 'cohort-heatmap', 'category-tree', 'top-products', 'donut', 'location-breakdown', 'customer-list'],
    queries: ['kpis', 'customer_status', 'customer_status_trend', 'retention_cohorts', 'category_tree', 'aggregate:product', 'demographics', 'aggregate:customers.location', 'customer_list'],
  },
  'loyalty-cohorts': {
    widgets: ['dimension-picker', 'cohort-heatmap', 'data-table'],
    queries: ['aggregate:dimension', 'retention_cohorts', 'cohort_lifetime'],
  },
  'loyalty-kpis': {
    widgets: ['kpi-cards', 'line-chart', 'line-chart', 'donut', 'data-table'],
    queries: ['kpis', 'customer_base', 'lifecycle', 'customer_status', 'newcomers_and_churners'],
  },
  'customer-base': {
    widgets: ['line-chart', 'data-table', 'data-table', 'location-breakdown', 'donut', 'donut'],
    queries: ['customer_base', 'contactable_customers', 'profile_completeness', 'aggregate:customers.location', 'demographics', 'demographics'],
  },
  communications: {
    widgets: ['kpi-cards', 'data-table', 'data-table'],
    queries: ['kpis', 'communications', 'contactable_customers'],
  },
  segments: {
    widgets: ['segment-treemap', 'data-table', 'scatter', 'scatter', 'scatter', 'scatter-3d', 'cluster-histogram', 'cluster-histogram', 'cluster-histogram', 'scatter', 'segment-movement', 'customer-list'],
    queries: ['segmentation', 'segmentation', 'frequency_recency', 'monetary_frequency', 'recency_monetary', 'rfm_3d', 'recency_clusters', 'frequency_clusters', 'monetary_clusters', 'basket_sensitivity', 'segment_movement', 'customer_list'],
  },
  // Seed 001: the prediction timeline, the churners and newcomers of its date, the least engaged and top 100, the rate rings.
  'clv-prediction': {
    widgets: ['clv-timeline', 'clv-churners', 'clv-newcomers', 'clv-least-engaged', 'clv-top-customers', 'clv-rates'],
    queries: ['daily_clv', 'newcomers_and_churners', 'newcomers_and_churners', 'client_feature_predicted', 'client_feature_predicted', 'newcomers_and_churners'],
  },
  // Seed 002, Overview tab (the other tabs mount when chosen) and the customer list under the tabs.
  'clv-segments': {
    widgets: ['kpi-cards', 'segment-treemap', 'clv-segment-split', 'histogram', 'location-breakdown', 'bars-rfm_segment', 'clv-top-customers'],
    queries: ['kpis', 'segmentation', 'aggregate:rfm_segment', 'user_counts_per_order_seq', 'aggregate:customers.location', 'aggregate:rfm_segment', 'client_feature_predicted'],
  },
  anomalies: {
    widgets: ['anomaly-series', 'kpi-cards', 'anomaly-series', 'funnel', 'anomaly-table', 'anomaly-table'],
    queries: ['dorders_anomaly', 'kpis', 'dfunnel_anomaly', 'daily_funnel', 'dcohort_anomaly', 'clvrfm_anomaly'],
  },
  // Nothing is asked before something is typed.
  search: { widgets: ['search-box', 'search-hint'], queries: [] },
  'ab-tests': {
    widgets: ['dimension-picker', 'scatter', 'scatter', 'ab-test-verdicts', 'ab-test-forest', 'ab-test-forest', 'ab-test-pairs', 'ab-test-forest', 'ab-test-forest'],
    queries: [
      'aggregate:promotion_id', 'promotion_comparison', 'order_and_payment_amount_differences', 'promotion_usage_before_after_amount', 'promotion_usage_before_after_amount',
      'promotion_usage_before_after_orders', 'promotion_usage_before_after_amount', 'product_usage_before_after_amount', 'segments_change_weekly_before_after_amount',
    ],
  },
};

function widgetsOf(root: Element): string[] {
  return [...root.querySelectorAll('.clv-widget')].map((w) => [...w.classList].find((c) => c.startsWith('clv-') && !['clv-root', 'clv-widget', 'clv-wide'].includes(c))!.slice(4));
}

describe('PRESETS', () => {
  test('registers every dashboard of issues 3 and 4 with a title, origin and tables', () => {
    expect([...PRESET_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(PRESETS.clv.title).toBe('CLV Dashboard');
    expect(PRESETS.communications.tables).toContain('messages');
    expect(presetOf('cohorts')?.name).toBe('cohorts');
    expect(presetOf('toString')).toBeUndefined();
    expect(presetOf(null)).toBeUndefined();
  });

  for (const name of Object.keys(EXPECTED)) {
    test(`${name}: renders its widgets, which query their analyses`, async () => {
      const engine = fakeEngine();
      const r = renderInto(<Dashboard engine={engine} preset={name as never} />);
      cleanup.push(r.unmount);
      await settle();
      expect(widgetsOf(r.container)).toEqual(EXPECTED[name].widgets);
      // Every dashboard shows the active filters.
      expect(r.container.querySelector('.clv-filter-bar')).not.toBeNull();
      expect(engine.calls.map((c) => asked(c.spec)).sort()).toEqual([...EXPECTED[name].queries].sort());
      // Every widget has its own source on the shared selection.
      expect(new Set(engine.calls.map((c) => c.source)).size).toBe(engine.calls.length);
    });
  }

  test('an unknown preset says so and names the known ones', async () => {
    const r = renderInto(<Dashboard engine={fakeEngine()} preset={'nope' as never} />);
    cleanup.push(r.unmount);
    expect(r.container.querySelector('[role="alert"]')!.textContent).toContain('Unknown dashboard preset "nope"');
    expect(r.container.textContent).toContain('loyalty-cohorts');
  });
});

describe('<clv-dashboard preset>', () => {
  test('renders any registered preset and switches layout when the attribute changes', async () => {
    const engine = fakeEngine();
    const dashboard = document.createElement('clv-dashboard') as ClvDashboardElement;
    dashboard.setAttribute('preset', 'clv');
    dashboard.engine = engine;
    await interact(() => document.body.append(dashboard));
    await settle();
    expect(widgetsOf(dashboard)).toEqual(EXPECTED.clv.widgets);
    await interact(() => dashboard.setAttribute('preset', 'stats'));
    await settle();
    expect(widgetsOf(dashboard)).toEqual(EXPECTED.stats.widgets);
    // An unknown name renders nothing (the element keeps its children as the layout).
    await interact(() => dashboard.setAttribute('preset', 'unknown'));
    await settle();
    expect(widgetsOf(dashboard)).toEqual([]);
  });
});

describe('preset switches', () => {
  test('cohorts: the event switch changes the order-gap report and clears its cell filter', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    const r = renderInto(<Dashboard engine={engine} selection={selection} preset="cohorts" />);
    cleanup.push(r.unmount);
    await settle();
    await interact(() => selection.update({ source: ORDER_GAP_SOURCE, predicate: isIn('order_number', [2]) }));
    const button = [...r.container.querySelectorAll('.clv-preset-switch button')].find((b) => b.textContent === 'Order 2 → 3')!;
    await interact(() => click(button));
    await settle();
    expect(selection.value).toEqual([]);
    expect(asked(engine.last(ORDER_GAP_SOURCE).spec)).toBe('daily_cohort_from_2_to_3');
  });

  test('loyalty cohorts: the view switch shows LTV, retention, active customers or average check of retention_cohorts', async () => {
    const engine = fakeEngine(() => ({ rows: [] }));
    const r = renderInto(<Dashboard engine={engine} preset="loyalty-cohorts" />);
    cleanup.push(r.unmount);
    await settle();
    const labels = [...r.container.querySelectorAll('.clv-preset-switch button')].map((b) => b.textContent);
    expect(labels).toEqual(['LTV', 'Retention', 'Active customers', 'Average check']);
    expect(r.container.querySelector('.clv-cohort-heatmap')!.textContent).toContain('LTV: cumulative revenue per customer');
    await interact(() => click(r.container.querySelectorAll('.clv-preset-switch button')[3]));
    await settle();
    expect(r.container.querySelector('.clv-cohort-heatmap')!.textContent).toContain('Average check');
  });
});

describe('category drill-down', () => {
  test('a category filters its orders and opens its level; a product filters its orders; Up goes back', async () => {
    const engine = fakeEngine((spec) => {
      const path = spec.kind === 'analysis' ? String(spec.params?.path ?? '') : '';
      return path === ''
        ? { rows: [{ name: 'shoes', kind: 'category', category: 'shoes', product: null, orders: 7, quantity: 9, revenue: 90, hasChildren: true }], meta: { path: '', parent: null } }
        : { rows: [{ name: 'Boot', kind: 'product', category: 'shoes', product: 'Boot', orders: 3, quantity: 3, revenue: 30, hasChildren: false }], meta: { path, parent: '' } };
    });
    const selection = new Selection();
    const r = renderInto(<Dashboard engine={engine} selection={selection} preset="products" />);
    cleanup.push(r.unmount);
    await settle();
    const tree = () => r.container.querySelector('.clv-category-tree')!;
    expect(tree().querySelector('.clv-tree-item')!.textContent).toContain('shoes');
    await interact(() => click(tree().querySelector('.clv-tree-item[data-value="shoes"]')!));
    await settle();
    expect(selection.value.map((c) => c.predicate)).toEqual([prefix('category', ['shoes'])]);
    const treeCall = engine.calls.filter((c) => asked(c.spec) === 'category_tree').pop()!;
    expect(treeCall.spec).toMatchObject({ params: { path: 'shoes' } });
    await interact(() => click(tree().querySelector('.clv-tree-item[data-kind="product"]')!));
    expect(selection.value.map((c) => c.predicate)).toEqual([isIn('product', ['Boot'])]);
    expect(tree().querySelector('.clv-tree-item[data-kind="product"]')!.getAttribute('aria-pressed')).toBe('true');
    await interact(() => click(tree().querySelector('.clv-tree-up')!));
    expect(selection.value).toEqual([]);
  });
});

describe('preset mark filters', () => {
  test('age bands of demographics select customers by age; other keys are not filters', () => {
    // "18-24" holds ages 18..24 -> [18, 25); "<18" -> [0, 18); "65+" -> [65, ∞).
    expect(ageBandFilter(['18-24'])).toEqual({ predicate: interval('customers.age', 18, 25), label: 'Age: 18-24' });
    expect(ageBandFilter(['<18'])).toEqual({ predicate: interval('customers.age', 0, 18), label: 'Age: <18' });
    expect(ageBandFilter(['65+'])).toEqual({ predicate: interval('customers.age', 65, Number.POSITIVE_INFINITY), label: 'Age: 65+' });
    expect(ageBandFilter(['unknown'])).toBeNull();
    expect(ageBandFilter(['18-24', '25-34'])).toBeNull();
  });

  test('promotion and campaign rows', () => {
    expect(promotionFilter(['P1', 'P2'])).toEqual({ predicate: isIn('promotion_id', ['P1', 'P2']), label: 'Promotion: P1, P2' });
    expect(promotionFilter([])).toBeNull();
    expect(campaignFilter(['a', 'b'], [{ campaign: 'Spring', channel: 'email' }, { campaign: 'Spring', channel: 'sms' }])).toEqual({
      predicate: isIn('messages.campaign', ['Spring']),
      label: 'Campaign: Spring',
    });
  });

  test('order-count bins, organic and promoted series, filled profile fields', () => {
    // Bin [3, 4) = customers with exactly 3 orders; the open "10+" bin runs to Infinity.
    expect(orderCountBinFilter(3, 4)).toEqual({ predicate: interval('customer_orders', 3, 4), label: 'Customers with 3 orders' });
    expect(orderCountBinFilter(10, Number.POSITIVE_INFINITY)).toEqual({ predicate: interval('customer_orders', 10, Number.POSITIVE_INFINITY), label: 'Customers with 10+ orders' });
    expect(organicOrPromotedFilter('organic')).toEqual({ predicate: present('promotion_id', false), label: 'Organic orders' });
    expect(organicOrPromotedFilter('promoted')).toEqual({ predicate: present('promotion_id'), label: 'Promoted orders' });
    expect(organicOrPromotedFilter('ratio')).toBeNull();
    expect(filledFieldsFilter(['email', 'phone'])).toEqual({ predicate: allOf([present('customers.email'), present('customers.phone')]), label: 'Filled: email, phone' });
    expect(filledFieldsFilter([])).toBeNull();
  });

  test('a contactable row: contact present and consent true; a channel without a contact column tests consent only', () => {
    expect(contactableFilter(['email'], [{ channel: 'email', contactField: 'email', consentField: 'email_opt_in' }])).toEqual({
      predicate: allOf([present('customers.email'), isIn('customers.email_opt_in', [true])]),
      label: 'Contactable by email',
    });
    expect(contactableFilter(['push'], [{ channel: 'push', contactField: null, consentField: 'push_opt_in' }])).toEqual({ predicate: isIn('customers.push_opt_in', [true]), label: 'Contactable by push' });
    expect(contactableFilter(['email', 'sms'], [{ channel: 'email' }, { channel: 'sms' }])).toBeNull();
  });

  test('a newcomers or churners row selects its customers by their orders around the date', () => {
    const MAR = Date.UTC(2025, 2, 1);
    const SEP = Date.UTC(2025, 8, 1);
    const DEC = Date.UTC(2024, 8, 1);
    expect(newcomersOrChurnersFilter(['newcomers'], [{ group: 'newcomers', from: DEC, to: MAR }])).toEqual({
      predicate: allOf([ordersIn(DEC, MAR), ordersIn(EARLIEST_TIME, DEC, false)]),
      label: 'Newcomers: first order 2024-09-01 – 2025-03-01',
    });
    expect(newcomersOrChurnersFilter(['churners'], [{ group: 'churners', from: MAR, to: SEP }])).toEqual({
      predicate: allOf([ordersIn(EARLIEST_TIME, MAR), ordersIn(MAR, SEP, false)]),
      label: 'Churners: no order 2025-03-01 – 2025-09-01',
    });
    expect(newcomersOrChurnersFilter(['newcomers', 'churners'], [{ group: 'newcomers', from: DEC, to: MAR }, { group: 'churners', from: MAR, to: SEP }])).toBeNull();
  });
});
