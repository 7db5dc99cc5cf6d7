import { describe, expect, test } from 'vitest';
import { isIn } from '@clvkit/core';
import { RFM_CSS } from '../../src/widgets/rfm/rfm-css.js';
import { categoryColorScale, isSegmentName, orderCategories, segmentClass, segmentColor, segmentFilter, segmentSlug, SEGMENT_NAMES } from '../../src/widgets/rfm/segments.js';

describe('segment colour scale', () => {
  test('eleven segments, each with its own class, slug and token', () => {
    expect(SEGMENT_NAMES).toHaveLength(11);
    expect(segmentSlug("Can't Lose Them")).toBe('cant-lose-them');
    expect(segmentColor('Champions')).toBe('var(--clv-segment-champions, var(--clv-palette-3))');
    expect(segmentColor("Can't Lose Them")).toBe('var(--clv-segment-cant-lose-them, color-mix(in srgb, var(--clv-palette-8) 55%, var(--clv-color-text)))');
    expect(new Set(SEGMENT_NAMES.map((s) => segmentColor(s))).size).toBe(11);
    expect(segmentClass('At Risk')).toBe('clv-series-8 clv-seg-at-risk');
  });

  test('spelling of apostrophes and case does not change the colour', () => {
    expect(segmentClass('can’t lose them')).toBe(segmentClass("Can't Lose Them"));
    expect(isSegmentName('LOYAL customers')).toBe(true);
    expect(isSegmentName('low')).toBe(false);
    expect(segmentColor('low')).toBeNull();
  });

  test('the same segment gets the same class whatever else is on the chart', () => {
    const a = categoryColorScale(['Lost', 'Champions']);
    const b = categoryColorScale(['Champions', 'At Risk', 'Hibernating', 'Lost']);
    for (const s of ['Lost', 'Champions']) expect(a(s)).toBe(b(s));
  });

  test('other categories take palette colours by position among the non-segments', () => {
    const scale = categoryColorScale(['low', 'Champions', 'mid', 'high']);
    expect([scale('low'), scale('mid'), scale('high')]).toEqual(['clv-series-1', 'clv-series-2', 'clv-series-3']);
    expect(scale(null)).toBe('clv-seg-none');
  });

  test('order: segments in map order, others after them in first-seen order', () => {
    expect(orderCategories(['x', 'Lost', 'Champions', 'y', 'At Risk'])).toEqual(['Champions', 'At Risk', 'Lost', 'x', 'y']);
    expect(orderCategories(['Lost', 'Champions'], ['Lost', 'Champions'])).toEqual(['Lost', 'Champions']);
  });

  test('selected segments publish isIn(rfm_segment, ...)', () => {
    expect(segmentFilter(['Champions', 'Lost'])).toEqual({ predicate: isIn('rfm_segment', ['Champions', 'Lost']), label: 'Segment: Champions, Lost' });
    expect(segmentFilter([])).toBeNull();
  });
});

describe('RFM stylesheet', () => {
  test('tokens only, a rule per segment and score', () => {
    expect(RFM_CSS).not.toMatch(/#[0-9a-f]{3,8}\b/i);
    expect(RFM_CSS).not.toMatch(/rgba?\(/);
    expect(RFM_CSS).not.toMatch(/:\s*(white|black|red|blue|gray|grey)\b/);
    for (const s of SEGMENT_NAMES) expect(RFM_CSS).toContain(`.clv-root .clv-seg-${segmentSlug(s)}{--clv-series-color:${segmentColor(s)};}`);
    for (let score = 1; score <= 5; score++) expect(RFM_CSS).toContain(`.clv-root .clv-score-${score}{`);
  });
});
