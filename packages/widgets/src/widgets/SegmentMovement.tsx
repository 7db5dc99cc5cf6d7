import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { QueryResult, Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import { dateFormat, formatValue } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { movementLevel, movementMatrix, NEW_SEGMENT } from './rfm/movement-matrix.js';
import { categoryColorScale } from './rfm/segments.js';

export { movementMatrix, type MovementMatrix } from './rfm/movement-matrix.js';

/** Options of `SegmentMovement`. */
export interface SegmentMovementProps extends WidgetProps, ChartQueryProps {
  /** The first date, ISO `YYYY-MM-DD` (default: the analysis', 3 months before the second). */
  readonly from?: string;
  /** The second date, ISO `YYYY-MM-DD` (default: the analysis', the end of a brushed range or the last session). */
  readonly to?: string;
  /** Show segments without customers as empty rows and columns (default false). */
  readonly showEmpty?: boolean;
  /** IANA zone the analysis' dates are shown in (default: the engine's). */
  readonly timeZone?: string;
}

const DEFAULT_REPORT = 'segment_movement';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day of `ms` in `timeZone` as `YYYY-MM-DD`. */
export function isoDay(ms: number, timeZone: string): string {
  const parts = dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * How customers moved between RFM segments from one date to another (`segment_movement`):
 * a from-segment x to-segment table of customer counts (rows: the segment at the first date,
 * "New" for customers without an order by then; columns: the segment at the second), with
 * totals, cells shaded by size, and two date inputs that re-run the analysis. Until a date is
 * chosen the analysis picks it (the second: the end of a brushed range or the last session;
 * the first: 3 months earlier) and the inputs show its choice. Plain table semantics
 * (caption, row and column headers) for assistive technology.
 */
export function SegmentMovement(props: SegmentMovementProps) {
  return (
    <Connected widget="segment-movement" props={props}>
      {(connected) => <SegmentMovementView {...connected} />}
    </Connected>
  );
}

/** A date the analysis reports (epoch ms, or an ISO text) as the day it falls on in `timeZone`. */
function metaDay(value: unknown, timeZone: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return isoDay(value, timeZone);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : '';
}

function SegmentMovementView(props: ConnectedProps<SegmentMovementProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const heading = props.heading ?? 'Segment movement';
  const time = useTimeOptions(engine, props.timeZone);
  // The dates the user chose (or the host gave); a date left open is the analysis' default.
  const [chosen, setChosen] = useState<{ from: string | null; to: string | null }>({
    from: props.from !== undefined && ISO_DAY.test(props.from) ? props.from : null,
    to: props.to !== undefined && ISO_DAY.test(props.to) ? props.to : null,
  });
  const [applied, setApplied] = useState(chosen);
  const spec = useMemo(() => {
    const params: Record<string, unknown> = { ...(props.params ?? {}) };
    if (applied.from) params.from = applied.from;
    if (applied.to) params.to = applied.to;
    return resolveQuery({ ...props, params }, DEFAULT_REPORT);
  }, [JSON.stringify(props.query), props.report, JSON.stringify(props.params), applied.from, applied.to]);
  const isEmpty = useCallback((result: QueryResult<Row>) => movementMatrix(result.rows ?? []).total === 0, []);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const meta = state.result?.meta as { from?: unknown; to?: unknown } | undefined;
  const shownFrom = chosen.from ?? metaDay(meta?.from, time.timeZone);
  const shownTo = chosen.to ?? metaDay(meta?.to, time.timeZone);
  const valid = shownFrom === '' || shownTo === '' || shownFrom < shownTo;
  useEffect(() => {
    if (valid) setApplied(chosen);
  }, [chosen.from, chosen.to, valid]);
  const choose = (which: 'from' | 'to') => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setChosen((d) => ({ ...d, [which]: ISO_DAY.test(value) ? value : null }));
  };

  return (
    <div class="clv-segment-movement-widget">
      <WidgetHeader heading={heading} />
      <div class="clv-movement-dates" role="group" aria-label="Dates compared">
        <label>
          <span>From</span>
          <input type="date" value={shownFrom} max={shownTo || undefined} aria-invalid={valid ? undefined : 'true'} onChange={choose('from')} />
        </label>
        <label>
          <span>To</span>
          <input type="date" value={shownTo} min={shownFrom || undefined} aria-invalid={valid ? undefined : 'true'} onChange={choose('to')} />
        </label>
        {valid ? null : (
          <span class="clv-status" role="alert">
            The first date must be before the second.
          </span>
        )}
      </div>
      <QueryView state={state} noun="customers" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <MovementTable
            result={result}
            from={applied.from ?? metaDay(result.meta?.from, time.timeZone)}
            to={applied.to ?? metaDay(result.meta?.to, time.timeZone)}
            showEmpty={props.showEmpty === true}
            format={props}
          />
        )}
      </QueryView>
    </div>
  );
}

interface MovementTableProps {
  readonly result: QueryResult<Row>;
  readonly from: string;
  readonly to: string;
  readonly showEmpty: boolean;
  readonly format: ConnectedProps<SegmentMovementProps>;
}

function MovementTable({ result, from, to, showEmpty, format }: MovementTableProps) {
  const order = Array.isArray(result.meta?.segments) ? (result.meta!.segments as string[]) : undefined;
  const matrix = movementMatrix(result.rows, order, showEmpty);
  const colorOf = categoryColorScale(matrix.to);
  const count = (n: number) => formatValue(n, 'count', format);
  const swatch = (segment: string) =>
    segment === NEW_SEGMENT ? null : (
      <svg class={`clv-swatch ${colorOf(segment)}`} width={10} height={10} viewBox="0 0 10 10" aria-hidden="true">
        <rect width={10} height={10} rx={2} fill="currentColor" />
      </svg>
    );
  return (
    <div class="clv-table-wrap">
      <table class="clv-table clv-movement">
        <caption class="clv-status">{`Customers by segment on ${from || 'the first date'} (rows) and on ${to || 'the second date'} (columns)`}</caption>
        <thead>
          <tr>
            <th scope="col">{'From \\ To'}</th>
            {matrix.to.map((segment) => (
              <th key={segment} scope="col" class="clv-num">
                {swatch(segment)}
                {segment}
              </th>
            ))}
            <th scope="col" class="clv-num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.from.map((segment, i) => (
            <tr key={segment}>
              <th scope="row">
                {swatch(segment)}
                {segment}
              </th>
              {matrix.counts[i].map((n, j) => (
                <td
                  key={matrix.to[j]}
                  class={`clv-movement-cell clv-num clv-movement-level-${movementLevel(n, matrix.max)}${matrix.to[j] === segment ? ' clv-movement-stay' : ''}`}
                  data-from={segment}
                  data-to={matrix.to[j]}
                >
                  {count(n)}
                </td>
              ))}
              <td class="clv-num clv-movement-total">{count(matrix.rowTotals[i])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {matrix.columnTotals.map((n, j) => (
              <td key={matrix.to[j]} class="clv-num clv-movement-total">
                {count(n)}
              </td>
            ))}
            <td class="clv-num clv-movement-total">{count(matrix.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
