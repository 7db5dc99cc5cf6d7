// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { allOf, isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../src/engine-like.js';
import { BoughtWith, LocationBreakdown, PairsTable } from '../src/index.js';
import { mountChart, stateTests } from './chart-helpers.js';
import { click, interact, key, settle } from './helpers.js';

// most_combined_products rows (N = 5,000 baskets): Socks + Shoes in 250 baskets.
const PAIRS = [
  { productA: 'Socks', productB: 'Shoes', orders: 250, ordersA: 400, ordersB: 500, support: 0.05, confidence: 0.625, lift: 6.25 },
  { productA: 'Cap', productB: 'Shoes', orders: 40, ordersA: 200, ordersB: 500, support: 0.008, confidence: 0.2, lift: 2 },
  { productA: 'Cap', productB: 'Socks', orders: 12, ordersA: 200, ordersB: 400, support: 0.0024, confidence: 0.06, lift: 0.75 },
];

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <PairsTable engine={engine} selection={selection} source="pairs" locale="en-US" {...extra} />;
}
const pair = (container: HTMLElement, a: string, b: string) => container.querySelector(`tr[data-pair="${a}|${b}"] .clv-row-select`) as HTMLButtonElement;

describe('PairsTable', () => {
  test('queries product pairs; the pair and its figures', async () => {
    const { engine, container } = await mountChart(render(), { rows: PAIRS });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'most_combined_products' });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Products bought together');
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Product pair', 'Orders', 'Support', 'Confidence', 'Lift']);
    expect([...container.querySelectorAll('tbody tr')[0].querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Socks + Shoes', '250', '5%', '62.5%', '6.25']);
  });

  test('a pair publishes the orders with both products (allOf); again clears', async () => {
    const { container, selection } = await mountChart(render(), { rows: PAIRS });
    await interact(() => click(pair(container, 'Socks', 'Shoes')));
    expect(selection.clauseOf('pairs')).toEqual({
      source: 'pairs',
      predicate: allOf([isIn('product', ['Socks']), isIn('product', ['Shoes'])]),
      value: ['Socks', 'Shoes'],
      label: 'Product: Socks + Shoes',
    });
    expect(pair(container, 'Socks', 'Shoes').getAttribute('aria-pressed')).toBe('true');
    await interact(() => click(pair(container, 'Cap', 'Shoes').closest('tr')!.querySelectorAll('td')[1]));
    expect(selection.clauseOf('pairs')?.value).toEqual(['Cap', 'Shoes']);
    await interact(() => click(pair(container, 'Cap', 'Shoes')));
    expect(selection.clauseOf('pairs')).toBeUndefined();
    await interact(() => click(pair(container, 'Cap', 'Socks')));
    await interact(() => key(pair(container, 'Cap', 'Socks'), 'Escape'));
    expect(selection.clauseOf('pairs')).toBeUndefined();
  });

  test('match="either", pairFilter, limit and metrics', async () => {
    const either = await mountChart(render({ match: 'either', limit: 2, metrics: ['orders', { key: 'lift', label: 'Lift', kind: 'decimal' }] }), { rows: PAIRS });
    expect(either.container.querySelectorAll('tbody tr')).toHaveLength(2);
    expect([...either.container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Product pair', 'Orders', 'Lift']);
    await interact(() => click(pair(either.container, 'Socks', 'Shoes')));
    expect(either.selection.clauseOf('pairs')).toMatchObject({ predicate: isIn('product', ['Socks', 'Shoes']), label: 'Product: Socks or Shoes' });

    const custom = await mountChart(render({ field: 'sku', pairFilter: (a: string, b: string) => isIn('basket_key', [`${a}&${b}`]) }), { rows: PAIRS });
    await interact(() => click(pair(custom.container, 'Cap', 'Shoes')));
    expect(custom.selection.clauseOf('pairs')?.predicate).toEqual(isIn('basket_key', ['Cap&Shoes']));
  });

  stateTests('pairs-table', render(), {
    emptyRows: [],
    emptyText: 'No product pairs in the data',
    source: 'pairs',
    ready: { rows: PAIRS },
    publish: (container) => interact(() => click(pair(container, 'Socks', 'Shoes'))),
  });
});

describe('BoughtWith', () => {
  const WITH = [{ product: 'Shoes', orders: 250, ordersProduct: 500, support: 0.05, confidence: 0.625, lift: 6.25 }];

  test('without a product it asks for one and does not query', async () => {
    const { engine, container } = await mountChart((engine, selection) => <BoughtWith engine={engine} selection={selection} source="with" />, { rows: WITH });
    expect(engine.calls).toHaveLength(0);
    expect(container.querySelector('.clv-empty-title')!.textContent).toBe('Pick a product');
  });

  test('follows another widget\'s product; a row publishes the orders with both', async () => {
    const { engine, container, selection } = await mountChart((engine, selection) => <BoughtWith engine={engine} selection={selection} source="with" locale="en-US" />, { rows: WITH });
    await interact(() => selection.update({ source: 'top-products', predicate: isIn('product', ['Socks']) }));
    await settle();
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'bought_with', params: { product: 'Socks' } });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Bought with Socks');
    expect([...container.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['Shoes', '250', '5%', '62.5%', '6.25']);
    await interact(() => click(container.querySelector('tr[data-pair="Socks|Shoes"] .clv-row-select')!));
    expect(selection.clauseOf('with')).toMatchObject({ predicate: allOf([isIn('product', ['Socks']), isIn('product', ['Shoes'])]), label: 'Product: Socks + Shoes' });
  });

  test('an explicit product and param name', async () => {
    const { engine } = await mountChart(
      (engine, selection) => <BoughtWith engine={engine} selection={selection} source="with" anchor="Cap" anchorParam="item" report="also_bought" />,
      { rows: WITH },
    );
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'also_bought', params: { item: 'Cap' } });
  });
});

describe('LocationBreakdown', () => {
  test('customers per location from sessions; a bar publishes the location', async () => {
    const rows = [
      { 'customers.location': 'Berlin', buyers: 40, orders: 90, revenue: 5400 },
      { 'customers.location': 'Paris', buyers: 25, orders: 30, revenue: 1500 },
    ];
    const { engine, container, selection } = await mountChart((engine, selection) => <LocationBreakdown engine={engine} selection={selection} source="loc" width={400} locale="en-US" />, { rows });
    expect(engine.calls[0].spec).toEqual({
      kind: 'aggregate',
      table: 'sessions',
      groupBy: [{ field: 'customers.location' }],
      measures: ['buyers', 'orders', 'revenue'],
      orderBy: { measure: 'buyers', order: 'desc' },
      limit: 10,
    });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Customers by location');
    expect([...container.querySelectorAll('.clv-segmented button')].map((b) => b.textContent)).toEqual(['Customers', 'Orders', 'Revenue']);
    expect(container.querySelector('.clv-bar[data-value="Paris"] .clv-bar-value')!.textContent).toBe('25');
    await interact(() => click(container.querySelector('.clv-bar[data-value="Berlin"]')!));
    expect(selection.clauseOf('loc')).toMatchObject({ predicate: isIn('customers.location', ['Berlin']), label: 'Location: Berlin' });
  });
});
