import { allOf as all, interval, isIn, prefix, present } from '@clvkit/core';
import { describe, expect, it } from 'vitest';
import { indexLayout } from '../../src/layout.js';
import { UnsupportedQueryError } from '../../src/query/errors.js';
import { lineSelection, sessionsQuery } from '../../src/query/filter.js';

/** The filter compiler, clause by clause, against hand-written Elasticsearch queries. */
const layout = indexLayout({ orderActions: ['has_basket'] });
const q = (...predicates: Parameters<typeof all>[0]) => sessionsQuery(layout, [{ mode: 'and', predicates }]);
const one = (clause: object) => ({ bool: { filter: [clause] } });

describe('sessionsQuery', () => {
  it('an empty filter matches every document (an empty bool.filter)', () => {
    expect(sessionsQuery(layout, [{ mode: 'and', predicates: [] }])).toEqual({ bool: { filter: [] } });
  });

  it('interval: half-open range, epoch_millis on dates, open ends dropped, empty ranges match nothing', () => {
    expect(q(interval('session_start', 10, 20))).toEqual(one({ range: { session_start: { gte: 10, lt: 20, format: 'epoch_millis' } } }));
    expect(q(interval('payment_amount', 5, Infinity))).toEqual(one({ range: { payment_amount: { gte: 5 } } }));
    expect(q({ type: 'interval', field: 'payment_amount', range: [null, null] } as never)).toEqual(one({ exists: { field: 'payment_amount' } }));
    expect(q(interval('payment_amount', 5, 5))).toEqual(one({ terms: { payment_amount: [] } }));
  });

  it('in: values in the field type; booleans read like readBoolean; actions under actions.*', () => {
    expect(q(isIn('dimension', ['web', 3, true]))).toEqual(one({ terms: { dimension: ['web', '3', 'true'] } }));
    expect(q(isIn('has_purchased', [1, 'no', 'maybe']))).toEqual(one({ terms: { has_purchased: [true, false] } }));
    expect(q(isIn('has_basket', [true]))).toEqual(one({ terms: { 'actions.has_basket': [true] } }));
    expect(q(isIn('payment_amount', [1, '2.5', 'x']))).toEqual(one({ terms: { payment_amount: [1, 2.5] } }));
  });

  it('prefix "a/b" is the value or its subtree, never a sibling that merely starts with it', () => {
    const clause = { bool: { should: [{ terms: { 'basket.category': ['a/b'] } }, { prefix: { 'basket.category': { value: 'a/b/' } } }], minimum_should_match: 1 } };
    expect(q(prefix('category', ['a/b']))).toEqual(one({ nested: { path: 'basket', query: clause } }));
  });

  it('present: exists / must_not exists', () => {
    expect(q(present('promotion_id'))).toEqual(one({ exists: { field: 'promotion_id' } }));
    expect(q(present('promotion_id', false))).toEqual(one({ bool: { must_not: [{ exists: { field: 'promotion_id' } }] } }));
  });

  it('each line predicate is its own nested clause (any line for each), and an or filter is bool.should', () => {
    expect(q(isIn('product', ['A']), isIn('category', ['B']))).toEqual({
      bool: { filter: [{ bool: { filter: [{ nested: { path: 'basket', query: { terms: { 'basket.product': ['A'] } } } }, { nested: { path: 'basket', query: { terms: { 'basket.category': ['B'] } } } }] } }] },
    });
    expect(sessionsQuery(layout, [{ mode: 'or', predicates: [isIn('dimension', ['web']), all([isIn('client', ['c']), present('promotion_id')])] }], [{ term: { t: 1 } }])).toEqual({
      bool: { filter: [{ term: { t: 1 } }, { bool: { should: [{ terms: { dimension: ['web'] } }, { bool: { filter: [{ terms: { client: ['c'] } }, { exists: { field: 'promotion_id' } }] } }], minimum_should_match: 1 } }] },
    });
  });

  it('refuses customer fields and unknown predicate types', () => {
    expect(() => q(isIn('customers.gender', ['f']))).toThrow(UnsupportedQueryError);
    expect(() => q({ type: 'regex', field: 'client' } as never)).toThrow(/unknown predicate type/);
  });
});

describe('lineSelection', () => {
  it('splits order and line clauses; all line predicates on the same line', () => {
    expect(lineSelection(layout, [{ mode: 'and', predicates: [isIn('dimension', ['web']), all([isIn('product', ['A']), interval('price', 0, 10)])] }])).toEqual({
      order: { terms: { dimension: ['web'] } },
      line: { bool: { filter: [{ terms: { 'basket.product': ['A'] } }, { range: { 'basket.price': { gte: 0, lt: 10 } } }] } },
    });
  });

  it('an or of line predicates stays on the line; mixing levels in an or is refused', () => {
    expect(lineSelection(layout, [{ mode: 'or', predicates: [isIn('product', ['A']), isIn('category', ['B'])] }])).toEqual({
      order: null,
      line: { bool: { should: [{ terms: { 'basket.product': ['A'] } }, { terms: { 'basket.category': ['B'] } }], minimum_should_match: 1 } },
    });
    expect(() => lineSelection(layout, [{ mode: 'or', predicates: [isIn('product', ['A']), isIn('dimension', ['web'])] }])).toThrow(/mixing/);
  });
});
