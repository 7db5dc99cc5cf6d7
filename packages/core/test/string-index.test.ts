import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashRange, ownString, StringIndex } from '../src/string-index.js';
import { StringColumnBuilder } from '../src/table-builder.js';

describe('StringIndex', () => {
  it('finds every value, by string or by range, with codes in insertion order (50k unique keys)', () => {
    const dictionary: string[] = [];
    const index = new StringIndex(dictionary);
    const text = Array.from({ length: 50_000 }, (_, i) => `O${String(i).padStart(8, '0')}`).join(',');
    const wrong: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const a = i * 10;
      if (index.find(text, a, a + 9) !== -1 || index.intern(text, a, a + 9) !== i) wrong.push(i);
    }
    expect(wrong).toEqual([]);
    expect(dictionary.length).toBe(50_000);
    expect(dictionary[12_345]).toBe('O00012345');
    for (let i = 0; i < 50_000; i += 97) if (index.lookup(text, i * 10, i * 10 + 9) !== i) wrong.push(i);
    expect(wrong).toEqual([]);
    expect(index.internString('O00049999')).toBe(49_999);
    expect(index.find('xO00000007y', 1, 10)).toBe(7);
    expect(index.find('O0000000', 0, 8)).toBe(-1);
  });

  it('keeps values apart that look alike to the cache of recent values (same length, ends and middle)', () => {
    const builder = new StringColumnBuilder();
    const values = ['abXcd', 'abYcd', 'abXcd', 'aaXdd', 'abYcd', 'abXcd'];
    const text = values.join('|');
    let at = 0;
    const codes = values.map((v) => {
      const code = builder.pushRange(text, at, at + v.length);
      at += v.length + 1;
      return code;
    });
    expect(codes).toEqual([0, 1, 0, 2, 1, 0]);
    expect(builder.dictionary).toEqual(['abXcd', 'abYcd', 'aaXdd']);
    expect(builder.codeOf('abYcd')).toBe(1);
    expect(builder.codeOfRange('zaaXddz', 1, 6)).toBe(2);
    expect(builder.codeOfRangeNear('abYcd', 0, 5, 0, 4)).toBe(1);
    expect(builder.codeOfNear('aaXdd', 5, 4)).toBe(2);
  });

  it('agrees with a Map for any mix of values pushed as strings or ranges (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', 'é', '1', ' ') }), fc.boolean()), { maxLength: 300 }), (items) => {
        const builder = new StringColumnBuilder();
        const reference = new Map<string, number>();
        for (const [value, asRange] of items) {
          const expected = reference.get(value) ?? reference.size;
          if (!reference.has(value)) reference.set(value, expected);
          const code = asRange ? builder.pushRange(`<${value}>`, 1, value.length + 1) : builder.push(value);
          expect(code).toBe(expected);
        }
        expect(builder.dictionary).toEqual([...reference.keys()]);
      }),
    );
  });

  it('hashes a range like the same string, and copies long ranges out of their text', () => {
    expect(hashRange('xxhello', 2, 7)).toBe(hashRange('hello', 0, 5));
    const text = `${'-'.repeat(100)}a value of twenty chars${'-'.repeat(100)}`;
    expect(ownString(text, 100, 123)).toBe('a value of twenty chars');
    expect(ownString(text, 100, 101)).toBe('a');
  });
});
