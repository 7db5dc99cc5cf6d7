// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { allOf, isIn, Selection, type Row } from '@clvkit/core';
import { barsOf, CLV_BY_METRICS, ClvBars, metricOf } from '../../src/widgets/ClvBars.js';
import { ClvSegmentSplit, segmentSplitSpec, splitBars } from '../../src/widgets/ClvSegmentSplit.js';
import { click, fakeEngine, interact, key, renderInto, settle } from '../helpers.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  document.body.replaceChildren();
});

/** `clv_by` rows by segment (map order): opportunity and expected revenue by hand. */
const BY_SEGMENT: Row[] = [
  { key: 'Champions', customers: 10, expectedRevenue: 5000, expectedOrders: 30, expectedUnits: 60, churnProbability: 0.1, recency: 12, frequency: 9, monetary: 800, opportunity: 0 },
  { key: 'At Risk', customers: 20, expectedRevenue: 3000, expectedOrders: 12, expectedUnits: 20, churnProbability: 0.6, recency: 200, frequency: 4, monetary: 400, opportunity: 2400 },
  { key: 'Lost', customers: 40, expectedRevenue: 400, expectedOrders: 2, expectedUnits: 3, churnProbability: 0.9, recency: 500, frequency: 1, monetary: 90, opportunity: 400 },
];

async function mount(vnode: (engine: ReturnType<typeof fakeEngine>, selection: Selection) => preact.ComponentChild, rows: Row[]) {
  const engine = fakeEngine(() => ({ rows }));
  const selection = new Selection();
  const r = renderInto(vnode(engine, selection));
  cleanup.push(r.unmount);
  await settle();
  return { engine, selection, container: r.container };
}

const bar = (root: Element, value: string) => root.querySelector(`.clv-bar[data-value="${value}"]`) as SVGGElement;

describe('ClvBars', () => {
  test('revenue opportunity by segment by default, largest first; a bar filters its segment', async () => {
    const { engine, selection, container } = await mount((engine, selection) => <ClvBars engine={engine} selection={selection} source="bars" width={400} locale="en-US" />, BY_SEGMENT);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'clv_by', params: { by: 'segment' } });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Revenue opportunity by segment');
    // 2400 > 400 > 0.
    expect([...container.querySelectorAll('.clv-bar')].map((b) => b.getAttribute('aria-label'))).toEqual(['At Risk: $2,400', 'Lost: $400.00', 'Champions: $0.00']);
    await interact(() => click(bar(container, 'At Risk')));
    expect(selection.clauseOf('bars')).toEqual({ source: 'bars', predicate: isIn('rfm_segment', ['At Risk']), value: ['At Risk'], label: 'Segment: At Risk' });
    await interact(() => click(bar(container, 'Lost'), { shiftKey: true }));
    expect(selection.clauseOf('bars')?.predicate).toEqual(isIn('rfm_segment', ['At Risk', 'Lost']));
    expect(bar(container, 'Champions').classList.contains('clv-dimmed')).toBe(true);
  });

  test('the measure switch re-ranks; data order keeps the map order', async () => {
    const { container } = await mount(
      (engine, selection) => <ClvBars engine={engine} selection={selection} source="bars" order="data" metrics={[CLV_BY_METRICS.churnProbability, CLV_BY_METRICS.monetary]} width={400} locale="en-US" />,
      BY_SEGMENT,
    );
    expect([...container.querySelectorAll('.clv-bar')].map((b) => b.getAttribute('aria-label'))).toEqual(['Champions: 10%', 'At Risk: 60%', 'Lost: 90%']);
    await interact(() => click([...container.querySelectorAll('.clv-segmented button')].find((b) => b.textContent === 'Purchase capacity')!));
    expect(container.querySelector('.clv-title')!.textContent).toBe('Purchase capacity by segment');
    expect([...container.querySelectorAll('.clv-bar')].map((b) => b.getAttribute('aria-label'))).toEqual(['Champions: $800.00', 'At Risk: $400.00', 'Lost: $90.00']);
  });

  test('location, retailer and product bars filter their own fields', async () => {
    const rows: Row[] = [{ key: 'Berlin', customers: 4, expectedRevenue: 100, opportunity: 60 }];
    for (const [by, field, label] of [
      ['location', 'customers.location', 'Location: Berlin'],
      ['dimension', 'dimension', 'Retailer: Berlin'],
      ['product', 'product', 'Product: Berlin'],
    ] as const) {
      const { engine, selection, container } = await mount((engine, selection) => <ClvBars engine={engine} selection={selection} source={by} by={by} width={400} />, rows);
      expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'clv_by', params: { by } });
      await interact(() => click(bar(container, 'Berlin')));
      expect(selection.clauseOf(by)).toMatchObject({ predicate: isIn(field, ['Berlin']), label });
    }
  });

  test('metrics by name, as attributes carry them: clv_by names keep their labels, others are humanised', async () => {
    expect(metricOf('monetary')).toEqual(CLV_BY_METRICS.monetary);
    expect(metricOf('basketShare')).toEqual({ key: 'basketShare', label: 'Basket share', kind: 'percent' });
    expect(metricOf('lifetimeValue')).toEqual({ key: 'lifetimeValue', label: 'Lifetime value', kind: 'money' });
    const { container } = await mount((engine, selection) => <ClvBars engine={engine} selection={selection} source="bars" metrics={['customers', 'opportunity']} width={400} />, BY_SEGMENT);
    expect([...container.querySelectorAll('.clv-segmented button')].map((b) => b.textContent)).toEqual(['Customers', 'Revenue opportunity']);
    // 40 > 20 > 10 customers.
    expect([...container.querySelectorAll('.clv-bar')].map((b) => b.getAttribute('data-value'))).toEqual(['Lost', 'At Risk', 'Champions']);
  });

  test('a per-customer measure: expected revenue / customers (100 / 4 = 25)', () => {
    const perCustomer = { key: 'avg', label: 'Per customer', kind: 'money' as const, value: (row: Row) => Number(row.expectedRevenue) / Number(row.customers) };
    expect(barsOf([{ key: 'Berlin', customers: 4, expectedRevenue: 100 }, { key: 'Paris', customers: 2, expectedRevenue: 70 }], undefined, perCustomer, 'desc', 10).map((b) => [b.key, b.value])).toEqual([
      ['Paris', 35],
      ['Berlin', 25],
    ]);
  });

  test('keyboard: arrows move between bars, Enter selects, Shift+Enter adds, Escape clears', async () => {
    const { selection, container } = await mount((engine, selection) => <ClvBars engine={engine} selection={selection} source="bars" width={400} />, BY_SEGMENT);
    bar(container, 'At Risk').focus();
    await interact(() => key(bar(container, 'At Risk'), 'ArrowDown'));
    expect(document.activeElement).toBe(bar(container, 'Lost'));
    await interact(() => key(bar(container, 'Lost'), 'Enter'));
    await interact(() => key(bar(container, 'Lost'), 'ArrowDown'));
    await interact(() => key(bar(container, 'Champions'), ' ', { shiftKey: true }));
    expect(selection.clauseOf('bars')?.predicate).toEqual(isIn('rfm_segment', ['Lost', 'Champions']));
    await interact(() => key(bar(container, 'Champions'), 'Escape'));
    expect(selection.clauseOf('bars')).toBeUndefined();
  });

  test('clvsegments_amount rows (keyed by segment): churn probability per segment', async () => {
    const rows: Row[] = [
      { segment: 'Champions', customers: 10, expectedRevenue: 5000, expectedOrders: 30, clv: 480, churnProbability: 0.05, share: 0.2 },
      { segment: 'Hibernating', customers: 40, expectedRevenue: 800, expectedOrders: 5, clv: 19, churnProbability: 0.7, share: 0.8 },
      // An empty segment has no churn probability: shown as a dash, not as 0 %.
      { segment: 'Lost', customers: 0, expectedRevenue: 0, expectedOrders: 0, clv: 0, churnProbability: null, share: 0 },
    ];
    const { engine, selection, container } = await mount(
      (engine, selection) => <ClvBars engine={engine} selection={selection} source="churn" report="clvsegments_amount" order="data" metrics={[CLV_BY_METRICS.churnProbability]} width={400} />,
      rows,
    );
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'clvsegments_amount' });
    expect([...container.querySelectorAll('.clv-bar')].map((b) => b.getAttribute('aria-label'))).toEqual(['Champions: 5%', 'Hibernating: 70%', 'Lost: —']);
    expect(bar(container, 'Lost').querySelector('.clv-bar-fill')!.getAttribute('width')).toBe('0');
    await interact(() => click(bar(container, 'Hibernating')));
    expect(selection.clauseOf('churn')?.predicate).toEqual(isIn('rfm_segment', ['Hibernating']));
  });
});

/**
 * Buyers by segment and gender, by hand: Champions 6 f + 2 m = 8; At Risk 3 f + 3 m + 2 unknown
 * = 8; Lost 1 m = 1. Gender totals: f 9, m 6, unknown 2 (last).
 */
const SPLIT: Row[] = [
  { rfm_segment: 'Champions', 'customers.gender': 'f', buyers: 6 },
  { rfm_segment: 'Champions', 'customers.gender': 'm', buyers: 2 },
  { rfm_segment: 'At Risk', 'customers.gender': 'm', buyers: 3 },
  { rfm_segment: 'At Risk', 'customers.gender': 'f', buyers: 3 },
  { rfm_segment: 'At Risk', 'customers.gender': null, buyers: 2 },
  { rfm_segment: 'Lost', 'customers.gender': 'm', buyers: 1 },
];

describe('ClvSegmentSplit', () => {
  test('bars and parts by hand', () => {
    const { bars, values } = splitBars(SPLIT, 'rfm_segment', 'customers.gender', 'buyers');
    expect(values).toEqual(['f', 'm', null]);
    expect(bars.map((b) => [b.key, b.total, b.parts])).toEqual([
      ['Champions', 8, [6, 2, 0]],
      ['At Risk', 8, [3, 3, 2]],
      ['Lost', 1, [0, 1, 0]],
    ]);
    expect(segmentSplitSpec('rfm_segment', 'customers.gender', 'buyers')).toEqual({
      kind: 'aggregate', table: 'sessions', groupBy: [{ field: 'rfm_segment' }, { field: 'customers.gender' }], measures: ['buyers'],
    });
  });

  test('a part filters segment and gender at once, a label the segment, a legend entry the gender', async () => {
    const { selection, container } = await mount(
      (engine, selection) => <ClvSegmentSplit engine={engine} selection={selection} source="split" labels={{ f: 'Women', m: 'Men' }} width={400} locale="en-US" />,
      SPLIT,
    );
    expect(container.querySelector('.clv-title')!.textContent).toBe('Gender split by segment');
    const part = (segment: string, gender: string) => container.querySelector(`[data-bar="${segment}"] .clv-split-part[data-part="${gender}"]`) as SVGGElement;
    // 6 / 8 = 75%.
    expect(part('Champions', 'f').getAttribute('aria-label')).toBe('Champions, Gender Women: 6 customers, 75%');
    await interact(() => click(part('Champions', 'f')));
    expect(selection.clauseOf('split')).toEqual({
      source: 'split',
      predicate: allOf([isIn('rfm_segment', ['Champions']), isIn('customers.gender', ['f'])]),
      value: { bar: 'Champions', part: 'f' },
      label: 'Segment: Champions · Gender: Women',
    });
    await interact(() => click(container.querySelector('[data-bar="At Risk"] .clv-split-label')!));
    expect(selection.clauseOf('split')).toMatchObject({ predicate: isIn('rfm_segment', ['At Risk']), label: 'Segment: At Risk' });
    await interact(() => click(container.querySelector('.clv-legend button[data-value="m"]')!));
    expect(selection.clauseOf('split')).toMatchObject({ predicate: isIn('customers.gender', ['m']), label: 'Gender: Men' });
    // Again: clears.
    await interact(() => click(container.querySelector('.clv-legend button[data-value="m"]')!));
    expect(selection.clauseOf('split')).toBeUndefined();
    // An empty part (Lost has no women) is not a filter.
    await interact(() => click(part('Lost', 'f')));
    expect(selection.clauseOf('split')).toBeUndefined();
  });

  test('keyboard: one tab stop, arrows move across the grid, Enter selects, Escape clears', async () => {
    const { selection, container } = await mount((engine, selection) => <ClvSegmentSplit engine={engine} selection={selection} source="split" width={400} />, SPLIT);
    const marks = [...container.querySelectorAll('[data-roving]')] as SVGGElement[];
    // 3 segments x (label + 3 genders) = 12 marks, one in the tab order.
    expect(marks).toHaveLength(12);
    expect(marks.filter((m) => m.getAttribute('tabindex') === '0')).toHaveLength(1);
    marks[0].focus();
    await interact(() => key(marks[0], 'ArrowRight'));
    expect(document.activeElement?.getAttribute('data-roving')).toBe('1');
    await interact(() => key(document.activeElement!, 'ArrowDown'));
    // Row 1, column 1: At Risk, women.
    expect(document.activeElement?.getAttribute('data-roving')).toBe('5');
    await interact(() => key(document.activeElement!, 'Enter'));
    expect(selection.clauseOf('split')?.predicate).toEqual(allOf([isIn('rfm_segment', ['At Risk']), isIn('customers.gender', ['f'])]));
    await interact(() => key(document.activeElement!, 'Escape'));
    expect(selection.clauseOf('split')).toBeUndefined();
  });
});

describe('text from data stays text', () => {
  test('keys with markup are not parsed in bars, split parts or legends', async () => {
    const evil = '<img src=x onerror="window.__pwned = 1">';
    const bars = await mount((engine, selection) => <ClvBars engine={engine} selection={selection} source="bars" width={400} />, [{ key: evil, customers: 1, opportunity: 5 }]);
    expect(bars.container.querySelector('img')).toBeNull();
    // The label is cut to its column; the full key is the bar's title and accessible name, as text.
    expect(bars.container.querySelector('.clv-bar title')!.textContent).toBe(evil);
    expect(bars.container.querySelector('.clv-bar')!.getAttribute('aria-label')).toBe(`${evil}: $5.00`);
    const split = await mount((engine, selection) => <ClvSegmentSplit engine={engine} selection={selection} source="split" width={400} />, [{ rfm_segment: evil, 'customers.gender': evil, buyers: 2 }]);
    expect(split.container.querySelector('img')).toBeNull();
    expect(split.container.querySelector('.clv-legend button span')!.textContent).toBe(evil);
  });
});
