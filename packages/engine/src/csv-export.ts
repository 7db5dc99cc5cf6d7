import type { Engine } from './types.js';

/** A CSV column: a row property, optionally with its own header text. */
export type CsvColumn = string | { readonly field: string; readonly header?: string };

/** Options of `toCsv`. */
export interface CsvOptions {
  /** Write the header line. Default true. */
  readonly header?: boolean;
  /** Line terminator. Default CRLF, as RFC 4180 says. */
  readonly newline?: '\r\n' | '\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Rows as RFC 4180 CSV. Columns default to every property of the rows, in first-seen order.
 * Cells with a comma, quote or line break are quoted (quotes doubled). Text cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) get a
 * leading apostrophe, so an exported customer name like `=HYPERLINK(...)` stays text; numbers
 * are written as numbers (a negative amount is not a formula). Missing values and NaN are empty.
 */
export function toCsv(rows: readonly Readonly<Record<string, unknown>>[], columns?: readonly CsvColumn[], options: CsvOptions = {}): string {
  const newline = options.newline ?? '\r\n';
  const resolved = (columns ?? inferColumns(rows)).map((column) => (typeof column === 'string' ? { field: column, header: column } : { field: column.field, header: column.header ?? column.field }));
  const lines: string[] = [];
  if (options.header ?? true) lines.push(resolved.map((column) => escapeCell(guardText(column.header))).join(','));
  for (const row of rows) lines.push(resolved.map((column) => escapeCell(formatCell(row[column.field]))).join(','));
  return lines.length === 0 ? '' : lines.join(newline) + newline;
}

/**
 * Runs a named analysis (`engine.report`) and returns its rows as CSV, e.g. for a download
 * button: `new Blob([await exportCsv(engine, 'rfm')], { type: 'text/csv' })`.
 */
export async function exportCsv(
  engine: Pick<Engine, 'report'>,
  name: string,
  params?: Record<string, unknown>,
  columns?: readonly CsvColumn[],
  options?: CsvOptions,
): Promise<string> {
  const result = await engine.report(name, params);
  return toCsv(result.rows, columns, options);
}

function inferColumns(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'string') return guardText(value);
  return guardText(JSON.stringify(value) ?? '');
}

function guardText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function escapeCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
