/**
 * The CSV parser as it was before the import moved to CsvScanner (a character state machine
 * that builds field strings), kept verbatim as an independent reference: the differential
 * test in csv-scanner.test.ts checks that the scanner reads every text the way it did.
 */
import { detectDelimiter } from '../src/csv-scanner.js';

type CsvOptions = { readonly delimiter?: string; readonly header?: boolean };
type CsvRecordHandler = (fields: string[], line: number, problem: string | null) => void;

/** Scanner states (plain numbers: the scanner is the hot loop of a CSV import). */
const State = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3, AfterCr: 4 } as const;
type State = (typeof State)[keyof typeof State];

const QUOTE = 34;
const CR = 13;
const LF = 10;


/**
 * Push-style parser: `push(chunk)` as text arrives, `end()` at the end. Records (the header
 * included, when `header` is true it is also stored in `header`) go to `onRecord`.
 */
export class ReferenceCsvParser {
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
    if (this.#ended) throw new Error('push() after end()');
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

