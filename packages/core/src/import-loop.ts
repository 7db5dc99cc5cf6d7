import type { Calendar } from './calendar.js';
import { ClvDataError } from './errors.js';
import type { TableReportBuilder } from './report.js';
import { CsvRowDecoder } from './csv-row-decoder.js';
import { fieldPlan, RowDecoder, type DecodedRow, type FieldPlan } from './row-decoder.js';
import { resolveMapping, type FieldType, type InputTableName, type ResolvedMapping } from './schema.js';
import type { OpenedSource } from './source.js';
import type { BooleanColumnBuilder, NumberColumnBuilder, StringColumnBuilder, TableBuilder } from './table-builder.js';

/**
 * The loop every table import shares: read batches, count each row in, reject rows that do
 * not parse or decode (counted under their rule), and hand decoded rows to the table's own
 * logic, which either keeps the row or rejects it with a reason.
 */

/** Where the current row is, for error locations. */
export interface RowPosition {
  /** 1-based data row. */
  row: number;
  /** 1-based physical CSV line, or undefined for object rows. */
  line: number | undefined;
}

/**
 * Table-specific handling of a decoded row. Returns true when the row was used (its values
 * pushed and committed); otherwise it must have called `report.reject`.
 */
export type RowHandler = (decoded: DecodedRow, position: RowPosition) => boolean;

/** How to fix a CSV record that does not parse (ragged, or an unclosed quote). */
export const PARSE_HINT = 'check the delimiter, and quote fields that contain it, a quote (doubled) or a line break';

const SIGNAL_EVERY = 0x3fff;
/** CSV records read before the table's rows are estimated from the characters they took. */
const ESTIMATE_AFTER = 8192;

/**
 * Runs the rows of `source` through `decoder` and `handle`, counting everything in `report`.
 * `reserve` is told the expected row count of a CSV input whose size is known.
 */
export async function readRows(
  source: OpenedSource,
  decoder: RowDecoder,
  report: TableReportBuilder,
  signal: AbortSignal | undefined,
  handle: RowHandler,
  reserve?: (rows: number) => void,
): Promise<void> {
  const position: RowPosition = { row: 0, line: undefined };
  if (source.format === 'csv') {
    if (!(decoder instanceof CsvRowDecoder)) throw new Error('readRows: a CSV source needs the decoder of decoderFor(source, ...)');
    const size = source.size;
    await source.scan((scanner, problem) => {
      position.row = ++report.rowsIn;
      position.line = scanner.line;
      if ((position.row & SIGNAL_EVERY) === 0) signal?.throwIfAborted();
      if (position.row === ESTIMATE_AFTER && reserve && size !== null) {
        // Columns sized once for the whole input (5 % spare), instead of doubling ~10 times.
        reserve(Math.ceil(((size / scanner.consumed) * ESTIMATE_AFTER * 21) / 20) + 64);
      }
      if (problem !== null) {
        report.reject('parse', { row: position.row, line: position.line }, problem, undefined, PARSE_HINT);
        return;
      }
      if (!decoder.decodeRecord(scanner)) {
        const plan = decoder.problemPlan!;
        report.reject(decoder.rule, { field: plan.field, column: plan.column, row: position.row, line: position.line }, decoder.problemMessage, decoder.problemValue, decoder.problemHint);
        return;
      }
      if (handle(decoder, position)) report.rowsUsed++;
    }, signal);
    return;
  }
  if (reserve && source.size !== null) reserve(source.size);
  for await (const batch of source.batches()) {
    signal?.throwIfAborted();
    const { rows, lines, problems } = batch;
    for (let k = 0; k < rows.length; k++) {
      position.row = ++report.rowsIn;
      position.line = lines === null ? undefined : lines[k];
      if ((position.row & SIGNAL_EVERY) === 0) signal?.throwIfAborted();
      const problem = problems === null ? null : problems[k];
      if (problem !== null) {
        report.reject('parse', { row: position.row, line: position.line }, problem, undefined, PARSE_HINT);
        continue;
      }
      const row = rows[k];
      if (row === null || typeof row !== 'object') {
        report.reject('parse', { row: position.row }, `a row must be an object, got ${row === null ? 'null' : typeof row}`, undefined, 'pass an array of plain objects, one per row');
        continue;
      }
      if (!decoder.decode(row as Record<string, unknown>)) {
        const plan = decoder.problemPlan!;
        report.reject(decoder.rule, { field: plan.field, column: plan.column, row: position.row, line: position.line }, decoder.problemMessage, decoder.problemValue, decoder.problemHint);
        continue;
      }
      if (handle(decoder, position)) report.rowsUsed++;
    }
  }
}

/** An opened input with its mapping resolved against its columns. */
export interface MappedSource {
  readonly source: OpenedSource;
  readonly mapping: ResolvedMapping;
}

/** Checks `mapping` against the columns of `source` (throws `missing-column` / `mapping`). */
export function mapSource(table: InputTableName, source: OpenedSource, mapping: object | undefined): MappedSource {
  return { source, mapping: resolveMapping(table, mapping, source.columns) };
}

/**
 * A column builder for a field of type `type` named `name`, turning a name clash (e.g. an
 * action column named like a canonical field) into a `mapping` error.
 */
export function columnFor(table: InputTableName, builder: TableBuilder, name: string, type: FieldType): NumberColumnBuilder | StringColumnBuilder | BooleanColumnBuilder {
  if (builder.has(name)) {
    throw new ClvDataError('mapping', { table, field: name }, `two columns would be named "${name}" in the dataset`, {
      hint: 'an action or attribute column has the name of a canonical field or of another column',
    });
  }
  switch (type) {
    case 'number':
      return builder.number(name);
    case 'time':
      return builder.time(name);
    case 'boolean':
      return builder.boolean(name);
    default:
      return builder.string(name);
  }
}

/** Plans for the mapped canonical fields of `mapped`, each with a column of the same name in `builder`. */
export function canonicalPlans(mapped: MappedSource, builder: TableBuilder | null): FieldPlan[] {
  const { source, mapping } = mapped;
  return mapping.fields.map(({ spec, column }) =>
    fieldPlan({
      field: spec.name,
      column,
      key: source.keyOf(column),
      type: spec.type,
      required: spec.required,
      defaultValue: spec.defaultValue,
      nonNegative: spec.nonNegative,
      target: builder ? columnFor(mapping.table, builder, spec.name, spec.type) : null,
    }),
  );
}

/** A decoder over `plans` for rows of `source` (CSV records are decoded from their field ranges). */
export function decoderFor(source: OpenedSource, plans: readonly FieldPlan[], calendar: Calendar, decimalComma: boolean | undefined): RowDecoder {
  return source.format === 'csv' ? new CsvRowDecoder(plans, calendar, decimalComma ?? false) : new RowDecoder(plans, calendar, decimalComma ?? false);
}
