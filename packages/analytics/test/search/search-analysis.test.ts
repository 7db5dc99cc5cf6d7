import { describe, expect, it } from 'vitest';
import { interval, NO_FILTER, type Dataset, type Filter } from '@clvkit/core';
import { runQuery } from '../../src/index.js';
import { buildDataset, strings } from '../helpers.js';

/**
 * A shop whose entity names exercise the search: products "Night Lamp" and "Nachttisch",
 * clients "Müller" and "Mueller" (plus "Zoë" known only to the customers table), the promotion
 * "SUMMER-SALE" and the dimension "Zürich".
 */
function shop(): Dataset {
  return buildDataset({
    sessions: [
      { id: 'o1', client: 'Müller', start: '2024-03-01T10:00Z', payment: 10, promotion: 'SUMMER-SALE', dimension: 'Zürich' },
      { id: 'o2', client: 'Mueller', start: '2024-03-02T10:00Z', payment: 20, dimension: 'Bern' },
    ],
    lines: [
      { order: 'o1', product: 'Night Lamp', price: 10 },
      { order: 'o2', product: 'Nachttisch', price: 20 },
    ],
    customers: [{ client: 'Müller' }, { client: 'Mueller' }, { client: 'Zoë' }],
  });
}

const search = (dataset: Dataset, params: Record<string, unknown>, filter: Filter = NO_FILTER) =>
  runQuery(dataset, { spec: { kind: 'analysis', name: 'search', params }, filter });

describe('search', () => {
  const dataset = shop();

  it('finds clients case- and accent-insensitively, exact match first', () => {
    // query "muller": mu ul ll le er (5 bigrams)
    // "Müller" normalises to "muller" -> 1
    // "mueller": mu ue el ll le er (6), common mu ll le er = 4 -> 8 / 11
    // "summer-sale": su um mm me er r- -s sa al le (10), common er le = 2 -> 4 / 15
    // "bern": be er rn (3), common er -> 2 / 8
    const { rows, meta } = search(dataset, { query: 'MULLER' });
    expect(rows).toEqual([
      { type: 'client', value: 'Müller', score: 1 },
      { type: 'client', value: 'Mueller', score: 8 / 11 },
      { type: 'promotion', value: 'SUMMER-SALE', score: 4 / 15 },
      { type: 'dimension', value: 'Bern', score: 2 / 8 },
    ]);
    expect(meta).toMatchObject({ query: 'MULLER', normalized: 'muller', types: ['product', 'client', 'promotion', 'dimension'] });
  });

  it('searches products, promotions, dimensions and customers-only clients', () => {
    // "zurich": zu ur ri ic ch; only "nachttisch" (na ac ch ht tt ti is sc ch, 9) shares ch -> 2 / 14
    expect(search(dataset, { query: 'zurich' }).rows).toEqual([
      { type: 'dimension', value: 'Zürich', score: 1 },
      { type: 'product', value: 'Nachttisch', score: 2 / 14 },
    ]);
    expect(search(dataset, { query: 'summer sale' }).rows[0]).toEqual({
      type: 'promotion',
      value: 'SUMMER-SALE',
      // "summer sale" vs "summer-sale": 10 bigrams each, all but "r " " s" / "r-" "-s" shared: 2 × 8 / 20
      score: 0.8,
    });
    expect(search(dataset, { query: 'zoe' }).rows).toEqual([{ type: 'client', value: 'Zoë', score: 1 }]);
    // "night": ni ig gh ht; "night lamp" (9 bigrams) shares 4 -> 8 / 13; "nachttisch" (9): ht -> 2 / 13
    expect(search(dataset, { query: 'night', types: ['product'] }).rows).toEqual([
      { type: 'product', value: 'Night Lamp', score: 8 / 13 },
      { type: 'product', value: 'Nachttisch', score: 2 / 13 },
    ]);
  });

  it('keeps `limit` rows across types, best first, and ignores the filter', () => {
    const all = search(dataset, { query: 'mueller night', limit: 1 }).rows;
    expect(all.length).toBe(1);
    const dated: Filter = { mode: 'and', predicates: [interval('session_start', Date.parse('2024-03-02'), Date.parse('2024-03-03'))] };
    expect(search(dataset, { query: 'muller' }, dated).rows).toEqual(search(dataset, { query: 'muller' }).rows);
  });

  it('works without basket lines or customers, and checks its params', () => {
    const bare = buildDataset({ sessions: [{ id: 'o1', client: 'night', start: '2024-03-01T10:00Z' }] });
    expect(search(bare, { query: 'night' }).rows).toEqual([{ type: 'client', value: 'night', score: 1 }]);
    expect(() => search(dataset, {})).toThrow(/params\.query is required/);
    expect(() => search(dataset, { query: '' })).toThrow(/params\.query/);
    expect(() => search(dataset, { query: 'x', types: ['colour'] })).toThrow(/params\.types/);
    expect(() => search(dataset, { query: 'x', limit: 0 })).toThrow(/params\.limit/);
    expect(search(dataset, { query: '!!' }).rows).toEqual([]);
  });

  it('looks through 100 000 clients (inverted index, cached per dataset)', () => {
    const n = 100_000;
    const clients = Array.from({ length: n }, (_, i) => `C${String(i).padStart(6, '0')}`);
    const base = buildDataset({ sessions: [{ id: 'o1', client: 'C000000', start: '2024-03-01T10:00Z' }] });
    const sessions = { ...base.sessions, length: n, columns: { ...base.sessions.columns, client: strings(clients), session_start: { type: 'time' as const, values: new Float64Array(n).fill(Date.parse('2024-03-01')) } } };
    const big: Dataset = { ...base, sessions: { ...sessions, columns: Object.fromEntries(Object.entries(sessions.columns).filter(([name]) => ['client', 'session_start'].includes(name))) } };
    const first = search(big, { query: 'c012345', limit: 3 }).rows;
    // exact match 1; then the ids sharing 5 of its 6 bigrams (c0 01 12 23 34 45): e.g. C012346 -> 2 × 5 / 12
    expect(first[0]).toEqual({ type: 'client', value: 'C012345', score: 1 });
    expect(first[1].score).toBeCloseTo(10 / 12, 12);
    const again = search(big, { query: 'c099999', limit: 1 }).rows;
    expect(again).toEqual([{ type: 'client', value: 'C099999', score: 1 }]);
  });
});
