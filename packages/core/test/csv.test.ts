import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvParser, detectDelimiter, parseCsv, readCsv, textChunks, type CsvBatch } from '../src/csv.js';

/** Parses `text` fed in the given chunks; returns header and records as plain data. */
function parseChunks(chunks: readonly string[], options = {}) {
  const records: { fields: string[]; line: number; problem: string | null }[] = [];
  const parser = new CsvParser(options, (fields, line, problem) => records.push({ fields, line, problem }));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { header: parser.header, delimiter: parser.delimiter, records };
}

const oneCharChunks = (text: string) => [...text];

async function collect(batches: AsyncIterable<CsvBatch>) {
  const out: { header: readonly string[]; rows: string[][]; lines: number[]; problems: (string | null)[] } = { header: [], rows: [], lines: [], problems: [] };
  for await (const batch of batches) {
    out.header = batch.header;
    out.rows.push(...batch.rows);
    out.lines.push(...batch.lines);
    out.problems.push(...batch.problems);
  }
  return out;
}

describe('parseCsv', () => {
  it('reads a header and records with their physical lines', () => {
    const result = parseCsv('a,b,c\n1,2,3\n4,5,6\n');
    expect(result.header).toEqual(['a', 'b', 'c']);
    expect(result.records.map((r) => r.fields)).toEqual([['1', '2', '3'], ['4', '5', '6']]);
    expect(result.records.map((r) => r.line)).toEqual([2, 3]);
    expect(result.records.every((r) => r.problem === null)).toBe(true);
    expect(result.empty).toBe(false);
  });

  it('strips a byte-order mark', () => {
    const result = parseCsv('\uFEFFid,name\n1,x');
    expect(result.header).toEqual(['id', 'name']);
    expect(result.records[0].fields).toEqual(['1', 'x']);
  });

  it('accepts CRLF, LF and CR line ends, also mixed, and counts lines for each', () => {
    const result = parseCsv('a,b\r\n1,2\n3,4\r5,6\r\n7,8');
    expect(result.records.map((r) => r.fields)).toEqual([['1', '2'], ['3', '4'], ['5', '6'], ['7', '8']]);
    expect(result.records.map((r) => r.line)).toEqual([2, 3, 4, 5]);
  });

  it('reads quoted fields with delimiters, doubled quotes and embedded newlines', () => {
    const text = 'id,text,n\r\n1,"a, b",2\r\n2,"say ""hi""",3\r\n3,"two\r\nlines",4\r\n4,"x\ny\nz",5\r\n5,"",6\r\n';
    const result = parseCsv(text);
    expect(result.records.map((r) => r.fields)).toEqual([
      ['1', 'a, b', '2'],
      ['2', 'say "hi"', '3'],
      ['3', 'two\r\nlines', '4'],
      ['4', 'x\ny\nz', '5'],
      ['5', '', '6'],
    ]);
    // Record 3 spans lines 4-5, record 4 spans lines 6-8.
    expect(result.records.map((r) => r.line)).toEqual([2, 3, 4, 6, 9]);
  });

  it('keeps empty fields, a trailing empty field and a record without final newline', () => {
    const result = parseCsv('a,b,c\n,,\n1,,\n2,3,');
    expect(result.records.map((r) => r.fields)).toEqual([['', '', ''], ['1', '', ''], ['2', '3', '']]);
  });

  it('skips completely empty lines without counting them as records', () => {
    const result = parseCsv('a,b\n\n1,2\n\r\n\n3,4\n\n');
    expect(result.records.map((r) => r.fields)).toEqual([['1', '2'], ['3', '4']]);
    expect(result.records.map((r) => r.line)).toEqual([3, 6]);
  });

  it('reports ragged rows (too few or too many fields) without throwing', () => {
    const result = parseCsv('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12');
    expect(result.records.map((r) => r.problem)).toEqual([null, 'ragged row: 2 fields where the header has 3', 'ragged row: 4 fields where the header has 3', null]);
    expect(result.records.map((r) => r.line)).toEqual([2, 3, 4, 5]);
  });

  it('reports a quote that is never closed', () => {
    const result = parseCsv('a,b\n1,"open\n2,3\n');
    expect(result.records).toHaveLength(1);
    expect(result.records[0].problem).toMatch(/quoted field/);
    expect(result.records[0].fields).toEqual(['1', 'open\n2,3\n']);
  });

  it('is lenient with stray quotes', () => {
    const result = parseCsv('a,b\n5" screen,x\n"ab"c,y');
    expect(result.records.map((r) => r.fields)).toEqual([['5" screen', 'x'], ['abc', 'y']]);
  });

  it('gives a clear result for empty and header-only input', () => {
    expect(parseCsv('')).toEqual({ header: null, delimiter: ',', records: [], empty: true });
    expect(parseCsv('\uFEFF')).toMatchObject({ header: null, records: [], empty: true });
    expect(parseCsv('\n\n')).toMatchObject({ header: null, records: [], empty: true });
    expect(parseCsv('a,b,c')).toEqual({ header: ['a', 'b', 'c'], delimiter: ',', records: [], empty: false });
    expect(parseCsv('a;b\r\n')).toEqual({ header: ['a', 'b'], delimiter: ';', records: [], empty: false });
  });

  it('detects ; and tab delimiters from the header and ignores delimiters inside quotes', () => {
    expect(parseCsv('a;b;c\n1;2,5;3').records[0].fields).toEqual(['1', '2,5', '3']);
    expect(parseCsv('a\tb\n1\t2').records[0].fields).toEqual(['1', '2']);
    expect(detectDelimiter('"x,y,z";b;c')).toBe(';');
    expect(detectDelimiter('single')).toBe(',');
    expect(parseCsv('a|b\n1|2', { delimiter: '|' }).records[0].fields).toEqual(['1', '2']);
  });

  it('rejects a bad delimiter option', () => {
    expect(() => parseCsv('a', { delimiter: '"' })).toThrow(RangeError);
    expect(() => parseCsv('a', { delimiter: ',,' })).toThrow(RangeError);
  });

  it('can read without a header', () => {
    const result = parseCsv('1,2\n3,4', { header: false });
    expect(result.header).toBeNull();
    expect(result.records.map((r) => r.fields)).toEqual([['1', '2'], ['3', '4']]);
    expect(result.records[0].line).toBe(1);
  });

  it('trims header names', () => {
    expect(parseCsv(' a , b\n1,2').header).toEqual(['a', 'b']);
  });
});

describe('CsvParser in chunks', () => {
  const tricky =
    '\uFEFFid;"na;me";note\r\n' +
    '1;"a ""quoted"" word";"line one\r\nline two"\r\n' +
    '2;plain;"semi;colon"\r' +
    '3;"";\n' +
    '\r\n' +
    '4;"end ""';

  it('gives the same records for 1-character chunks as for the whole text (boundaries inside quotes and CRLF)', () => {
    const whole = parseChunks([tricky]);
    const single = parseChunks(oneCharChunks(tricky));
    expect(single).toEqual(whole);
    expect(whole.delimiter).toBe(';');
    expect(whole.header).toEqual(['id', 'na;me', 'note']);
    expect(whole.records.map((r) => r.fields)).toEqual([
      ['1', 'a "quoted" word', 'line one\r\nline two'],
      ['2', 'plain', 'semi;colon'],
      ['3', '', ''],
      ['4', 'end "'],
    ]);
    expect(whole.records.map((r) => r.line)).toEqual([2, 4, 5, 7]);
    expect(whole.records[3].problem).toMatch(/quoted field/);
  });

  it('gives the same records for every split of the text into chunks (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: tricky.length }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(tricky.slice(last, p));
          last = p;
        }
        chunks.push(tricky.slice(last));
        expect(parseChunks(chunks)).toEqual(parseChunks([tricky]));
      }),
    );
  });

  it('round-trips random tables written with quoting (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', ';') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 6 }), fc.nat(), (width, table, seed) => {
        const rows = table.map((r) => r.slice(0, width));
        const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const header = Array.from({ length: width }, (_, k) => `c${k}`);
        const text = [header.join(','), ...rows.map((r) => r.map(quote).join(','))].join('\r\n');
        const step = (seed % 7) + 1;
        const chunks: string[] = [];
        for (let i = 0; i < text.length; i += step) chunks.push(text.slice(i, i + step));
        const parsed = parseChunks(chunks, { delimiter: ',' });
        expect(parsed.header).toEqual(header);
        expect(parsed.records.map((r) => r.fields)).toEqual(rows);
      }),
    );
  });

  it('throws when pushed after end', () => {
    const parser = new CsvParser({}, () => {});
    parser.end();
    expect(() => parser.push('a')).toThrow();
  });
});

describe('readCsv and textChunks', () => {
  const text = 'id,amount\r\n1,"10,5"\r\n2,20\r\n3\r\n';

  it('streams from a string, an iterable and an async iterable of chunks alike', async () => {
    const expected = { header: ['id', 'amount'], rows: [['1', '10,5'], ['2', '20'], ['3']], lines: [2, 3, 4], problems: [null, null, 'ragged row: 1 field where the header has 2'] };
    expect(await collect(readCsv(text))).toEqual(expected);
    expect(await collect(readCsv(oneCharChunks(text)))).toEqual(expected);
    async function* slowly() {
      for (const c of oneCharChunks(text)) {
        await Promise.resolve();
        yield c;
      }
    }
    expect(await collect(readCsv(slowly()))).toEqual(expected);
  });

  it('streams a Blob through TextDecoderStream, with multi-byte characters split across chunks', async () => {
    // The Blob is built from many parts so that its stream delivers several chunks.
    const lines = ['id,name'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},"Zoë ""${i}"" café\nrow"`);
    const body = lines.join('\n');
    const bytes = new TextEncoder().encode(body);
    const parts: Uint8Array<ArrayBuffer>[] = [];
    for (let i = 0; i < bytes.length; i += 4099) parts.push(bytes.slice(i, i + 4099)); // odd size: splits UTF-8 sequences
    const blob = new Blob(parts);
    let batches = 0;
    const rows: string[][] = [];
    for await (const batch of readCsv(blob)) {
      batches++;
      rows.push(...batch.rows);
    }
    expect(rows).toHaveLength(5000);
    expect(rows[4321]).toEqual(['4321', 'Zoë "4321" café\nrow']);
    expect(batches).toBeGreaterThan(1);
  });

  it('reads a Blob only through stream(), never whole', async () => {
    class StreamOnlyBlob extends Blob {
      override text(): Promise<string> {
        throw new Error('text() must not be used');
      }
      override arrayBuffer(): Promise<ArrayBuffer> {
        throw new Error('arrayBuffer() must not be used');
      }
    }
    const blob = new StreamOnlyBlob(['a,b\n', '1,2\n', '3,4']);
    const out = await collect(readCsv(blob));
    expect(out.rows).toEqual([['1', '2'], ['3', '4']]);
  });

  it('streams a file-backed Blob (fs.openAsBlob) in several chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvkit-csv-'));
    const path = join(dir, 'big.csv');
    const lines = ['id,value'];
    for (let i = 0; i < 40_000; i++) lines.push(`${i},${i * 2}`);
    writeFileSync(path, lines.join('\n'));
    try {
      const blob = await openAsBlob(path);
      const sizes: number[] = [];
      for await (const chunk of textChunks(blob)) sizes.push(chunk.length);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(lines.join('\n').length);
      expect(sizes.length).toBeGreaterThan(1);
      const out = await collect(readCsv(await openAsBlob(path)));
      expect(out.rows).toHaveLength(40_000);
      // 39,999 * 2 = 79,998
      expect(out.rows[39_999]).toEqual(['39999', '79998']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('yields nothing for empty input and one empty batch for header-only input', async () => {
    expect(await collect(readCsv(''))).toEqual({ header: [], rows: [], lines: [], problems: [] });
    const headerOnly: CsvBatch[] = [];
    for await (const batch of readCsv('a,b\n')) headerOnly.push(batch);
    expect(headerOnly).toHaveLength(1);
    expect(headerOnly[0].header).toEqual(['a', 'b']);
    expect(headerOnly[0].rows).toEqual([]);
  });
});
