import type { AggregateSpec, QueryResult, QuerySpec, Row } from '@clvkit/core';
import { compareValues, keyNames } from './oracle-aggregate.js';

/**
 * Compares an engine result with the reference one. Counts must be equal; floating sums may
 * differ in the last bits (they are added in another order), so numbers are equal within a
 * relative 1e-9. Where the engine orders by a floating measure, groups whose values tie
 * within that tolerance may come in either order (and either may be cut by the limit).
 * Returns a list of differences, empty when the results agree.
 */

/** Relative tolerance of floating sums. */
export const TOLERANCE = 1e-9;

/** Equal numbers within the tolerance (relative, with a floor of 1 for values near 0), or equal non-numbers. */
export function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    if (a === b) return true;
    return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** Differences between `actual` (engine) and `expected` (reference) for `spec`. */
export function compareResults(spec: QuerySpec, actual: QueryResult, expected: { rows: Row[]; meta: Record<string, unknown> | { groups: number } }): string[] {
  if (spec.kind === 'aggregate') return compareAggregate(spec, actual, expected as { rows: Row[]; meta: { groups: number } });
  const problems: string[] = [];
  const by = spec.name === 'kpis' ? 'metric' : 'status';
  problems.push(...sameRows(actual.rows, expected.rows, [by], 'rows'));
  for (const [key, value] of Object.entries(expected.meta)) {
    if (!deepClose(actual.meta?.[key], value)) problems.push(`meta.${key}: engine ${show(actual.meta?.[key])}, reference ${show(value)}`);
  }
  return problems;
}

function compareAggregate(spec: AggregateSpec, actual: QueryResult, expected: { rows: Row[]; meta: { groups: number } }): string[] {
  const problems: string[] = [];
  const keys = keyNames(spec.groupBy ?? []);
  if (actual.meta?.groups !== expected.meta.groups) problems.push(`meta.groups: engine ${show(actual.meta?.groups)}, reference ${expected.meta.groups}`);
  if (!spec.orderBy) return [...problems, ...sameRows(actual.rows, expected.rows, keys, 'rows')];

  // Ordered by a measure: the i-th engine value must be the reference's i-th value, every engine
  // row must be a reference group with the same measures, and exact ties go by the keys.
  const measure = spec.orderBy.measure;
  const sign = spec.orderBy.order === 'asc' ? 1 : -1;
  if (actual.rows.length !== expected.rows.length) problems.push(`row count: engine ${actual.rows.length}, reference ${expected.rows.length}`);
  const id = (row: Row) => JSON.stringify(keys.map((k) => row[k]));
  const byKeys = (a: Row, b: Row) => keys.reduce((c, k) => c || compareValues(a[k], b[k]), 0);
  const reference = new Map(expected.rows.map((row) => [id(row), row]));
  const seen = new Set<string>();
  actual.rows.forEach((row, i) => {
    const ref = reference.get(id(row));
    if (seen.has(id(row))) problems.push(`row ${i}: group ${id(row)} twice`);
    seen.add(id(row));
    if (i < expected.rows.length && !close(row[measure], expected.rows[i][measure])) {
      problems.push(`row ${i}: ${measure} ${show(row[measure])} (group ${id(row)}), reference row ${i} has ${show(expected.rows[i][measure])} (group ${id(expected.rows[i])})`);
    }
    if (!ref) {
      // A group outside the reference's top rows is acceptable only as a tie at the cut.
      if (!(i < expected.rows.length && close(row[measure], expected.rows[i][measure]))) problems.push(`row ${i}: group ${id(row)} not in the reference's rows`);
      return;
    }
    for (const m of spec.measures) if (!close(row[m], ref[m])) problems.push(`group ${id(row)}: ${m} engine ${show(row[m])}, reference ${show(ref[m])}`);
    const next = actual.rows[i + 1];
    if (next && row[measure] === next[measure] && byKeys(row, next) > 0) {
      problems.push(`rows ${i}, ${i + 1}: equal ${measure} not ordered by key`);
    }
    if (next && typeof row[measure] === 'number' && typeof next[measure] === 'number' && !close(row[measure], next[measure]) && sign * ((next[measure] as number) - (row[measure] as number)) < 0) {
      problems.push(`rows ${i}, ${i + 1}: ${measure} out of order`);
    }
  });
  return problems;
}

/** Same rows in the same order: keys equal, every other property equal within the tolerance. */
function sameRows(actual: readonly Row[], expected: readonly Row[], keys: readonly string[], what: string): string[] {
  const problems: string[] = [];
  if (actual.length !== expected.length) problems.push(`${what}: engine ${actual.length} rows, reference ${expected.length}`);
  const n = Math.min(actual.length, expected.length);
  for (let i = 0; i < n && problems.length < 8; i++) {
    const a = actual[i];
    const e = expected[i];
    const names = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const name of names) {
      const exact = keys.includes(name);
      if (exact ? a[name] !== e[name] : !close(a[name], e[name])) {
        problems.push(`${what}[${i}] (${keys.map((k) => `${k}=${show(e[k])}`).join(', ')}).${name}: engine ${show(a[name])}, reference ${show(e[name])}`);
      }
    }
  }
  if (actual.length !== expected.length) {
    const ids = (rows: readonly Row[]) => new Set(rows.map((r) => JSON.stringify(keys.map((k) => r[k]))));
    const a = ids(actual);
    const e = ids(expected);
    const extra = [...a].filter((x) => !e.has(x)).slice(0, 5);
    const missing = [...e].filter((x) => !a.has(x)).slice(0, 5);
    problems.push(`${what}: only in engine ${extra.join(' ')}; only in reference ${missing.join(' ')}`);
  }
  return problems;
}

function deepClose(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepClose(x, b[i]));
  return close(a, b);
}

function show(v: unknown): string {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
}
