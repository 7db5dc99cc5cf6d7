import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diceSimilarity } from '../../src/models/search/bigrams.js';
import { buildSearchIndex, searchIndex } from '../../src/models/search/search-index.js';

describe('searchIndex', () => {
  const index = buildSearchIndex(['Nike Air', 'nike', 'Adidas', 'Niké']);

  it('ranks exact normalised matches first, then by Dice, and drops score 0', () => {
    // "nike" and "Niké" are exact (1; same length, index order); "nike air": ni ik ke "e " " a" ai ir (7)
    // against ni ik ke (3): 2 × 3 / 10 = 0.6; "adidas" shares no bigram
    expect(searchIndex(index, 'NIKE')).toEqual([
      { index: 1, value: 'nike', score: 1 },
      { index: 3, value: 'Niké', score: 1 },
      { index: 0, value: 'Nike Air', score: 0.6 },
    ]);
    expect(searchIndex(index, 'nike', 2).map((h) => h.value)).toEqual(['nike', 'Niké']);
    expect(searchIndex(index, 'xyz')).toEqual([]);
    expect(searchIndex(index, '   ')).toEqual([]);
  });

  it('finds one-character values only by exact match', () => {
    const letters = buildSearchIndex(['a', 'b', 'ab']);
    expect(searchIndex(letters, 'A')).toEqual([{ index: 0, value: 'a', score: 1 }]);
  });

  it('scores every value as diceSimilarity does (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', 'A', ' '), maxLength: 8 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 12 }), word, (values, query) => {
        const hits = searchIndex(buildSearchIndex(values), query, values.length + 1);
        const expected = values.map((value, i) => ({ i, score: diceSimilarity(query, value) })).filter((e) => e.score > 0);
        expect(hits.length).toBe(expected.length);
        for (const hit of hits) expect(hit.score).toBeCloseTo(diceSimilarity(query, hit.value), 12);
        for (let h = 1; h < hits.length; h++) expect(hits[h].score).toBeLessThanOrEqual(hits[h - 1].score);
      }),
    );
  });
});
