import { ownCopy } from './string-index.js';
import type { TableName } from './table.js';

/**
 * Every data problem clvkit reports is a `ClvDataError` with a machine-readable `rule` and the
 * place it was found, so a host can show "sessions.payment_amount, row 17: not a number" and
 * a developer can fix the mapping or the data.
 */
export type DataRule =
  | 'missing-column'
  | 'required'
  | 'type'
  | 'number'
  | 'negative'
  | 'non-finite'
  | 'date'
  | 'boolean'
  | 'duplicate'
  | 'unknown-reference'
  | 'mapping'
  | 'empty-input'
  | 'parse';

/** Where a data problem is: table, column (the host's own column name where known), and row. */
export interface DataLocation {
  readonly table: TableName | 'line-items';
  /** The canonical field, e.g. `payment_amount`. */
  readonly field?: string;
  /** The host's column that maps onto `field`, e.g. `Amount`. */
  readonly column?: string;
  /** 1-based data row number (header not counted); for CSV also see `line`. */
  readonly row?: number;
  /** 1-based physical line in a CSV/text input, where known. */
  readonly line?: number;
}

/** A typed, serialisable data error. `hint` says how to fix it. */
export class ClvDataError extends Error {
  override readonly name = 'ClvDataError';
  readonly rule: DataRule;
  readonly location: DataLocation;
  readonly value?: string;
  readonly hint?: string;

  constructor(rule: DataRule, location: DataLocation, message: string, options: { value?: unknown; hint?: string } = {}) {
    super(`${describeLocation(location)}: ${message}${options.hint ? ` (${options.hint})` : ''}`);
    this.rule = rule;
    this.location = location;
    if (options.value !== undefined) this.value = truncate(String(options.value));
    if (options.hint !== undefined) this.hint = options.hint;
  }

  /** A plain object that survives structured clone and JSON (errors lose their class crossing a worker). */
  toJSON(): SerializedDataError {
    return { name: 'ClvDataError', rule: this.rule, location: this.location, message: this.message, value: this.value, hint: this.hint };
  }

  /** Rebuilds an error from `toJSON()` output (e.g. after it crossed the worker boundary). */
  static fromJSON(data: SerializedDataError): ClvDataError {
    const error = Object.create(ClvDataError.prototype) as ClvDataError;
    Object.assign(error, { rule: data.rule, location: data.location, message: data.message, value: data.value, hint: data.hint });
    Object.defineProperty(error, 'name', { value: 'ClvDataError' });
    return error;
  }
}

export interface SerializedDataError {
  readonly name: 'ClvDataError';
  readonly rule: DataRule;
  readonly location: DataLocation;
  readonly message: string;
  readonly value?: string;
  readonly hint?: string;
}

/**
 * An analysis needs a table the host did not provide (e.g. products analytics without basket
 * lines). Widgets show this as an empty state that says what to add, not as a failure.
 */
export class MissingInputError extends Error {
  override readonly name = 'MissingInputError';
  readonly analysis: string;
  readonly missing: string;

  constructor(analysis: string, missing: string, hint?: string) {
    super(`${analysis} needs ${missing}${hint ? `: ${hint}` : ''}`);
    this.analysis = analysis;
    this.missing = missing;
  }
}

/** "sessions.payment_amount (column \"Amount\"), row 17, line 18". */
export function describeLocation(location: DataLocation): string {
  let text: string = location.table;
  if (location.field) text += `.${location.field}`;
  if (location.column && location.column !== location.field) text += ` (column "${location.column}")`;
  if (location.row !== undefined) text += `, row ${location.row}`;
  if (location.line !== undefined) text += `, line ${location.line}`;
  return text;
}

function truncate(value: string): string {
  // A copy either way: a CSV cell is a view into the whole input text, which an error kept in
  // a report's samples must not hold on to.
  return value.length > 80 ? ownCopy(`${value.slice(0, 77)}...`) : ownCopy(value);
}
