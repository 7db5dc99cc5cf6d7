// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { allOf, isIn, Selection, type AnalysisSpec, type QueryResult, type QuerySpec } from '@clvkit/core';
import { defineElements, ELEMENT_TAGS, mount, mountCohortHeatmap, mountFunnel, WIDGETS, type WidgetElement } from '../src/index.js';
import { fakeEngine, interact, settle } from './helpers.js';

const JAN1 = Date.UTC(2024, 0, 1);
/** Canned answers by analysis name (aggregates: location rows). */
const ANSWERS: Record<string, QueryResult<unknown>> = {
  session_funnel: { rows: [{ bucket: JAN1, step: 'session', count: 10 }, { bucket: JAN1, step: 'purchase', count: 4 }], meta: { steps: ['session', 'purchase'], fields: [null, 'has_purchased'] } },
  retention_cohorts: { rows: [{ cohort: '2024-01-01', offset: 0, customers: 3, cohortSize: 3, retention: 1 }], meta: { cohorts: ['2024-01-01'], offsets: [0] } },
  purchase_amount_distribution: { rows: [{ x0: 0, x1: 10, customers: 2 }, { x0: 10, x1: 20, customers: 1 }] },
  demographics: { rows: [{ value: 'f', customers: 3 }, { value: 'm', customers: 1 }] },
  daily_organic_orders: { rows: [{ bucket: JAN1, organic: 3, promoted: 1 }, { bucket: JAN1 + 86_400_000, organic: 4, promoted: 2 }] },
  customer_journey: { rows: [{ k: 1, meanOrderValue: 20, meanHoursToNext: 48, customers: 5 }, { k: 2, meanOrderValue: 30, meanHoursToNext: null, customers: 2 }], meta: {} },
  customer_list: { rows: [{ client: 'c1', revenue: 10 }, { client: 'c2', revenue: 5 }], meta: { total: 2 } },
  most_combined_products: { rows: [{ productA: 'Socks', productB: 'Shoes', orders: 5 }] },
  bought_with: { rows: [{ product: 'Shoes', orders: 5 }] },
};
const respond = (spec: QuerySpec) => {
  if (spec.kind !== 'analysis') return { rows: [{ 'customers.location': 'Berlin', buyers: 2, orders: 3, revenue: 40 }] };
  const answer = ANSWERS[spec.name] ?? { rows: [] };
  // customer_list pages by offset and limit.
  const { offset, limit } = (spec.params ?? {}) as { offset?: number; limit?: number };
  return offset === undefined ? answer : { ...answer, rows: answer.rows.slice(offset, offset + (limit ?? 50)) };
};

beforeAll(() => defineElements());
afterEach(() => {
  document.body.replaceChildren();
});

/** Creates `<tag>` with attributes, gives it an engine and a selection, attaches it and lets it render. */
async function element(tag: string, attributes: Record<string, string> = {}) {
  const engine = fakeEngine(respond);
  const selection = new Selection();
  const el = document.createElement(tag) as WidgetElement & Record<string, unknown>;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  Object.assign(el, { engine, selection });
  await interact(() => document.body.append(el));
  await settle();
  return { el, engine, selection };
}

const CHART_TAGS = [
  'clv-funnel', 'clv-cohort-heatmap', 'clv-histogram', 'clv-donut', 'clv-line-chart', 'clv-journey',
  'clv-data-table', 'clv-customer-list', 'clv-pairs-table', 'clv-bought-with', 'clv-location-breakdown',
];

describe('chart elements', () => {
  test('defineElements registers every chart element, and the registry names them', () => {
    for (const tag of CHART_TAGS) expect(customElements.get(tag), tag).toBeDefined();
    expect(ELEMENT_TAGS).toEqual(expect.arrayContaining(CHART_TAGS));
    expect(Object.values(WIDGETS).map((w) => w.tag)).toEqual(expect.arrayContaining(CHART_TAGS));
  });

  test('<clv-funnel>: report, params and steps as attributes; an attribute change re-renders', async () => {
    const { el, engine } = await element('clv-funnel', { report: 'session_funnel', params: '{"bucket":"day"}', buckets: 'day,week', orientation: 'vertical', heading: 'Checkout', source: 'f' });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'session_funnel', params: { bucket: 'day' } });
    expect(engine.calls[0].source).toBe('f');
    expect(el.querySelector('.clv-title')!.textContent).toBe('Checkout');
    expect(el.querySelector('.clv-funnel-conversion')!.textContent).toBe('→ 40%');
    el.setAttribute('orientation', 'horizontal');
    await settle();
    expect(el.querySelector('.clv-funnel-conversion')).toBeNull();
    expect(el.querySelector('.clv-funnel-step[data-step="purchase"] .clv-funnel-value')!.textContent).toBe('4 · 40% of previous');
  });

  test('<clv-cohort-heatmap>: a cellFilter property (a function) decides the clause', async () => {
    const { el, selection } = await element('clv-cohort-heatmap', { mode: 'count', 'time-zone': 'UTC', source: 'h' });
    el.cellFilter = (row: string) => allOf([isIn('cohort_label', [row])]);
    await settle();
    expect(el.querySelector('.clv-heat-cell text')!.textContent).toBe('3');
    await interact(() => (el.querySelector('.clv-heat-cell') as SVGGElement).dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(selection.clauseOf('h')?.predicate).toEqual(allOf([isIn('cohort_label', ['2024-01-01'])]));
  });

  test('<clv-histogram>, <clv-donut>, <clv-line-chart>, <clv-journey>: kebab-case attributes reach the options', async () => {
    const histogram = await element('clv-histogram', { field: 'payment_amount', 'field-label': 'Payment', 'x-kind': 'count', width: '300' });
    expect(histogram.el.querySelector('.clv-bin')!.getAttribute('aria-label')).toBe('0 – 10: 2 customers');
    expect(histogram.el.querySelector('svg')!.getAttribute('width')).toBe('300');

    const donut = await element('clv-donut', { report: 'demographics', params: '{"by":"gender"}', field: 'customers.gender', labels: '{"f":"Women","m":"Men"}' });
    expect(donut.engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'demographics', params: { by: 'gender' } });
    expect([...donut.el.querySelectorAll('.clv-legend button > span:first-of-type')].map((s) => s.textContent)).toEqual(['Women', 'Men']);

    const lines = await element('clv-line-chart', { report: 'daily_organic_orders', hidden: 'promoted', 'time-zone': 'UTC', width: '300' });
    expect(lines.el.querySelector('.clv-legend-toggle[data-series="promoted"]')!.getAttribute('aria-pressed')).toBe('false');
    expect(lines.el.querySelector('.clv-series[data-series="promoted"]')).toBeNull();

    const journey = await element('clv-journey', { 'show-in': 'hours', width: '300' });
    expect(journey.el.querySelector('.clv-journey-gaps text')!.textContent).toBe('+48 h');
  });

  test('<clv-customer-list>: clv-segment-action leaves the element, bubbling', async () => {
    const details: unknown[] = [];
    document.addEventListener('clv-segment-action', (e) => details.push((e as CustomEvent).detail), { once: true });
    const { el } = await element('clv-customer-list', { 'page-size': '1', columns: '["client","revenue"]', source: 'list' });
    expect([...el.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Client', 'Revenue']);
    expect(el.querySelector('.clv-pager > span')!.textContent).toBe('1–1 of 2 customers');
    await interact(() => (el.querySelector('.clv-campaign') as HTMLButtonElement).click());
    await settle();
    expect(details).toEqual([{ clients: ['c1', 'c2'], source: 'list', filter: { mode: 'and', predicates: [] } }]);
  });

  test('<clv-pairs-table match="either">, <clv-bought-with anchor>, <clv-location-breakdown>', async () => {
    const pairs = await element('clv-pairs-table', { match: 'either', source: 'p' });
    await interact(() => (pairs.el.querySelector('.clv-row-select') as HTMLButtonElement).click());
    expect(pairs.selection.clauseOf('p')?.predicate).toEqual(isIn('product', ['Socks', 'Shoes']));

    const withIt = await element('clv-bought-with', { anchor: 'Socks' });
    expect((withIt.engine.calls[0].spec as AnalysisSpec).params).toEqual({ product: 'Socks' });

    const location = await element('clv-location-breakdown', { field: 'customers.region', metrics: 'orders', limit: '3' });
    expect(location.engine.calls[0].spec).toMatchObject({ groupBy: [{ field: 'customers.region' }], measures: ['orders'], orderBy: { measure: 'orders' }, limit: 3 });
  });
});

describe('mounting chart widgets', () => {
  test('mountFunnel: update merges options, destroy unmounts', async () => {
    const engine = fakeEngine(respond);
    const target = document.createElement('div');
    document.body.append(target);
    let handle!: ReturnType<typeof mountFunnel>;
    await interact(() => {
      handle = mountFunnel(target, { engine, selection: new Selection(), report: 'session_funnel', width: 300 });
    });
    await settle();
    expect(target.querySelectorAll('.clv-funnel-step')).toHaveLength(2);
    await interact(() => handle.update({ heading: 'Sessions to orders' }));
    expect(target.querySelector('.clv-title')!.textContent).toBe('Sessions to orders');
    await interact(() => handle.destroy());
    expect(target.innerHTML).toBe('');
  });

  test('generic mount by name, and mountCohortHeatmap', async () => {
    const engine = fakeEngine(respond);
    const a = document.createElement('div');
    const b = document.createElement('div');
    document.body.append(a, b);
    await interact(() => {
      mount(a, { widget: 'journey', engine, selection: new Selection(), width: 300 });
      mountCohortHeatmap(b, { engine, selection: new Selection(), width: 300 });
    });
    await settle();
    expect(a.querySelectorAll('.clv-journey-point')).toHaveLength(2);
    expect(b.querySelectorAll('.clv-heat-cell')).toHaveLength(1);
  });
});
