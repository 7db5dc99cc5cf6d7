import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser } from '../src/csv.js';
import { CsvScanner, unescapeQuoted } from '../src/csv-scanner.js';
import { ReferenceCsvParser } from './csv-reference.js';

type Parsed = { header: string[] | null; delimiter: string | null; records: { fields: string[]; line: number; problem: string | null }[] };

function run(Parser: typeof CsvParser | typeof ReferenceCsvParser, chunks: readonly string[], options: { delimiter?: string; header?: boolean }): Parsed {
  const records: Parsed['records'] = [];
  const parser = new Parser(options, (fields, line, problem) => records.push({ fields, line, problem }));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { header: parser.header, delimiter: parser.delimiter, records };
}

function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const p of points) {
    chunks.push(text.slice(last, p));
    last = p;
  }
  chunks.push(text.slice(last));
  return chunks;
}

describe('CsvScanner', () => {
  it('reads any text, in any chunks, exactly as the reference parser does (property)', () => {
    const unit = fc.constantFrom('a', 'b', '1', ',', ';', '\t', '"', '""', '\n', '\r', '\r\n', ' ', 'é', '\uFEFF');
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(undefined, ',', ';'),
        fc.boolean(),
        (units, cuts, delimiter, header) => {
          const text = units.join('');
          const options = { delimiter, header };
          const expected = run(ReferenceCsvParser, [text], options);
          expect(run(CsvParser, [text], options)).toEqual(expected);
          expect(run(CsvParser, split(text, cuts), options)).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives ranges into the text and unescapes quoted fields only on request', () => {
    const scanner = new CsvScanner(',');
    scanner.feed('id,"say ""hi""",x\n7,"a"b,"');
    scanner.end();
    expect(scanner.next()).toBe(true);
    expect(scanner.count).toBe(3);
    expect([...scanner.quoted.subarray(0, 3)]).toEqual([0, 1, 0]);
    expect(scanner.text.slice(scanner.starts[0], scanner.ends[0])).toBe('id');
    expect(scanner.field(1)).toBe('say "hi"');
    expect(scanner.next()).toBe(true);
    expect(scanner.fields()).toEqual(['7', 'ab', '']);
    expect(scanner.problem).toMatch(/quoted field/);
    expect(scanner.line).toBe(2);
    expect(scanner.next()).toBe(false);
  });

  it('waits for more text when a record is cut, and for the end to close the last one', () => {
    const scanner = new CsvScanner(',');
    scanner.feed('a,b\r');
    expect(scanner.next()).toBe(true); // a CR ends the record
    scanner.feed('\n1,');
    expect(scanner.next()).toBe(false); // "1," may go on
    scanner.feed('2');
    expect(scanner.next()).toBe(false);
    scanner.end();
    expect(scanner.next()).toBe(true);
    expect(scanner.fields()).toEqual(['1', '2']);
    expect(scanner.line).toBe(2);
  });

  it('unescapes doubled quotes and keeps text after the closing quote', () => {
    const text = '"a""b"c"d';
    expect(unescapeQuoted(text, 1, text.length)).toBe('a"bc"d');
    expect(unescapeQuoted('"open', 1, 5)).toBe('open');
  });
});
