// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import { interval, isIn, type AnalysisSpec, type QuerySpec, type Row, type Selection } from '@clvkit/core';
import type { EngineLike } from '../src/engine-like.js';
import { CustomerList, DataTable, type ClvSegmentActionDetail, type TableColumn } from '../src/index.js';
import { mountChart, settleUntil, stateTests } from './chart-helpers.js';
import { click, interact, key, settle } from './helpers.js';

// The CSV export imports the engine lazily: load it once up front so a test does not wait on a cold transform.
beforeAll(async () => {
  await import('@clvkit/engine');
}, 60_000);

const CUSTOMERS: Row[] = [
  { client: 'c1', email: 'ann@example.org', status: 'active', orders: 3, revenue: 120.5, lastOrder: Date.UTC(2024, 2, 1) },
  { client: 'c2', email: '=HYPERLINK("http://evil.example")', status: 'churned', orders: 1, revenue: 40, lastOrder: Date.UTC(2023, 11, 5) },
  { client: 'c3', email: null, status: 'active', orders: 5, revenue: 300, lastOrder: Date.UTC(2024, 2, 20) },
  { client: 'c4', email: 'dan@example.org', status: 'long_gone', orders: 2, revenue: 80, lastOrder: Date.UTC(2023, 5, 1) },
  { client: 'c5', email: 'eve@example.org', status: 'active', orders: 1, revenue: 15, lastOrder: Date.UTC(2024, 1, 2) },
];

/**
 * A stand-in for the customer_list analysis: sorts by params.sort ({field, order}, default
 * revenue descending), pages by offset / limit, reports meta.total and meta.sort.
 */
function customerList(spec: QuerySpec) {
  const params = (spec as AnalysisSpec).params ?? {};
  const sort = (params.sort as { field: string; order: 'asc' | 'desc' } | undefined) ?? { field: 'revenue', order: 'desc' };
  const sorted = [...CUSTOMERS].sort((a, b) => ((a[sort.field] as number) - (b[sort.field] as number)) * (sort.order === 'asc' ? 1 : -1) || String(a.client).localeCompare(String(b.client)));
  const offset = (params.offset as number) ?? 0;
  const limit = (params.limit as number) ?? 50;
  return { rows: sorted.slice(offset, offset + limit), meta: { total: CUSTOMERS.length, offset, limit, sort } };
}

const COLUMNS: TableColumn[] = [
  { key: 'client', label: 'Customer' },
  { key: 'email', label: 'Email' },
  { key: 'status', label: 'Status' },
  { key: 'orders', label: 'Orders', kind: 'count' },
  { key: 'revenue', label: 'Revenue', kind: 'money' },
  { key: 'lastOrder', label: 'Last order', kind: 'date' },
];

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <CustomerList engine={engine} selection={selection} source="table" pageSize={2} locale="en-US" timeZone="UTC" columns={COLUMNS} {...extra} />;
}
const params = (spec: QuerySpec) => (spec as AnalysisSpec).params;
const clientsShown = (container: HTMLElement) => [...container.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-key'));
const header = (container: HTMLElement, key: string) => container.querySelector(`th button[data-sort="${key}"]`) as HTMLButtonElement;
const pager = (container: HTMLElement) => container.querySelector('.clv-pager > span')!.textContent;

describe('DataTable / CustomerList', () => {
  test('the first page, sorted as the analysis reports it, with formatted cells', async () => {
    const { engine, container } = await mountChart(render(), customerList);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'customer_list', params: { offset: 0, limit: 2 } });
    // Revenue descending: c3 (300), c1 (120.5).
    expect(clientsShown(container)).toEqual(['c3', 'c1']);
    expect(pager(container)).toBe('1–2 of 5 customers');
    expect(header(container, 'revenue').closest('th')!.getAttribute('aria-sort')).toBe('descending');
    const cells = [...container.querySelectorAll('tbody tr')[1].querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).toEqual(['c1', 'ann@example.org', 'active', '3', '$120.50', 'Mar 1, 2024']);
    expect(container.querySelector('caption')!.textContent).toBe('Customers, 1–2 of 5 customers, sorted by Revenue descending');
  });

  test('paging through the params: Next, Previous, the last page', async () => {
    const { engine, container } = await mountChart(render(), customerList);
    await interact(() => click(container.querySelector('.clv-next')!));
    await settle();
    expect(params(engine.last().spec)).toEqual({ offset: 2, limit: 2 });
    expect(clientsShown(container)).toEqual(['c4', 'c2']);
    expect(pager(container)).toBe('3–4 of 5 customers');
    await interact(() => click(container.querySelector('.clv-next')!));
    await settle();
    expect(clientsShown(container)).toEqual(['c5']);
    expect(pager(container)).toBe('5–5 of 5 customers');
    expect((container.querySelector('.clv-next') as HTMLButtonElement).disabled).toBe(true);
    await interact(() => click(container.querySelector('.clv-prev')!));
    await settle();
    expect(params(engine.last().spec)).toEqual({ offset: 2, limit: 2 });
  });

  test('sorting by a header sends sort {field, order} and goes back to the first page', async () => {
    const { engine, container } = await mountChart(render(), customerList);
    await interact(() => click(container.querySelector('.clv-next')!));
    await settle();
    await interact(() => click(header(container, 'orders')));
    await settle();
    expect(params(engine.last().spec)).toEqual({ offset: 0, limit: 2, sort: { field: 'orders', order: 'desc' } });
    expect(clientsShown(container)).toEqual(['c3', 'c1']);
    await interact(() => click(header(container, 'orders')));
    await settle();
    expect(params(engine.last().spec)).toEqual({ offset: 0, limit: 2, sort: { field: 'orders', order: 'asc' } });
    // Orders ascending, ties by id: c2 (1), c5 (1).
    expect(clientsShown(container)).toEqual(['c2', 'c5']);
    expect(header(container, 'orders').closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    // Text columns start ascending.
    await interact(() => click(header(container, 'client')));
    await settle();
    expect(params(engine.last().spec)).toMatchObject({ sort: { field: 'client', order: 'asc' } });
  });

  test('separate sort params and other names', async () => {
    const { engine, container } = await mountChart(render({ sortStyle: 'separate', paramNames: { sort: 'orderBy', order: 'direction', offset: 'skip', limit: 'take' } }), {
      rows: CUSTOMERS.slice(0, 2),
      meta: { total: 5 },
    });
    expect(params(engine.calls[0].spec)).toEqual({ skip: 0, take: 2 });
    await interact(() => click(header(container, 'revenue')));
    await settle();
    expect(params(engine.last().spec)).toEqual({ skip: 0, take: 2, orderBy: 'revenue', direction: 'desc' });
  });

  test('rows are filters: a click publishes the client, Shift adds, the row button and Escape work by keyboard', async () => {
    const { container, selection } = await mountChart(render(), customerList);
    const row = (id: string) => container.querySelector(`tbody tr[data-key="${id}"]`) as HTMLTableRowElement;
    await interact(() => click(row('c3').querySelectorAll('td')[2]));
    expect(selection.clauseOf('table')).toEqual({ source: 'table', predicate: isIn('client', ['c3']), value: ['c3'], label: 'Customer: c3' });
    expect(row('c3').classList.contains('clv-selected')).toBe(true);
    await interact(() => click(row('c1').querySelectorAll('td')[4], { shiftKey: true }));
    expect(selection.clauseOf('table')?.predicate).toEqual(isIn('client', ['c3', 'c1']));
    const button = row('c1').querySelector('.clv-row-select')!;
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await interact(() => key(button, 'Enter', { shiftKey: true }));
    expect(selection.clauseOf('table')?.predicate).toEqual(isIn('client', ['c3']));
    await interact(() => key(button, 'Escape'));
    expect(selection.clauseOf('table')).toBeUndefined();
  });

  test('CSV export: every row under the filter, in one query of all pages, formulas neutralised', async () => {
    let saved: { csv: string; filename: string } | null = null;
    const download = (csv: string, filename: string) => {
      saved = { csv, filename };
    };
    const { engine, container, selection } = await mountChart(render({ download }), customerList);
    const period = interval('session_start', 0, 1e12);
    await interact(() => selection.update({ source: 'time', predicate: period }));
    await settle();
    await interact(() => click(container.querySelector('.clv-export')!));
    await settleUntil(() => saved !== null);
    const all = engine.calls.find((c) => c.source === 'table:all')!;
    expect(params(all.spec)).toEqual({ offset: 0, limit: 5 });
    expect(all.filter).toEqual({ mode: 'and', predicates: [period] });
    expect(saved!.filename).toBe('customers.csv');
    expect(saved!.csv.split('\r\n')).toEqual([
      'Customer,Email,Status,Orders,Revenue,Last order',
      'c3,,active,5,300,1710892800000',
      'c1,ann@example.org,active,3,120.5,1709251200000',
      'c4,dan@example.org,long_gone,2,80,1685577600000',
      'c2,"\'=HYPERLINK(""http://evil.example"")",churned,1,40,1701734400000',
      'c5,eve@example.org,active,1,15,1706832000000',
      '',
    ]);
    expect(container.querySelector('.clv-status')!.textContent).toBe('Exported 5 customers.');
  });

  test('"Send to campaign" dispatches clv-segment-action with every client of the selection', async () => {
    const events: CustomEvent<ClvSegmentActionDetail>[] = [];
    const listener = (e: Event) => events.push(e as CustomEvent<ClvSegmentActionDetail>);
    document.addEventListener('clv-segment-action', listener);
    try {
      const { container, selection } = await mountChart(render({ maxLimit: 2 }), customerList);
      const dim = isIn('dimension', ['web']);
      await interact(() => selection.update({ source: 'dims', predicate: dim }));
      await settle();
      await interact(() => click(container.querySelector('.clv-campaign')!));
      await settle();
      expect(events).toHaveLength(1);
      expect(events[0].bubbles && events[0].composed).toBe(true);
      // All 5 clients (fetched in pages of maxLimit 2), in the list's order.
      expect(events[0].detail).toEqual({ clients: ['c3', 'c1', 'c4', 'c2', 'c5'], source: 'table', filter: { mode: 'and', predicates: [dim] } });
      expect(container.querySelector('.clv-status')!.textContent).toBe('Sent 5 customers to the campaign.');
    } finally {
      document.removeEventListener('clv-segment-action', listener);
    }
  });

  test('fetching all rows pages by maxLimit', async () => {
    let done = false;
    const { engine, container } = await mountChart(render({ maxLimit: 2, download: () => (done = true) }), customerList);
    await interact(() => click(container.querySelector('.clv-export')!));
    await settleUntil(() => done);
    expect(engine.calls.filter((c) => c.source === 'table:all').map((c) => params(c.spec))).toEqual([
      { offset: 0, limit: 2 },
      { offset: 2, limit: 2 },
      { offset: 4, limit: 1 },
    ]);
  });

  test('an aggregate (no meta.total) is sorted and paged here; columns and kinds inferred', async () => {
    const rows = [
      { 'customers.location': 'Berlin', buyers: 4, revenue: 410 },
      { 'customers.location': 'Paris', buyers: 9, revenue: 95.5 },
      { 'customers.location': 'Oslo', buyers: 1, revenue: 20 },
    ];
    const query = { kind: 'aggregate', groupBy: [{ field: 'customers.location' }], measures: ['buyers', 'revenue'] };
    const { engine, container, selection } = await mountChart(
      (engine, selection) => <DataTable engine={engine} selection={selection} source="agg" query={query as QuerySpec} pageSize={2} rowKey="customers.location" rowField="customers.location" rowLabel="Location" locale="en-US" />,
      { rows },
    );
    expect(engine.calls[0].spec).toEqual(query);
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Customers.location', 'Buyers', 'Revenue']);
    expect(clientsShown(container)).toEqual(['Berlin', 'Paris']);
    await interact(() => click(header(container, 'buyers')));
    await settle();
    expect(engine.calls).toHaveLength(1);
    expect(clientsShown(container)).toEqual(['Paris', 'Berlin']);
    expect(container.querySelector('tbody tr td:last-child')!.textContent).toBe('$95.50');
    await interact(() => click(container.querySelector('.clv-next')!));
    expect(clientsShown(container)).toEqual(['Oslo']);
    await interact(() => click(container.querySelector('tbody tr .clv-row-select')!));
    expect(selection.clauseOf('agg')).toMatchObject({ predicate: isIn('customers.location', ['Oslo']), label: 'Location: Oslo' });
  });

  stateTests('customer-list', render(), {
    emptyRows: [],
    emptyText: 'No customers in the data',
    source: 'table',
    ready: customerList({ kind: 'analysis', name: 'customer_list', params: { offset: 0, limit: 2 } }),
    publish: (container) => interact(() => click(container.querySelector('tbody tr .clv-row-select')!)),
  });
});
