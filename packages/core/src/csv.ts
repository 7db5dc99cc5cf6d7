/**
 * An incremental RFC-4180 CSV parser with no dependencies. Text arrives in chunks of any size
 * (a chunk may end inside a quoted field or between CR and LF); each complete record is
 * handed to a callback with the physical line it started on. Handles a byte-order mark,
 * CRLF / LF / CR line ends, quoted fields with embedded delimiters, newlines and doubled
 * quotes, and picks the delimiter (`,` `;` or tab) from the header line when not given.
 *
 * Leniency, on purpose (exports are messy): a quote inside an unquoted field is kept as text;
 * text after a closing quote is appended to the field; completely empty lines are skipped
 * and not counted as records. A file that ends inside a quoted field yields its last record
 * with `problem` set.
 */

import { CsvScanner } from './csv-scanner.js';

export { detectDelimiter } from './csv-scanner.js';

/** Options of the CSV parser. */
export interface CsvOptions {
  /** Field delimiter (one character). Default: detected from the header line among `,` `;` tab, else `,`. */
  readonly delimiter?: string;
  /** Whether the first record is a header. Default true. */
  readonly header?: boolean;
}

/**
 * Receives each record. `fields` is a fresh array the receiver may keep; `line` is the 1-based
 * physical line the record starts on; `problem` describes a malformed record, else null.
 */
export type CsvRecordHandler = (fields: string[], line: number, problem: string | null) => void;

/**
 * Push-style parser: `push(chunk)` as text arrives, `end()` at the end. Records (the header
 * included, when `header` is true it is also stored in `header`) go to `onRecord`. Built on
 * `CsvScanner`, the tokenizer of every CSV import, so both read a file the same way.
 */
export class CsvParser {
  /** The header fields (trimmed), once the first record has been read and `header` is on. */
  header: string[] | null = null;
  /** Number of data records emitted so far (header and skipped blank lines not counted). */
  records = 0;

  readonly #wantHeader: boolean;
  readonly #onRecord: CsvRecordHandler;
  readonly #scanner: CsvScanner;
  #ended = false;

  constructor(options: CsvOptions, onRecord: CsvRecordHandler) {
    this.#scanner = new CsvScanner(options.delimiter);
    this.#wantHeader = options.header ?? true;
    this.#onRecord = onRecord;
  }

  /** The delimiter in use; null until detected. */
  get delimiter(): string | null {
    return this.#scanner.delimiter;
  }

  /** Feeds the next piece of text. */
  push(chunk: string): void {
    if (this.#ended) throw new Error('CsvParser: push() after end()');
    this.#scanner.feed(chunk);
    this.#drain();
  }

  /** Signals the end of input: flushes the last record. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#scanner.end();
    this.#drain();
  }

  #drain(): void {
    const scanner = this.#scanner;
    while (scanner.next()) {
      const fields = scanner.fields();
      if (this.#wantHeader && this.header === null) {
        this.header = fields.map((name) => name.trim());
        continue;
      }
      this.records++;
      this.#onRecord(fields, scanner.line, scanner.problem);
    }
  }
}

/** One data record of a parsed CSV. */
export interface CsvRecord {
  readonly fields: string[];
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** Malformed record (wrong number of fields, unclosed quote), else null. */
  readonly problem: string | null;
}

/** The whole result of `parseCsv`. */
export interface CsvParseResult {
  /** Header fields, or null for empty input (or `header: false`). */
  readonly header: string[] | null;
  readonly delimiter: string;
  readonly records: CsvRecord[];
  /** True when the input had no header and no records at all. */
  readonly empty: boolean;
}

/**
 * Parses a whole CSV text (for small inputs and tests; imports stream instead). Records whose
 * field count differs from the header's are kept with a `problem` ("ragged row").
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvParseResult {
  const records: CsvRecord[] = [];
  const parser = new CsvParser(options, (fields, line, problem) => records.push({ fields, line, problem }));
  parser.push(text);
  parser.end();
  const header = parser.header;
  if (header) {
    for (let k = 0; k < records.length; k++) {
      const r = records[k];
      if (r.problem === null && r.fields.length !== header.length) records[k] = { ...r, problem: raggedMessage(r.fields.length, header.length) };
    }
  }
  return { header, delimiter: parser.delimiter ?? ',', records, empty: header === null && records.length === 0 };
}

/** The message of a record whose field count differs from the header's. */
export function raggedMessage(got: number, expected: number): string {
  return `ragged row: ${got} field${got === 1 ? '' : 's'} where the header has ${expected}`;
}

/** Strings are handed to the parser in slices of this many characters. */
const STRING_SLICE = 1 << 20;

/** Text in pieces: a string, strings from a (async) iterable, or a Blob / File read as a stream. */
export type TextSource = string | Iterable<string> | AsyncIterable<string> | Blob;

/**
 * Yields the chunks of a text source. A Blob is streamed (`blob.stream()` through a
 * `TextDecoderStream`), never read whole, so files larger than memory for a string work.
 */
export async function* textChunks(source: TextSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    // In slices, so that a big string is parsed and consumed batch by batch.
    for (let i = 0; i < source.length; i += STRING_SLICE) yield source.slice(i, i + STRING_SLICE);
  } else if (typeof Blob !== 'undefined' && source instanceof Blob) {
    const reader = source.stream().pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value) yield value;
      }
    } finally {
      reader.releaseLock();
    }
  } else if (Symbol.asyncIterator in (source as object)) {
    for await (const chunk of source as AsyncIterable<string>) yield chunk;
  } else {
    for (const chunk of source as Iterable<string>) yield chunk;
  }
}

/** A batch of CSV records from `readCsv`, with the header known. Parallel arrays, one entry per record. */
export interface CsvBatch {
  readonly header: readonly string[];
  readonly delimiter: string;
  readonly rows: string[][];
  /** 1-based physical line each record starts on. */
  readonly lines: number[];
  /** Per record: a problem (ragged row, unclosed quote) or null. */
  readonly problems: (string | null)[];
}

/**
 * Streams a CSV source as batches of records (one batch per incoming chunk that completed any
 * records), so a caller can `for await` without paying a promise per record. Records whose
 * field count differs from the header's carry a `problem`. Yields nothing for empty input; a
 * header-only input yields one empty batch so the header is known.
 */
export async function* readCsv(source: TextSource, options: CsvOptions = {}): AsyncGenerator<CsvBatch> {
  let rows: string[][] = [];
  let lines: number[] = [];
  let problems: (string | null)[] = [];
  let expected = -1;
  const parser = new CsvParser(options, (fields, line, problem) => {
    if (expected < 0) expected = parser.header ? parser.header.length : fields.length;
    if (problem === null && fields.length !== expected) problem = raggedMessage(fields.length, expected);
    rows.push(fields);
    lines.push(line);
    problems.push(problem);
  });
  let announced = false;
  const batch = (): CsvBatch => {
    announced = true;
    const out = { header: parser.header ?? [], delimiter: parser.delimiter ?? ',', rows, lines, problems };
    rows = [];
    lines = [];
    problems = [];
    return out;
  };
  for await (const chunk of textChunks(source)) {
    parser.push(chunk);
    if (rows.length > 0 || (!announced && parser.header)) yield batch();
  }
  parser.end();
  if (rows.length > 0 || (!announced && parser.header)) yield batch();
}
