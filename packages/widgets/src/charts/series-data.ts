import type { Row } from '@clvkit/core';
import type { ValueKind } from '../format.js';
import { hasField, readKey, readNumber, type Accessor } from './accessor.js';

/** A series as the options name it: a column (wide rows) or a key value (long rows). */
export interface SeriesDefinition {
  readonly key: string;
  readonly label?: string;
  /** `line` (default) or `bar`: bars of all bar series stack, positives up and negatives down from zero. */
  readonly mark?: 'line' | 'bar';
  /** How this series' values are formatted in tooltips (default: the chart's `valueKind`). */
  readonly kind?: ValueKind;
}

/** A series laid out on the chart's x values. */
export interface ChartSeries {
  readonly key: string;
  readonly label: string;
  readonly mark: 'line' | 'bar';
  readonly kind: ValueKind | undefined;
  /** Index into the palette, stable whatever series are hidden. */
  readonly colour: number;
  /** One value per x (null: no value at that x). */
  readonly values: readonly (number | null)[];
}

/** How the line chart reads rows. */
export interface SeriesMapping {
  /** The x value (default `bucket`, else `hour` when the rows have that instead). */
  readonly x?: Accessor<Row>;
  readonly series?: readonly (string | SeriesDefinition)[];
  /** Long format: the column naming a row's series. */
  readonly seriesField?: Accessor<Row>;
  /** Long format: the value column (default `value`). */
  readonly value: Accessor<Row>;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Series from result rows in either format:
 * - wide: one row per x with a column per series (`{bucket, organic: 10, promoted: 4}`); the
 *   series are `mapping.series`, else `meta.series`, else `[meta.value]` (the analyses name
 *   their value column there), else every numeric column but x;
 * - long: one row per x and series (`{bucket, series: 'organic', value: 10}`), with
 *   `mapping.seriesField`; series order from `mapping.series` / `meta.series`, else first seen.
 * x values (numbers: epoch ms for time) are sorted ascending; rows without one are skipped.
 */
export function seriesData(rows: readonly Row[], meta: Readonly<Record<string, unknown>> | undefined, mapping: SeriesMapping): { xs: number[]; series: ChartSeries[] } {
  const declared = definitions(
    mapping.series ?? (Array.isArray(meta?.series) ? (meta!.series as unknown[]) : typeof meta?.value === 'string' && meta.value !== '' ? [meta.value] : undefined),
  );
  const xAccessor = mapping.x ?? (!hasField(rows, 'bucket') && hasField(rows, 'hour') ? 'hour' : 'bucket');
  const xsSet = new Set<number>();
  rows.forEach((row, i) => {
    const x = readNumber(row, xAccessor, i);
    if (x !== null) xsSet.add(x);
  });
  const xs = [...xsSet].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const long = mapping.seriesField !== undefined && mapping.seriesField !== '' && hasField(rows, mapping.seriesField);
  const values = new Map<string, (number | null)[]>();
  const order: string[] = declared.map((d) => d.key);
  const slot = (key: string) => {
    let v = values.get(key);
    if (!v) {
      v = new Array<number | null>(xs.length).fill(null);
      values.set(key, v);
      if (!order.includes(key)) order.push(key);
    }
    return v;
  };
  const inferred = declared.length === 0 && !long ? inferSeries(rows, xAccessor) : [];
  rows.forEach((row, i) => {
    const x = readNumber(row, xAccessor, i);
    if (x === null) return;
    const at = index.get(x)!;
    if (long) {
      const key = readKey(row, mapping.seriesField!, i);
      if (key === null) return;
      const v = readNumber(row, mapping.value, i);
      if (v !== null) slot(String(key))[at] = (slot(String(key))[at] ?? 0) + v;
      return;
    }
    for (const key of declared.length > 0 ? declared.map((d) => d.key) : inferred) {
      const v = readNumber(row, key, i);
      const line = slot(key);
      if (v !== null) line[at] = v;
    }
  });
  const series = order.map((key, colour): ChartSeries => {
    const definition = declared.find((d) => d.key === key);
    return {
      key,
      label: definition?.label ?? mapping.labels?.[key] ?? key,
      mark: definition?.mark === 'bar' ? 'bar' : 'line',
      kind: definition?.kind,
      colour,
      values: values.get(key) ?? new Array<number | null>(xs.length).fill(null),
    };
  });
  return { xs, series };
}

function definitions(list: readonly unknown[] | undefined): SeriesDefinition[] {
  if (!list) return [];
  const out: SeriesDefinition[] = [];
  for (const item of list) {
    if (typeof item === 'string' && item !== '') out.push({ key: item });
    else if (item && typeof item === 'object' && typeof (item as SeriesDefinition).key === 'string') out.push(item as SeriesDefinition);
  }
  return out;
}

function inferSeries(rows: readonly Row[], x: Accessor<Row>): string[] {
  const keys: string[] = [];
  for (const row of rows.slice(0, 50)) {
    for (const [key, value] of Object.entries(row)) {
      if (key !== x && typeof value === 'number' && !keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}
