import { MissingInputError, type StringColumn } from '@clvkit/core';
import type { AnalysisContext } from '../../types.js';

/**
 * The `product` or `category` column of the basket lines. Throws a `MissingInputError` naming
 * what is missing (the basket lines, or the column) so the widget can say what to map.
 */
export function lineColumn(context: AnalysisContext, analysis: string, field: 'product' | 'category'): StringColumn {
  const lines = context.dataset.lines;
  if (!lines) throw new MissingInputError(analysis, 'basket lines', 'pass a lines table to the import');
  const column = lines.columns[field];
  if (!column || column.type !== 'string') {
    throw new MissingInputError(analysis, `a ${field} column in basket lines`, `map the ${field} field of the basket lines`);
  }
  return column;
}

/** The code of `value` in a string column's dictionary, or -1 when no row has it (looked up once per column). */
export function codeOf(context: AnalysisContext, column: StringColumn, key: string, value: string): number {
  const index = context.derived.memo(`codeIndex:${key}`, () => new Map(column.dictionary.map((text, code) => [text, code])));
  return index.get(value) ?? -1;
}
