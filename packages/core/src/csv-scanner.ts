/**
 * The CSV tokenizer behind every CSV read (RFC 4180, lenient where exports are messy). It does
 * not cut the text into field strings: a record is a list of ranges (`starts`/`ends`) into
 * `text`, so an import can parse numbers and dates and look up dictionary values straight
 * from the characters and allocate a string only for a value it has not seen before.
 *
 * Text is fed in chunks of any size (`feed`), records are pulled one at a time (`next`). A
 * record cut by the end of the text fed so far is scanned again once more text has arrived;
 * to keep a huge quoted field from being rescanned for every chunk, a retry waits until the
 * text available has doubled.
 *
 * Semantics (shared by `CsvParser`, `parseCsv`, `readCsv` and the import): a byte-order mark
 * is dropped; CRLF, LF and CR end a record (and count one physical line each, also inside
 * quoted fields); a field that starts with a quote is quoted: delimiters and line ends inside
 * it are text, a doubled quote is a quote, text after the closing quote is appended; a quote
 * inside an unquoted field is text; a record that is one empty unquoted field (a blank line)
 * is skipped; a text that ends inside a quoted field yields its last record with `problem`
 * set. The delimiter is given, or detected from the header line among `,` `;` tab.
 */

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Candidate delimiters for detection, in order of preference on a tie. */
const DELIMITERS = [',', ';', '\t'] as const;

/** The problem of a record cut short by the end of the text inside a quoted field. */
export const UNCLOSED_QUOTE = 'the file ends inside a quoted field (a quote is not closed)';

/** Pull-style CSV tokenizer over ranges of a string. */
export class CsvScanner {
  /** The text the current record's ranges index into. */
  text = '';
  /** Fields of the current record. */
  count = 0;
  /** Per field of the current record: its range in `text` (for a quoted field, inside the opening quote). */
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  /** Per field: 1 when quoted (its value needs `field()` to unescape), else 0. */
  quoted = new Uint8Array(32);
  /** 1-based physical line the current record starts on. */
  line = 1;
  /** A problem of the current record (an unclosed quote), else null. */
  problem: string | null = null;
  /** The delimiter in use; null until detected. */
  delimiter: string | null;

  #delimiterCode = -1;
  #pos = 0;
  /** Characters dropped from the front of `text` so far (consumed before the current text). */
  #dropped = 0;
  #pending: string[] = [];
  #pendingLength = 0;
  /** Characters that must be available before a cut record is scanned again. */
  #need = 0;
  #nextLine = 1;
  /** The last record ended with CR at the end of the text: a leading LF belongs to it. */
  #skipLf = false;
  #started = false;
  #ended = false;
  // Next position (>= the current one) of a quote, a CR, a LF and a delimiter in `text`, found
  // with indexOf (native, many times faster than a loop of charCodeAt) and kept until passed,
  // so each search covers new text only; -1 = not searched yet, `text.length` = none.
  #nextQuote = -1;
  #nextCr = -1;
  #nextLf = -1;
  #nextDelimiter = -1;
  /** Text held back until the header line is complete (delimiter detection). */
  #preamble: string | null = '';

  /** `delimiter`: one character other than a quote or a line end; omitted = detected. */
  constructor(delimiter?: string) {
    if (delimiter !== undefined && (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')) {
      throw new RangeError(`delimiter: must be one character other than a quote or a line end, got ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter ?? null;
    if (delimiter !== undefined) {
      this.#delimiterCode = delimiter.charCodeAt(0);
      this.#preamble = null;
    }
  }

  /** Characters consumed so far (records returned, blank lines skipped), from the start of the input. */
  get consumed(): number {
    return this.#dropped + this.#pos;
  }

  /** Whether `end()` was called. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Appends text. */
  feed(chunk: string): void {
    if (this.#ended) throw new Error('CsvScanner: feed() after end()');
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
    this.#pending.push(chunk);
    this.#pendingLength += chunk.length;
  }

  /** Marks the end of the text: the last record may now end without a line end. */
  end(): void {
    if (this.#ended) return;
    if (this.#preamble !== null) {
      const text = this.#preamble;
      this.#preamble = null;
      this.#useDelimiter(detectDelimiter(text));
      if (text.length) {
        this.#pending.push(text);
        this.#pendingLength += text.length;
      }
    }
    this.#ended = true;
  }

  /**
   * Moves to the next record (blank lines skipped). False when the text fed so far holds no
   * complete record: feed more, or call `end()`; after `end()`, false means no more records.
   */
  next(): boolean {
    const final = this.#ended;
    if (this.#pendingLength > 0 && (final || this.text.length - this.#pos + this.#pendingLength >= this.#need)) this.#join();
    for (;;) {
      const text = this.text;
      const n = text.length;
      let i = this.#pos;
      if (this.#skipLf) {
        if (i >= n && !final) return false;
        if (i < n && text.charCodeAt(i) === LF) i++;
        this.#skipLf = false;
        this.#pos = i;
      }
      if (i >= n) return false;
      const end = this.#scanRecord(text, i, n, final);
      if (end < 0) {
        this.#need = 2 * (n - i);
        return false;
      }
      this.#need = 0;
      this.#pos = end;
      if (this.count === 1 && this.quoted[0] === 0 && this.starts[0] === this.ends[0] && this.problem === null) continue; // blank line
      return true;
    }
  }

  /** The value of field `k` of the current record (quoted fields unescaped, nothing trimmed). */
  field(k: number): string {
    return this.quoted[k] ? unescapeQuoted(this.text, this.starts[k], this.ends[k]) : this.text.slice(this.starts[k], this.ends[k]);
  }

  /** Every field of the current record as strings. */
  fields(): string[] {
    const out = new Array<string>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.field(k);
    return out;
  }

  #useDelimiter(delimiter: string): void {
    this.delimiter = delimiter;
    this.#delimiterCode = delimiter.charCodeAt(0);
  }

  #join(): void {
    // join() makes one flat string; `rest + chunk` would make a rope that every charCodeAt walks.
    const pending = this.#pending;
    this.#dropped += this.#pos;
    if (this.#pos < this.text.length) pending.unshift(this.text.slice(this.#pos));
    this.text = pending.length === 1 ? pending[0] : pending.join('');
    this.#pos = 0;
    this.#nextQuote = this.#nextCr = this.#nextLf = this.#nextDelimiter = -1;
    this.#pending = [];
    this.#pendingLength = 0;
  }

  #grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const quoted = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    quoted.set(this.quoted);
    this.starts = starts;
    this.ends = ends;
    this.quoted = quoted;
  }

  /**
   * Scans the record starting at `i`; returns the index after its line end, or -1 when the
   * text ends before the record does and more may come (`final` false).
   */
  #scanRecord(text: string, i: number, n: number, final: boolean): number {
    // The common record: no quote, ends at LF or CRLF (or the end of the text), no lone CR.
    if (this.#nextQuote < i) this.#nextQuote = indexOrEnd(text, '"', i);
    if (this.#nextLf < i) this.#nextLf = indexOrEnd(text, '\n', i);
    if (this.#nextCr < i) this.#nextCr = indexOrEnd(text, '\r', i);
    const lf = this.#nextLf;
    if (lf === n && !final) {
      if (this.#nextCr === n && this.#nextQuote === n) return -1; // cut: wait for more text
    } else if (this.#nextQuote >= lf && (this.#nextCr >= lf || (this.#nextCr === lf - 1 && lf < n))) {
      return this.#scanPlain(text, i, lf, n);
    }
    return this.#scanGeneral(text, i, n, final);
  }

  /** A record without quotes from `i` to the LF at `lf` (or the end of the text), a CR right before it dropped. */
  #scanPlain(text: string, i: number, lf: number, n: number): number {
    const end = this.#nextCr === lf - 1 && lf < n ? lf - 1 : lf;
    const delimiterText = this.delimiter!;
    let count = 0;
    for (;;) {
      if (count === this.starts.length) this.#grow();
      if (this.#nextDelimiter < i) this.#nextDelimiter = indexOrEnd(text, delimiterText, i);
      const j = this.#nextDelimiter < end ? this.#nextDelimiter : end;
      this.starts[count] = i;
      this.ends[count] = j;
      this.quoted[count] = 0;
      count++;
      if (j === end) break;
      i = j + 1;
    }
    this.count = count;
    this.problem = null;
    this.line = this.#nextLine;
    if (lf < n) this.#nextLine++;
    return lf < n ? lf + 1 : n;
  }

  /** Any record (quotes, lone CRs, a cut record). */
  #scanGeneral(text: string, i: number, n: number, final: boolean): number {
    const delimiter = this.#delimiterCode;
    // Every code above this is field text: one comparison per character in the common case.
    const stop = delimiter > CR ? delimiter : CR;
    let starts = this.starts;
    let ends = this.ends;
    let quoted = this.quoted;
    let count = 0;
    let breaks = 0; // line ends inside quoted fields
    let problem: string | null = null;
    let c = -1;
    for (;;) {
      if (count === starts.length) {
        this.#grow();
        starts = this.starts;
        ends = this.ends;
        quoted = this.quoted;
      }
      c = i < n ? text.charCodeAt(i) : -1;
      if (c === QUOTE) {
        const open = i;
        let close = -1;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) break;
          if (q + 1 < n) {
            if (text.charCodeAt(q + 1) === QUOTE) {
              i = q + 2;
              continue;
            }
          } else if (!final) {
            return -1; // a quote at the very end: closing, or the first of a doubled pair?
          }
          close = q;
          break;
        }
        if (close < 0) {
          if (!final) return -1;
          breaks += lineBreaks(text, open + 1, n);
          starts[count] = open + 1;
          ends[count] = n;
          quoted[count] = 1;
          count++;
          problem = UNCLOSED_QUOTE;
          i = n;
          c = -1;
        } else {
          breaks += lineBreaks(text, open + 1, close);
          i = close + 1;
          c = i < n ? text.charCodeAt(i) : -1;
          if (c !== delimiter && c !== CR && c !== LF && c !== -1) {
            // Text after the closing quote belongs to the field (lenient).
            while (i < n) {
              c = text.charCodeAt(i);
              if (c <= stop && (c === delimiter || c === CR || c === LF)) break;
              i++;
            }
            if (i === n) {
              if (!final) return -1;
              c = -1;
            }
          } else if (c === -1 && !final) {
            return -1;
          }
          starts[count] = open + 1;
          ends[count] = i;
          quoted[count] = 1;
          count++;
        }
      } else {
        const start = i;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c <= stop && (c === delimiter || c === CR || c === LF)) break;
          i++;
        }
        if (i === n) {
          if (!final) return -1;
          c = -1;
        }
        starts[count] = start;
        ends[count] = i;
        quoted[count] = 0;
        count++;
      }
      if (c === delimiter) {
        i++;
        continue;
      }
      break;
    }
    this.count = count;
    this.problem = problem;
    this.line = this.#nextLine;
    if (c === CR) {
      i++;
      if (i < n) {
        if (text.charCodeAt(i) === LF) i++;
      } else if (!final) {
        this.#skipLf = true;
      }
    } else if (c === LF) {
      i++;
    }
    this.#nextLine += breaks + (c === -1 ? 0 : 1);
    return i;
  }
}

/** `text.indexOf(search, from)`, or `text.length` when there is none. */
function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}

/** Line ends in `text[a, b)`: each CR, and each LF not right after a CR. */
function lineBreaks(text: string, a: number, b: number): number {
  let count = 0;
  for (let j = a; j < b; j++) {
    const c = text.charCodeAt(j);
    if (c === CR) count++;
    else if (c === LF && (j === a || text.charCodeAt(j - 1) !== CR)) count++;
  }
  return count;
}

/**
 * The value of a quoted field whose text (after the opening quote) is `text[a, b)`: doubled
 * quotes become one; after the closing quote, the rest is appended as it is.
 */
export function unescapeQuoted(text: string, a: number, b: number): string {
  let out = '';
  let from = a;
  for (let i = a; i < b; i++) {
    if (text.charCodeAt(i) !== QUOTE) continue;
    if (i + 1 < b && text.charCodeAt(i + 1) === QUOTE) {
      out += text.slice(from, i + 1);
      i++;
      from = i + 1;
      continue;
    }
    return out + text.slice(from, i) + text.slice(i + 1, b);
  }
  return out + text.slice(from, b);
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
