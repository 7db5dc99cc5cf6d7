/**
 * The 11-segment RFM map: a customer's segment from their recency score R and the mean of
 * their frequency and monetary scores FM = (F + M) / 2, all scores 1..5 with 5 best.
 *
 * FM is read in four bands (by the integer sum F + M, so no floating point is involved):
 *
 * | band    | FM         | F + M  |
 * |---------|------------|--------|
 * | low     | 1 .. 1.5   | 2 .. 3 |
 * | lowMid  | 2 .. 2.5   | 4 .. 5 |
 * | mid     | 3 .. 3.5   | 6 .. 7 |
 * | high    | 4 .. 5     | 8 .. 10|
 *
 * and each (R, band) cell names exactly one segment:
 *
 * | R \ FM | low            | lowMid              | mid                 | high            |
 * |--------|----------------|---------------------|---------------------|-----------------|
 * | 5      | New Customers  | Potential Loyalists | Potential Loyalists | Champions       |
 * | 4      | Promising      | Potential Loyalists | Loyal Customers     | Champions       |
 * | 3      | About to Sleep | About to Sleep      | Need Attention      | Loyal Customers |
 * | 2      | Hibernating    | Hibernating         | At Risk             | At Risk         |
 * | 1      | Lost           | Hibernating         | At Risk             | Can't Lose Them |
 *
 * Reading: recent buyers are Champions when they buy often and spend much, Potential
 * Loyalists when average, New Customers / Promising when they have bought little so far;
 * middling recency is Loyal (high FM), Need Attention (mid) or About to Sleep (low); long-gone
 * buyers are Can't Lose Them (they were the best), At Risk (they were good), Hibernating or,
 * the lowest on every score, Lost. Every one of the 125 (R, F, M) combinations falls in
 * exactly one cell (the table is total), and every segment has at least one cell.
 */

/** The segment names, in map order (the order of the `segmentation` rows). */
export const SEGMENTS = [
  'Champions',
  'Loyal Customers',
  'Potential Loyalists',
  'New Customers',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'At Risk',
  "Can't Lose Them",
  'Hibernating',
  'Lost',
] as const;

/** A segment name. */
export type Segment = (typeof SEGMENTS)[number];

/** The FM bands, low to high. */
export const FM_BANDS = ['low', 'lowMid', 'mid', 'high'] as const;
export type FmBand = (typeof FM_BANDS)[number];

const code = (segment: Segment): number => SEGMENTS.indexOf(segment);

/** SEGMENT_GRID[R - 1][band] = segment code (index into SEGMENTS); see the table above. */
export const SEGMENT_GRID: readonly (readonly number[])[] = Object.freeze([
  // R = 1
  [code('Lost'), code('Hibernating'), code('At Risk'), code("Can't Lose Them")],
  // R = 2
  [code('Hibernating'), code('Hibernating'), code('At Risk'), code('At Risk')],
  // R = 3
  [code('About to Sleep'), code('About to Sleep'), code('Need Attention'), code('Loyal Customers')],
  // R = 4
  [code('Promising'), code('Potential Loyalists'), code('Loyal Customers'), code('Champions')],
  // R = 5
  [code('New Customers'), code('Potential Loyalists'), code('Potential Loyalists'), code('Champions')],
]);

/** The FM band index (0 = low .. 3 = high) of frequency and monetary scores 1..5. */
export function fmBand(f: number, m: number): number {
  const sum = f + m;
  return sum <= 3 ? 0 : sum <= 5 ? 1 : sum <= 7 ? 2 : 3;
}

/**
 * The segment code (index into `SEGMENTS`) of scores r, f, m (integers 1..5, 5 best).
 * @throws RangeError when a score is not an integer from 1 to 5.
 */
export function segmentCode(r: number, f: number, m: number): number {
  if (!isScore(r) || !isScore(f) || !isScore(m)) {
    throw new RangeError(`segmentCode: scores must be integers from 1 to 5, got R=${r} F=${f} M=${m}`);
  }
  return SEGMENT_GRID[r - 1][fmBand(f, m)];
}

/** The segment name of scores r, f, m (integers 1..5, 5 best). */
export function segmentOf(r: number, f: number, m: number): Segment {
  return SEGMENTS[segmentCode(r, f, m)];
}

function isScore(s: number): boolean {
  return Number.isInteger(s) && s >= 1 && s <= 5;
}
