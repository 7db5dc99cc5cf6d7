/**
 * mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger's), enough for bootstrap resampling
 * and fully determined by its seed, so every test result is reproducible. Returns uniform
 * numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed from a base seed and a text (FNV-1a over the text's UTF-16 code units, mixed
 * with the base): each subject of a test gets its own stream, so a promotion's result does not
 * depend on which other promotions were tested or in which order.
 */
export function seedFor(base: number, text: string): number {
  let hash = (0x811c9dc5 ^ (base >>> 0)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
