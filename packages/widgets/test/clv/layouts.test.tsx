// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { isIn, Selection, type AnalysisSpec, type QuerySpec } from '@clvkit/core';
import { Dashboard } from '../../src/widgets/Dashboard.js';
import { ClvTabs } from '../../src/widgets/ClvTabs.js';
import { ClvPredictionLayout } from '../../src/presets/clv-prediction.js';
import { ClvSegmentsLayout } from '../../src/presets/clv-segments.js';
import { click, fakeEngine, interact, key, renderInto, settle } from '../helpers.js';
import { clvAnswer, D0, DAY } from './fixtures.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  document.body.replaceChildren();
});

/** What a spec asks for: the analysis name (with `by` for clv_by), or `aggregate:<group fields>`. */
function asked(spec: QuerySpec): string {
  if (spec.kind === 'aggregate') return `aggregate:${(spec.groupBy ?? []).map((g) => g.field).join('+')}`;
  return spec.name === 'clv_by' ? `clv_by:${String(spec.params?.by)}` : spec.name;
}

function widgetsOf(root: Element): string[] {
  return [...root.querySelectorAll('.clv-widget')].map((w) => [...w.classList].find((c) => c.startsWith('clv-') && !['clv-root', 'clv-widget', 'clv-wide'].includes(c))!.slice(4));
}

describe('ClvTabs', () => {
  const tabs = [
    { id: 'a', label: 'Alpha', render: () => <p class="content">alpha</p> },
    { id: 'b', label: 'Beta', render: () => <p class="content">beta</p> },
    { id: 'c', label: 'Gamma', render: () => <p class="content">gamma</p> },
  ];

  test('roles and relations of the WAI-ARIA tabs pattern; only the selected panel has content', () => {
    const r = renderInto(<ClvTabs label="Views" tabs={tabs} />);
    cleanup.push(r.unmount);
    const list = r.container.querySelector('[role="tablist"]')!;
    expect(list.getAttribute('aria-label')).toBe('Views');
    const tabEls = [...list.querySelectorAll('[role="tab"]')];
    expect(tabEls.map((t) => [t.textContent, t.getAttribute('aria-selected'), t.getAttribute('tabindex')])).toEqual([
      ['Alpha', 'true', '0'],
      ['Beta', 'false', '-1'],
      ['Gamma', 'false', '-1'],
    ]);
    const panels = [...r.container.querySelectorAll('[role="tabpanel"]')];
    expect(panels).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      expect(tabEls[i].getAttribute('aria-controls')).toBe(panels[i].id);
      expect(panels[i].getAttribute('aria-labelledby')).toBe(tabEls[i].id);
    }
    expect(panels.map((p) => p.hasAttribute('hidden'))).toEqual([false, true, true]);
    expect(r.container.querySelectorAll('.content')).toHaveLength(1);
    expect(r.container.querySelector('.content')!.textContent).toBe('alpha');
  });

  test('arrow keys move focus and selection (wrapping), Home and End go to the ends, a click selects', async () => {
    const changes: string[] = [];
    const r = renderInto(<ClvTabs label="Views" tabs={tabs} onChange={(id) => changes.push(id)} />);
    cleanup.push(r.unmount);
    const tab = (id: string) => r.container.querySelector(`[role="tab"][data-tab="${id}"]`) as HTMLButtonElement;
    const selected = () => r.container.querySelector('[role="tab"][aria-selected="true"]')!.getAttribute('data-tab');
    tab('a').focus();
    await interact(() => key(tab('a'), 'ArrowRight'));
    expect(selected()).toBe('b');
    expect(document.activeElement).toBe(tab('b'));
    expect(r.container.querySelector('.content')!.textContent).toBe('beta');
    await interact(() => key(tab('b'), 'End'));
    expect(selected()).toBe('c');
    await interact(() => key(tab('c'), 'ArrowRight'));
    expect(selected()).toBe('a');
    expect(document.activeElement).toBe(tab('a'));
    await interact(() => key(tab('a'), 'ArrowLeft'));
    expect(selected()).toBe('c');
    await interact(() => key(tab('c'), 'Home'));
    expect(selected()).toBe('a');
    await interact(() => click(tab('b')));
    expect(selected()).toBe('b');
    expect([tab('a').getAttribute('tabindex'), tab('b').getAttribute('tabindex')]).toEqual(['-1', '0']);
    expect(changes).toEqual(['b', 'c', 'a', 'c', 'a', 'b']);
  });

  test('a controlled tab follows its prop', () => {
    const r = renderInto(<ClvTabs label="Views" tabs={tabs} selected="c" />);
    cleanup.push(r.unmount);
    expect(r.container.querySelector('.content')!.textContent).toBe('gamma');
    r.rerender(<ClvTabs label="Views" tabs={tabs} selected="b" />);
    expect(r.container.querySelector('.content')!.textContent).toBe('beta');
  });
});

describe('ClvPredictionLayout (seed 001)', () => {
  async function open() {
    const engine = fakeEngine(clvAnswer);
    const selection = new Selection();
    const r = renderInto(
      <Dashboard engine={engine} selection={selection} locale="en-US">
        <ClvPredictionLayout />
      </Dashboard>,
    );
    cleanup.push(r.unmount);
    await settle();
    return { engine, selection, container: r.container };
  }

  test('its widgets in seed order and what they ask for', async () => {
    const { engine, container } = await open();
    expect(widgetsOf(container)).toEqual(['clv-timeline', 'clv-churners', 'clv-newcomers', 'clv-least-engaged', 'clv-top-customers', 'clv-rates']);
    const first = new Map<string, QuerySpec>();
    for (const call of engine.calls) if (call.source && !first.has(call.source)) first.set(call.source, call.spec);
    const specs = [...first.values()];
    expect(specs.map(asked)).toEqual(expect.arrayContaining(['daily_clv', 'newcomers_and_churners', 'client_feature_predicted', 'aggregate:session_start']));
    // Every model query uses the dashboard's six-month horizon.
    for (const spec of specs) if (spec.kind === 'analysis') expect(spec.params?.horizonDays).toBe(182);
    const tables = specs.filter((s): s is AnalysisSpec => s.kind === 'analysis' && s.name === 'client_feature_predicted').map((s) => s.params?.sort);
    expect(tables.sort()).toEqual(['-clv', 'pAlive']);
  });

  test('a day chosen on the timeline moves the churner, newcomer and rate panels to it', async () => {
    const { engine, container } = await open();
    const svg = container.querySelector('svg.clv-clv-timeline') as SVGSVGElement;
    svg.focus();
    // The cursor starts on the last day with orders (Jan 3), one left is Jan 2.
    await interact(() => key(svg, 'ArrowLeft'));
    await interact(() => key(svg, 'ArrowLeft'));
    await interact(() => key(svg, 'Enter'));
    await settle();
    const dates = engine.calls.filter((c) => c.spec.kind === 'analysis' && c.spec.name === 'newcomers_and_churners').map((c) => [c.source, (c.spec as AnalysisSpec).params?.date]);
    const latest = new Map(dates as [string, unknown][]);
    expect([...latest.values()]).toEqual([D0 + DAY, D0 + DAY, D0 + DAY]);
    expect(container.querySelector('.clv-clv-churners .clv-period')!.textContent).toBe('As of Jan 2, 2024');
  });

  test('a row of the top table filters the timeline and the panels to that customer', async () => {
    const { engine, selection, container } = await open();
    const row = container.querySelector('.clv-clv-top-customers tr[data-key="c1"] .clv-row-select') as HTMLButtonElement;
    await interact(() => click(row));
    await settle();
    const timeline = engine.calls.filter((c) => c.spec.kind === 'analysis' && c.spec.name === 'daily_clv');
    expect(timeline[timeline.length - 1].filter).toEqual({ mode: 'and', predicates: [isIn('client', ['c1'])] });
    expect(selection.value.map((c) => c.label)).toEqual(['Customer: c1']);
    expect(container.querySelector('.clv-filter-bar')!.textContent).toContain('Customer: c1');
  });
});

describe('ClvSegmentsLayout (seed 002)', () => {
  async function open() {
    const engine = fakeEngine(() => 'pending');
    const selection = new Selection();
    const r = renderInto(
      <Dashboard engine={engine} selection={selection} locale="en-US">
        <ClvSegmentsLayout />
      </Dashboard>,
    );
    cleanup.push(r.unmount);
    await settle();
    return { engine, selection, container: r.container };
  }
  const asks = (engine: ReturnType<typeof fakeEngine>, from = 0) => engine.calls.slice(from).map((c) => asked(c.spec));

  test('three tabs; each tab shows its widgets and queries only them', async () => {
    const { engine, container } = await open();
    expect([...container.querySelectorAll('[role="tab"]')].map((t) => t.textContent)).toEqual(['Overview', 'CLV', 'CLV opportunity']);
    expect(widgetsOf(container)).toEqual(['kpi-cards', 'segment-treemap', 'clv-segment-split', 'histogram', 'location-breakdown', 'bars-rfm_segment', 'clv-top-customers']);
    expect(asks(engine)).toEqual(['kpis', 'segmentation', 'aggregate:rfm_segment+customers.gender', 'user_counts_per_order_seq', 'aggregate:customers.location', 'aggregate:rfm_segment', 'client_feature_predicted']);
    expect(engine.calls[engine.calls.length - 1].spec).toEqual({ kind: 'analysis', name: 'client_feature_predicted', params: { sort: '-clv', limit: 1000, horizonDays: 182 } });

    const tab = (name: string) => [...container.querySelectorAll('[role="tab"]')].find((t) => t.textContent === name) as HTMLButtonElement;
    let before = engine.calls.length;
    tab('Overview').focus();
    await interact(() => key(tab('Overview'), 'ArrowRight'));
    await settle();
    expect(tab('CLV').getAttribute('aria-selected')).toBe('true');
    expect(widgetsOf(container)).toEqual(['scatter', 'clv-bars', 'clv-bars', 'scatter', 'clv-top-customers']);
    expect(asks(engine, before)).toEqual(['aggregate:product+rfm_segment', 'clvsegments_amount', 'clv_by:location', 'aggregate:dimension+rfm_segment']);

    before = engine.calls.length;
    await interact(() => key(tab('CLV'), 'ArrowRight'));
    await settle();
    expect(widgetsOf(container)).toEqual(['clv-bars', 'clv-bars', 'clv-bars', 'clv-bars', 'clv-top-customers']);
    expect(asks(engine, before)).toEqual(['clv_by:product', 'clv_by:segment', 'clv_by:dimension', 'clv_by:location']);
    // The queries of the tab left behind were aborted with its widgets.
    expect(engine.calls.slice(0, before).filter((c) => c.spec.kind === 'analysis' && c.spec.name === 'clvsegments_amount').every((c) => c.signal?.aborted)).toBe(true);
  });

  test('a segment chosen on the treemap filters the customer list (its own query, re-asked)', async () => {
    const { engine, container } = await open();
    const list = () => engine.calls.filter((c) => c.spec.kind === 'analysis' && c.spec.name === 'client_feature_predicted');
    const before = list().length;
    // The treemap draws nothing until it has rows; answer its query by hand.
    const treemap = engine.calls.find((c) => c.spec.kind === 'analysis' && c.spec.name === 'segmentation')!;
    await interact(() =>
      treemap.resolve({ rows: [{ segment: 'Champions', customers: 10, share: 1, revenue: 500, revenueShare: 1, recency: 5, frequency: 4, monetary: 50 }], meta: { segments: ['Champions'] } }),
    );
    await settle();
    const tile = container.querySelector('.clv-segment-treemap [data-segment="Champions"]') as Element;
    await interact(() => click(tile));
    await settle();
    expect(list().length).toBe(before + 1);
    expect(list()[list().length - 1].filter).toEqual({ mode: 'and', predicates: [isIn('rfm_segment', ['Champions'])] });
  });

  test('a filter chosen on one tab stays on the others', async () => {
    const { engine, selection, container } = await open();
    await interact(() => selection.update({ source: 'elsewhere', predicate: isIn('rfm_segment', ['Champions']), label: 'Segment: Champions' }));
    await settle();
    const tab = (name: string) => [...container.querySelectorAll('[role="tab"]')].find((t) => t.textContent === name) as HTMLButtonElement;
    const before = engine.calls.length;
    await interact(() => click(tab('CLV opportunity')));
    await settle();
    const after = engine.calls.slice(before);
    expect(after.map((c) => asked(c.spec))).toEqual(['clv_by:product', 'clv_by:segment', 'clv_by:dimension', 'clv_by:location']);
    for (const call of after) expect(call.filter).toEqual({ mode: 'and', predicates: [isIn('rfm_segment', ['Champions'])] });
  });
});
