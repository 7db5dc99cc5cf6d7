import { isIn } from '@clvkit/core';
import type { MarkFilter } from '../../charts/mark-filter.js';
import { seriesClass } from '../../charts/text.js';
import { valuesLabel } from '../../interactions/publish.js';
import type { Key } from '../../interactions/toggle-values.js';

/**
 * The 11 RFM segments in map order (best first), as the `rfm` analysis names them
 * (`meta.segments`). Widgets order segments this way unless the result says otherwise.
 */
export const SEGMENT_NAMES: readonly string[] = [
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
];

/** The derived sessions field holding a customer's segment (default RFM params, as of the data's end). */
export const SEGMENT_FIELD = 'rfm_segment';

/**
 * Each segment's theme colour: a token chosen so neighbours on the map differ, the at-risk
 * pair reads red and the lapsed pair grey/dark; `series` is the palette slot (1..8) its marks
 * also carry, so they are coloured even where only the base chart stylesheet is present.
 * Hosts recolour one segment with its own token, e.g. `--clv-segment-champions`.
 */
const SEGMENT_TOKENS: Readonly<Record<string, { readonly token: string; readonly series: number }>> = {
  champions: { token: '--clv-palette-3', series: 3 },
  loyalcustomers: { token: '--clv-palette-1', series: 1 },
  potentialloyalists: { token: '--clv-palette-6', series: 6 },
  newcustomers: { token: '--clv-palette-7', series: 7 },
  promising: { token: '--clv-palette-5', series: 5 },
  needattention: { token: '--clv-palette-2', series: 2 },
  abouttosleep: { token: '--clv-palette-4', series: 4 },
  atrisk: { token: '--clv-palette-8', series: 8 },
  // Eight palette colours and two text greys are all the distinct tokens there are (the status
  // colours repeat palette colours in the dark theme): the eleventh is a deeper At Risk red.
  cantlosethem: { token: 'color-mix(in srgb, var(--clv-palette-8) 55%, var(--clv-color-text))', series: 8 },
  hibernating: { token: '--clv-color-muted', series: 6 },
  lost: { token: '--clv-color-text', series: 5 },
};

/** A segment name reduced to lowercase letters and digits ("Can’t Lose Them" -> "cantlosethem"), so typographic apostrophes and spacing do not matter. */
function compact(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** "Can't Lose Them" -> "cant-lose-them": the suffix of the segment's class and colour token. */
export function segmentSlug(segment: string): string {
  return segment
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** True when `name` is one of the 11 RFM segments (spelling of apostrophes and spaces aside). */
export function isSegmentName(name: unknown): name is string {
  return typeof name === 'string' && compact(name) in SEGMENT_TOKENS;
}

/** The map's spelling of a segment name ("can’t lose them" -> "Can't Lose Them"), or null. */
function canonical(name: string): string | null {
  const key = compact(name);
  return SEGMENT_NAMES.find((n) => compact(n) === key) ?? null;
}

/**
 * The colour of an RFM segment as a CSS value, `var(--clv-segment-<slug>, var(<token>))`, or
 * null for a name that is not a segment. The RFM stylesheet sets it as `--clv-series-color` on
 * `.clv-seg-<slug>`.
 */
export function segmentColor(segment: string): string | null {
  const name = canonical(segment);
  if (!name) return null;
  const token = SEGMENT_TOKENS[compact(name)].token;
  return `var(--clv-segment-${segmentSlug(name)}, ${token.startsWith('--') ? `var(${token})` : token})`;
}

/** The colour classes of a segment, `clv-series-<n> clv-seg-<slug>`, or null for other names. */
export function segmentClass(segment: string): string | null {
  const name = canonical(segment);
  return name ? `${seriesClass(SEGMENT_TOKENS[compact(name)].series - 1)} clv-seg-${segmentSlug(name)}` : null;
}

/**
 * The colour scale every RFM widget uses for categories, as classes that set
 * `--clv-series-color` (marks fill with it; canvases read it back with `resolveSeriesColor`):
 * RFM segments get their segment colour, the same in every widget; any other category (a
 * bracket "low"/"mid"/"high") gets the palette colour of its position among the non-segment
 * categories of `categories`, so the scale is stable for a given category list.
 */
export function categoryColorScale(categories: readonly Key[]): (category: Key | null) => string {
  const others = new Map<string, number>();
  for (const c of categories) {
    const name = String(c);
    if (!isSegmentName(name) && !others.has(name)) others.set(name, others.size);
  }
  return (category) => {
    if (category === null) return 'clv-seg-none';
    const name = String(category);
    return segmentClass(name) ?? seriesClass(others.get(name) ?? others.size);
  };
}

/**
 * Categories in display order: segments in map order (or `order`, e.g. a result's
 * `meta.segments`), then the other categories in first-seen order.
 */
export function orderCategories(seen: Iterable<Key>, order: readonly string[] = SEGMENT_NAMES): Key[] {
  const present = [...new Set(seen)];
  const rank = new Map(order.map((name, i) => [compact(name), i]));
  const known = (c: Key) => rank.has(compact(String(c)));
  const ranked = present.filter(known).sort((a, b) => rank.get(compact(String(a)))! - rank.get(compact(String(b)))!);
  return [...ranked, ...present.filter((c) => !known(c))];
}

/** What selected segments publish: `isIn('rfm_segment', segments)`, labelled "Segment: Champions". */
export function segmentFilter(segments: readonly Key[]): MarkFilter {
  if (segments.length === 0) return null;
  return { predicate: isIn(SEGMENT_FIELD, segments), label: valuesLabel('Segment', segments) };
}
