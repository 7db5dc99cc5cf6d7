// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { isIn, MissingInputError, type Selection } from '@clvkit/core';
import type { EngineLike } from '../../src/engine-like.js';
import { isoDay, SegmentMovement } from '../../src/widgets/SegmentMovement.js';
import { movementLevel, movementMatrix } from '../../src/widgets/rfm/movement-matrix.js';
import { mountChart } from '../chart-helpers.js';
import { interact, settle } from '../helpers.js';
import { MOVEMENT, SEGMENTS } from './fixtures.js';

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <SegmentMovement engine={engine} selection={selection} source="mv" locale="en-US" from="2024-03-01" to="2024-06-01" {...extra} />;
}
const cell = (container: HTMLElement, from: string, to: string) => container.querySelector(`td[data-from="${from}"][data-to="${to}"]`)!;
async function setDate(input: HTMLInputElement, value: string) {
  await interact(() => {
    input.value = value;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

describe('movement matrix', () => {
  const matrix = movementMatrix(MOVEMENT.rows, SEGMENTS);

  test('rows: New first, then segments in map order; columns in map order; empty segments left out', () => {
    expect(matrix.from).toEqual(['New', 'Champions', 'Loyal Customers', 'Potential Loyalists', 'At Risk', 'Hibernating', 'Lost']);
    expect(matrix.to).toEqual(['Champions', 'Loyal Customers', 'New Customers', 'Promising', 'At Risk', 'Hibernating', 'Lost']);
  });

  test('counts and totals', () => {
    // Loyal Customers at the second date: 20 from Champions + 140 stayed + 18 from Potential Loyalists = 178.
    expect(matrix.columnTotals[1]).toBe(178);
    // Lost: 55 from Hibernating + 65 stayed.
    expect(matrix.columnTotals[6]).toBe(120);
    // At Risk at the first date: 40 to Hibernating + 70 stayed.
    expect(matrix.rowTotals[4]).toBe(110);
    // 60 + 12 + 95 + 20 + 140 + 25 + 18 + 40 + 70 + 55 + 65.
    expect(matrix.total).toBe(600);
    expect(matrix.max).toBe(140);
    expect(matrix.counts[1]).toEqual([95, 20, 0, 0, 0, 0, 0]);
  });

  test('repeated pairs add up; showEmpty lists every segment', () => {
    const twice = movementMatrix([...MOVEMENT.rows, { from: 'Lost', to: 'Lost', customers: 5 }]);
    expect(twice.counts[twice.from.indexOf('Lost')][twice.to.indexOf('Lost')]).toBe(70);
    const full = movementMatrix(MOVEMENT.rows, SEGMENTS, true);
    expect(full.from).toEqual(['New', ...SEGMENTS]);
    expect(full.to).toEqual(SEGMENTS);
  });

  test('shading levels: quarters of the largest cell, rounded up', () => {
    // 140 is the largest: 35 -> 1 (a quarter), 36 -> 2, 140 -> 4, 0 -> 0.
    expect([movementLevel(35, 140), movementLevel(36, 140), movementLevel(140, 140), movementLevel(0, 140), movementLevel(1, 0)]).toEqual([1, 2, 4, 0, 0]);
  });

  test('dates: the day of an instant in a zone', () => {
    // 2024-06-30 23:30 UTC is already July 1st in Tokyo.
    expect(isoDay(Date.UTC(2024, 5, 30, 23, 30), 'UTC')).toBe('2024-06-30');
    expect(isoDay(Date.UTC(2024, 5, 30, 23, 30), 'Asia/Tokyo')).toBe('2024-07-01');
  });
});

describe('SegmentMovement', () => {
  test('a table with caption, column and row headers, totals and shaded cells', async () => {
    const { engine, container } = await mountChart(render(), MOVEMENT);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'segment_movement', params: { from: '2024-03-01', to: '2024-06-01' } });
    const table = container.querySelector('table.clv-movement')!;
    expect(table.querySelector('caption')!.textContent).toBe('Customers by segment on 2024-03-01 (rows) and on 2024-06-01 (columns)');
    expect([...table.querySelectorAll('thead th[scope="col"]')].map((th) => th.textContent)).toEqual([
      'From \\ To', 'Champions', 'Loyal Customers', 'New Customers', 'Promising', 'At Risk', 'Hibernating', 'Lost', 'Total',
    ]);
    expect([...table.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent)).toEqual(['New', 'Champions', 'Loyal Customers', 'Potential Loyalists', 'At Risk', 'Hibernating', 'Lost']);
    expect(cell(container, 'Loyal Customers', 'Loyal Customers').textContent).toBe('140');
    expect(cell(container, 'Loyal Customers', 'Loyal Customers').getAttribute('class')).toContain('clv-movement-level-4');
    expect(cell(container, 'Loyal Customers', 'Loyal Customers').getAttribute('class')).toContain('clv-movement-stay');
    expect(cell(container, 'New', 'Promising').getAttribute('class')).toContain('clv-movement-level-1');
    expect(cell(container, 'New', 'Champions').textContent).toBe('0');
    expect([...table.querySelectorAll('tfoot td')].map((td) => td.textContent)).toEqual(['95', '178', '60', '12', '95', '40', '120', '600']);
    // Segment swatches carry the shared segment colours.
    expect(table.querySelector('thead th:nth-child(2) .clv-swatch')!.getAttribute('class')).toContain('clv-seg-champions');
  });

  test('the date inputs re-run the analysis; a reversed range is refused with a message', async () => {
    const { engine, container } = await mountChart(render(), MOVEMENT);
    const [from, to] = [...container.querySelectorAll('.clv-movement-dates input')] as HTMLInputElement[];
    expect([from.value, to.value]).toEqual(['2024-03-01', '2024-06-01']);
    expect(from.closest('label')!.textContent).toBe('From');
    await setDate(to, '2024-05-01');
    expect(engine.calls[engine.calls.length - 1].spec).toEqual({ kind: 'analysis', name: 'segment_movement', params: { from: '2024-03-01', to: '2024-05-01' } });
    const calls = engine.calls.length;
    // The same day twice is refused too: the analysis needs from < to.
    await setDate(from, '2024-05-01');
    expect(container.querySelector('.clv-movement-dates [role="alert"]')).not.toBeNull();
    await setDate(from, '2024-05-15');
    expect(container.querySelector('.clv-movement-dates [role="alert"]')!.textContent).toBe('The first date must be before the second.');
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(engine.calls.length).toBe(calls);
    await setDate(from, '2024-04-15');
    expect(container.querySelector('.clv-movement-dates [role="alert"]')).toBeNull();
    expect(engine.calls[engine.calls.length - 1].spec).toMatchObject({ params: { from: '2024-04-15', to: '2024-05-01' } });
  });

  test('without dates the analysis picks them; the inputs show its days in the engine\'s zone', async () => {
    const { engine, container } = await mountChart(
      (engine, selection) => (
        <SegmentMovement engine={Object.assign(engine, { ready: async () => ({ time: { timeZone: 'Asia/Tokyo', weekStart: 1 } }) })} selection={selection} source="mv" />
      ),
      MOVEMENT,
    );
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'segment_movement' });
    // meta: 2024-03-01 00:00 UTC (09:00 in Tokyo) and 2024-06-01 18:30 UTC (03:30 on June 2nd in Tokyo).
    expect(([...container.querySelectorAll('.clv-movement-dates input')] as HTMLInputElement[]).map((i) => i.value)).toEqual(['2024-03-01', '2024-06-02']);
    expect(container.querySelector('caption')!.textContent).toBe('Customers by segment on 2024-03-01 (rows) and on 2024-06-02 (columns)');
    // Choosing only the first date leaves the second to the analysis.
    await setDate(container.querySelector('.clv-movement-dates input') as HTMLInputElement, '2024-04-01');
    expect(engine.calls[engine.calls.length - 1].spec).toEqual({ kind: 'analysis', name: 'segment_movement', params: { from: '2024-04-01' } });
  });

  test('segment names render as text', async () => {
    const markup = '<img src=x onerror="window.__mv = 1">';
    const { container } = await mountChart(render(), { rows: [{ from: markup, to: markup, customers: 3 }] });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[style]')).toBeNull();
    expect(container.querySelector('tbody th')!.textContent).toBe(markup);
  });

  // The table publishes no clause, so the shared state tests' last check does not apply; the others are spelt out.
  test('loading, empty, error with Retry, missing input', async () => {
    const loading = await mountChart(render(), () => 'pending');
    expect(loading.container.querySelector('.clv-loading[aria-busy="true"] .clv-skeleton')).not.toBeNull();
    const empty = await mountChart(render(), { rows: [] });
    expect(empty.container.querySelector('.clv-empty-title')!.textContent).toBe('No customers in the data');
    let fail = true;
    const failing = await mountChart(render(), () => {
      if (fail) throw new Error('worker crashed');
      return MOVEMENT;
    });
    expect(failing.container.querySelector('.clv-error .clv-error-detail')!.textContent).toBe('worker crashed');
    fail = false;
    await interact(() => (failing.container.querySelector('.clv-retry') as HTMLButtonElement).click());
    await settle();
    expect(failing.container.querySelector('table.clv-movement')).not.toBeNull();
    const missing = await mountChart(render(), () => {
      throw new MissingInputError('segment_movement', 'orders', 'import sessions with orders');
    });
    expect(missing.container.querySelector('.clv-empty-title')!.textContent).toBe('Needs orders');
  });

  test('other widgets\' clauses filter it', async () => {
    const { engine, selection } = await mountChart(render(), MOVEMENT);
    const segment = isIn('customers.gender', ['f']);
    await interact(() => selection.update({ source: 'elsewhere', predicate: segment }));
    await settle();
    expect(engine.calls[engine.calls.length - 1].filter).toEqual({ mode: 'and', predicates: [segment] });
  });
});
