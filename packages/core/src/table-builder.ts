import { columnOverDictionaryOf, PackedStrings, packedStringColumn } from './packed-strings.js';
import { StringIndex } from './string-index.js';
import type { BooleanColumn, Column, NumberColumn, RefColumn, StringColumn, Table, TableName, TimeColumn } from './table.js';

/**
 * Growable column buffers that build a columnar `Table` in one pass. Each column starts small,
 * doubles when full and is trimmed to its exact length (one copy) when the table is built, so
 * an import never holds an array of row objects.
 */

const INITIAL_CAPACITY = 1024;

/** A column under construction. `length` is the number of values pushed. */
export interface ColumnBuilder {
  readonly length: number;
  /** Makes room for `rows` values in all (an import that can estimate its rows grows once, not by doubling). */
  reserve?(rows: number): void;
  /** The finished column of exactly `length` values. */
  build(): Column;
}

/** `array` with room for at least `rows` values (the same array when it has it). */
function reserved<T extends Float64Array | Int32Array | Uint8Array>(array: T, rows: number): T {
  if (array.length >= rows) return array;
  const next = new (array.constructor as new (n: number) => T)(rows);
  next.set(array);
  return next;
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(array: T, needed: number): T {
  let capacity = array.length * 2;
  while (capacity < needed) capacity *= 2;
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** Numbers or instants (Float64Array; NaN = missing). */
export class NumberColumnBuilder implements ColumnBuilder {
  length = 0;
  values = new Float64Array(INITIAL_CAPACITY);
  constructor(readonly type: 'number' | 'time' = 'number') {}

  push(value: number): void {
    if (this.length === this.values.length) this.values = grow(this.values, this.length + 1);
    this.values[this.length++] = value;
  }

  reserve(rows: number): void {
    this.values = reserved(this.values, rows);
  }

  build(): NumberColumn | TimeColumn {
    return { type: this.type, values: this.values.slice(0, this.length) } as NumberColumn | TimeColumn;
  }
}

/** Booleans, one byte per row. */
export class BooleanColumnBuilder implements ColumnBuilder {
  length = 0;
  values = new Uint8Array(INITIAL_CAPACITY);

  push(value: 0 | 1 | boolean): void {
    if (this.length === this.values.length) this.values = grow(this.values, this.length + 1);
    this.values[this.length++] = value ? 1 : 0;
  }

  reserve(rows: number): void {
    this.values = reserved(this.values, rows);
  }

  build(): BooleanColumn {
    return { type: 'boolean', values: this.values.slice(0, this.length) };
  }
}

/**
 * Dictionary-encoded strings: codes into a first-seen-order dictionary, -1 for missing.
 * `codeOf` exposes the dictionary index, which for a unique key column (order_id, client) is
 * also the row index, so it doubles as the lookup for references and duplicate checks.
 * Values can also be given as a range of a larger text (`pushRange`, `codeOfRange`): a CSV
 * field is looked up without being cut out, and copied only when it is new.
 */
export class StringColumnBuilder implements ColumnBuilder {
  length = 0;
  codes = new Int32Array(INITIAL_CAPACITY);
  readonly dictionary: string[] = [];
  readonly #index = new StringIndex(this.dictionary);

  /** Appends `value` (null = missing) and returns its code. */
  push(value: string | null): number {
    const code = value === null ? -1 : this.#index.internString(value);
    if (this.length === this.codes.length) this.codes = grow(this.codes, this.length + 1);
    this.codes[this.length++] = code;
    return code;
  }

  /** Appends the value `text[a, b)` (non-empty) and returns its code. */
  pushRange(text: string, a: number, b: number): number {
    const code = this.#index.intern(text, a, b);
    if (this.length === this.codes.length) this.codes = grow(this.codes, this.length + 1);
    this.codes[this.length++] = code;
    return code;
  }

  /** The code of `value`, or -1 when it has not been pushed. */
  codeOf(value: string): number {
    return value.length === 0 ? this.#index.find(value, 0, 0) : this.#index.lookup(value, 0, value.length);
  }

  /** The code of the value `text[a, b)` (non-empty), or -1 when it has not been pushed. */
  codeOfRange(text: string, a: number, b: number): number {
    return this.#index.lookup(text, a, b);
  }

  /**
   * `codeOfRange`, trying the codes `guess` .. `guess + span - 1` first: a join of rows that
   * come in the order of the keys (an export's lines, grouped by order, in the order of the
   * sessions) finds almost every key there, near the last one, without hashing it or touching
   * the index's memory. Any other order still gets the right code, just by the index.
   */
  codeOfRangeNear(text: string, a: number, b: number, guess: number, span: number): number {
    const dictionary = this.dictionary;
    const last = Math.min(guess + span, dictionary.length);
    const first = Math.max(guess, 0);
    if (first < last) {
      const value = text.slice(a, b);
      for (let code = first; code < last; code++) if (dictionary[code] === value) return code;
    }
    return this.#index.lookup(text, a, b);
  }

  /** `codeOf`, trying the codes `guess` .. `guess + span - 1` first (see `codeOfRangeNear`). */
  codeOfNear(value: string, guess: number, span: number): number {
    const dictionary = this.dictionary;
    const last = Math.min(guess + span, dictionary.length);
    for (let code = Math.max(guess, 0); code < last; code++) if (dictionary[code] === value) return code;
    return this.codeOf(value);
  }

  /** The value of row `row`, or null when missing. */
  valueAt(row: number): string | null {
    const code = this.codes[row];
    return code < 0 ? null : this.dictionary[code];
  }

  reserve(rows: number): void {
    this.codes = reserved(this.codes, rows);
  }

  /** The column; a dictionary of unique keys (order ids) is packed into bytes (see packed-strings.ts). */
  build(): StringColumn {
    const codes = this.codes.slice(0, this.length);
    const packed = PackedStrings.pack(this.dictionary);
    return packed ? packedStringColumn(codes, packed) : { type: 'string', codes, dictionary: this.dictionary.slice() };
  }
}

/**
 * A string column whose values are the keys of the rows another column refers to: the codes
 * are the references themselves and the dictionary is the referred table's unique key
 * column's (lines.order_id = sessions.order_id of each line's order). Nothing is stored twice:
 * the codes are the very array of the reference column (`refs.build().rows`, 12 MB for 3M
 * lines) and the dictionary is the keys' own (a million order ids are about 40 MB of strings),
 * still packed when it is.
 */
export class KeyColumnBuilder implements ColumnBuilder {
  /** `keys`: the referred table's key column (its dictionary is shared, still packed if it is), or that dictionary itself. */
  constructor(
    readonly refs: RefColumnBuilder,
    readonly keys: StringColumn | readonly string[],
  ) {}

  get length(): number {
    return this.refs.length;
  }

  build(): StringColumn {
    const rows = this.refs.build().rows;
    const keys = this.keys;
    return Array.isArray(keys) ? { type: 'string', codes: rows, dictionary: keys } : columnOverDictionaryOf(keys as StringColumn, rows);
  }
}

/** Row indexes into another table, -1 for none. */
export class RefColumnBuilder implements ColumnBuilder {
  length = 0;
  rows = new Int32Array(INITIAL_CAPACITY);
  constructor(readonly table: TableName) {}

  push(row: number): void {
    if (this.length === this.rows.length) this.rows = grow(this.rows, this.length + 1);
    this.rows[this.length++] = row;
  }

  // The last build, handed out again while no row was added: a key column over these
  // references (KeyColumnBuilder) shares its array instead of copying it.
  #built: RefColumn | null = null;

  reserve(rows: number): void {
    this.rows = reserved(this.rows, rows);
  }

  build(): RefColumn {
    if (this.#built?.rows.length !== this.length) this.#built = { type: 'ref', table: this.table, rows: this.rows.slice(0, this.length) };
    return this.#built;
  }
}

/**
 * A table under construction: named column builders in insertion order. Callers push one
 * value into every column per row, then `commitRow()`; `build()` checks that every column
 * has the same length.
 */
export class TableBuilder {
  length = 0;
  readonly #columns = new Map<string, ColumnBuilder>();
  constructor(readonly name: TableName) {}

  /** Adds a column; throws when the name is taken (two fields mapped to one output name). */
  add<B extends ColumnBuilder>(name: string, builder: B): B {
    if (this.#columns.has(name)) throw new RangeError(`${this.name}: column "${name}" is defined twice`);
    this.#columns.set(name, builder);
    return builder;
  }

  has(name: string): boolean {
    return this.#columns.has(name);
  }

  /** Puts `builder` in place of column `name` (same position among the columns). */
  replace<B extends ColumnBuilder>(name: string, builder: B): B {
    if (!this.#columns.has(name)) throw new RangeError(`${this.name}: no column "${name}" to replace`);
    this.#columns.set(name, builder);
    return builder;
  }

  number(name: string): NumberColumnBuilder {
    return this.add(name, new NumberColumnBuilder('number'));
  }

  time(name: string): NumberColumnBuilder {
    return this.add(name, new NumberColumnBuilder('time'));
  }

  string(name: string): StringColumnBuilder {
    return this.add(name, new StringColumnBuilder());
  }

  boolean(name: string): BooleanColumnBuilder {
    return this.add(name, new BooleanColumnBuilder());
  }

  ref(name: string, table: TableName): RefColumnBuilder {
    return this.add(name, new RefColumnBuilder(table));
  }

  /** Makes room for `rows` rows in every column (see `ColumnBuilder.reserve`). */
  reserve(rows: number): void {
    for (const builder of this.#columns.values()) builder.reserve?.(rows);
  }

  /** Counts a row whose values have been pushed into every column. */
  commitRow(): void {
    this.length++;
  }

  /** The finished table; every column trimmed to `length`. */
  build(): Table {
    const columns: Record<string, Column> = {};
    for (const [name, builder] of this.#columns) {
      if (builder.length !== this.length) {
        throw new Error(`${this.name}.${name}: ${builder.length} values for ${this.length} rows (importer bug)`);
      }
      columns[name] = builder.build();
    }
    return { name: this.name, length: this.length, columns };
  }
}
