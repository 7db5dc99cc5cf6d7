// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { interval, isIn, Selection, type Filter, type QuerySpec } from '@clvkit/core';
import { EntityView } from '../../src/widgets/EntityView.js';
import type { EntityType } from '../../src/widgets/search/entity.js';
import { click, fakeEngine, interact, namedError, renderInto, settle, type FakeCall, type FakeEngine } from '../helpers.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

const MAY = interval('session_start', Date.UTC(2025, 4, 1), Date.UTC(2025, 5, 1));

/** Canned answers in the analyses' row formats (hand-written), by spec. */
function respond(spec: QuerySpec) {
  if (spec.kind === 'aggregate') {
    if (spec.groupBy?.[0]?.field === 'rfm_segment') return { rows: [{ rfm_segment: 'Champions', buyers: 3 }, { rfm_segment: 'At Risk', buyers: 1 }] };
    return { rows: [{ session_start: Date.UTC(2025, 4, 1), orders: 2, revenue: 50 }, { session_start: Date.UTC(2025, 4, 2), orders: 1, revenue: 20 }] };
  }
  switch (spec.name) {
    case 'product_kpis':
      return { rows: [{ metric: 'orders', value: 12 }, { metric: 'revenue', value: 480.5 }, { metric: 'quantity', value: 15 }, { metric: 'buyers', value: 9 }, { metric: 'firstSale', value: Date.UTC(2025, 0, 3) }, { metric: 'lastSale', value: null }], meta: { found: true } };
    case 'client_kpis':
      return { rows: [{ metric: 'orders', value: 4 }, { metric: 'revenue', value: 200 }], meta: { favouriteProducts: [{ product: 'Shoes', orders: 3 }, { product: '<b>Socks</b>', orders: 1 }] } };
    case 'rfm':
      return { rows: [{ client: 'c-1', segment: 'Lost', score: '111', recency: 300, frequency: 1, monetary: 10, meanGap: null }, { client: 'c-42', segment: 'Champions', score: '545', recency: 3.5, frequency: 4, monetary: 200, meanGap: 20 }] };
    case 'client_feature_predicted':
      return { rows: [{ client: 'c-42', clv: 123.4, expectedOrders: 1.5, expectedValue: 50, pAlive: 0.9, churnProbability: 0.1 }] };
    case 'promotion_kpis':
      return { rows: [{ promotion: 'BUNDLEUP', orders: 30, revenue: 900, discount: 90, customers: 20, ordersPerCustomer: 1.5, firstUse: Date.UTC(2025, 2, 1), lastUse: Date.UTC(2025, 6, 1) }] };
    case 'kpis':
      return { rows: [{ metric: 'orders', value: 7, previous: 5, change: 40 }] };
    case 'promotion_usage_before_after_orders':
      return {
        rows: [{ test: 'promotion_usage_before_after_orders', subject: 'BUNDLEUP', customers: 25, before: 0.4, after: 1.2, meanDifference: 0.8, ciLow: 0.5, ciHigh: 1.1, pValue: 0.0004, method: 't', effectSize: 0.9, acceptRatio: 0.02, verdict: 'increase' }],
      };
    case 'promotion_usage_before_after_amount':
      return {
        rows: [{ test: 'promotion_usage_before_after_amount', subject: 'BUNDLEUP', customers: 25, before: 40, after: 41, meanDifference: 1, ciLow: -2, ciHigh: 4, pValue: 0.41, method: 'wilcoxon', effectSize: 0.1, acceptRatio: 0.9, verdict: 'no significant change' }],
      };
    case 'promotion_comparison':
      throw namedError('TypeError', 'Unknown analysis "promotion_comparison". Registered: kpis');
    default:
      return { rows: [] };
  }
}

let engine: FakeEngine;
let parent: Selection;

async function open(type: EntityType, value: string, extra: Record<string, unknown> = {}) {
  engine = fakeEngine((spec) => respond(spec) as never);
  parent = new Selection();
  parent.update({ source: 'host', predicate: MAY });
  const r = renderInto(<EntityView engine={engine} selection={parent} source="entity" type={type} value={value} locale="en-US" {...extra} />);
  cleanup.push(r.unmount);
  await settle();
  return r;
}

const byName = (name: string): FakeCall => {
  const call = [...engine.calls].reverse().find((c) => c.spec.kind === 'analysis' && c.spec.name === name);
  if (!call) throw new Error(`no ${name} query`);
  return call;
};
const series = (): FakeCall => [...engine.calls].reverse().find((c) => c.spec.kind === 'aggregate' && c.spec.groupBy?.[0]?.field === 'session_start')!;
const and = (...predicates: Filter['predicates']): Filter => ({ mode: 'and', predicates });

describe('EntityView', () => {
  test('product: the scope carries isIn(product) after the dashboard filter; figures, series and segments follow it', async () => {
    const { container } = await open('product', 'Shoes');
    const entity = isIn('product', ['Shoes']);
    expect(byName('product_kpis').spec).toEqual({ kind: 'analysis', name: 'product_kpis', params: { product: 'Shoes' } });
    expect(byName('product_kpis').filter).toEqual(and(MAY, entity));
    expect(series().filter).toEqual(and(MAY, entity));
    const segments = engine.calls.find((c) => c.spec.kind === 'aggregate' && c.spec.groupBy?.[0]?.field === 'rfm_segment')!;
    expect(segments.filter).toEqual(and(MAY, entity));
    expect(container.querySelector('.clv-entity-view-body > .clv-header')!.textContent).toBe('Product: Shoes');
    const figures = [...container.querySelectorAll('.clv-entity-figures .clv-kpi')].map((li) => `${li.querySelector('.clv-kpi-label')!.textContent}=${li.querySelector('.clv-kpi-value')!.textContent}`);
    expect(figures).toEqual(['Orders=12', 'Revenue=$480.50', 'Quantity=15', 'Buyers=9', 'First sale=Jan 3, 2025', 'Last sale=—']);
  });

  test('product: bought-with and the A/B test use the dashboard filter without the product clause (it would leave only its own lines)', async () => {
    await open('product', 'Shoes');
    expect(byName('bought_with').spec).toEqual({ kind: 'analysis', name: 'bought_with', params: { product: 'Shoes' } });
    expect(byName('bought_with').filter).toEqual(and(MAY));
    expect(byName('product_usage_before_after_orders').spec).toEqual({ kind: 'analysis', name: 'product_usage_before_after_orders', params: { subject: 'Shoes' } });
    expect(byName('product_usage_before_after_orders').filter).toEqual(and(MAY));
  });

  test('client: isIn(client) for figures, orders and the CLV prediction; RFM over the dashboard customers, this client picked', async () => {
    const { container } = await open('client', 'c-42');
    const entity = isIn('client', ['c-42']);
    expect(byName('client_kpis').spec).toEqual({ kind: 'analysis', name: 'client_kpis', params: { client: 'c-42' } });
    expect(byName('client_kpis').filter).toEqual(and(MAY, entity));
    expect(series().filter).toEqual(and(MAY, entity));
    expect(byName('client_feature_predicted').filter).toEqual(and(MAY, entity));
    expect(byName('rfm').filter).toEqual(and(MAY));
    // only this client's row is asked for (scored among every customer)
    expect(byName('rfm').spec).toEqual({ kind: 'analysis', name: 'rfm', params: { clients: ['c-42'] } });
    const rfm = [...container.querySelectorAll('.clv-entity-figures')].find((el) => el.querySelector('.clv-title')!.textContent === 'RFM')!;
    expect([...rfm.querySelectorAll('.clv-kpi-value')].map((v) => v.textContent)).toEqual(['Champions', '545', '3.5 days', '4', '$200.00', '20']);
    const clv = [...container.querySelectorAll('.clv-entity-figures')].find((el) => el.querySelector('.clv-title')!.textContent === 'Predicted CLV')!;
    expect([...clv.querySelectorAll('.clv-kpi-value')].map((v) => v.textContent)).toEqual(['$123.40', '1.5', '$50.00', '90%', '10%']);
    // Favourite products from client_kpis' meta, as text.
    expect([...container.querySelectorAll('.clv-entity-list li')].map((li) => li.textContent)).toEqual(['Shoes 3 orders', '<b>Socks</b> 1 orders']);
    expect(container.querySelector('.clv-entity-list b')).toBeNull();
  });

  test('promotion: isIn(promotion_id); usage figures of its row; the A/B result on the dashboard filter, comparison left out when not registered', async () => {
    const { container } = await open('promotion', 'BUNDLEUP');
    const entity = isIn('promotion_id', ['BUNDLEUP']);
    expect(byName('promotion_kpis').spec).toEqual({ kind: 'analysis', name: 'promotion_kpis', params: { promotion: 'BUNDLEUP' } });
    expect(byName('promotion_kpis').filter).toEqual(and(MAY, entity));
    expect(series().filter).toEqual(and(MAY, entity));
    for (const name of ['promotion_usage_before_after_orders', 'promotion_usage_before_after_amount']) {
      expect(byName(name).spec).toEqual({ kind: 'analysis', name, params: { subject: 'BUNDLEUP' } });
      expect(byName(name).filter).toEqual(and(MAY));
    }
    const orders = container.querySelector('.clv-ab-test[data-metric="orders"]')!;
    expect([...orders.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['Increase', '0.4 → 1.2', '+0.8 (95% CI +0.5 to +1.1)', '< 0.001 (paired t-test)', '0.9', '25']);
    const amount = container.querySelector('.clv-ab-test[data-metric="amount"]')!;
    expect([...amount.querySelectorAll('dd')].map((d) => d.textContent)).toEqual([
      'No significant change', '$40.00 → $41.00', '+$1.00 (95% CI −$2.00 to +$4.00)', '0.41 (Wilcoxon signed-rank test)', '0.1', '25',
    ]);
    expect(container.querySelector('.clv-ab-test[data-metric="comparison"]')).toBeNull();
    expect(container.querySelector('.clv-ab-result .clv-error')).toBeNull();
    const usage = [...container.querySelectorAll('.clv-entity-figures .clv-kpi-value')].map((v) => v.textContent);
    expect(usage).toEqual(['30', '20', '1.5', '$900.00', '$90.00', 'Mar 1, 2025', 'Jul 1, 2025']);
  });

  test('dimension: the KPI cards and orders of isIn(dimension)', async () => {
    await open('dimension', 'North');
    const entity = isIn('dimension', ['North']);
    expect(byName('kpis').filter).toEqual(and(MAY, entity));
    expect(series().filter).toEqual(and(MAY, entity));
  });

  test('cross-filtered: a clause published inside reaches the dashboard and narrows the other entity widgets; it goes when the view closes', async () => {
    const r = await open('product', 'Shoes');
    const before = engine.calls.length;
    const kpis = engine.calls.find((c) => c.spec.kind === 'analysis' && c.spec.name === 'product_kpis')!;
    // The buyers' segments donut: a click on a slice filters rfm_segment.
    const slice = r.container.querySelector('.clv-donut .clv-legend button') ?? r.container.querySelector('.clv-legend button');
    expect(slice).not.toBeNull();
    await interact(() => click(slice!));
    await settle();
    const published = parent.value.find((c) => c.source !== 'host')!;
    expect(published.predicate).toEqual(isIn('rfm_segment', ['Champions']));
    expect(engine.calls.length).toBeGreaterThan(before);
    expect(byName('product_kpis').filter).toEqual(and(MAY, isIn('rfm_segment', ['Champions']), isIn('product', ['Shoes'])));
    expect(byName('product_kpis')).not.toBe(kpis);
    // Another entity: the old view's clauses are cleared from the dashboard.
    r.rerender(<EntityView engine={engine} selection={parent} source="entity" type="product" value="Socks" locale="en-US" />);
    await settle();
    expect(parent.value.map((c) => c.source)).toEqual(['host']);
    expect(byName('product_kpis').spec).toEqual({ kind: 'analysis', name: 'product_kpis', params: { product: 'Socks' } });
  });

  test('Close calls onClose; values from data stay text', async () => {
    let closed = 0;
    const evil = '<script>window.__pwned = 1</script>';
    const { container } = await open('dimension', evil, { onClose: () => closed++ });
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('.clv-entity-view-body > .clv-header .clv-title')!.textContent).toBe(`Dimension: ${evil}`);
    expect(byName('kpis').filter).toEqual(and(MAY, isIn('dimension', [evil])));
    await interact(() => click(container.querySelector('.clv-entity-close')!));
    expect(closed).toBe(1);
  });

  test('an unknown type asks nothing and says what to do', async () => {
    const { container } = await open('planet' as EntityType, 'Mars');
    expect(engine.calls).toHaveLength(0);
    expect(container.querySelector('.clv-empty-title')!.textContent).toBe('Nothing to show');
  });
});
