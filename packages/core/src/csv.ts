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

/** Scanner states (plain numbers: the scanner is the hot loop of a CSV import). */
const State = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3, AfterCr: 4 } as const;
type State = (typeof State)[keyof typeof State];

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Candidate delimiters for detection, in order of preference on a tie. */
const DELIMITERS = [',', ';', '\t'] as const;

/**
 * Push-style parser: `push(chunk)` as text arrives, `end()` at the end. Records (the header
 * included, when `header` is true it is also stored in `header`) go to `onRecord`.
 */
export class CsvParser {
  /** The header fields (trimmed), once the first record has been read and `header` is on. */
  header: string[] | null = null;
  /** The delimiter in use; null until detected. */
  delimiter: string | null;
  /** Number of data records emitted so far (header and skipped blank lines not counted). */
  records = 0;

  readonly #wantHeader: boolean;
  readonly #onRecord: CsvRecordHandler;
  #delimiterCode = -1;
  #state: State = State.FieldStart;
  #fields: string[] = [];
  #pending = '';
  #quotedRecord = false;
  #line = 1;
  #recordLine = 1;
  #started = false;
  #ended = false;
  /** Whether the last character scanned inside a quoted field was CR (CRLF split across chunks). */
  #lastWasCr = false;
  /** Text held back until the header line is complete (delimiter detection). */
  #preamble: string | null = '';

  constructor(options: CsvOptions, onRecord: CsvRecordHandler) {
    const delimiter = options.delimiter;
    if (delimiter !== undefined && (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')) {
      throw new RangeError(`delimiter: must be one character other than a quote or a line end, got ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter ?? null;
    if (delimiter !== undefined) {
      this.#delimiterCode = delimiter.charCodeAt(0);
      this.#preamble = null;
    }
    this.#wantHeader = options.header ?? true;
    this.#onRecord = onRecord;
  }

  /** Feeds the next piece of text. */
  push(chunk: string): void {
    if (this.#ended) throw new Error('CsvParser: push() after end()');
    if (chunk.length === 0) return;
    if (!this.#started) {
      this.#started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.#preamble !== null) {
      this.#preamble += chunk;
      const end = firstLineEnd(this.#preamble);
      if (end < 0) return;
      this.#useDelimiter(detectDelimiter(this.#preamble.slice(0, end)));
      chunk = this.#preamble;
      this.#preamble = null;
    }
    this.#scan(chunk);
  }

  /** Signals the end of input: flushes the last record. */
  end(): void {
    if (this.#ended) return;
    if (this.#preamble !== null) {
      const text = this.#preamble;
      this.#preamble = null;
      this.#useDelimiter(detectDelimiter(text));
      if (text.length) this.#scan(text);
    }
    this.#ended = true;
    switch (this.#state) {
      case State.Quoted:
        this.#fields.push(this.#pending);
        this.#emit('the file ends inside a quoted field (a quote is not closed)');
        break;
      case State.Unquoted:
      case State.QuoteInQuoted:
        this.#fields.push(this.#pending);
        this.#emit(null);
        break;
      case State.FieldStart:
        // A delimiter right before the end: the record has a last, empty field.
        if (this.#fields.length > 0) {
          this.#fields.push('');
          this.#emit(null);
        }
        break;
      case State.AfterCr:
        break;
    }
    this.#pending = '';
  }

  #useDelimiter(delimiter: string): void {
    this.delimiter = delimiter;
    this.#delimiterCode = delimiter.charCodeAt(0);
  }

  #emit(problem: string | null): void {
    const fields = this.#fields;
    this.#fields = [];
    const line = this.#recordLine;
    if (fields.length === 1 && fields[0] === '' && !this.#quotedRecord && problem === null) return; // blank line
    this.#quotedRecord = false;
    if (this.#wantHeader && this.header === null) {
      this.header = fields.map((name) => name.trim());
      return;
    }
    this.records++;
    this.#onRecord(fields, line, problem);
  }

  #scan(text: string): void {
    const delimiter = this.#delimiterCode;
    const n = text.length;
    let state: State = this.#state;
    let start = 0; // start of the not-yet-consumed part of the current field in `text`
    let i = 0;
    while (i < n) {
      switch (state) {
        case State.AfterCr:
          if (text.charCodeAt(i) === LF) i++;
          state = State.FieldStart;
          this.#recordLine = this.#line;
          start = i;
          break;
        case State.FieldStart: {
          if (this.#fields.length === 0) this.#recordLine = this.#line;
          if (text.charCodeAt(i) === QUOTE) {
            state = State.Quoted;
            this.#quotedRecord = true;
            this.#lastWasCr = false;
            i++;
            start = i;
          } else {
            state = State.Unquoted;
            start = i;
          }
          break;
        }
        case State.Unquoted: {
          let c = 0;
          while (i < n) {
            c = text.charCodeAt(i);
            if (c === delimiter || c === LF || c === CR) break;
            i++;
          }
          if (i === n) break;
          this.#fields.push(this.#pending.length ? this.#pending + text.slice(start, i) : text.slice(start, i));
          this.#pending = '';
          i++;
          if (c === delimiter) {
            state = State.FieldStart;
          } else {
            this.#line++;
            this.#emit(null);
            state = c === CR ? State.AfterCr : State.FieldStart;
          }
          start = i;
          break;
        }
        case State.Quoted: {
          // Embedded line ends still count physical lines.
          const close = text.indexOf('"', i);
          const stop = close < 0 ? n : close;
          for (let j = i; j < stop; j++) {
            const c = text.charCodeAt(j);
            if (c === LF) {
              if (j === 0 ? !this.#lastWasCr : text.charCodeAt(j - 1) !== CR) this.#line++;
            } else if (c === CR) {
              this.#line++;
            }
          }
          this.#lastWasCr = stop > i ? text.charCodeAt(stop - 1) === CR : this.#lastWasCr;
          if (close < 0) {
            i = n;
            break;
          }
          this.#pending += text.slice(start, close);
          i = close + 1;
          start = i;
          state = State.QuoteInQuoted;
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            // A doubled quote is a literal quote; the closing quote was a false alarm.
            this.#pending += '"';
            i++;
            start = i;
            state = State.Quoted;
            this.#lastWasCr = false;
          } else if (c === delimiter) {
            this.#fields.push(this.#pending);
            this.#pending = '';
            i++;
            start = i;
            state = State.FieldStart;
          } else if (c === LF || c === CR) {
            this.#fields.push(this.#pending);
            this.#pending = '';
            i++;
            this.#line++;
            this.#emit(null);
            start = i;
            state = c === CR ? State.AfterCr : State.FieldStart;
          } else {
            // Text after a closing quote: keep it (lenient).
            start = i;
            state = State.Unquoted;
          }
          break;
        }
      }
    }
    if (state === State.Unquoted || state === State.Quoted) this.#pending += text.slice(start, n);
    this.#state = state;
  }
}

function firstLineEnd(text: string): number {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) return i;
  }
  return -1;
}

/** The delimiter among `,` `;` tab occurring most often outside quotes in `line` (`,` if none). */
export function detectDelimiter(line: string): string {
  const counts = [0, 0, 0];
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (ch === '\n' || ch === '\r') break;
      const k = DELIMITERS.indexOf(ch as (typeof DELIMITERS)[number]);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return DELIMITERS[best];
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
