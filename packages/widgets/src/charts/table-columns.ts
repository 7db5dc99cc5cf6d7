import type { Row } from '@clvkit/core';
import { dateFormat, formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { humanize } from './text.js';

/** How a table cell is shown: a `ValueKind`, plain text, or a date (epoch ms or ISO text). */
export type ColumnKind = ValueKind | 'text' | 'date' | 'datetime';

/** A column of `DataTable`. */
export interface TableColumn {
  /** The row property shown. */
  readonly key: string;
  /** Header text (default: the key, humanised). */
  readonly label?: string;
  /** How values are formatted (default: guessed from the key and the values). */
  readonly kind?: ColumnKind;
  /** Whether the header sorts (default true). */
  readonly sortable?: boolean;
  /** The value of the sort param for this column (default `key`). */
  readonly sortKey?: string;
}

/** A column with every option resolved. */
export interface ResolvedColumn {
  readonly key: string;
  readonly label: string;
  readonly kind: ColumnKind;
  readonly sortable: boolean;
  readonly sortKey: string;
  readonly numeric: boolean;
}

const MONEY = /(revenue|value|amount|spend|clv|payment|price|discount|monetary|ltv)/i;
const DATE = /(date|_at$|At$|^last|^first|time)/;

/** The kind of a column guessed from its key and its values. */
export function guessKind(key: string, rows: readonly Row[]): ColumnKind {
  const values = rows.map((r) => r[key]).filter((v) => v !== null && v !== undefined && v !== '');
  if (values.length === 0) return 'text';
  if (values.every((v) => typeof v === 'number')) {
    const numbers = values as number[];
    if (DATE.test(key) && numbers.every((n) => Math.abs(n) >= 1e11)) return 'date';
    if (MONEY.test(key)) return 'money';
    if (/(ratio|rate|share|retention|conversion|probability)/i.test(key) && numbers.every((n) => n >= 0 && n <= 1)) return 'percent';
    return numbers.every((n) => Number.isInteger(n)) ? 'count' : 'decimal';
  }
  if (DATE.test(key) && values.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))) return 'date';
  return 'text';
}

/** Columns from the options (strings or objects), else every property of the rows in first-seen order. */
export function resolveColumns(columns: readonly (string | TableColumn)[] | undefined, rows: readonly Row[]): ResolvedColumn[] {
  const given: TableColumn[] = columns && columns.length > 0
    ? columns.map((c) => (typeof c === 'string' ? { key: c } : c)).filter((c) => typeof c.key === 'string' && c.key !== '')
    : [...new Set(rows.slice(0, 50).flatMap((r) => Object.keys(r)))].map((key) => ({ key }));
  return given.map((c) => {
    const kind = c.kind ?? guessKind(c.key, rows);
    return {
      key: c.key,
      label: c.label ?? humanize(c.key),
      kind,
      sortable: c.sortable ?? true,
      sortKey: c.sortKey ?? c.key,
      numeric: kind === 'count' || kind === 'money' || kind === 'percent' || kind === 'decimal',
    };
  });
}

/** A cell's text: numbers through `formatValue`, dates in `timeZone`, anything else as text. */
export function cellText(value: unknown, kind: ColumnKind, format: FormatOptions, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (kind === 'date' || kind === 'datetime') {
    const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : Number.NaN;
    if (!Number.isFinite(ms)) return String(value);
    const zone = typeof value === 'string' && value.length === 10 ? 'UTC' : timeZone;
    return dateFormat(format.locale, kind === 'date' ? { dateStyle: 'medium', timeZone: zone } : { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(ms);
  }
  if (kind === 'text') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? formatValue(n, kind, format) : String(value);
}

/** Compares two cell values for a client-side sort: numbers numerically, text by locale; missing last. */
export function compareCells(a: unknown, b: unknown): number {
  const missingA = a === null || a === undefined || a === '';
  const missingB = b === null || b === undefined || b === '';
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
