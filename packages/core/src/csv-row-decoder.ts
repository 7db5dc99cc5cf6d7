import type { CsvScanner } from './csv-scanner.js';
import { booleanInRange, decimalInRange, timestampInRange } from './range-values.js';
import { BOOLEAN, NUMBER, PROMOTION, RowDecoder, STRING, TIME } from './row-decoder.js';
import { ownCopy, ownString } from './string-index.js';
import type { StringColumnBuilder } from './table-builder.js';
import { isMissing, isSpace } from './values.js';

/**
 * Decodes a CSV record straight from the scanner's field ranges: numbers, timestamps and flags
 * are parsed from the characters (range-values.ts), and a string value stays a range that is
 * looked up in its dictionary (`codeIn`, `commit`), so a row whose values are all known
 * allocates nothing. A field the fast paths do not decide (quoted, padded with blanks, an
 * unusual number or date shape, an organic-looking promotion) is cut out and read by the
 * general cell parsers of `RowDecoder`, so every rule, message and value stays the same.
 */
export class CsvRowDecoder extends RowDecoder {
  /** Per plan: the CSV field it reads. */
  readonly #fieldOf: Int32Array;
  /** Per plan: 1 when its string value is the range below of `#text` (else in `strings`). */
  readonly #isRange: Uint8Array;
  readonly #rangeStart: Int32Array;
  readonly #rangeEnd: Int32Array;
  #text = '';

  constructor(...args: ConstructorParameters<typeof RowDecoder>) {
    super(...args);
    const n = this.plans.length;
    this.#fieldOf = Int32Array.from(this.keys, (key) => key as number);
    this.#isRange = new Uint8Array(n);
    this.#rangeStart = new Int32Array(n);
    this.#rangeEnd = new Int32Array(n);
  }

  /** Reads the scanner's current record (not ragged); false (with the problem set) when it cannot be used. */
  decodeRecord(scanner: CsvScanner): boolean {
    const text = scanner.text;
    this.#text = text;
    const starts = scanner.starts;
    const ends = scanner.ends;
    const quoted = scanner.quoted;
    const fieldOf = this.#fieldOf;

    const required = this.required;
    for (let r = 0; r < required.length; r++) {
      const k = required[r];
      const f = fieldOf[k];
      const a = starts[f];
      if (quoted[f] || (a < ends[f] && isSpace(text.charCodeAt(a)))) {
        const raw = scanner.field(f);
        if (isMissing(raw)) return this.fail(k, 'required', raw, 'required value is empty');
      } else if (a === ends[f]) {
        return this.fail(k, 'required', '', 'required value is empty');
      }
    }

    const kinds = this.kinds;
    const numbers = this.numbers;
    const isRange = this.#isRange;
    for (let k = 0; k < kinds.length; k++) {
      const f = fieldOf[k];
      isRange[k] = 0;
      if (quoted[f]) {
        if (!this.decodeCell(k, scanner.field(f))) return false;
        this.#own(k);
        continue;
      }
      const a = starts[f];
      const b = ends[f];
      const kind = kinds[k];
      if (kind === STRING || kind === PROMOTION) {
        if (a === b) {
          this.strings[k] = null;
        } else if (isSpace(text.charCodeAt(a)) || isSpace(text.charCodeAt(b - 1)) || (kind === PROMOTION && b - a <= 4)) {
          // Blanks to trim, or possibly an organic token ("-", "None", "N/A", ...).
          if (!this.decodeCell(k, text.slice(a, b))) return false;
          this.#own(k);
        } else {
          isRange[k] = 1;
          this.#rangeStart[k] = a;
          this.#rangeEnd[k] = b;
        }
        continue;
      }
      if (a === b) {
        numbers[k] = kind === NUMBER ? this.plans[k].defaultValue : kind === BOOLEAN ? 0 : NaN;
        continue;
      }
      const value =
        kind === NUMBER ? decimalInRange(text, a, b, this.decimalComma) : kind === TIME ? timestampInRange(text, a, b, this.calendar) : booleanInRange(text, a, b);
      if (value === value && (kind !== BOOLEAN || value >= 0)) {
        numbers[k] = value + 0; // "-0" is 0, as in decodeCell
      } else if (!this.decodeCell(k, text.slice(a, b))) {
        return false;
      }
    }

    const signed = this.signed;
    for (let s = 0; s < signed.length; s++) {
      const k = signed[s];
      if (numbers[k] < 0) return this.fail(k, 'negative', scanner.field(fieldOf[k]), 'must not be negative');
    }
    return true;
  }

  /** Makes string slot `k`'s value independent of the input text (see `ownCopy`): it may go into a dictionary. */
  #own(k: number): void {
    const value = this.strings[k];
    if (value !== null) this.strings[k] = ownCopy(value);
  }

  override text(slot: number): string | null {
    return this.#isRange[slot] ? ownString(this.#text, this.#rangeStart[slot], this.#rangeEnd[slot]) : this.strings[slot];
  }

  override codeIn(slot: number, builder: StringColumnBuilder): number {
    if (this.#isRange[slot]) return builder.codeOfRange(this.#text, this.#rangeStart[slot], this.#rangeEnd[slot]);
    const value = this.strings[slot];
    return value === null ? -1 : builder.codeOf(value);
  }

  override codeNear(slot: number, builder: StringColumnBuilder, guess: number, span: number): number {
    if (this.#isRange[slot]) return builder.codeOfRangeNear(this.#text, this.#rangeStart[slot], this.#rangeEnd[slot], guess, span);
    const value = this.strings[slot];
    return value === null ? -1 : builder.codeOfNear(value, guess, span);
  }

  override commit(): void {
    const slots = this.stringSlots;
    const targets = this.stringTargets;
    for (let t = 0; t < slots.length; t++) {
      const k = slots[t];
      if (this.#isRange[k]) targets[t].pushRange(this.#text, this.#rangeStart[k], this.#rangeEnd[k]);
      else targets[t].push(this.strings[k]);
    }
    this.commitNumbers();
  }
}
