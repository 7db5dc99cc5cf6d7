import { describe, expect, it } from 'vitest';
import { exportCsv, toCsv } from '../src/index.js';
import type { Engine } from '../src/index.js';

describe('toCsv', () => {
  it('writes a header and rows with CRLF, columns in first-seen order', () => {
    expect(toCsv([{ a: 1, b: 'x' }, { b: 'y', c: true }])).toBe('a,b,c\r\n1,x,\r\n,y,true\r\n');
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180), doubling quotes', () => {
    const csv = toCsv([{ name: 'Smith, John', note: 'said "hi"', text: 'two\nlines', cr: 'a\rb' }]);
    expect(csv).toBe('name,note,text,cr\r\n"Smith, John","said ""hi""","two\nlines","a\rb"\r\n');
  });

  it('neutralises formula injection in text cells but writes numbers as numbers', () => {
    const rows = [{ v: '=HYPERLINK("http://x","y")' }, { v: '+1' }, { v: '-2' }, { v: '@SUM(A1)' }, { v: '\tx' }, { v: '\rx' }, { v: -2 }, { v: 'a=b' }];
    expect(toCsv(rows).split('\r\n')).toEqual([
      'v',
      `"'=HYPERLINK(""http://x"",""y"")"`,
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
      '-2',
      'a=b',
      '',
    ]);
  });

  it('guards headers too, and writes missing values, NaN and Infinity as empty cells', () => {
    expect(toCsv([{ '=h': null, n: NaN, i: Infinity, u: undefined, d: new Date(Date.UTC(2024, 0, 2)) }])).toBe(
      "'=h,n,i,u,d\r\n,,,,2024-01-02T00:00:00.000Z\r\n",
    );
  });

  it('takes explicit columns with headers, an LF option and no header', () => {
    const rows = [{ metric: 'orders', value: 3, extra: 'x' }];
    expect(toCsv(rows, ['metric', { field: 'value', header: 'Value (n)' }])).toBe('metric,Value (n)\r\norders,3\r\n');
    expect(toCsv(rows, ['value'], { header: false, newline: '\n' })).toBe('3\n');
    expect(toCsv([], ['a'])).toBe('a\r\n');
    expect(toCsv([])).toBe('\r\n');
  });

  it('exportCsv runs a report and returns its rows as CSV', async () => {
    const calls: unknown[] = [];
    const engine: Pick<Engine, 'report'> = {
      report: async (name, params) => {
        calls.push([name, params]);
        return { rows: [{ metric: 'revenue', value: 35 }] };
      },
    };
    expect(await exportCsv(engine, 'kpis', { period: 'all' })).toBe('metric,value\r\nrevenue,35\r\n');
    expect(calls).toEqual([['kpis', { period: 'all' }]]);
  });
});
