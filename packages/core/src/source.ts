import { raggedMessage, textChunks, type TextSource } from './csv.js';
import { CsvScanner } from './csv-scanner.js';
import { ClvDataError } from './errors.js';
import type { InputTableName } from './schema.js';

/**
 * Input sources: whatever the host hands over for one table, opened as a stream of row
 * batches with the column names known up front (so the mapping can be checked before any
 * row is read).
 */

/**
 * Rows of one table as the host has them: objects (an array, or a sync or async iterable),
 * CSV or JSON text, CSV or JSON text in chunks (an iterable of strings), or a Blob / File.
 */
export type TableInput =
  | readonly Record<string, unknown>[]
  | Iterable<Record<string, unknown>>
  | AsyncIterable<Record<string, unknown>>
  | string
  | Iterable<string>
  | AsyncIterable<string>
  | Blob;

/** One table of an import: its data, its format and its mapping onto the canonical fields. */
export interface TableSource<M> {
  readonly data: TableInput;
  /**
   * `csv` (text, chunks of text or a Blob), `json` (text or Blob holding an array of objects or
   * `{rows: [...]}`), `rows` (objects). Default: detected (objects -> rows; text starting with
   * `[` or `{` -> json; a Blob of type `application/json` or named `*.json` -> json; else csv).
   */
  readonly format?: 'csv' | 'json' | 'rows';
  readonly mapping?: M;
  /** CSV delimiter; default detected from the header among `,` `;` tab. */
  readonly delimiter?: string;
  /** Numbers written with a decimal comma ("12,50"); see `readNumber`. */
  readonly decimalComma?: boolean;
}

/** A batch of rows: CSV records (string arrays) or objects. */
export interface RowBatch {
  readonly rows: readonly unknown[];
  /** For CSV: the physical line each row starts on. */
  readonly lines: readonly number[] | null;
  /** For CSV: a parse problem per row (ragged, unclosed quote), else null. */
  readonly problems: readonly (string | null)[] | null;
}

/** An input opened for reading: CSV text, or object rows. */
export type OpenedSource = OpenedRows | OpenedCsv;

interface OpenedBase {
  /** Column names: the CSV header, or the keys seen in the first object rows. */
  readonly columns: readonly string[];
  /** True when the input has no header and no rows at all. */
  readonly empty: boolean;
  /** The key to read `column` from a row: its index for CSV records, its name for objects. */
  keyOf(column: string): string | number;
}

/** Object rows (given as objects, or parsed from JSON). */
export interface OpenedRows extends OpenedBase {
  readonly format: 'json' | 'rows';
  /** Rows of the whole input when known up front (an array), else null. */
  readonly size: number | null;
  /** Batches of rows, in order. */
  batches(): AsyncIterable<RowBatch>;
}

/** CSV text, read record by record through a `CsvScanner` (no string per field). */
export interface OpenedCsv extends OpenedBase {
  readonly format: 'csv';
  /** Characters of the whole input when known up front (a string; a Blob's bytes, as many or more), else null. */
  readonly size: number | null;
  /**
   * Calls `onRecord` for every data record in order, with the scanner positioned on it and the
   * record's problem (an unclosed quote, or a field count other than the header's) or null.
   */
  scan(onRecord: (scanner: CsvScanner, problem: string | null) => void, signal?: AbortSignal): Promise<void>;
  /** Characters consumed so far (see `CsvScanner.consumed`). */
  readonly consumed: number;
}

/** How many leading object rows are inspected to learn the column names of sparse objects. */
const KEY_SAMPLE = 1000;
const ROW_BATCH = 4096;

/** Opens one table input: detects the format, reads the header (CSV) or peeks at the first rows. */
export async function openSource(table: InputTableName, source: TableSource<unknown>): Promise<OpenedSource> {
  if (source === null || typeof source !== 'object' || !('data' in source)) {
    throw new ClvDataError('mapping', { table }, 'expected a table source object `{ data, format?, mapping? }`');
  }
  const data = source.data as unknown;
  if (data === null || data === undefined) {
    throw new ClvDataError('empty-input', { table }, 'no data given', { hint: 'pass rows, CSV or JSON text, or a Blob as `data`' });
  }
  const format = source.format;
  if (format !== undefined && format !== 'csv' && format !== 'json' && format !== 'rows') {
    throw new ClvDataError('mapping', { table }, `format must be "csv", "json" or "rows", got ${JSON.stringify(format)}`);
  }
  if (typeof data === 'string') {
    const kind = format ?? (looksLikeJson(data) ? 'json' : 'csv');
    if (kind === 'rows') throw new ClvDataError('mapping', { table }, 'format "rows" needs objects, not text');
    return kind === 'json' ? openRows(table, { array: parseJsonRows(table, data) }, 'json') : openCsv(table, data, source.delimiter);
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    const kind = format ?? (await blobLooksLikeJson(data) ? 'json' : 'csv');
    if (kind === 'rows') throw new ClvDataError('mapping', { table }, 'format "rows" needs objects, not a Blob');
    // JSON must be parsed whole; CSV is streamed.
    return kind === 'json' ? openRows(table, { array: parseJsonRows(table, await data.text()) }, 'json') : openCsv(table, data, source.delimiter);
  }
  if (Array.isArray(data)) {
    if (typeof data[0] === 'string' && format !== 'rows') return openText(table, data as string[], format, source.delimiter);
    if (format === 'csv' || format === 'json') throw textNeeded(table, format);
    return openRows(table, { array: data }, 'rows');
  }
  if (typeof data === 'object' && Symbol.asyncIterator in data) {
    const iterator = (data as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const first = await iterator.next();
    const head = first.done ? [] : [first.value];
    if (!first.done && typeof first.value === 'string' && format !== 'rows') {
      return openText(table, prependAsync(head as string[], iterator as AsyncIterator<string>), format, source.delimiter);
    }
    if (format === 'csv' || format === 'json') throw textNeeded(table, format);
    return openRows(table, { head, asyncIterator: first.done ? null : iterator }, 'rows');
  }
  if (typeof data === 'object' && Symbol.iterator in data) {
    const iterator = (data as Iterable<unknown>)[Symbol.iterator]();
    const first = iterator.next();
    const head = first.done ? [] : [first.value];
    if (!first.done && typeof first.value === 'string' && format !== 'rows') {
      return openText(table, prependSync(head as string[], iterator as Iterator<string>), format, source.delimiter);
    }
    if (format === 'csv' || format === 'json') throw textNeeded(table, format);
    return openRows(table, { head, syncIterator: first.done ? null : iterator }, 'rows');
  }
  throw new ClvDataError('mapping', { table }, 'data must be an array or (async) iterable of objects, CSV or JSON text, or a Blob', { value: typeof data });
}

function textNeeded(table: InputTableName, format: string): ClvDataError {
  return new ClvDataError('mapping', { table }, `format "${format}" needs text (a string, chunks of text or a Blob), got objects`);
}

/** Text in chunks: JSON is concatenated and parsed whole, CSV streams. */
async function openText(table: InputTableName, input: Iterable<string> | AsyncIterable<string>, format: 'csv' | 'json' | 'rows' | undefined, delimiter: string | undefined): Promise<OpenedSource> {
  let chunks: AsyncIterable<string> = checkedChunks(table, input);
  let kind = format;
  if (kind === undefined) {
    // Sniff the first chunk that is not blank (pulling by hand: `break` would close the iterator).
    const iterator = chunks[Symbol.asyncIterator]();
    const buffered: string[] = [];
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      buffered.push(next.value);
      if (next.value.trim().length) break;
    }
    kind = looksLikeJson(buffered.join('')) ? 'json' : 'csv';
    chunks = prependAsync(buffered, iterator);
  }
  if (kind === 'json') {
    let text = '';
    for await (const chunk of chunks) text += chunk;
    return openRows(table, { array: parseJsonRows(table, text) }, 'json');
  }
  return openCsv(table, chunks, delimiter);
}

/** Passes text chunks through, turning a chunk that is not a string into a `parse` error. */
async function* checkedChunks(table: InputTableName, chunks: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  let index = 0;
  for await (const chunk of chunks) {
    if (typeof chunk !== 'string') {
      throw new ClvDataError('parse', { table }, `text input chunk ${index + 1} is ${chunk === null ? 'null' : typeof chunk}, not a string`, {
        hint: 'an iterable whose first item is a string is read as text in chunks; pass objects only, or text only',
      });
    }
    index++;
    yield chunk;
  }
}

function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) continue;
    return c === 0x5b || c === 0x7b; // [ or {
  }
  return false;
}

async function blobLooksLikeJson(blob: Blob): Promise<boolean> {
  if (/json/i.test(blob.type)) return true;
  const name = (blob as { name?: unknown }).name;
  if (typeof name === 'string' && /\.json$/i.test(name)) return true;
  if (typeof name === 'string' && /\.(csv|tsv|txt)$/i.test(name)) return false;
  return looksLikeJson(await blob.slice(0, 256).text());
}

/** Parses JSON text that holds an array of objects or `{ rows: [...] }`. */
export function parseJsonRows(table: InputTableName, text: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ClvDataError('parse', { table }, `not valid JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed)) return parsed;
  if (parsed !== null && typeof parsed === 'object' && Array.isArray((parsed as { rows?: unknown }).rows)) {
    return (parsed as { rows: unknown[] }).rows;
  }
  throw new ClvDataError('parse', { table }, 'JSON input must be an array of objects or an object `{ "rows": [...] }`');
}

async function openCsv(table: InputTableName, text: TextSource, delimiter: string | undefined): Promise<OpenedCsv> {
  let scanner: CsvScanner;
  try {
    scanner = new CsvScanner(delimiter);
  } catch (error) {
    throw new ClvDataError('mapping', { table }, (error as Error).message);
  }
  // A whole string is scanned in place; anything else is pulled chunk by chunk.
  let chunks: AsyncIterator<string> | null = null;
  if (typeof text === 'string') {
    scanner.feed(text);
    scanner.end();
  } else {
    chunks = textChunks(text)[Symbol.asyncIterator]();
  }
  const pull = async (): Promise<void> => {
    const next = await chunks!.next();
    if (next.done) {
      scanner.end();
      chunks = null;
    } else {
      scanner.feed(next.value);
    }
  };
  let header: string[] | null = null;
  let records = 0;
  for (;;) {
    if (scanner.next()) {
      header = scanner.fields().map((name) => name.trim());
      // A line of blanks only (spaces, tabs, a lone BOM) is not a header: a text of nothing
      // else is empty input, not a table with one nameless column. Excel's "sep=;" first
      // line names the delimiter (which the scanner detects from that very line): skipped too.
      if (header.every((name) => name === '') || (records++ === 0 && isSeparatorLine(header))) {
        header = null;
        continue;
      }
      break;
    }
    if (scanner.ended) break;
    await pull();
  }
  const columns = header ?? [];
  const index = new Map<string, number>();
  columns.forEach((name, k) => {
    if (!index.has(name)) index.set(name, k);
  });
  return {
    format: 'csv',
    size: typeof text === 'string' ? text.length : typeof Blob !== 'undefined' && text instanceof Blob ? text.size : null,
    columns,
    empty: header === null,
    keyOf: (column) => index.get(column) ?? -1,
    get consumed() {
      return scanner.consumed;
    },
    async scan(onRecord, signal) {
      const expected = columns.length;
      for (;;) {
        while (scanner.next()) {
          const problem = scanner.problem ?? (scanner.count !== expected ? raggedMessage(scanner.count, expected) : null);
          onRecord(scanner, problem);
        }
        if (scanner.ended) return;
        signal?.throwIfAborted();
        await pull();
      }
    },
  };
}

/** Excel's delimiter line: `sep=;` (split by its own delimiter into "sep=" and "") or `sep=X` whole. */
function isSeparatorLine(fields: readonly string[]): boolean {
  if (fields.length === 2) return fields[1] === '' && fields[0].toLowerCase() === 'sep=';
  return fields.length === 1 && fields[0].length === 5 && fields[0].slice(0, 4).toLowerCase() === 'sep=';
}

/** Object rows: a whole array, or the first row(s) already pulled plus the rest of an iterator. */
interface RowsInput {
  readonly array?: readonly unknown[];
  readonly head?: unknown[];
  readonly syncIterator?: Iterator<unknown> | null;
  readonly asyncIterator?: AsyncIterator<unknown> | null;
}

async function openRows(table: InputTableName, input: RowsInput, format: 'rows' | 'json'): Promise<OpenedRows> {
  void table;
  // Learn the columns from the first rows (objects may leave out keys whose value is null).
  const { array, syncIterator, asyncIterator } = input;
  const head: unknown[] = input.head ?? [];
  let done = !syncIterator && !asyncIterator;
  if (array) {
    for (let k = 0; k < array.length && k < KEY_SAMPLE; k++) head.push(array[k]);
  } else {
    while (!done && head.length < KEY_SAMPLE) {
      const next = syncIterator ? syncIterator.next() : await asyncIterator!.next();
      if (next.done) done = true;
      else head.push(next.value);
    }
  }
  const seen = new Set<string>();
  for (const row of head) {
    if (row !== null && typeof row === 'object' && !Array.isArray(row)) for (const key of Object.keys(row)) seen.add(key);
  }
  return {
    format,
    size: array ? array.length : null,
    columns: [...seen],
    empty: array ? array.length === 0 : head.length === 0,
    keyOf: (column) => column,
    async *batches() {
      if (array) {
        if (array.length) yield { rows: array, lines: null, problems: null };
        return;
      }
      if (head.length) yield { rows: head, lines: null, problems: null };
      if (done) return;
      for (;;) {
        const batch: unknown[] = [];
        if (syncIterator) {
          // Pulled synchronously: no promise per row.
          while (batch.length < ROW_BATCH) {
            const next = syncIterator.next();
            if (next.done) {
              done = true;
              break;
            }
            batch.push(next.value);
          }
        } else {
          while (batch.length < ROW_BATCH) {
            const next = await asyncIterator!.next();
            if (next.done) {
              done = true;
              break;
            }
            batch.push(next.value);
          }
        }
        if (batch.length) yield { rows: batch, lines: null, problems: null };
        if (done) return;
      }
    },
  };
}

function* prependSync<T>(head: T[], iterator: Iterator<T>): Generator<T> {
  yield* head;
  for (;;) {
    const next = iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

async function* prependAsync<T>(head: T[], iterator: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}
