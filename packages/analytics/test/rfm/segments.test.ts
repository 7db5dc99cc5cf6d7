import { describe, expect, it } from 'vitest';
import { SEGMENTS, segmentCode, segmentOf, type Segment } from '../../src/index.js';

/*
 * The segment map, restated independently of segments.ts as conditions on R and
 * FM = (F + M) / 2 (a float here; the code uses the integer sum F + M and a grid).
 */
const RULES: Record<Segment, (r: number, fm: number) => boolean> = {
  Champions: (r, fm) => r >= 4 && fm >= 4,
  'Loyal Customers': (r, fm) => (r === 4 && fm >= 3 && fm <= 3.5) || (r === 3 && fm >= 4),
  'Potential Loyalists': (r, fm) => (r === 5 && fm >= 2 && fm <= 3.5) || (r === 4 && fm >= 2 && fm <= 2.5),
  'New Customers': (r, fm) => r === 5 && fm <= 1.5,
  Promising: (r, fm) => r === 4 && fm <= 1.5,
  'Need Attention': (r, fm) => r === 3 && fm >= 3 && fm <= 3.5,
  'About to Sleep': (r, fm) => r === 3 && fm <= 2.5,
  'At Risk': (r, fm) => (r === 2 && fm >= 3) || (r === 1 && fm >= 3 && fm <= 3.5),
  "Can't Lose Them": (r, fm) => r === 1 && fm >= 4,
  Hibernating: (r, fm) => (r === 2 && fm <= 2.5) || (r === 1 && fm >= 2 && fm <= 2.5),
  Lost: (r, fm) => r === 1 && fm <= 1.5,
};

describe('the 11-segment map', () => {
  it('lists the 11 segments in map order', () => {
    expect(SEGMENTS).toEqual([
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
    ]);
  });

  it('maps every one of the 125 (R, F, M) combinations to exactly one segment', () => {
    const counts: Record<string, number> = {};
    let combinations = 0;
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        for (let m = 1; m <= 5; m++) {
          combinations++;
          const fm = (f + m) / 2;
          const matching = SEGMENTS.filter((s) => RULES[s](r, fm));
          expect(matching, `R${r} F${f} M${m}`).toHaveLength(1);
          expect(segmentOf(r, f, m), `R${r} F${f} M${m}`).toBe(matching[0]);
          expect(SEGMENTS[segmentCode(r, f, m)]).toBe(matching[0]);
          counts[matching[0]] = (counts[matching[0]] ?? 0) + 1;
        }
      }
    }
    expect(combinations).toBe(125);
    // (F, M) pairs per FM band: low (FM 1, 1.5) 1 + 2 = 3; lowMid (2, 2.5) 3 + 4 = 7;
    // mid (3, 3.5) 5 + 4 = 9; high (4, 4.5, 5) 3 + 2 + 1 = 6. Cells per segment:
    // Champions 2 R x high = 12; Loyal R4 mid + R3 high = 9 + 6 = 15; Potential Loyalists
    // R5 lowMid + R5 mid + R4 lowMid = 7 + 9 + 7 = 23; New R5 low 3; Promising R4 low 3;
    // Need Attention R3 mid 9; About to Sleep R3 low + lowMid = 10; At Risk R2 mid + R2 high +
    // R1 mid = 9 + 6 + 9 = 24; Can't Lose R1 high 6; Hibernating R2 low + R2 lowMid + R1 lowMid
    // = 3 + 7 + 7 = 17; Lost R1 low 3. Sum 125.
    expect(counts).toEqual({
      Champions: 12,
      'Loyal Customers': 15,
      'Potential Loyalists': 23,
      'New Customers': 3,
      Promising: 3,
      'Need Attention': 9,
      'About to Sleep': 10,
      'At Risk': 24,
      "Can't Lose Them": 6,
      Hibernating: 17,
      Lost: 3,
    });
  });

  it('reaches every segment', () => {
    const reached = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) reached.add(segmentOf(r, f, m));
    expect([...reached].sort()).toEqual([...SEGMENTS].sort());
  });

  it('reads the classic corners', () => {
    expect(segmentOf(5, 5, 5)).toBe('Champions');
    expect(segmentOf(1, 1, 1)).toBe('Lost');
    expect(segmentOf(5, 1, 1)).toBe('New Customers');
    expect(segmentOf(1, 5, 5)).toBe("Can't Lose Them");
    // F + M = 7 (FM 3.5) is mid, F + M = 8 (FM 4) high.
    expect(segmentOf(3, 3, 4)).toBe('Need Attention');
    expect(segmentOf(3, 4, 4)).toBe('Loyal Customers');
  });

  it('rejects scores outside 1..5', () => {
    expect(() => segmentCode(0, 3, 3)).toThrow(RangeError);
    expect(() => segmentCode(3, 6, 3)).toThrow(/integers from 1 to 5/);
    expect(() => segmentCode(3, 3, 2.5)).toThrow(RangeError);
  });
});
