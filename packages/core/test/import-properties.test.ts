import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClvDataError, MissingInputError } from '../src/errors.js';
import { importDataset, type ImportOptions, type ImportResult } from '../src/import.js';
import { importLineItems } from '../src/line-items.js';
import { expectReconciled, values } from './fixtures/bad-input/read-back.js';

/**
 * Properties of the importer on CSV text (import.property.test.ts covers object rows and
 * cell-level junk in quoted CSV): random valid files, written with random quoting, line ends,
 * BOM, blank lines, delimiter, decimal commas and transports (string, chunks, Blob), give back
 * exactly the generated values; random corrupt files (random bytes, cells mutated raw,
 * truncated) never throw anything but the typed errors, and with the default `skip` always
 * reconcile. Runs are bounded (RUNS each) and seeded, so a failure replays.
 */

const RUNS = 200;
const SEED = 20_261_123;
const settings = (offset: number) => ({ numRuns: RUNS, seed: SEED + offset });
/** Generous: the runs are bounded, but two shared cores under load can take several times longer. */
const TIMEOUT = 60_000;

// --- valid files -----------------------------------------------------------------------------

/** Text the importer keeps as is: no surrounding blanks, not an organic token (see readPromotion). */
const text = fc
  .string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', 'Z', '7', ' ', ',', ';', '\t', '"', '\n', '\r\n', 'é', '€', '😀', '-', '.') })
  .filter((s) => s.trim() === s && !['-', 'none', 'null', 'nan', 'n/a'].includes(s.toLowerCase()));
const TRUE = ['true', 'TRUE', 'True', 't', 'Y', 'yes', '1', 'on', ' yes '];
const FALSE = ['false', 'F', 'no', 'n', '0', 'off', ''];
const ORGANIC = ['', '-', 'None', 'null', 'N/A', 'NaN'];

const row = fc.record({
  client: text,
  instant: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
  timeForm: fc.constantFrom('iso', 'wall', 'epoch'),
  purchased: fc.boolean(),
  purchaseSpelling: fc.nat(8),
  cents: fc.integer({ min: 0, max: 100_000_000_000 }),
  amountForm: fc.constantFrom('plain', 'fixed', 'exponent', 'padded'),
  promotion: fc.option(text, { nil: null }),
  organicSpelling: fc.nat(5),
});
type Row = typeof row extends fc.Arbitrary<infer R> ? R : never;

const layout = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  decimalComma: fc.boolean(),
  quoteAll: fc.boolean(),
  bom: fc.boolean(),
  lineEnds: fc.constantFrom('\n', '\r\n', 'mixed'),
  blankLines: fc.boolean(),
  trailingNewline: fc.boolean(),
  transport: fc.constantFrom('string', 'chunks', 'blob'),
  cuts: fc.array(fc.nat(), { maxLength: 12 }),
});
type Layout = typeof layout extends fc.Arbitrary<infer L> ? L : never;

function timeCell(r: Row): string {
  const iso = new Date(r.instant).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  if (r.timeForm === 'iso') return iso;
  // A wall time in the import's zone (UTC) names the same instant; epoch ms needs 9+ digits.
  if (r.timeForm === 'wall' || Math.abs(r.instant) < 1e8) return iso.slice(0, 23).replace('T', ' ');
  return String(r.instant);
}

function amountCell(r: Row, decimalComma: boolean): string {
  const amount = r.purchased ? r.cents / 100 : 0;
  const written =
    r.amountForm === 'fixed' ? amount.toFixed(2) : r.amountForm === 'exponent' && !decimalComma ? `${r.cents}e-2` : r.amountForm === 'padded' ? ` ${amount} ` : String(amount);
  const text = r.amountForm === 'exponent' && !decimalComma && !r.purchased ? '0e0' : written;
  return decimalComma ? text.replace('.', ',') : text;
}

/** Writes the rows as CSV text, with the record boundaries (end offset of each record). */
function writeCsv(rows: Row[], l: Layout): { text: string; ends: number[] } {
  const needsQuotes = (v: string) => v.includes(l.delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r') || v !== v.trim();
  const cell = (v: string) => (l.quoteAll || needsQuotes(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ['order_id', 'client', 'session_start', 'has_purchased', 'payment_amount', 'promotion_id'];
  let text = (l.bom ? '\ufeff' : '') + header.map(cell).join(l.delimiter);
  const ends: number[] = [];
  rows.forEach((r, i) => {
    const end = l.lineEnds === 'mixed' ? (i % 2 ? '\r\n' : '\n') : l.lineEnds;
    text += end + (l.blankLines && i % 3 === 0 ? end : '');
    const purchase = r.purchased ? TRUE[r.purchaseSpelling % TRUE.length] : FALSE[r.purchaseSpelling % FALSE.length];
    const promotion = r.promotion ?? ORGANIC[r.organicSpelling];
    // A padded flag or amount must be quoted to keep its blanks, and an empty one is fine.
    text += [`o${i}`, r.client, timeCell(r), purchase, amountCell(r, l.decimalComma), promotion].map(cell).join(l.delimiter);
    ends.push(text.length);
  });
  if (l.trailingNewline) text += l.lineEnds === '\r\n' ? '\r\n' : '\n';
  return { text, ends };
}

/** The text as the chosen transport delivers it. */
function transport(text: string, l: Layout): string | AsyncIterable<string> | Blob {
  if (l.transport === 'blob') return new Blob([text], { type: 'text/csv' });
  if (l.transport === 'string') return text;
  const cuts = [...new Set(l.cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return (async function* () {
    let at = 0;
    for (const cut of cuts) {
      yield text.slice(at, cut);
      at = cut;
    }
    yield text.slice(at);
  })();
}

const importCsv = (data: string | AsyncIterable<string> | Blob, l: Pick<Layout, 'decimalComma'>, options: ImportOptions = {}) =>
  importDataset({ sessions: { data, format: 'csv', decimalComma: l.decimalComma, mapping: { has_purchased: 'has_purchased', promotion_id: 'promotion_id' } } }, options);

// --- corrupt files ---------------------------------------------------------------------------

/** Runs an import that may fail: only the typed errors are allowed out. */
async function typedOrResult(run: () => Promise<ImportResult>): Promise<ImportResult | ClvDataError | MissingInputError> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ClvDataError || error instanceof MissingInputError) return error;
    throw error;
  }
}

const JUNK = ['', ' ', 'NaN', 'Infinity', '-1', '1e999', '99999999999999999999', 'abc', '"', 'a"b', '\n', '\r', ',', ';', '2024-02-30', '03/04/2024', '1,5', 'yes', 'maybe', '\ufeff', '\u0000', '😀'];

describe('importDataset on CSV text, properties (seeded, bounded)', () => {
  it('round-trips random valid files: any quoting, line ends, BOM, blank lines, delimiter, decimal comma, transport', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), layout, async (rows, l) => {
        const { text } = writeCsv(rows, l);
        const { dataset, report } = await importCsv(transport(text, l), l);
        expect(report.sessions).toMatchObject({ rowsIn: rows.length, rowsUsed: rows.length, rejected: {}, repaired: {} });
        const s = dataset.sessions;
        expect(values(s, 'order_id')).toEqual(rows.map((_, i) => `o${i}`));
        expect(values(s, 'client')).toEqual(rows.map((r) => r.client));
        expect(values(s, 'session_start')).toEqual(rows.map((r) => r.instant));
        expect(values(s, 'has_purchased')).toEqual(rows.map((r) => (r.purchased ? 1 : 0)));
        expect(values(s, 'payment_amount')).toEqual(rows.map((r) => (r.purchased ? r.cents / 100 : 0)));
        expect(values(s, 'promotion_id')).toEqual(rows.map((r) => r.promotion));
      }),
      settings(0),
    );
  }, TIMEOUT);

  it('random bytes (with and without a valid header) never throw anything but a typed error; skip always reconciles', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), fc.constantFrom('utf-8', 'latin1'), async (bytes, withHeader, encoding) => {
        const body = new TextDecoder(encoding).decode(bytes);
        const text = (withHeader ? 'order_id,client,session_start,payment_amount\n' : '') + body;
        const skipped = await typedOrResult(() => importDataset({ sessions: { data: text, format: 'csv' } }));
        if (!(skipped instanceof Error)) expectReconciled(skipped.report);
        await typedOrResult(() => importDataset({ sessions: { data: text, format: 'csv' } }, { onInvalidRow: 'throw' }));
        const items = await typedOrResult(() =>
          importLineItems({ data: (withHeader ? 'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n' : '') + body, format: 'csv', mapping: { order_id: 'InvoiceNo', product: 'StockCode', quantity: 'Quantity', session_start: 'InvoiceDate', price: 'UnitPrice', client: 'CustomerID' } }),
        );
        if (!(items instanceof Error)) expectReconciled(items.report);
      }),
      settings(1),
    );
  }, TIMEOUT);

  it('cells replaced by junk (raw, unquoted): typed errors only; skip reconciles; throw stops at the first sample', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 20 }),
        layout,
        fc.array(fc.record({ row: fc.nat(), field: fc.nat(5), junk: fc.constantFrom(...JUNK) }), { minLength: 1, maxLength: 6 }),
        async (rows, l, mutations) => {
          const plain = { ...l, quoteAll: false, lineEnds: '\n' as const, blankLines: false, bom: false };
          const lines = writeCsv(rows, plain).text.split('\n');
          for (const m of mutations) {
            const k = 1 + (m.row % rows.length);
            // Unquoted fields only: a row whose cells needed quotes is left alone.
            if (lines[k].includes('"')) continue;
            const cells = lines[k].split(plain.delimiter);
            cells[m.field] = m.junk;
            lines[k] = cells.join(plain.delimiter);
          }
          const text = lines.join('\n');
          const skipped = await typedOrResult(() => importCsv(text, l));
          const thrown = await typedOrResult(() => importCsv(text, l, { onInvalidRow: 'throw' }));
          if (skipped instanceof Error) {
            expect(thrown).toBeInstanceOf(ClvDataError); // the same structural problem
            return;
          }
          expectReconciled(skipped.report);
          const first = skipped.report.sessions.samples[0];
          if (first === undefined) {
            expect(thrown).not.toBeInstanceOf(Error);
          } else {
            expect(thrown).toBeInstanceOf(ClvDataError);
            expect([(thrown as ClvDataError).rule, (thrown as ClvDataError).location]).toEqual([first.rule, first.location]);
          }
        },
      ),
      settings(2),
    );
  }, TIMEOUT);

  it('files cut at any point: typed errors only; every record complete before the cut is used', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), layout, fc.double({ min: 0, max: 1, noNaN: true }), async (rows, l, where) => {
        const { text, ends } = writeCsv(rows, { ...l, blankLines: false });
        const cut = Math.floor(where * text.length);
        const truncated = text.slice(0, cut);
        const result = await typedOrResult(() => importCsv(transport(truncated, l), l));
        await typedOrResult(() => importCsv(truncated, l, { onInvalidRow: 'throw' }));
        if (result instanceof Error) return; // cut inside the header: missing column or empty input
        expectReconciled(result.report);
        const complete = ends.filter((end) => end < cut).length; // followed by (part of) a line end
        const { rowsIn, rowsUsed } = result.report.sessions;
        expect(rowsUsed).toBeGreaterThanOrEqual(complete);
        expect(rowsUsed).toBeLessThanOrEqual(complete + 1); // the cut record, if what is left still reads
        expect(rowsIn).toBeLessThanOrEqual(complete + 1);
        expect(values(result.dataset.sessions, 'order_id').slice(0, complete)).toEqual(rows.slice(0, complete).map((_, i) => `o${i}`));
      }),
      settings(3),
    );
  }, TIMEOUT);
});
