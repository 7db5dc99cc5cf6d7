import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import type { Row } from '@clvkit/core';
import { readNumber } from '../../charts/accessor.js';
import { orderCategories } from './segments.js';

/** What a treemap tile's area stands for. */
export type TreemapMeasure = 'customers' | 'revenue';

/** One tile of the segment treemap. */
export interface TreemapTile {
  readonly segment: string;
  /** The tile's measure (customers or revenue). */
  readonly value: number;
  /** value / the total of all segments (0 when the total is 0). */
  readonly share: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly datum: Row;
}

/**
 * The tiles of `segmentation` rows in a `width` x `height` box (d3's squarified treemap, tiles
 * `padding` px apart), largest first so squarify lays them out evenly; ties in map order.
 * Segments with nothing to show (0 customers or revenue) get no tile.
 */
export function treemapTiles(rows: readonly Row[], measure: TreemapMeasure, width: number, height: number, padding = 2, order?: readonly string[]): TreemapTile[] {
  const named = rows.filter((row) => typeof row?.segment === 'string' && row.segment !== '');
  const rank = new Map(orderCategories(named.map((row) => row.segment as string), order).map((s, i) => [s, i]));
  const parts = named
    .map((datum) => ({ datum, segment: datum.segment as string, value: Math.max(readNumber(datum, measure) ?? 0, 0) }))
    .filter((p) => p.value > 0)
    .sort((a, b) => b.value - a.value || rank.get(a.segment)! - rank.get(b.segment)!);
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  if (total <= 0 || width <= 0 || height <= 0) return [];
  type Node = { segment?: string; value?: number; datum?: Row; children?: Node[] };
  const root = hierarchy<Node>({ children: parts }).sum((d) => d.value ?? 0);
  // d3 sorts nothing itself unless asked; the children keep the order above.
  treemap<Node>().tile(treemapSquarify).size([width, height]).paddingInner(padding).round(false)(root);
  return (root.leaves() as unknown as { data: Node; x0: number; y0: number; x1: number; y1: number }[]).map((leaf) => ({
    segment: leaf.data.segment!,
    value: leaf.data.value!,
    share: leaf.data.value! / total,
    x0: leaf.x0,
    y0: leaf.y0,
    x1: leaf.x1,
    y1: leaf.y1,
    datum: leaf.data.datum!,
  }));
}

/** Segments of `rows` that get no tile (nothing under `measure`), in map order. */
export function emptySegments(rows: readonly Row[], measure: TreemapMeasure, order?: readonly string[]): string[] {
  const empty = rows.filter((row) => typeof row?.segment === 'string' && !((readNumber(row, measure) ?? 0) > 0)).map((row) => row.segment as string);
  return orderCategories(empty, order).map(String);
}
