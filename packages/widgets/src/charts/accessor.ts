import type { Key } from '../interactions/toggle-values.js';

/**
 * How a widget reads one value from a result row: a property name (what attributes can
 * carry, e.g. `value="customers"`) or a function (Preact props and `mount()` options).
 * Widgets are generic over the analyses' row formats through accessors.
 */
export type Accessor<R, T = unknown> = string | ((row: R, index: number) => T);

/** The value `accessor` reads from `row` (undefined when the property is absent). */
export function read<R>(row: R, accessor: Accessor<R>, index = 0): unknown {
  if (typeof accessor === 'function') return accessor(row, index);
  return row !== null && typeof row === 'object' ? (row as Record<string, unknown>)[accessor] : undefined;
}

/** The number `accessor` reads, or null when it is missing or not a finite number. */
export function readNumber<R>(row: R, accessor: Accessor<R>, index = 0): number | null {
  const value = read(row, accessor, index);
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The key (string, number or boolean) `accessor` reads, or null for a missing or empty value. */
export function readKey<R>(row: R, accessor: Accessor<R>, index = 0): Key | null {
  const value = read(row, accessor, index);
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  return null;
}

/** True when some row has a value under `accessor` (a property name; functions always count). */
export function hasField<R>(rows: readonly R[], accessor: Accessor<R>): boolean {
  if (typeof accessor === 'function') return true;
  return rows.some((row) => row !== null && typeof row === 'object' && accessor in (row as object));
}
