// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { interval, isIn, MissingInputError, Selection } from '@clvkit/core';
import { TopCategories, TopProducts } from '../src/index.js';
import { click, fakeEngine, interact, key, renderInto, settle } from './helpers.js';

const PRODUCTS = [
  { product: 'Trail running shoes with an unusually long product name', orders: 40, quantity: 55, lineRevenue: 4400 },
  { product: 'Socks', orders: 30, quantity: 90, lineRevenue: 450 },
  { product: 'Cap', orders: 10, quantity: 10, lineRevenue: 200 },
];

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});
async function setup(props: Record<string, unknown> = {}, rows: unknown[] = PRODUCTS) {
  const engine = fakeEngine(() => ({ rows: rows as Record<string, unknown>[] }));
  const selection = new Selection();
  const r = renderInto(<TopProducts engine={engine} selection={selection} source="products" width={500} locale="en-US" {...props} />);
  cleanup.push(r.unmount);
  await settle();
  const bar = (name: string) => r.container.querySelector(`.clv-bar[data-value="${name}"]`)!;
  return { engine, selection, container: r.container, bar };
}
const clauseValues = (selection: Selection) => {
  const p = selection.clauseOf('products')?.predicate;
  return p && p.type === 'in' ? p.values : null;
};

describe('TopProducts', () => {
  test('queries basket lines grouped by product, ranked by orders, 10 bars', async () => {
    const { engine } = await setup();
    expect(engine.calls[0].spec).toEqual({
      kind: 'aggregate',
      table: 'lines',
      groupBy: [{ field: 'product' }],
      measures: ['orders', 'quantity', 'lineRevenue'],
      orderBy: { measure: 'orders', order: 'desc' },
      limit: 10,
    });
  });

  test('bars: widths proportional to the metric, values formatted, long labels truncated with a title', async () => {
    const { container, bar } = await setup();
    // width 500: label column min(500 * 0.4, 200) = 200, bars start at 208, value column 72 -> bar area 220 px.
    // Socks 30 / max 40 * 220 = 165; Cap 10 / 40 * 220 = 55.
    expect(bar('Socks').querySelector('.clv-bar-fill')!.getAttribute('width')).toBe('165');
    expect(bar('Cap').querySelector('.clv-bar-fill')!.getAttribute('width')).toBe('55');
    expect(bar('Socks').querySelector('.clv-bar-value')!.textContent).toBe('30');
    const long = container.querySelector('.clv-bar')!;
    // 200 px / 7 px per char = 28 chars: 27 kept plus an ellipsis.
    expect(long.querySelector('.clv-bar-label')!.textContent).toBe('Trail running shoes with an…');
    expect(long.querySelector('title')!.textContent).toBe(PRODUCTS[0].product);
    expect(bar('Socks').querySelector('title')).toBeNull();
  });

  test('click publishes isIn(product, [value]); clicking the only selected bar again clears', async () => {
    const { selection, bar } = await setup();
    await interact(() => click(bar('Socks')));
    expect(selection.clauseOf('products')).toEqual({ source: 'products', predicate: isIn('product', ['Socks']), value: ['Socks'], label: 'Product: Socks' });
    await interact(() => click(bar('Cap')));
    expect(clauseValues(selection)).toEqual(['Cap']);
    await interact(() => click(bar('Cap')));
    expect(selection.clauseOf('products')).toBeUndefined();
  });

  test('shift-click adds and removes values', async () => {
    const { selection, bar } = await setup();
    await interact(() => click(bar('Socks')));
    await interact(() => click(bar('Cap'), { shiftKey: true }));
    expect(clauseValues(selection)).toEqual(['Socks', 'Cap']);
    await interact(() => click(bar('Socks'), { shiftKey: true }));
    expect(clauseValues(selection)).toEqual(['Cap']);
  });

  test('selected bars are highlighted, the others dimmed', async () => {
    const { bar } = await setup();
    await interact(() => click(bar('Socks')));
    expect(bar('Socks').getAttribute('aria-pressed')).toBe('true');
    expect(bar('Socks').classList.contains('clv-dimmed')).toBe(false);
    expect(bar('Cap').getAttribute('aria-pressed')).toBe('false');
    expect(bar('Cap').classList.contains('clv-dimmed')).toBe(true);
  });

  test('a clause set from outside (e.g. restored view) shows as highlighted', async () => {
    const { selection, bar } = await setup();
    await interact(() => selection.update({ source: 'products', predicate: isIn('product', ['Cap']) }));
    expect(bar('Cap').getAttribute('aria-pressed')).toBe('true');
  });

  test('keyboard: bars are focusable buttons, Enter/Space toggle, shift+Enter adds, Escape clears', async () => {
    const { selection, bar, container } = await setup();
    expect(bar('Socks').getAttribute('role')).toBe('button');
    expect(bar('Socks').getAttribute('tabindex')).toBe('0');
    await interact(() => key(bar('Socks'), 'Enter'));
    expect(clauseValues(selection)).toEqual(['Socks']);
    await interact(() => key(bar('Cap'), 'Enter', { shiftKey: true }));
    expect(clauseValues(selection)).toEqual(['Socks', 'Cap']);
    await interact(() => key(bar('Cap'), ' ', { shiftKey: true }));
    expect(clauseValues(selection)).toEqual(['Socks']);
    await interact(() => key(bar('Socks'), ' '));
    expect(selection.clauseOf('products')).toBeUndefined();
    await interact(() => key(bar('Cap'), 'Enter'));
    await interact(() => key(bar('Cap'), 'Escape'));
    expect(selection.clauseOf('products')).toBeUndefined();
    expect(container.querySelector('.clv-dimmed')).toBeNull();
  });

  test('arrow keys move focus between bars', async () => {
    const { bar } = await setup();
    (bar('Socks') as SVGGElement).focus();
    await interact(() => key(bar('Socks'), 'ArrowDown'));
    expect(document.activeElement).toBe(bar('Cap'));
  });

  test('the Clear button removes the clause', async () => {
    const { selection, bar, container } = await setup();
    await interact(() => click(bar('Socks')));
    await interact(() => click(container.querySelector('.clv-clear')!));
    expect(selection.clauseOf('products')).toBeUndefined();
  });

  test('its own clause is not in its own filter; another widget clause is', async () => {
    const { engine, selection, bar } = await setup();
    await interact(() => click(bar('Socks')));
    await settle();
    expect(engine.calls).toHaveLength(1);
    const period = interval('session_start', 0, 86_400_000);
    await interact(() => selection.update({ source: 'time', predicate: period }));
    await settle();
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[1].filter).toEqual({ mode: 'and', predicates: [period] });
  });

  test('metric switch ranks by quantity and formats revenue as money', async () => {
    const { engine, container } = await setup();
    const button = (label: string) => [...container.querySelectorAll('.clv-segmented button')].find((b) => b.textContent === label)!;
    await interact(() => click(button('Quantity')));
    await settle();
    expect(engine.last().spec).toMatchObject({ orderBy: { measure: 'quantity', order: 'desc' } });
    await interact(() => click(button('Revenue')));
    await settle();
    expect(engine.last().spec).toMatchObject({ orderBy: { measure: 'lineRevenue', order: 'desc' } });
    expect(container.querySelector('.clv-bar[data-value="Socks"] .clv-bar-value')!.textContent).toBe('$450.00');
  });

  test('limit option', async () => {
    const { engine } = await setup({ limit: 3 });
    expect(engine.calls[0].spec).toMatchObject({ limit: 3 });
  });

  test('empty result says why; missing basket lines says which input is missing', async () => {
    const { container } = await setup({}, []);
    expect(container.querySelector('.clv-empty')!.textContent).toBe('No products in the data');

    const engine = fakeEngine(() => {
      throw new MissingInputError('aggregate', 'basket lines', 'pass a lines table to the engine');
    });
    const r = renderInto(<TopProducts engine={engine} selection={new Selection()} />);
    cleanup.push(r.unmount);
    await settle();
    const empty = r.container.querySelector('.clv-empty')!;
    expect(empty.querySelector('.clv-empty-title')!.textContent).toBe('Needs basket lines');
    expect(empty.textContent).toContain('pass a lines table to the engine');
  });
});

describe('TopCategories', () => {
  test('groups by category and publishes isIn(category, ...)', async () => {
    const engine = fakeEngine(() => ({ rows: [{ category: 'Shoes', orders: 5, quantity: 6, lineRevenue: 500 }] }));
    const selection = new Selection();
    const r = renderInto(<TopCategories engine={engine} selection={selection} source="cats" width={400} />);
    cleanup.push(r.unmount);
    await settle();
    expect(engine.calls[0].spec).toMatchObject({ table: 'lines', groupBy: [{ field: 'category' }] });
    expect(r.container.querySelector('.clv-title')!.textContent).toBe('Top categories');
    await interact(() => click(r.container.querySelector('.clv-bar')!));
    expect(selection.clauseOf('cats')).toMatchObject({ predicate: isIn('category', ['Shoes']), label: 'Category: Shoes' });
  });
});
