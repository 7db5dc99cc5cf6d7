import { describe, expect, it } from 'vitest';
import { bigramCounts, diceSimilarity } from '../../src/models/search/bigrams.js';
import { normalizeText } from '../../src/models/search/normalize.js';

describe('normalizeText', () => {
  it('removes accents and case, folds letters without a decomposition, collapses whitespace', () => {
    expect(normalizeText('Café  Crème')).toBe('cafe creme');
    expect(normalizeText('Straße')).toBe('strasse');
    expect(normalizeText('Ærø Łódź')).toBe('aero lodz');
    expect(normalizeText('ﬁle')).toBe('file'); // the "fi" ligature decomposes (NFKD)
    expect(normalizeText('  A\tB\n')).toBe('a b');
    expect(normalizeText('Zürich')).toBe(normalizeText('ZURICH'));
  });
});

describe('bigramCounts', () => {
  it('counts overlapping character pairs, spaces included', () => {
    const key = (pair: string) => pair.charCodeAt(0) * 65_536 + pair.charCodeAt(1);
    // "banana": ba an na an na -> ba 1, an 2, na 2
    const counts = bigramCounts('banana');
    expect(counts.size).toBe(3);
    expect([counts.get(key('ba')), counts.get(key('an')), counts.get(key('na'))]).toEqual([1, 2, 2]);
    expect(bigramCounts('a b').get(key(' b'))).toBe(1);
    expect(bigramCounts('a').size).toBe(0);
  });
});

describe('diceSimilarity', () => {
  it('is 2 × common / (|A| + |B|) over bigram multisets', () => {
    // night: ni ig gh ht; nacht: na ac ch ht; common ht -> 2 × 1 / (4 + 4) = 0.25
    expect(diceSimilarity('night', 'nacht')).toBe(0.25);
    // abc: ab bc; abd: ab bd -> 2 × 1 / 4 = 0.5
    expect(diceSimilarity('abc', 'abd')).toBe(0.5);
    // multisets: aaaa has aa × 3, aa has aa × 1 -> common min(3, 1) = 1 -> 2 / (3 + 1) = 0.5
    expect(diceSimilarity('aaaa', 'aa')).toBe(0.5);
    // "night club": ni ig gh ht "t " " c" cl lu ub (9); "nightclub": ni ig gh ht tc cl lu ub (8)
    // common ni ig gh ht cl lu ub = 7 -> 14 / 17
    expect(diceSimilarity('night club', 'nightclub')).toBeCloseTo(14 / 17, 12);
    expect(diceSimilarity('ab', 'ba')).toBe(0);
  });

  it('is 1 for texts equal after normalisation, and 0 without bigrams unless equal', () => {
    expect(diceSimilarity('Night', 'NIGHT')).toBe(1);
    expect(diceSimilarity('café', 'CAFE')).toBe(1);
    expect(diceSimilarity('a', 'A')).toBe(1);
    expect(diceSimilarity('a', 'b')).toBe(0);
    expect(diceSimilarity('a', 'ab')).toBe(0);
    expect(diceSimilarity('', '')).toBe(0);
  });

  it('is symmetric', () => {
    expect(diceSimilarity('nacht', 'night')).toBe(diceSimilarity('night', 'nacht'));
    expect(diceSimilarity('nightclub', 'night club')).toBe(diceSimilarity('night club', 'nightclub'));
  });
});
