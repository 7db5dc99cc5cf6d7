// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { allOf, interval, isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../src/engine-like.js';
import { CohortHeatmap, type HeatmapCell } from '../src/index.js';
import { mountChart, stateTests } from './chart-helpers.js';
import { click, interact, key, settle } from './helpers.js';

const JAN = Date.UTC(2024, 0, 1);
const FEB = Date.UTC(2024, 1, 1);
const MAR = Date.UTC(2024, 2, 1);
const DAY = 86_400_000;
// retention_cohorts, monthly: January cohort of 10 customers, February of 5; February has no offset 2 yet.
const RETENTION = [
  { cohort: '2024-01-01', offset: 0, customers: 10, cohortSize: 10, retention: 1 },
  { cohort: '2024-01-01', offset: 1, customers: 4, cohortSize: 10, retention: 0.4 },
  { cohort: '2024-01-01', offset: 2, customers: 2, cohortSize: 10, retention: 0.2 },
  { cohort: '2024-02-01', offset: 0, customers: 5, cohortSize: 5, retention: 1 },
  { cohort: '2024-02-01', offset: 1, customers: 1, cohortSize: 5, retention: 0.2 },
];
const META = { bucket: 'month', cohorts: ['2024-01-01', '2024-02-01'], offsets: [0, 1, 2], cohortSizes: [10, 5] };

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <CohortHeatmap engine={engine} selection={selection} source="cohorts" width={400} locale="en-US" timeZone="UTC" {...extra} />;
}
const cell = (container: HTMLElement, row: string, column: string) => container.querySelector(`.clv-heat-cell[data-row="${row}"][data-column="${column}"]`) as SVGGElement;
const texts = (container: HTMLElement) => [...container.querySelectorAll('.clv-heat-cell text')].map((t) => t.textContent);

describe('CohortHeatmap', () => {
  test('default query: monthly retention cohorts; the switch sets the bucket param', async () => {
    const { engine, container } = await mountChart(render(), { rows: RETENTION, meta: META });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'retention_cohorts', params: { bucket: 'month' } });
    const bucketSwitch = container.querySelector('.clv-segmented[aria-label="Time bucket"]')!;
    expect([...bucketSwitch.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Week', 'Month']);
    await interact(() => click(bucketSwitch.querySelector('button')!));
    await settle();
    expect(engine.last().spec).toEqual({ kind: 'analysis', name: 'retention_cohorts', params: { bucket: 'week' } });
  });

  test('rows = cohorts with their size, columns = offsets, percent by default, counts on the switch', async () => {
    const { container } = await mountChart(render(), { rows: RETENTION, meta: META });
    expect([...container.querySelectorAll('.clv-heat-row-label')].map((t) => t.textContent)).toEqual(['Jan 2024', 'Feb 2024']);
    expect([...container.querySelectorAll('.clv-heat-size')].map((t) => t.textContent)).toEqual(['10', '5']);
    expect([...container.querySelectorAll('.clv-heat-columns text')].map((t) => t.textContent)).toEqual(['n', '0', '1', '2']);
    expect(container.querySelector('.clv-period')!.textContent).toBe('Months since the first order');
    // Percent view: retention; February's offset 2 is empty.
    expect(texts(container)).toEqual(['100%', '40%', '20%', '100%', '20%', '']);
    // Colour: 0.08 + 0.87 * sqrt(value / max), max = 1: 0.4 -> 0.08 + 0.87 * 0.63246 = 0.630; 0.2 -> 0.469.
    expect(cell(container, '2024-01-01', '1').querySelector('rect')!.getAttribute('fill-opacity')).toBe('0.63');
    expect(cell(container, '2024-01-01', '2').querySelector('rect')!.getAttribute('fill-opacity')).toBe('0.469');
    expect(cell(container, '2024-02-01', '2').getAttribute('aria-label')).toBe('Feb 2024, 2 months later: no data');
    expect(cell(container, '2024-02-01', '2').getAttribute('aria-disabled')).toBe('true');
    expect(cell(container, '2024-01-01', '1').getAttribute('aria-label')).toBe('Jan 2024, 1 month later: 4 customers, 40% of 10');
    const showSwitch = container.querySelector('.clv-segmented[aria-label="Show"]')!;
    await interact(() => click([...showSwitch.querySelectorAll('button')].find((b) => b.textContent === 'Customers')!));
    expect(texts(container)).toEqual(['10', '4', '2', '5', '1', '']);
    // Counts: max 10; 4 -> 0.08 + 0.87 * sqrt(0.4) = 0.630 again; 5 -> 0.08 + 0.87 * sqrt(0.5) = 0.695.
    expect(cell(container, '2024-02-01', '0').querySelector('rect')!.getAttribute('fill-opacity')).toBe('0.695');
  });

  test('a cell publishes its cohort in that month: allOf(first_order_at, session_start); again clears', async () => {
    const { container, selection } = await mountChart(render(), { rows: RETENTION, meta: META });
    await interact(() => click(cell(container, '2024-01-01', '1')));
    expect(selection.clauseOf('cohorts')).toEqual({
      source: 'cohorts',
      predicate: allOf([interval('first_order_at', JAN, FEB), interval('session_start', FEB, MAR)]),
      value: ['2024-01-01', 1],
      label: 'Cohort Jan 2024, 1 month later',
    });
    expect(cell(container, '2024-01-01', '1').getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelector('.clv-selection-bar')!.textContent).toContain('Cohort Jan 2024, 1 month later');
    await interact(() => click(cell(container, '2024-01-01', '1')));
    expect(selection.clauseOf('cohorts')).toBeUndefined();
    await interact(() => click(cell(container, '2024-02-01', '2')));
    expect(selection.clauseOf('cohorts')).toBeUndefined();
  });

  test('cohorts in another time zone start at local midnight', async () => {
    const { container, selection } = await mountChart(render({ timeZone: 'Europe/Berlin' }), { rows: RETENTION, meta: META });
    await interact(() => click(cell(container, '2024-02-01', '0')));
    // Berlin is UTC+1 in winter: Feb 1 00:00 local = Jan 31 23:00 UTC; Mar 1 local = Feb 29 23:00 UTC.
    const HOUR = 3_600_000;
    expect(selection.clauseOf('cohorts')?.predicate).toEqual(allOf([interval('first_order_at', FEB - HOUR, MAR - HOUR), interval('session_start', FEB - HOUR, MAR - HOUR)]));
  });

  test('cellFilter decides the clause, given row, column and cell', async () => {
    const seen: [unknown, unknown, HeatmapCell][] = [];
    const cellFilter = (row: unknown, column: unknown, c: HeatmapCell) => {
      seen.push([row, column, c]);
      return { predicate: allOf([isIn('dimension', ['web']), interval('first_order_at', 0, 1)]), label: 'Custom cell' };
    };
    const { container, selection } = await mountChart(render({ cellFilter }), { rows: RETENTION, meta: META });
    await interact(() => click(cell(container, '2024-01-01', '2')));
    expect(selection.clauseOf('cohorts')).toMatchObject({ predicate: allOf([isIn('dimension', ['web']), interval('first_order_at', 0, 1)]), label: 'Custom cell' });
    const [row, column, c] = seen.find(([r, k]) => r === '2024-01-01' && k === 2)!;
    expect([row, column, c.value, c.ratio, c.size]).toEqual(['2024-01-01', 2, 2, 0.2, 10]);
  });

  test('keyboard: one tab stop, arrows move across the grid, Enter toggles, Escape clears', async () => {
    const { container, selection } = await mountChart(render(), { rows: RETENTION, meta: META });
    const focusable = [...container.querySelectorAll('.clv-heat-cell')].filter((g) => g.getAttribute('tabindex') === '0');
    expect(focusable).toEqual([cell(container, '2024-01-01', '0')]);
    cell(container, '2024-01-01', '0').focus();
    await interact(() => key(cell(container, '2024-01-01', '0'), 'ArrowRight'));
    expect(document.activeElement).toBe(cell(container, '2024-01-01', '1'));
    await interact(() => key(cell(container, '2024-01-01', '1'), 'ArrowDown'));
    expect(document.activeElement).toBe(cell(container, '2024-02-01', '1'));
    await interact(() => key(cell(container, '2024-02-01', '1'), 'End'));
    expect(document.activeElement).toBe(cell(container, '2024-02-01', '2'));
    await interact(() => key(cell(container, '2024-02-01', '2'), 'ArrowLeft'));
    await interact(() => key(cell(container, '2024-02-01', '1'), 'Enter'));
    expect(selection.clauseOf('cohorts')?.value).toEqual(['2024-02-01', 1]);
    await interact(() => key(cell(container, '2024-02-01', '1'), ' '));
    expect(selection.clauseOf('cohorts')).toBeUndefined();
    await interact(() => key(cell(container, '2024-02-01', '1'), 'Enter'));
    await interact(() => key(cell(container, '2024-02-01', '1'), 'Escape'));
    expect(selection.clauseOf('cohorts')).toBeUndefined();
  });

  test('order-gap cohorts: sparse rows, share as the ratio, meta labels, the analyses\' cell clause, daily/weekly reports', async () => {
    const JAN3 = Date.UTC(2024, 0, 3);
    const rows = [
      { cohort: '2024-01-03', offset: 1, customers: 3, cohortSize: 8, share: 0.375 },
      { cohort: '2024-01-03', offset: 'later', customers: 1, cohortSize: 8, share: 0.125 },
    ];
    const meta = {
      unit: 'day', event: 'order 1', next: 'order 2', maxOffset: 15,
      offsets: [0, 1, 'later'], columnLabels: { '0': '0 days', '1': '1 day', later: '> 15 days' },
      cohorts: ['2024-01-03', '2024-01-04'], cohortSizes: [8, 2],
    };
    const { container, selection, engine } = await mountChart(render({ report: 'daily_cohort_from_1_to_2' }), { rows, meta });
    expect(container.querySelector('.clv-period')!.textContent).toBe('Days to order 2');
    expect([...container.querySelectorAll('.clv-heat-columns text')].map((t) => t.textContent)).toEqual(['n', '0 days', '1 day', '> 15 days']);
    // share: 3 / 8 = 37.5% -> "38%" (no decimals in cells); 1 / 8 = 12.5% -> "13%"; the empty row keeps its size from meta.
    expect(texts(container)).toEqual(['', '38%', '13%', '', '', '']);
    expect([...container.querySelectorAll('.clv-heat-size')].map((t) => t.textContent)).toEqual(['8', '2']);
    expect(cell(container, '2024-01-04', '0').getAttribute('aria-label')).toBe('Jan 4, 2024, 0 days: 0 customers');
    await interact(() => click(cell(container, '2024-01-03', 'later')));
    // Second orders whose previous (first) order was on Jan 3, placed from 15 + 1 = 16 days later on.
    expect(selection.clauseOf('cohorts')?.predicate).toEqual(
      allOf([isIn('order_number', [2]), interval('previous_order_at', JAN3, JAN3 + DAY), interval('session_start', JAN3 + 16 * DAY, Number.POSITIVE_INFINITY)]),
    );
    await interact(() => click(cell(container, '2024-01-03', '1')));
    expect(selection.clauseOf('cohorts')?.predicate).toEqual(
      allOf([isIn('order_number', [2]), interval('previous_order_at', JAN3, JAN3 + DAY), interval('session_start', JAN3 + DAY, JAN3 + 2 * DAY)]),
    );
    const buttons = [...container.querySelectorAll('.clv-segmented[aria-label="Time bucket"] button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Day', 'Week']);
    await interact(() => click(buttons[1]));
    await settle();
    expect(engine.last().spec).toEqual({ kind: 'analysis', name: 'weekly_cohort_from_1_to_2' });
  });

  test('download cohorts publish download day, first order and the cell day', async () => {
    const rows = [{ cohort: '2024-01-01', offset: 2, customers: 4, cohortSize: 9, share: 4 / 9 }];
    const meta = { unit: 'day', event: 'download', maxOffset: 15, offsets: [0, 1, 2], cohorts: ['2024-01-01'], cohortSizes: [9] };
    const { container, selection } = await mountChart(render({ report: 'daily_cohort_downloads' }), { rows, meta });
    await interact(() => click(cell(container, '2024-01-01', '2')));
    expect(selection.clauseOf('cohorts')?.predicate).toEqual(
      allOf([interval('customers.download_date', JAN, JAN + DAY), isIn('order_number', [1]), interval('session_start', JAN + 2 * DAY, JAN + 3 * DAY)]),
    );
  });

  stateTests('cohort-heatmap', render(), {
    emptyRows: [],
    emptyText: 'No customers in the data',
    source: 'cohorts',
    ready: { rows: RETENTION, meta: META },
    publish: (container) => interact(() => click(cell(container, '2024-01-01', '0'))),
  });
});
