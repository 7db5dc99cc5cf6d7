// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { allOf, interval, isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../src/engine-like.js';
import { Funnel, type FunnelStep } from '../src/index.js';
import { mountChart, stateTests } from './chart-helpers.js';
import { click, interact, key, settle } from './helpers.js';

const JAN1 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
// Wide rows: one per day, a count column per step.
const WIDE = [
  { bucket: JAN1, sessions: 100, has_basket: 40, purchase: 10 },
  { bucket: JAN1 + DAY, sessions: 60, has_basket: 30, purchase: 20 },
];
const STEPS = [
  { key: 'sessions', label: 'Sessions' },
  { key: 'has_basket', label: 'Basket', field: 'has_basket' },
  { key: 'purchase', label: 'Purchase', field: 'has_purchased' },
];
// Totals over the two days: sessions 100 + 60 = 160, basket 40 + 30 = 70, purchase 10 + 20 = 30.
// Basket: 70 / 160 = 0.4375 of the previous (and of the first) -> "43.8%".
// Purchase: 30 / 70 = 0.42857 of the previous -> "42.9%"; 30 / 160 = 0.1875 overall -> "18.8%".

const step = (container: HTMLElement, key: string) => container.querySelector(`.clv-funnel-step[data-step="${key}"]`) as SVGGElement;

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <Funnel engine={engine} selection={selection} source="funnel" width={400} locale="en-US" timeZone="UTC" steps={STEPS} {...extra} />;
}

describe('Funnel', () => {
  test('default query: the seed funnel reports by bucket; the switch picks the report', async () => {
    const { engine, container } = await mountChart(render(), { rows: WIDE });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'daily_funnel' });
    const buttons = [...container.querySelectorAll('.clv-segmented button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Hour', 'Day', 'Week', 'Month']);
    expect(buttons[1].getAttribute('aria-pressed')).toBe('true');
    await interact(() => click(buttons[2]));
    await settle();
    expect(engine.last().spec).toEqual({ kind: 'analysis', name: 'weekly_funnel' });
  });

  test('a report with a bucket param: the switch sets the param', async () => {
    const { engine, container } = await mountChart(render({ report: 'session_funnel', params: { bucket: 'day' }, buckets: ['day', 'week'] }), { rows: WIDE });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'session_funnel', params: { bucket: 'day' } });
    await interact(() => click([...container.querySelectorAll('.clv-segmented button')].find((b) => b.textContent === 'Week')!));
    await settle();
    expect(engine.last().spec).toEqual({ kind: 'analysis', name: 'session_funnel', params: { bucket: 'week' } });
  });

  test('a spec without a bucket has no switch', async () => {
    const { container } = await mountChart(render({ report: 'customer_funnel' }), { rows: WIDE });
    expect(container.querySelector('.clv-segmented')).toBeNull();
  });

  test('steps summed over buckets with counts, step-to-step and overall conversion', async () => {
    const { container } = await mountChart(render(), { rows: WIDE });
    const texts = (k: string, cls: string) => step(container, k).querySelector(cls)!.textContent;
    expect(texts('sessions', '.clv-funnel-value')).toBe('160');
    expect(texts('has_basket', '.clv-funnel-value')).toBe('70 · 43.8% of previous');
    expect(texts('purchase', '.clv-funnel-value')).toBe('30 · 42.9% of previous');
    expect(texts('purchase', '.clv-funnel-overall')).toBe('18.8%');
    expect(step(container, 'purchase').getAttribute('aria-label')).toBe('Purchase: 30 sessions, 42.9% of the previous step, 18.8% of the first');
    // Bars: width 400 - 64 px percent column = 336 px for 160; basket 70 / 160 * 336 = 147.
    expect(step(container, 'has_basket').querySelector('.clv-bar-fill')!.getAttribute('width')).toBe('147');
    // Trend of overall conversion per day: 10 / 100 = 10% on Jan 1, 20 / 60 = 33.3% on Jan 2.
    expect(container.querySelector('.clv-funnel-trend')!.getAttribute('aria-label')).toBe(
      'Overall conversion per day: 10% (Jan 1, 2024) to 33.3% (Jan 2, 2024)',
    );
  });

  test('the analyses\' long rows: steps and fields from meta, counts summed per step, hourly rows by hour', async () => {
    // daily_funnel rows: one per day and step; meta.steps / meta.fields in step order.
    const rows = [
      { bucket: JAN1, step: 'session', stepIndex: 0, count: 50, conversionFromPrevious: 1, conversionFromFirst: 1 },
      { bucket: JAN1, step: 'has_basket', stepIndex: 1, count: 20, conversionFromPrevious: 0.4, conversionFromFirst: 0.4 },
      { bucket: JAN1 + DAY, step: 'session', stepIndex: 0, count: 30, conversionFromPrevious: 1, conversionFromFirst: 1 },
      { bucket: JAN1 + DAY, step: 'has_basket', stepIndex: 1, count: 5, conversionFromPrevious: 0.1667, conversionFromFirst: 0.1667 },
    ];
    const meta = { steps: ['session', 'has_basket'], fields: [null, 'has_basket'], unit: 'day' };
    const { container, selection } = await mountChart(
      (engine, selection) => <Funnel engine={engine} selection={selection} source="funnel" width={400} locale="en-US" timeZone="UTC" labels={{ session: 'Sessions' }} />,
      { rows, meta },
    );
    // session 50 + 30 = 80; has_basket 20 + 5 = 25 -> 25 / 80 = 31.25% -> "31.3%".
    expect([...container.querySelectorAll('.clv-funnel-label')].map((t) => t.textContent)).toEqual(['Sessions', 'has_basket']);
    expect(step(container, 'has_basket').querySelector('.clv-funnel-value')!.textContent).toBe('25 · 31.3% of previous');
    expect(step(container, 'session').getAttribute('aria-disabled')).toBe('true');
    await interact(() => click(step(container, 'has_basket')));
    expect(selection.clauseOf('funnel')?.predicate).toEqual(isIn('has_basket', [true]));

    // hourly_funnel: rows by `hour`, counts are means per day (fractional: shown with decimals).
    const hourly = [
      { hour: 9, step: 'session', count: 1.5 },
      { hour: 9, step: 'purchase', count: 0.25 },
      { hour: 10, step: 'session', count: 2 },
      { hour: 10, step: 'purchase', count: 1 },
    ];
    const h = await mountChart(
      (engine, selection) => <Funnel engine={engine} selection={selection} source="hourly" width={400} locale="en-US" report="hourly_funnel" />,
      { rows: hourly, meta: { steps: ['session', 'purchase'], fields: [null, 'has_purchased'] } },
    );
    // session 1.5 + 2 = 3.5; purchase 0.25 + 1 = 1.25 -> 1.25 / 3.5 = 35.7%. Trend: hour 9: 0.25 / 1.5 = 16.7%, hour 10: 1 / 2 = 50%.
    expect(step(h.container, 'purchase').querySelector('.clv-funnel-value')!.textContent).toBe('1.25 · 35.7% of previous');
    expect(h.container.querySelector('.clv-funnel-trend')!.getAttribute('aria-label')).toBe('Overall conversion per hour: 16.7% (9) to 50% (10)');
  });

  test('customer funnel steps filter on their customers date within the period; the family switch keeps "_downloads"', async () => {
    const period = [JAN1, JAN1 + 7 * DAY];
    const rows = [
      { bucket: JAN1, step: 'download', count: 40 },
      { bucket: JAN1, step: 'first_purchase', count: 10 },
    ];
    const { container, selection, engine } = await mountChart(
      (engine, selection) => <Funnel engine={engine} selection={selection} source="funnel" width={400} locale="en-US" report="weekly_funnel_downloads" />,
      { rows, meta: { steps: ['download', 'first_purchase'], fields: ['customers.download_date', null], period } },
    );
    expect(container.querySelector('.clv-segmented button[aria-pressed="true"]')!.textContent).toBe('Week');
    await interact(() => click(step(container, 'download')));
    expect(selection.clauseOf('funnel')?.predicate).toEqual(interval('customers.download_date', JAN1, JAN1 + 7 * DAY));
    expect(step(container, 'first_purchase').getAttribute('aria-disabled')).toBe('true');
    await interact(() => click([...container.querySelectorAll('.clv-segmented button')].find((b) => b.textContent === 'Month')!));
    await settle();
    expect(engine.last().spec).toEqual({ kind: 'analysis', name: 'monthly_funnel_downloads' });
  });

  test('a click publishes the sessions that reached the step; again clears; a step without a field is inert', async () => {
    const { container, selection } = await mountChart(render(), { rows: WIDE });
    await interact(() => click(step(container, 'has_basket')));
    expect(selection.clauseOf('funnel')).toEqual({ source: 'funnel', predicate: isIn('has_basket', [true]), value: 'has_basket', label: 'Funnel: reached Basket' });
    expect(step(container, 'has_basket').getAttribute('aria-pressed')).toBe('true');
    expect(step(container, 'sessions').classList.contains('clv-dimmed')).toBe(true);
    expect(container.querySelector('.clv-selection-bar')!.textContent).toContain('Funnel: reached Basket');
    await interact(() => click(step(container, 'purchase')));
    expect(selection.clauseOf('funnel')?.predicate).toEqual(isIn('has_purchased', [true]));
    await interact(() => click(step(container, 'purchase')));
    expect(selection.clauseOf('funnel')).toBeUndefined();
    expect(step(container, 'sessions').getAttribute('aria-disabled')).toBe('true');
    await interact(() => click(step(container, 'sessions')));
    expect(selection.clauseOf('funnel')).toBeUndefined();
  });

  test('stepFilters (declarative) and stepFilter (callback) decide the clause', async () => {
    const declared = await mountChart(render({ stepFilters: { sessions: { field: 'session_start', range: [0, 10] } } }), { rows: WIDE });
    await interact(() => click(step(declared.container, 'sessions')));
    expect(declared.selection.clauseOf('funnel')?.predicate).toEqual(interval('session_start', 0, 10));

    const seen: FunnelStep[] = [];
    const callback = (s: FunnelStep) => {
      seen.push(s);
      return s.key === 'purchase' ? { predicate: allOf([isIn('has_basket', [true]), isIn('has_purchased', [true])]), label: 'Bought after a basket' } : null;
    };
    const custom = await mountChart(render({ stepFilter: callback }), { rows: WIDE });
    await interact(() => click(step(custom.container, 'purchase')));
    expect(custom.selection.clauseOf('funnel')).toMatchObject({ predicate: allOf([isIn('has_basket', [true]), isIn('has_purchased', [true])]), label: 'Bought after a basket' });
    expect(seen.find((s) => s.key === 'purchase')).toMatchObject({ index: 2, value: 30, overall: 0.1875, field: 'has_purchased' });
    expect(step(custom.container, 'has_basket').getAttribute('aria-disabled')).toBe('true');
  });

  test('keyboard: one tab stop, arrows move, Enter toggles, Escape clears', async () => {
    const { container, selection } = await mountChart(render(), { rows: WIDE });
    const tabStops = [...container.querySelectorAll('.clv-funnel-step')].map((g) => g.getAttribute('tabindex'));
    expect(tabStops).toEqual(['0', '-1', '-1']);
    step(container, 'sessions').focus();
    await interact(() => key(step(container, 'sessions'), 'ArrowDown'));
    expect(document.activeElement).toBe(step(container, 'has_basket'));
    expect(step(container, 'has_basket').getAttribute('tabindex')).toBe('0');
    await interact(() => key(step(container, 'has_basket'), 'End'));
    expect(document.activeElement).toBe(step(container, 'purchase'));
    await interact(() => key(step(container, 'purchase'), 'Enter'));
    expect(selection.clauseOf('funnel')?.predicate).toEqual(isIn('has_purchased', [true]));
    await interact(() => key(step(container, 'purchase'), 'Escape'));
    expect(selection.clauseOf('funnel')).toBeUndefined();
  });

  test('vertical orientation draws columns with the same numbers', async () => {
    const { container } = await mountChart(render({ orientation: 'vertical', height: 200 }), { rows: WIDE });
    expect(container.querySelector('svg.clv-funnel')!.getAttribute('height')).toBe('200');
    expect(step(container, 'purchase').querySelector('.clv-funnel-conversion')!.textContent).toBe('→ 42.9%');
  });

  stateTests('funnel', render(), {
    emptyRows: [{ bucket: JAN1, sessions: 0, has_basket: 0, purchase: 0 }],
    emptyText: 'No sessions in the data',
    source: 'funnel',
    ready: { rows: WIDE },
    publish: (container) => interact(() => click(step(container, 'has_basket'))),
  });
});

