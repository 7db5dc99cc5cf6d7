import { describe, expect, it } from 'vitest';
import { NO_FILTER, interval, isIn } from '@clvkit/core';
import { LruCache } from '../src/lru-cache.js';
import { requestKey, stableStringify } from '../src/request-key.js';

describe('stableStringify and requestKey', () => {
  it('ignores object key order and undefined members, keeps array order', () => {
    expect(stableStringify({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(stableStringify({ a: 1, b: 2 })).toBe(stableStringify({ b: 2, a: 1 }));
    expect(stableStringify([1, 2])).not.toBe(stableStringify([2, 1]));
  });

  it('equal specs and filters give equal keys whatever the clause order', () => {
    const spec = { kind: 'aggregate', measures: ['orders'] } as const;
    const a = interval('session_start', 0, 10);
    const b = isIn('category', ['Shoes']);
    expect(requestKey(spec, { mode: 'and', predicates: [a, b] })).toBe(requestKey({ measures: ['orders'], kind: 'aggregate' }, { mode: 'and', predicates: [b, a] }));
    expect(requestKey(spec, { mode: 'and', predicates: [a, b] })).not.toBe(requestKey(spec, { mode: 'or', predicates: [a, b] }));
    expect(requestKey(spec, NO_FILTER)).not.toBe(requestKey({ ...spec, measures: ['revenue'] }, NO_FILTER));
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry beyond capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3); // evicts b
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('capacity 0 stores nothing; a bad capacity is a RangeError', () => {
    const cache = new LruCache<string, number>(0);
    cache.set('a', 1);
    expect(cache.size).toBe(0);
    expect(() => new LruCache(-1)).toThrow(RangeError);
    expect(() => new LruCache(1.5)).toThrow('cacheSize: must be a non-negative integer, got 1.5');
  });
});
