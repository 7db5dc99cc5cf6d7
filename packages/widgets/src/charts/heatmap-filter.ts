import { allOf, interval, orderGapCellPredicate, type Calendar, type GapEvent, type Predicate, type TimeUnit } from '@clvkit/core';
import type { Key } from '../interactions/toggle-values.js';
import type { HeatmapCell } from './heatmap-data.js';
import type { MarkFilter } from './mark-filter.js';

/**
 * The default clause of a cell: `rowField` within the row's bucket and, for a numeric column
 * k, `columnField` within the bucket k buckets after it, as one `allOf` clause. Rows whose key
 * is not a date (`YYYY-MM-DD` or epoch ms) are not filters.
 */
export function defaultCellFilter(cell: HeatmapCell, rowField: string, columnField: string, unit: TimeUnit, calendar: Calendar): MarkFilter {
  const start = rowStart(cell.row, calendar);
  if (start === null) return null;
  const parts: Predicate[] = [];
  if (rowField !== '') parts.push(interval(rowField, start, calendar.add(start, unit, 1)));
  if (columnField !== '' && typeof cell.column === 'number' && Number.isInteger(cell.column)) {
    parts.push(interval(columnField, calendar.add(start, unit, cell.column), calendar.add(start, unit, cell.column + 1)));
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : allOf(parts);
}

/**
 * The cell clause of the cohort analyses' order-gap tables, read from their `meta.event`
 * through `orderGapCellPredicate` of @clvkit/core (undefined for other results: retention
 * cohorts use `defaultCellFilter`):
 * - `download`: `allOf([interval('customers.download_date', row), isIn('order_number', [1]), interval('session_start', cell)])`;
 * - `order n`: `allOf([isIn('order_number', [n + 1]), interval('previous_order_at', row), interval('session_start', cell)])`;
 * where cell = the bucket `offset` buckets after the row's, and the `later` column runs from
 * `maxOffset + 1` buckets on (open-ended).
 */
export function cohortCellFilter(cell: HeatmapCell, meta: Readonly<Record<string, unknown>> | undefined, unit: TimeUnit, calendar: Calendar): MarkFilter | undefined {
  const event = meta?.event;
  if (typeof event !== 'string') return undefined;
  const nth = /^order (\d+)$/.exec(event);
  if (event !== 'download' && !nth) return undefined;
  if (rowStart(cell.row, calendar) === null || (unit !== 'day' && unit !== 'week')) return null;
  const offset = cell.column === 'later' ? 'later' : typeof cell.column === 'number' && Number.isInteger(cell.column) ? cell.column : null;
  if (offset === null) return null;
  const maxOffset = typeof meta?.maxOffset === 'number' ? meta.maxOffset : 15;
  const gapEvent = (event === 'download' ? 0 : Number(nth![1])) as GapEvent;
  return orderGapCellPredicate(calendar, unit, gapEvent, cell.row as string | number, offset, maxOffset);
}

function rowStart(row: Key, calendar: Calendar): number | null {
  if (typeof row === 'number' && Math.abs(row) >= 1e11) return row;
  if (typeof row === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row)) {
    const ms = calendar.parseDate(row);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}
