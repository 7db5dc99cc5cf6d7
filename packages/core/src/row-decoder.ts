import type { Calendar } from './calendar.js';
import type { DataRule } from './errors.js';
import type { FieldType } from './schema.js';
import { BooleanColumnBuilder, NumberColumnBuilder, StringColumnBuilder } from './table-builder.js';
import { isMissing, numberProblem, readBoolean, readNumber, readPromotion, readString, readTimestamp } from './values.js';

/**
 * Reads the fields of one row into scratch slots, checking them in a fixed order: first every
 * required field for emptiness (rule `required`), then every field's type (`type`, `number`,
 * `non-finite`, `date`, `boolean`), then signs (`negative`). So a row with several problems
 * is always counted under the first rule of that order. One decoder per table, reused for
 * every row: no allocation per row or per field.
 */

/** How one field of a row is read and where its value goes. */
export interface FieldPlan {
  /** Output column name: the canonical field, or the host's name for actions and attributes. */
  readonly field: string;
  /** The host's column. */
  readonly column: string;
  /** Index (CSV record) or property name (object row) to read the cell from. */
  readonly key: string | number;
  readonly type: FieldType;
  readonly required: boolean;
  /** Value of an empty cell of an optional number field; NaN when there is none. */
  readonly defaultValue: number;
  readonly nonNegative: boolean;
  /** Where `commit` pushes the value; null when the table's own logic stores it. */
  readonly target: NumberColumnBuilder | StringColumnBuilder | BooleanColumnBuilder | null;
}

/** Options of a field plan beyond the required ones. */
export interface FieldPlanInit {
  readonly field: string;
  readonly column: string;
  readonly key: string | number;
  readonly type: FieldType;
  readonly required?: boolean;
  readonly defaultValue?: number;
  readonly nonNegative?: boolean;
  readonly target?: NumberColumnBuilder | StringColumnBuilder | BooleanColumnBuilder | null;
}

/** Builds a plan with defaults (optional, no default value, sign not checked, no target). */
export function fieldPlan(init: FieldPlanInit): FieldPlan {
  return {
    field: init.field,
    column: init.column,
    key: init.key,
    type: init.type,
    required: init.required ?? false,
    defaultValue: init.defaultValue ?? NaN,
    nonNegative: init.nonNegative ?? false,
    target: init.target ?? null,
  };
}

/** The largest magnitude a number cell may have: `Number.MAX_SAFE_INTEGER` (9,007,199,254,740,991). */
export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

/**
 * How to fix a cell rejected under each rule, appended to the error's message. `non-finite`
 * has none: its message ("not a finite number") already says what the cell must be.
 */
export const ROW_HINTS: Partial<Record<DataRule, string>> = {
  required: 'fill the cell in, or map the field to a column that has it',
  type: 'pass text (or a number) for this field',
  number: 'write a plain decimal such as 1234.5, without thousands separators, spaces or currency signs; for "12,50" pass decimalComma: true',
  date: 'write ISO-8601 such as 2024-03-31, 2024-03-31 14:05:00 or 2024-03-31T14:05:00Z, a Date or epoch ms; convert day/month orders such as 03/04/2024 before importing, they are ambiguous',
  boolean: 'write true/false, 1/0, yes/no, t/f, y/n or on/off, or leave the cell empty for false',
  negative: 'amounts, discounts, prices and quantities are >= 0; keep refunds and returns out of this column',
};

/** Cell kinds (plain numbers: the decoder switches on them per cell). */
export const STRING = 0;
export const NUMBER = 1;
export const TIME = 2;
export const BOOLEAN = 3;
export const PROMOTION = 4;

const KIND: Record<FieldType, number> = { string: STRING, number: NUMBER, time: TIME, boolean: BOOLEAN, promotion: PROMOTION };

type Cells = Record<string | number, unknown>;

/**
 * A decoded row as the table logic sees it, whatever the input: the number, time and boolean
 * slots, and string slots read as text (`text`, for messages and the rare paths) or looked up
 * in a dictionary (`codeIn`, the hot path: a CSV field is looked up without becoming a string).
 */
export interface DecodedRow {
  readonly plans: readonly FieldPlan[];
  /** Number, time and boolean values by plan index (NaN = missing). */
  readonly numbers: Float64Array;
  /** The value of string slot `slot` (trimmed; null when missing or organic). */
  text(slot: number): string | null;
  /** The code of string slot `slot`'s value in `builder`, -1 when missing or not there. */
  codeIn(slot: number, builder: StringColumnBuilder): number;
  /** `codeIn`, trying the codes `guess` .. `guess + span - 1` first (see `StringColumnBuilder.codeOfRangeNear`). */
  codeNear(slot: number, builder: StringColumnBuilder, guess: number, span: number): number;
  /** Pushes the decoded values of every plan that has a target. */
  commit(): void;
}

/** Decodes rows of one table according to its plans. */
export class RowDecoder implements DecodedRow {
  readonly plans: readonly FieldPlan[];
  /** Number, time and boolean values by plan index (NaN = missing). */
  readonly numbers: Float64Array;
  /** String values by plan index (null = missing). */
  readonly strings: (string | null)[];

  /** After `decode` returned false: the rule, the plan of the offending field, the raw value and a message. */
  rule: DataRule = 'type';
  problemPlan: FieldPlan | null = null;
  problemValue: unknown = undefined;
  problemMessage = '';
  /** After `decode` returned false: how to fix the cell (see `ROW_HINTS`). */
  problemHint: string | undefined = undefined;

  protected readonly kinds: Uint8Array;
  protected readonly keys: (string | number)[];
  protected readonly required: number[];
  protected readonly signed: number[];
  protected readonly calendar: Calendar;
  protected readonly decimalComma: boolean;
  // One-entry memo per time field: exports repeat the same timestamp on consecutive lines.
  readonly #lastText: (string | null)[];
  readonly #lastTime: Float64Array;
  // Commit targets grouped by builder type (no type test per row).
  protected readonly stringSlots: number[] = [];
  protected readonly stringTargets: StringColumnBuilder[] = [];
  readonly #numberSlots: number[] = [];
  readonly #numberTargets: NumberColumnBuilder[] = [];
  readonly #flagSlots: number[] = [];
  readonly #flagTargets: BooleanColumnBuilder[] = [];

  constructor(plans: readonly FieldPlan[], calendar: Calendar, decimalComma: boolean) {
    this.plans = plans;
    const n = plans.length;
    this.numbers = new Float64Array(n);
    this.strings = new Array<string | null>(n).fill(null);
    this.kinds = Uint8Array.from(plans, (p) => KIND[p.type]);
    this.keys = plans.map((p) => p.key);
    this.required = plans.flatMap((p, k) => (p.required ? [k] : []));
    this.signed = plans.flatMap((p, k) => (p.nonNegative ? [k] : []));
    this.calendar = calendar;
    this.decimalComma = decimalComma;
    this.#lastText = new Array<string | null>(n).fill(null);
    this.#lastTime = new Float64Array(n);
    plans.forEach((plan, k) => {
      const target = plan.target;
      if (target instanceof StringColumnBuilder) {
        this.stringSlots.push(k);
        this.stringTargets.push(target);
      } else if (target instanceof NumberColumnBuilder) {
        this.#numberSlots.push(k);
        this.#numberTargets.push(target);
      } else if (target instanceof BooleanColumnBuilder) {
        this.#flagSlots.push(k);
        this.#flagTargets.push(target);
      }
    });
  }

  /** The plan index of `field`, or -1. */
  indexOf(field: string): number {
    return this.plans.findIndex((p) => p.field === field);
  }

  /** Reads `row` into the scratch slots; false (with the problem set) when the row cannot be used. */
  decode(row: Cells): boolean {
    const keys = this.keys;
    const required = this.required;
    for (let r = 0; r < required.length; r++) {
      const k = required[r];
      if (isMissing(row[keys[k]])) return this.fail(k, 'required', row[keys[k]], 'required value is empty');
    }
    const kinds = this.kinds;
    for (let k = 0; k < kinds.length; k++) {
      if (!this.decodeCell(k, row[keys[k]])) return false;
    }
    const numbers = this.numbers;
    const signed = this.signed;
    for (let s = 0; s < signed.length; s++) {
      const k = signed[s];
      if (numbers[k] < 0) return this.fail(k, 'negative', row[keys[k]], 'must not be negative');
    }
    return true;
  }

  /** Reads one cell into slot `k` (type rules only; required and sign checks are the caller's). */
  protected decodeCell(k: number, raw: unknown): boolean {
    const numbers = this.numbers;
    switch (this.kinds[k]) {
      case STRING: {
        const text = readString(raw);
        if (text === null && !isMissing(raw)) return this.fail(k, 'type', raw, `expected text, got ${describe(raw)}`);
        this.strings[k] = text;
        return true;
      }
      case PROMOTION: {
        const text = readPromotion(raw);
        if (text === null && !isMissing(raw) && readString(raw) === null) return this.fail(k, 'type', raw, `expected text, got ${describe(raw)}`);
        this.strings[k] = text;
        return true;
      }
      case NUMBER: {
        if (isMissing(raw)) {
          numbers[k] = this.plans[k].defaultValue;
          return true;
        }
        const value = readNumber(raw, this.decimalComma);
        if (value !== value) {
          const rule = numberProblem(raw, this.decimalComma) ?? 'number';
          return this.fail(k, rule, raw, rule === 'non-finite' ? 'not a finite number' : `not a number: ${describe(raw)}`);
        }
        if (value > MAX_AMOUNT || value < -MAX_AMOUNT) {
          // Finite but past exact integers: a sum of two such amounts loses units or overflows
          // to Infinity downstream, so the row is rejected instead of silently skewing totals.
          return this.fail(k, 'number', raw, `too large: ${describe(raw)} is beyond ±${MAX_AMOUNT} (sums would lose precision)`);
        }
        numbers[k] = value + 0; // "-0" is 0: a stored -0 would be shown as "-0"
        return true;
      }
      case TIME: {
        if (isMissing(raw)) {
          numbers[k] = NaN;
          return true;
        }
        let value: number;
        if (typeof raw === 'string' && raw === this.#lastText[k]) {
          value = this.#lastTime[k];
        } else {
          value = readTimestamp(raw, this.calendar);
          if (typeof raw === 'string' && value === value) {
            this.#lastText[k] = raw;
            this.#lastTime[k] = value;
          }
        }
        if (value !== value) return this.fail(k, 'date', raw, `not a timestamp: ${describe(raw)}`);
        numbers[k] = value;
        return true;
      }
      default: {
        if (isMissing(raw)) {
          numbers[k] = 0;
          return true;
        }
        const flag = readBoolean(raw);
        if (flag < 0) return this.fail(k, 'boolean', raw, `not a boolean: ${describe(raw)}`);
        numbers[k] = flag;
        return true;
      }
    }
  }

  text(slot: number): string | null {
    return this.strings[slot];
  }

  codeIn(slot: number, builder: StringColumnBuilder): number {
    const value = this.strings[slot];
    return value === null ? -1 : builder.codeOf(value);
  }

  codeNear(slot: number, builder: StringColumnBuilder, guess: number, span: number): number {
    const value = this.strings[slot];
    return value === null ? -1 : builder.codeOfNear(value, guess, span);
  }

  commit(): void {
    const slots = this.stringSlots;
    for (let t = 0; t < slots.length; t++) this.stringTargets[t].push(this.strings[slots[t]]);
    this.commitNumbers();
  }

  /** Pushes the number, time and boolean slots that have a target. */
  protected commitNumbers(): void {
    const numberSlots = this.#numberSlots;
    for (let t = 0; t < numberSlots.length; t++) this.#numberTargets[t].push(this.numbers[numberSlots[t]]);
    const flagSlots = this.#flagSlots;
    for (let t = 0; t < flagSlots.length; t++) this.#flagTargets[t].push(this.numbers[flagSlots[t]] === 1 ? 1 : 0);
  }

  protected fail(k: number, rule: DataRule, value: unknown, message: string): false {
    this.rule = rule;
    this.problemHint = ROW_HINTS[rule];
    this.problemPlan = this.plans[k];
    this.problemValue = value;
    this.problemMessage = message;
    return false;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value instanceof Date) return 'an invalid Date';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}
