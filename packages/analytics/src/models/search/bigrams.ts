/**
 * Character-bigram similarity (the Sørensen–Dice coefficient over bigram multisets), the
 * measure of the seed's search: "night" has the bigrams ni ig gh ht, "nacht" na ac ch ht; one
 * in common, so Dice = 2 × 1 / (4 + 4) = 0.25.
 */
import { normalizeText } from './normalize.js';

/** A bigram as one number: the UTF-16 code units of its two characters. */
export type BigramKey = number;

/** The bigrams of an already normalised string with their counts (spaces are characters too). */
export function bigramCounts(normalized: string): Map<BigramKey, number> {
  const counts = new Map<BigramKey, number>();
  for (let i = 0; i + 1 < normalized.length; i++) {
    const key = normalized.charCodeAt(i) * 65_536 + normalized.charCodeAt(i + 1);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Similarity of two texts in [0, 1]: 1 when they are equal after `normalizeText`; otherwise
 * 2 × |A ∩ B| / (|A| + |B|) over the bigram multisets A and B of the normalised texts
 * (|A ∩ B| = Σ over bigrams of the smaller count), and 0 when either has no bigram (a single
 * character or nothing) and they differ.
 */
export function diceSimilarity(a: string, b: string): number {
  const x = normalizeText(a);
  const y = normalizeText(b);
  if (x === y) return x.length > 0 ? 1 : 0;
  return diceOfNormalized(x, y);
}

/** `diceSimilarity` of two texts that are already normalised and differ. */
export function diceOfNormalized(x: string, y: string): number {
  const total = Math.max(0, x.length - 1) + Math.max(0, y.length - 1);
  if (total === 0) return 0;
  const counts = bigramCounts(x);
  let common = 0;
  for (let i = 0; i + 1 < y.length; i++) {
    const key = y.charCodeAt(i) * 65_536 + y.charCodeAt(i + 1);
    const left = counts.get(key);
    if (left) {
      common++;
      counts.set(key, left - 1);
    }
  }
  return (2 * common) / total;
}
