import { describe, expect, test } from 'vitest';
import { allOf, interval, isIn, NO_FILTER, Selection } from '@clvkit/core';
import { ENTITY_FIELDS, entityClause, entityPredicate } from '../../src/widgets/search/entity.js';
import { ScopedSelection } from '../../src/widgets/search/scoped-selection.js';

const shoes = entityClause({ type: 'product', value: 'Shoes' }, 'entity');
const may = interval('session_start', Date.UTC(2025, 4, 1), Date.UTC(2025, 5, 1));
const north = isIn('dimension', ['North']);

describe('entity clauses', () => {
  test('each entity type filters its own field with isIn', () => {
    expect(ENTITY_FIELDS).toEqual({ product: 'product', client: 'client', promotion: 'promotion_id', dimension: 'dimension' });
    expect(entityPredicate({ type: 'product', value: 'Shoes' })).toEqual(isIn('product', ['Shoes']));
    expect(entityPredicate({ type: 'client', value: 'c-42' })).toEqual(isIn('client', ['c-42']));
    expect(entityPredicate({ type: 'promotion', value: 'BUNDLEUP' })).toEqual(isIn('promotion_id', ['BUNDLEUP']));
    expect(entityPredicate({ type: 'dimension', value: 'North' })).toEqual(isIn('dimension', ['North']));
    expect(entityClause({ type: 'promotion', value: 'BUNDLEUP' }, 'view:entity')).toEqual({
      source: 'view:entity',
      predicate: isIn('promotion_id', ['BUNDLEUP']),
      value: { type: 'promotion', value: 'BUNDLEUP' },
      label: 'Promotion: BUNDLEUP',
    });
  });
});

describe('ScopedSelection', () => {
  test('mirrors the parent and adds the fixed clause; filters intersect with it', () => {
    const parent = new Selection();
    parent.update({ source: 'time', predicate: may });
    const scope = new ScopedSelection(parent, { fixed: shoes });
    expect(scope.value.map((c) => c.source)).toEqual(['time', 'entity']);
    expect(scope.filterFor('widget')).toEqual({ mode: 'and', predicates: [may, isIn('product', ['Shoes'])] });
    // The time widget itself does not filter by its own range, but still by the entity.
    expect(scope.filterFor('time')).toEqual({ mode: 'and', predicates: [isIn('product', ['Shoes'])] });
    parent.update({ source: 'region', predicate: north });
    expect(scope.filterFor('widget')).toEqual({ mode: 'and', predicates: [may, north, isIn('product', ['Shoes'])] });
    // The parent itself never sees the entity.
    expect(parent.filterFor('widget')).toEqual({ mode: 'and', predicates: [may, north] });
  });

  test('what widgets publish in the scope goes to the parent; the fixed clause cannot be changed from inside', () => {
    const parent = new Selection();
    const scope = new ScopedSelection(parent, { fixed: shoes });
    scope.update({ source: 'time', predicate: may });
    expect(parent.clauseOf('time')!.predicate).toEqual(may);
    expect(scope.clauseOf('time')!.predicate).toEqual(may);
    scope.update({ source: 'entity', predicate: north });
    scope.clear('entity');
    expect(scope.clauseOf('entity')).toEqual(shoes);
    expect(parent.clauseOf('entity')).toBeUndefined();
    scope.clear('time');
    expect(parent.value).toEqual([]);
    scope.set([{ source: 'region', predicate: north }, { ...shoes, predicate: may }]);
    expect(parent.value).toEqual([{ source: 'region', predicate: north }]);
    expect(scope.value.map((c) => c.source)).toEqual(['region', 'entity']);
    scope.clear();
    expect(parent.value).toEqual([]);
    expect(scope.value).toEqual([shoes]);
  });

  test('subscribers hear the parent changes', () => {
    const parent = new Selection();
    const scope = new ScopedSelection(parent, { fixed: shoes });
    const heard: string[][] = [];
    scope.subscribe((clauses) => heard.push(clauses.map((c) => c.source)));
    parent.update({ source: 'time', predicate: may });
    expect(heard).toEqual([['entity'], ['time', 'entity']]);
  });

  test('dispose stops mirroring and clears the clauses published through the scope only', () => {
    const parent = new Selection();
    parent.update({ source: 'host', predicate: north });
    const scope = new ScopedSelection(parent, { fixed: shoes });
    scope.update({ source: 'time', predicate: may });
    scope.dispose();
    expect(parent.value.map((c) => c.source)).toEqual(['host']);
    parent.update({ source: 'other', predicate: may });
    expect(scope.value.map((c) => c.source)).toEqual(['host', 'time', 'entity']);
  });

  test('under a union parent the fixed clause is distributed over the union', () => {
    const parent = new Selection({ resolution: 'union' });
    const scope = new ScopedSelection(parent, { fixed: shoes });
    expect(scope.filterFor('w')).toEqual({ mode: 'and', predicates: [isIn('product', ['Shoes'])] });
    parent.update({ source: 'time', predicate: may });
    expect(scope.filterFor('w')).toEqual({ mode: 'and', predicates: [may, isIn('product', ['Shoes'])] });
    parent.update({ source: 'region', predicate: north });
    // (May ∪ North) ∩ Shoes = (May ∩ Shoes) ∪ (North ∩ Shoes).
    expect(scope.filterFor('w')).toEqual({ mode: 'or', predicates: [allOf([may, isIn('product', ['Shoes'])]), allOf([north, isIn('product', ['Shoes'])])] });
  });

  test('hidden sources stay visible as clauses but out of every filter of the scope', () => {
    const parent = new Selection();
    const scope = new ScopedSelection(parent, { hidden: ['orders-anomaly', 'funnel-anomaly'] });
    scope.update({ source: 'orders-anomaly', predicate: may });
    expect(scope.clauseOf('orders-anomaly')!.predicate).toEqual(may);
    expect(scope.filterFor('funnel-anomaly')).toEqual(NO_FILTER);
    parent.update({ source: 'region', predicate: north });
    expect(scope.filterFor('funnel-anomaly')).toEqual({ mode: 'and', predicates: [north] });
    // The rest of the dashboard filters by the hidden clause.
    expect(parent.filterFor('kpis')).toEqual({ mode: 'and', predicates: [may, north] });
  });
});
