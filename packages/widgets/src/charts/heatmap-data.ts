import type { Row } from '@clvkit/core';
import type { Key } from '../interactions/toggle-values.js';
import { readKey, readNumber, type Accessor } from './accessor.js';

/** One cell of a heatmap: its row and column keys, its values and the row it came from. */
export interface HeatmapCell {
  readonly row: Key;
  readonly column: Key;
  /** The count (or other value) of the cell; null when the result has no row for it. */
  readonly value: number | null;
  /** The ratio (0..1) of the cell, e.g. retention; null when absent. */
  readonly ratio: number | null;
  /** The row's size (e.g. the cohort's customers), when the rows carry it. */
  readonly size: number | null;
  /** The result row of the cell (null for an empty cell). */
  readonly datum: Row | null;
}

/** How the heatmap reads rows. */
export interface HeatmapMapping {
  readonly row: Accessor<Row>;
  readonly column: Accessor<Row>;
  readonly value: Accessor<Row>;
  readonly ratio: Accessor<Row> | null;
  readonly size: Accessor<Row> | null;
  /** `meta` keys holding the row and column order (default `cohorts`, `offsets`). */
  readonly metaRows: string;
  readonly metaColumns: string;
  /** `meta` key holding the row sizes, aligned with the rows (default `cohortSizes`). */
  readonly metaSizes: string;
}

/** The laid-out grid: row keys, column keys and `cells[r][c]`. */
export interface HeatmapGrid {
  readonly rows: readonly Key[];
  readonly columns: readonly Key[];
  readonly cells: readonly (readonly HeatmapCell[])[];
  /** Per row, its size (null when unknown). */
  readonly sizes: readonly (number | null)[];
}

/**
 * Lays result rows (one per cell, e.g. `{cohort, offset, customers, retention}`) out as a
 * grid. Rows and columns come from `meta[metaRows]` / `meta[metaColumns]` when those are
 * arrays (so empty cohorts and offsets still show), else from the rows, sorted ascending.
 */
export function heatmapGrid(rows: readonly Row[], meta: Readonly<Record<string, unknown>> | undefined, mapping: HeatmapMapping): HeatmapGrid {
  const byKey = new Map<string, Row>();
  const rowKeys: Key[] = [];
  const columnKeys: Key[] = [];
  const seenRows = new Set<string>();
  const seenColumns = new Set<string>();
  rows.forEach((datum, i) => {
    const r = readKey(datum, mapping.row, i);
    const c = readKey(datum, mapping.column, i);
    if (r === null || c === null) return;
    byKey.set(cellKey(r, c), datum);
    if (!seenRows.has(keyText(r))) {
      seenRows.add(keyText(r));
      rowKeys.push(r);
    }
    if (!seenColumns.has(keyText(c))) {
      seenColumns.add(keyText(c));
      columnKeys.push(c);
    }
  });
  const rowOrder = keysFrom(meta?.[mapping.metaRows]) ?? rowKeys.sort(compareKeys);
  const columnOrder = keysFrom(meta?.[mapping.metaColumns]) ?? columnKeys.sort(compareKeys);
  const sizes: (number | null)[] = [];
  const metaSizes = meta?.[mapping.metaSizes];
  const fromMeta = (r: number): number | null =>
    Array.isArray(metaSizes) && keysFrom(meta?.[mapping.metaRows]) !== null && typeof metaSizes[r] === 'number' ? (metaSizes[r] as number) : null;
  const cells = rowOrder.map((r, rowIndex) => {
    let size: number | null = fromMeta(rowIndex);
    const line = columnOrder.map((c): HeatmapCell => {
      const datum = byKey.get(cellKey(r, c)) ?? null;
      const cellSize = datum && mapping.size ? readNumber(datum, mapping.size) : null;
      size ??= cellSize;
      return {
        row: r,
        column: c,
        value: datum ? readNumber(datum, mapping.value) : null,
        ratio: datum && mapping.ratio ? readNumber(datum, mapping.ratio) : null,
        size: cellSize,
        datum,
      };
    });
    sizes.push(size);
    return line;
  });
  return { rows: rowOrder, columns: columnOrder, cells, sizes };
}

/** A stable text key of a cell. */
export function cellKey(row: Key, column: Key): string {
  return `${keyText(row)}\u0000${keyText(column)}`;
}

function keyText(key: Key): string {
  return `${typeof key}:${String(key)}`;
}

function keysFrom(value: unknown): Key[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const keys = value.filter((v): v is Key => (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean');
  return keys.length > 0 ? keys : null;
}

/** Numbers before strings; numbers ascending; strings in code-point order (ISO dates sort by time). */
function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
