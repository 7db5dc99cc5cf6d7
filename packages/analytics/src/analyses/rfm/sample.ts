/**
 * Deterministic sampling of customers for the scatters: when there are more than `limit`, the
 * `limit` customers whose client ids have the smallest FNV-1a 32-bit hash are kept (ties by
 * position). The hash depends on the id alone, so a customer in the sample stays in it under
 * any filter that keeps them, and the sample is spread evenly over every kind of customer.
 */

/** FNV-1a 32-bit hash of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Indices (ascending) of the customers to show: all when at most `limit`, else the sample. */
export function sampleCustomers(ids: readonly string[], limit: number): { indices: Int32Array; truncated: boolean } {
  const n = ids.length;
  if (n <= limit) return { indices: Int32Array.from({ length: n }, (_, i) => i), truncated: false };
  const hashes = new Float64Array(n);
  for (let i = 0; i < n; i++) hashes[i] = fnv1a(ids[i]);
  const threshold = Float64Array.from(hashes).sort()[limit - 1];
  let below = 0;
  for (let i = 0; i < n; i++) if (hashes[i] < threshold) below++;
  let ties = limit - below;
  const indices = new Int32Array(limit);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (hashes[i] < threshold || (hashes[i] === threshold && ties-- > 0)) indices[k++] = i;
  }
  return { indices, truncated: true };
}
