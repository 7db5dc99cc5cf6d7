// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { isIn, Selection } from '@clvkit/core';
import { CLV_CUSTOMER_COLUMNS, ClvLeastEngagedCustomers, ClvTopCustomers } from '../../src/widgets/ClvCustomerTables.js';
import { click, fakeEngine, interact, key, renderInto, settle } from '../helpers.js';
import { clientFeatures } from './fixtures.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  document.body.replaceChildren();
});

async function setup(which: 'top' | 'least', extra: Record<string, unknown> = {}) {
  const engine = fakeEngine(() => clientFeatures());
  const selection = new Selection();
  const Table = which === 'top' ? ClvTopCustomers : ClvLeastEngagedCustomers;
  const r = renderInto(<Table engine={engine} selection={selection} source={which} locale="en-US" {...extra} />);
  cleanup.push(r.unmount);
  await settle();
  const rowButton = (id: string) => r.container.querySelector(`tr[data-key="${id}"] .clv-row-select`) as HTMLButtonElement;
  const order = () => [...r.container.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-key'));
  return { engine, selection, container: r.container, rowButton, order };
}

describe('CLV customer tables', () => {
  test('top customers: client_feature_predicted by CLV, highest first, 100 of them', async () => {
    const { engine, container, order } = await setup('top', { horizonDays: 182 });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'client_feature_predicted', params: { sort: '-clv', limit: 100, horizonDays: 182 } });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Top 100 customers by CLV');
    // CLV 120 > 41 > 4.5.
    expect(order()).toEqual(['c1', 'c3', 'c2']);
    // Five columns fit half a dashboard, the sort column first after the customer and segment.
    expect([...container.querySelectorAll('thead th')].map((th) => th.textContent?.replace(/[▲▼ ]+$/, ''))).toEqual(['Customer', 'Segment', 'CLV', 'P(alive)', 'Expected orders']);
    expect([...container.querySelectorAll('tr[data-key="c1"] td')].map((td) => td.textContent)).toEqual(['c1', 'Champions', '$120.00', '90%', '1.5']);
  });

  test('least engaged: by probability alive, lowest first', async () => {
    const { engine, container, order } = await setup('least', { limit: 50 });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'client_feature_predicted', params: { sort: 'pAlive', limit: 50 } });
    expect(container.querySelector('.clv-title')!.textContent).toBe('50 least engaged customers');
    expect([...container.querySelectorAll('thead th')].map((th) => th.textContent?.replace(/[▲▼ ]+$/, ''))).toEqual(['Customer', 'Segment', 'P(alive)', 'CLV', 'Expected orders']);
    // pAlive 0.2 < 0.6 < 0.9.
    expect(order()).toEqual(['c2', 'c3', 'c1']);
  });

  test('wide layouts show every column', async () => {
    const { container } = await setup('top', { columns: CLV_CUSTOMER_COLUMNS });
    expect([...container.querySelectorAll('tr[data-key="c1"] td')].map((td) => td.textContent)).toEqual(['c1', 'Champions', '$120.00', '90%', '1.5', '4', '$80.00']);
  });

  test('a row click selects its customer, shift-click adds, a click on the only one clears', async () => {
    const { selection, container, rowButton } = await setup('top');
    await interact(() => click(container.querySelector('tr[data-key="c3"] td:nth-child(3)')!));
    expect(selection.clauseOf('top')).toEqual({ source: 'top', predicate: isIn('client', ['c3']), value: ['c3'], label: 'Customer: c3' });
    await interact(() => click(rowButton('c1'), { shiftKey: true }));
    expect(selection.clauseOf('top')?.predicate).toEqual(isIn('client', ['c3', 'c1']));
    await interact(() => click(rowButton('c3'), { shiftKey: true }));
    expect(selection.clauseOf('top')?.predicate).toEqual(isIn('client', ['c1']));
    await interact(() => click(rowButton('c1')));
    expect(selection.clauseOf('top')).toBeUndefined();
  });

  test('keyboard: Enter on a row selects it, Shift+Enter adds, Escape clears; the other table follows', async () => {
    const engine = fakeEngine(() => clientFeatures());
    const selection = new Selection();
    const r = renderInto(
      <>
        <ClvTopCustomers engine={engine} selection={selection} source="top" />
        <ClvLeastEngagedCustomers engine={engine} selection={selection} source="least" />
      </>,
    );
    cleanup.push(r.unmount);
    await settle();
    const button = (source: string, id: string) => r.container.querySelector(`.clv-clv-${source === 'top' ? 'top-customers' : 'least-engaged'} tr[data-key="${id}"] .clv-row-select`) as HTMLButtonElement;
    await interact(() => key(button('least', 'c2'), 'Enter'));
    await interact(() => key(button('least', 'c3'), 'Enter', { shiftKey: true }));
    expect(selection.clauseOf('least')?.predicate).toEqual(isIn('client', ['c2', 'c3']));
    expect(button('least', 'c2').getAttribute('aria-pressed')).toBe('true');
    await settle();
    // The top table is filtered to the chosen customers; the least engaged table is not filtered by itself.
    expect(engine.last('top').filter).toEqual({ mode: 'and', predicates: [isIn('client', ['c2', 'c3'])] });
    expect(engine.last('least').filter).toEqual({ mode: 'and', predicates: [] });
    await interact(() => key(button('least', 'c2'), 'Escape'));
    expect(selection.clauseOf('least')).toBeUndefined();
  });
});
