import { describe, expect, it } from 'vitest';
import { interval, isIn, sessionMask, type Filter } from '@clvkit/core';
import { derivedColumns, withDerivedFields } from '../../src/index.js';
import { ByteLru } from '../../src/crossfilter/byte-lru.js';
import { buildDistinctCube } from '../../src/crossfilter/distinct-cube.js';
import { baseMask, baseOf } from '../../src/crossfilter/clause-bits.js';
import { conjunctionOf } from '../../src/crossfilter/conjunction.js';
import { shop } from '../helpers.js';

describe('ByteLru', () => {
  it('drops the least recently used entries beyond its byte budget, never the one just stored', () => {
    const lru = new ByteLru<string>(10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    expect(lru.get('a')).toBe('A'); // a is now the most recent
    lru.set('c', 'C', 4); // 12 > 10: b goes
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['A', undefined, 'C']);
    lru.set('big', 'X', 50);
    expect(lru.size).toBe(1);
    expect(lru.bytes).toBe(50);
    expect(lru.get('big')).toBe('X');
  });
});

describe('distinct clients of a run of bins', () => {
  it('counts each client once, at its first bin of the run (hand-worked)', () => {
    // The helpers' shop: 10 sessions of 3 clients; bins assigned round-robin; the expected
    // counts come from a direct set count per run.
    const dataset = withDerivedFields(shop());
    const derived = derivedColumns(dataset);
    const n = dataset.sessions.length;
    const bins = Int32Array.from({ length: n }, (_, i) => i % 4);
    const clients = derived.sessionClients().codes;
    const purchased = derived.purchased();
    const all = { bits: new Uint32Array(n), mask: 0 };
    const cube = buildDistinctCube(derived, all, bins, 4);
    for (let from = 0; from <= 4; from++) {
      for (let to = from; to <= 4; to++) {
        const visitors = new Set<number>();
        const buyers = new Set<number>();
        for (let i = 0; i < n; i++) {
          if (bins[i] >= from && bins[i] < to) {
            visitors.add(clients[i]);
            if (purchased[i]) buyers.add(clients[i]);
          }
        }
        expect([cube.visitors(from, to), cube.buyers(from, to)], `[${from}, ${to})`).toEqual([visitors.size, buyers.size]);
      }
    }
  });
});

describe('clause bits', () => {
  it('give the same rows as the filter when clauses come and go beyond the 32 bits', () => {
    const dataset = withDerivedFields(shop());
    const derived = derivedColumns(dataset);
    const filters: Filter[] = [];
    for (let k = 0; k < 40; k++) {
      const predicates = [interval('payment_amount', k % 7 * 10, k % 7 * 10 + 60), isIn('dimension', [k % 2 ? 'web' : 'app'])];
      filters.push({ mode: 'and', predicates });
    }
    for (const filter of [...filters, ...filters.slice().reverse()]) {
      const base = baseOf(derived, 'sessions', conjunctionOf([filter]), -1)!;
      expect(baseMask(base)).toEqual(sessionMask(dataset, filter));
    }
  });
});
