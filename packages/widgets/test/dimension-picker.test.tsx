// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { isIn, Selection } from '@clvkit/core';
import { DimensionPicker } from '../src/index.js';
import { click, fakeEngine, interact, key, renderInto, settle } from './helpers.js';

const ROWS = [
  { dimension: 'North', orders: 1200 },
  { dimension: 'South', orders: 800 },
  { dimension: 'Online', orders: 50 },
];

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});
async function setup(props: Record<string, unknown> = {}, rows: unknown[] = ROWS) {
  const engine = fakeEngine(() => ({ rows: rows as Record<string, unknown>[] }));
  const selection = new Selection();
  const r = renderInto(<DimensionPicker engine={engine} selection={selection} source="dims" locale="en-US" {...props} />);
  cleanup.push(r.unmount);
  await settle();
  const chip = (value: string) => r.container.querySelector(`.clv-chip[data-value="${value}"]`)!;
  const all = () => r.container.querySelector('.clv-chip:not([data-value])')!;
  return { engine, selection, container: r.container, chip, all };
}
const values = (selection: Selection) => {
  const p = selection.clauseOf('dims')?.predicate;
  return p && p.type === 'in' ? p.values : null;
};

describe('DimensionPicker', () => {
  test('queries order counts per dimension value, most orders first', async () => {
    const { engine } = await setup();
    expect(engine.calls[0].spec).toEqual({
      kind: 'aggregate',
      groupBy: [{ field: 'dimension' }],
      measures: ['orders'],
      orderBy: { measure: 'orders', order: 'desc' },
      limit: 50,
    });
  });

  test('chips show values with counts; "All" counts their sum', async () => {
    const { chip, all } = await setup();
    expect(chip('North').textContent).toBe('North1,200');
    expect(chip('North').getAttribute('aria-label')).toBe('North, 1,200 orders');
    // 1200 + 800 + 50 = 2050.
    expect(all().textContent).toBe('All2,050');
    expect(all().getAttribute('aria-pressed')).toBe('true');
  });

  test('chips toggle values in and out of isIn(dimension, values); All clears', async () => {
    const { selection, chip, all } = await setup();
    await interact(() => click(chip('North')));
    expect(selection.clauseOf('dims')).toEqual({ source: 'dims', predicate: isIn('dimension', ['North']), value: ['North'], label: 'Dimension: North' });
    await interact(() => click(chip('Online')));
    expect(values(selection)).toEqual(['North', 'Online']);
    expect(chip('North').getAttribute('aria-pressed')).toBe('true');
    expect(all().getAttribute('aria-pressed')).toBe('false');
    await interact(() => click(chip('North')));
    expect(values(selection)).toEqual(['Online']);
    await interact(() => click(all()));
    expect(selection.clauseOf('dims')).toBeUndefined();
  });

  test('Escape clears', async () => {
    const { selection, chip } = await setup();
    await interact(() => click(chip('South')));
    await interact(() => key(chip('South'), 'Escape'));
    expect(selection.clauseOf('dims')).toBeUndefined();
  });

  test('select mode: one value or All', async () => {
    const { selection, container } = await setup({ mode: 'select', fieldLabel: 'Store', field: 'store' }, ROWS.map((r) => ({ store: r.dimension, orders: r.orders })));
    const select = container.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['All (2,050 orders)', 'North (1,200)', 'South (800)', 'Online (50)']);
    await interact(() => {
      select.value = '1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(selection.clauseOf('dims')).toMatchObject({ predicate: isIn('store', ['South']), label: 'Store: South' });
    await interact(() => {
      select.value = '-1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(selection.clauseOf('dims')).toBeUndefined();
  });

  test('data without dimension values is an empty state', async () => {
    const { container } = await setup({}, [{ dimension: null, orders: 10 }]);
    expect(container.querySelector('.clv-empty')!.textContent).toBe('No dimension values in the data');
  });
});
