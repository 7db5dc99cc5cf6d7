// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { churnersPredicate, isIn, newcomersPredicate, Selection, type AggregateSpec } from '@clvkit/core';
import { ClvDateCustomers } from '../../src/widgets/ClvDateCustomers.js';
import { ClvRates, ratesRings } from '../../src/widgets/ClvRates.js';
import { ClvDateScope } from '../../src/widgets/clv/ClvDateScope.js';
import { dateCustomersSpec, dateGroupOf, groupValueSpec } from '../../src/widgets/clv/date-customers.js';
import { createClvDateStore } from '../../src/widgets/clv/selected-date.js';
import { click, fakeEngine, interact, key, renderInto, settle } from '../helpers.js';
import { clvAnswer, D0, DAY, newcomersAndChurners } from './fixtures.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  document.body.replaceChildren();
});

async function setup(children: (engine: ReturnType<typeof fakeEngine>, selection: Selection) => preact.ComponentChild) {
  const engine = fakeEngine(clvAnswer);
  const selection = new Selection();
  const store = createClvDateStore();
  const r = renderInto(<ClvDateScope store={store}>{children(engine, selection)}</ClvDateScope>);
  cleanup.push(r.unmount);
  await settle();
  return { engine, selection, store, container: r.container };
}

const figures = (root: Element) => [...root.querySelectorAll('.clv-figure')].map((f) => `${f.querySelector('.clv-figure-label')!.textContent}: ${f.querySelector('.clv-figure-value')!.textContent}`);

describe('newcomers_and_churners helpers', () => {
  test('the spec names the date, the horizon and the list limit; no date means the analysis default', () => {
    expect(dateCustomersSpec({ date: D0, horizonDays: 182 })).toEqual({ kind: 'analysis', name: 'newcomers_and_churners', params: { limit: 1000, date: D0, horizonDays: 182 } });
    expect(dateCustomersSpec({ date: null, limit: 50 })).toEqual({ kind: 'analysis', name: 'newcomers_and_churners', params: { limit: 50 } });
  });

  test('a group reads its row and its ids from meta; the value spec keeps its customers', () => {
    const churners = dateGroupOf(newcomersAndChurners(D0) as never, 'churners');
    expect(churners).toEqual({
      group: 'churners',
      customers: 3,
      base: 12,
      rate: 0.25,
      revenue: 450,
      ids: ['c1', 'c2', 'c3'],
      date: D0,
      horizonEnd: D0 + 182 * DAY,
      horizonComplete: true,
      // the whole group, not the listed ids: an order before D0 and none in the 182 days after
      predicate: churnersPredicate(D0, D0 + 182 * DAY),
    });
    expect(groupValueSpec(churners.ids).where).toEqual([isIn('client', ['c1', 'c2', 'c3'])]);
    expect(groupValueSpec(churners.ids)).toMatchObject({ table: 'sessions', groupBy: [{ field: 'session_start', bucket: 'month' }], measures: ['revenue', 'orders'], fill: true });
  });

  test('rings: churned against came back (12 - 3 = 9), newcomers against returning (8 - 2 = 6)', () => {
    const rings = ratesRings(newcomersAndChurners() as never);
    expect(rings.map((r) => r.slices.map((s) => [s.key, s.value, s.filter]))).toEqual([
      [['churners', 3, true], ['retained', 9, false]],
      [['newcomers', 2, true], ['returning', 6, false]],
    ]);
  });
});

describe('ClvDateCustomers', () => {
  test('churners: figures, their revenue over time from their own orders, the date marked', async () => {
    const { engine, container } = await setup((engine, selection) => (
      <ClvDateCustomers engine={engine} selection={selection} source="churners" horizonDays={182} width={300} timeZone="UTC" locale="en-US" />
    ));
    expect(container.querySelector('.clv-title')!.textContent).toBe('Churned customers');
    expect(container.querySelector('.clv-period')!.textContent).toBe('As of Jan 2, 2024');
    expect(figures(container)).toEqual(['Customers: 3', 'Churn rate: 25%', 'Revenue before the date: $450.00']);
    const value = engine.last('churners:value');
    expect((value.spec as AggregateSpec).where).toEqual([isIn('client', ['c1', 'c2', 'c3'])]);
    const svg = container.querySelector('svg.clv-value-sparkline')!;
    expect(svg.getAttribute('aria-label')).toBe('Revenue per month of the churned customers, Dec 2023 to Jan 2024');
    expect([...svg.querySelectorAll('.clv-dot title')].map((t) => t.textContent)).toEqual(['Dec 2023: $200.00', 'Jan 2024: $250.00']);
    expect(svg.querySelector('.clv-date-marker')).not.toBeNull();
  });

  test('newcomers read their own row and list', async () => {
    const { engine, container } = await setup((engine, selection) => <ClvDateCustomers engine={engine} selection={selection} source="newcomers" group="newcomers" timeZone="UTC" locale="en-US" />);
    expect(figures(container)).toEqual(['Customers: 2', 'Newcomer rate: 25%', 'Revenue before the date: $300.00']);
    expect((engine.last('newcomers:value').spec as AggregateSpec).where).toEqual([isIn('client', ['c7', 'c8'])]);
  });

  test('"Show only these customers" filters to the group; another date clears it', async () => {
    const { engine, selection, store, container } = await setup((engine, selection) => (
      <ClvDateCustomers engine={engine} selection={selection} source="churners" timeZone="UTC" locale="en-US" />
    ));
    const button = () => container.querySelector('.clv-group-filter') as HTMLButtonElement;
    expect(button().textContent).toBe('Show only these 3 customers');
    await interact(() => click(button()));
    expect(selection.clauseOf('churners')).toEqual({
      source: 'churners',
      // the whole group by its orders: one before the date, none in the 182-day horizon
      predicate: churnersPredicate(D0 + DAY, D0 + DAY + 182 * DAY),
      value: { group: 'churners', date: D0 + DAY, ids: ['c1', 'c2', 'c3'] },
      label: 'Churned customers of Jan 2, 2024',
    });
    expect(button().getAttribute('aria-pressed')).toBe('true');
    // Its own clause stays out of its own query.
    await settle();
    expect(engine.last('churners').filter).toEqual({ mode: 'and', predicates: [] });
    // Another date on the timeline: the group of the old date is no longer a filter.
    await interact(() => store.set(D0));
    await settle();
    expect(engine.last('churners').spec).toMatchObject({ params: { date: D0 } });
    expect(selection.clauseOf('churners')).toBeUndefined();
  });

  test('a group larger than its listed ids is still filtered whole; Escape and Clear remove the filter', async () => {
    const partial = newcomersAndChurners();
    (partial.rows[1] as { customers: number }).customers = 5000;
    const engine = fakeEngine((spec) => (spec.kind === 'analysis' ? partial : clvAnswer(spec)));
    const selection = new Selection();
    const r = renderInto(<ClvDateCustomers engine={engine} selection={selection} source="churners" timeZone="UTC" locale="en-US" />);
    cleanup.push(r.unmount);
    await settle();
    const button = r.container.querySelector('.clv-group-filter') as HTMLButtonElement;
    expect(button.textContent).toBe('Show only these 5,000 customers');
    await interact(() => click(button));
    expect(selection.clauseOf('churners')).toMatchObject({ label: 'Churned customers of Jan 2, 2024', predicate: churnersPredicate(D0 + DAY, D0 + DAY + 182 * DAY) });
    await interact(() => key(button, 'Escape'));
    expect(selection.clauseOf('churners')).toBeUndefined();
    await interact(() => click(button));
    await interact(() => click(r.container.querySelector('.clv-clear')!));
    expect(selection.clauseOf('churners')).toBeUndefined();
  });

  test('a group without customers says so and draws no chart', async () => {
    const empty = newcomersAndChurners();
    (empty.meta as Record<string, unknown>).churners = [];
    (empty.rows[1] as { customers: number }).customers = 0;
    const engine = fakeEngine(() => empty);
    const r = renderInto(<ClvDateCustomers engine={engine} selection={new Selection()} source="churners" timeZone="UTC" />);
    cleanup.push(r.unmount);
    await settle();
    expect(r.container.querySelector('.clv-empty-detail')!.textContent).toBe('No churned customers on this date.');
    expect(r.container.querySelector('svg')).toBeNull();
    expect(engine.calls.every((c) => c.spec.kind === 'analysis')).toBe(true);
  });
});

describe('ClvRates', () => {
  test('two rings with the analysis rates; the churned slice filters to the churners, "came back" is not a filter', async () => {
    const { selection, container } = await setup((engine, selection) => <ClvRates engine={engine} selection={selection} source="rates" timeZone="UTC" locale="en-US" />);
    const rings = [...container.querySelectorAll('.clv-rate-ring')];
    expect(rings.map((r) => r.querySelector('.clv-donut-total')!.textContent)).toEqual(['25%', '25%']);
    expect(rings[0].querySelector('svg')!.getAttribute('aria-label')).toBe('Churn rate: 25% (Churned 3, Came back 9)');
    const legend = (value: string) => container.querySelector(`.clv-legend button[data-value="${value}"]`) as HTMLButtonElement;
    // 3 / 12 = 25%, 9 / 12 = 75%.
    expect(legend('churners').getAttribute('aria-label')).toBe('Churned: 3 customers, 25%');
    expect(legend('retained').getAttribute('aria-label')).toBe('Came back: 9 customers, 75% (not a filter)');
    await interact(() => click(legend('retained')));
    expect(selection.clauseOf('rates')).toBeUndefined();
    await interact(() => click(legend('churners')));
    expect(selection.clauseOf('rates')).toMatchObject({ predicate: churnersPredicate(D0 + DAY, D0 + DAY + 182 * DAY), label: 'Churned customers of Jan 2, 2024' });
    expect(legend('churners').getAttribute('aria-pressed')).toBe('true');
    // A slice of the other ring replaces it; the same slice again clears.
    await interact(() => click(container.querySelector('.clv-donut-slice[data-value="newcomers"]')!));
    expect(selection.clauseOf('rates')?.predicate).toEqual(newcomersPredicate(D0 + DAY - 182 * DAY, D0 + DAY));
    await interact(() => click(legend('newcomers')));
    expect(selection.clauseOf('rates')).toBeUndefined();
  });

  test('keyboard: arrows move within a legend, Enter selects, Escape clears', async () => {
    const { selection, container } = await setup((engine, selection) => <ClvRates engine={engine} selection={selection} source="rates" timeZone="UTC" locale="en-US" />);
    const legend = (value: string) => container.querySelector(`.clv-legend button[data-value="${value}"]`) as HTMLButtonElement;
    legend('retained').focus();
    await interact(() => key(legend('retained'), 'ArrowUp'));
    expect(document.activeElement).toBe(legend('churners'));
    // Buttons: Enter is a click.
    await interact(() => legend('churners').click());
    expect(selection.clauseOf('rates')).toBeDefined();
    await interact(() => key(legend('churners'), 'Escape'));
    expect(selection.clauseOf('rates')).toBeUndefined();
  });
});
