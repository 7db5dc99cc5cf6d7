import { describe, expect, it } from 'vitest';
import { importDataset } from '../src/import.js';
import { columnOverDictionaryOf, PACK_MIN_ENTRIES, packedDictionaryOf, PackedStrings, packedStringColumn } from '../src/packed-strings.js';
import { KeyColumnBuilder, RefColumnBuilder, StringColumnBuilder } from '../src/table-builder.js';

/** `n` distinct ids; `vary` makes their lengths differ (offsets instead of a fixed width). */
function ids(n: number, vary: boolean): string[] {
  return Array.from({ length: n }, (_, k) => (vary ? `id-${k}` : `O${String(k).padStart(8, '0')}`));
}

describe('PackedStrings', () => {
  it('gives back exactly the strings it packed, fixed width or not, long ones included', () => {
    for (const values of [ids(PACK_MIN_ENTRIES + 3, false), ids(PACK_MIN_ENTRIES * 2 + 17, true), [...ids(PACK_MIN_ENTRIES, true), 'x'.repeat(40), '', 'a']]) {
      const packed = PackedStrings.pack(values)!;
      expect(packed.length).toBe(values.length);
      expect(packed.unpacked).toBe(false);
      expect(packed.values).toEqual(values);
      expect(packed.unpacked).toBe(true);
      expect(packed.byteLength).toBe(0);
    }
  });

  it('packs fixed-width ids into one byte each and no offsets', () => {
    const packed = PackedStrings.pack(ids(PACK_MIN_ENTRIES, false))!;
    expect(packed.byteLength).toBe(9 * PACK_MIN_ENTRIES);
  });

  it('leaves small dictionaries and any non-ASCII dictionary as strings', () => {
    expect(PackedStrings.pack(ids(PACK_MIN_ENTRIES - 1, false))).toBeNull();
    expect(PackedStrings.pack([...ids(PACK_MIN_ENTRIES, false), 'Café'])).toBeNull();
    expect(PackedStrings.pack([...ids(PACK_MIN_ENTRIES, false), '\u{1F600}'])).toBeNull();
  });

  it('columns over one packed dictionary share the strings once built, and clone as plain columns', () => {
    const values = ids(PACK_MIN_ENTRIES, true);
    const packed = PackedStrings.pack(values)!;
    const keys = packedStringColumn(new Int32Array([0, 1, 2]), packed);
    const refs = columnOverDictionaryOf(keys, new Int32Array([2, 2]));
    expect(packedDictionaryOf(refs)).toBe(packed);
    const clone = structuredClone(refs);
    expect(clone).toEqual({ type: 'string', codes: new Int32Array([2, 2]), dictionary: values });
    expect(refs.dictionary).toBe(keys.dictionary);
    expect(keys.dictionary[2]).toBe('id-2');
  });

  it('is what a builder of many distinct values builds, with the same values as pushed', () => {
    const builder = new StringColumnBuilder();
    const values = ids(PACK_MIN_ENTRIES + 5, true);
    for (const value of values) builder.push(value);
    builder.push(null);
    builder.push(values[7]);
    const column = builder.build();
    expect(packedDictionaryOf(column)).toBeDefined();
    const decoded = Array.from(column.codes, (code) => (code < 0 ? null : column.dictionary[code]));
    expect(decoded).toEqual([...values, null, values[7]]);
  });
});

describe('import of many orders', () => {
  it('packs sessions.order_id, shares it with lines.order_id, and reads back every id', async () => {
    const n = PACK_MIN_ENTRIES + 10;
    const sessions = ['order_id,client,session_start,payment_amount'];
    for (let k = 0; k < n; k++) sessions.push(`ord${k},c${k % 7},2024-01-01,1`);
    const { dataset } = await importDataset({
      sessions: { data: sessions.join('\n') },
      lines: { data: `order_id,product,price\nord${n - 1},p,1\nord3,q,2\n` },
    });
    const orderId = dataset.sessions.columns.order_id;
    const lineOrderId = dataset.lines!.columns.order_id;
    if (orderId.type !== 'string' || lineOrderId.type !== 'string') throw new Error('types');
    expect(packedDictionaryOf(orderId)).toBeDefined();
    expect(packedDictionaryOf(lineOrderId)).toBe(packedDictionaryOf(orderId));
    expect(Array.from(lineOrderId.codes, (code) => lineOrderId.dictionary[code])).toEqual([`ord${n - 1}`, 'ord3']);
    expect(orderId.dictionary.length).toBe(n);
    for (let k = 0; k < n; k += 997) expect(orderId.dictionary[orderId.codes[k]]).toBe(`ord${k}`);
  });
});

describe('KeyColumnBuilder', () => {
  it('shares the reference array and takes either the key column or a plain dictionary', () => {
    const refs = new RefColumnBuilder('sessions');
    for (const row of [2, 0, 1]) refs.push(row);
    const plain = new KeyColumnBuilder(refs, ['a', 'b', 'c']).build();
    expect(plain.codes).toBe(refs.build().rows);
    expect(Array.from(plain.codes, (code) => plain.dictionary[code])).toEqual(['c', 'a', 'b']);
    const packed = PackedStrings.pack(ids(PACK_MIN_ENTRIES, false))!;
    const keys = packedStringColumn(new Int32Array(0), packed);
    const over = new KeyColumnBuilder(refs, keys).build();
    expect(packedDictionaryOf(over)).toBe(packed);
    expect(packed.unpacked).toBe(false);
    expect(over.dictionary[2]).toBe('O00000002');
  });
});
