/** The models' seeded generator (mulberry32), shared with the autoencoder and the sequence model. */
export { mulberry32 } from '../../random.js';

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
