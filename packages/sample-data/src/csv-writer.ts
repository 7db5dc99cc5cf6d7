/**
 * Writes CSV text as UTF-8 bytes into a reusable buffer and hands it on in chunks of about
 * 1 MB, decoded to a string once per chunk. Why not template strings: a row of a dozen
 * interpolated values is a rope of a dozen string objects, and at millions of rows the
 * garbage collector took half of the generator's time.
 */

const CHUNK = 1 << 20;
const COMMA = 44;
const NEWLINE = 10;
const DAY = 86_400_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A CSV table being written: values appended field by field, rows ended with `end()`. */
export class CsvWriter {
  #bytes = new Uint8Array(CHUNK + 4096);
  #n = 0;
  #first = true;
  readonly #sink: (chunk: string) => void;
  // Dates of the days written so far, as bytes `YYYY-MM-DD`.
  readonly #dates = new Map<number, Uint8Array>();

  /** `sink` receives the text in chunks; `header` is written first. */
  constructor(sink: (chunk: string) => void, header: readonly string[]) {
    this.#sink = sink;
    for (const name of header) this.text(name);
    this.end();
  }

  #room(bytes: number): void {
    if (this.#n + bytes > this.#bytes.length) {
      const bigger = new Uint8Array(Math.max(this.#bytes.length * 2, this.#n + bytes));
      bigger.set(this.#bytes.subarray(0, this.#n));
      this.#bytes = bigger;
    }
  }

  #separate(): void {
    if (this.#first) this.#first = false;
    else this.#bytes[this.#n++] = COMMA;
  }

  /** A text field, quoted when it holds a comma, a quote or a line end. */
  text(value: string): this {
    this.#room(3 * value.length + 3);
    this.#separate();
    const bytes = this.#bytes;
    let n = this.#n;
    let plain = true;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 128 || c === 34 || c === 44 || c === 10 || c === 13) {
        plain = false;
        break;
      }
      bytes[n + i] = c;
    }
    if (plain) {
      this.#n = n + value.length;
      return this;
    }
    const quoted = /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    this.#room(3 * quoted.length);
    n = this.#n;
    this.#n = n + encoder.encodeInto(quoted, this.#bytes.subarray(n)).written;
    return this;
  }

  /** An empty field (a missing value). */
  empty(): this {
    this.#room(1);
    this.#separate();
    return this;
  }

  /** A non-negative integer. */
  int(value: number): this {
    this.#room(17);
    this.#separate();
    this.#digits(value, 1);
    return this;
  }

  /** A prefix letter and a zero-padded number (`O00000042`). */
  id(prefix: string, value: number, width: number): this {
    this.#room(prefix.length + 17);
    this.#separate();
    for (let i = 0; i < prefix.length; i++) this.#bytes[this.#n++] = prefix.charCodeAt(i);
    this.#digits(value, width);
    return this;
  }

  /** A non-negative whole number of cents as an amount (`1250` -> `12.50`, 0 -> `0`); reads back as exactly `cents / 100`. */
  cents(value: number): this {
    if (value === 0) return this.int(0);
    this.#room(20);
    this.#separate();
    this.#digits(Math.floor(value / 100), 1);
    const bytes = this.#bytes;
    const rest = value % 100;
    bytes[this.#n++] = 46;
    bytes[this.#n++] = 48 + Math.floor(rest / 10);
    bytes[this.#n++] = 48 + (rest % 10);
    return this;
  }

  /** Wall ms as `YYYY-MM-DD HH:mm:ss` (the local wall-clock time the generator works in); empty when NaN. */
  wall(wall: number): this {
    if (wall !== wall) return this.empty();
    this.#room(19);
    this.#separate();
    const day = Math.floor(wall / DAY);
    let date = this.#dates.get(day);
    if (date === undefined) {
      date = encoder.encode(new Date(day * DAY).toISOString().slice(0, 10));
      this.#dates.set(day, date);
    }
    const bytes = this.#bytes;
    bytes.set(date, this.#n);
    let n = this.#n + 10;
    const seconds = Math.floor((wall - day * DAY) / 1000);
    const hour = Math.floor(seconds / 3600);
    const minute = Math.floor(seconds / 60) % 60;
    const second = seconds % 60;
    bytes[n++] = 32;
    bytes[n++] = 48 + Math.floor(hour / 10);
    bytes[n++] = 48 + (hour % 10);
    bytes[n++] = 58;
    bytes[n++] = 48 + Math.floor(minute / 10);
    bytes[n++] = 48 + (minute % 10);
    bytes[n++] = 58;
    bytes[n++] = 48 + Math.floor(second / 10);
    bytes[n++] = 48 + (second % 10);
    this.#n = n;
    return this;
  }

  /** Ends the row; hands a full chunk on. */
  end(): void {
    this.#bytes[this.#n++] = NEWLINE;
    this.#first = true;
    if (this.#n >= CHUNK) this.flush();
  }

  /** Hands what was written on. */
  flush(): void {
    if (this.#n === 0) return;
    this.#sink(decoder.decode(this.#bytes.subarray(0, this.#n)));
    this.#n = 0;
  }

  /** Writes `value` in decimal, zero-padded to `width` digits. */
  #digits(value: number, width: number): void {
    const bytes = this.#bytes;
    let digits = 1;
    for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
    if (digits < width) digits = width;
    let n = this.#n + digits;
    this.#n = n;
    let v = value;
    for (let i = 0; i < digits; i++) {
      bytes[--n] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
  }
}
