import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { QueryResult, Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import type { EngineLike } from '../engine-like.js';
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
  /** The first date, ISO `YYYY-MM-DD` (default: 90 days before the second). */
  readonly from?: string;
  /** The second date, ISO `YYYY-MM-DD` (default: the last day of the data). */
  readonly to?: string;
  /** Days between the default dates (default 90). */
  readonly days?: number;
  /** Show segments without customers as empty rows and columns (default false). */
  readonly showEmpty?: boolean;
  /** IANA zone the default dates are read in (default: the engine's). */
  readonly timeZone?: string;
}

const DEFAULT_REPORT = 'segment_movement';
const DAY = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day of `ms` in `timeZone` as `YYYY-MM-DD`. */
export function isoDay(ms: number, timeZone: string): string {
  const parts = dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `iso` moved by `days` calendar days. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * Preact hook: the default second date, the last day of the engine's data (its `timeExtent`
 * from `ready()`), or null while unknown / when the engine does not say (`done` tells which).
 */
function useDataEnd(engine: EngineLike, timeZone: string, skip: boolean): { end: string | null; done: boolean } {
  const [state, setState] = useState<{ end: string | null; done: boolean }>({ end: null, done: skip || typeof engine.ready !== 'function' });
  useEffect(() => {
    if (skip || typeof engine.ready !== 'function') return;
    let live = true;
    engine.ready().then(
      (info) => {
        const extent = (info as { timeExtent?: unknown } | undefined)?.timeExtent;
        const end = Array.isArray(extent) && typeof extent[1] === 'number' && Number.isFinite(extent[1]) ? isoDay(extent[1], timeZone) : null;
        if (live) setState({ end, done: true });
      },
      () => {
        if (live) setState({ end: null, done: true });
      },
    );
    return () => {
      live = false;
    };
  }, [engine, timeZone, skip]);
  return state;
}

/**
 * How customers moved between RFM segments from one date to another (`segment_movement`):
 * a from-segment x to-segment table of customer counts (rows: the segment at the first date,
 * "New" for customers without an order by then; columns: the segment at the second), with
 * totals, cells shaded by size, and two date inputs that re-run the analysis. Plain table
 * semantics (caption, row and column headers) for assistive technology.
 */
export function SegmentMovement(props: SegmentMovementProps) {
  return (
    <Connected widget="segment-movement" props={props}>
      {(connected) => <SegmentMovementView {...connected} />}
    </Connected>
  );
}

function SegmentMovementView(props: ConnectedProps<SegmentMovementProps>) {
  const { engine } = props;
  const time = useTimeOptions(engine, props.timeZone);
  const given = props.to !== undefined && ISO_DAY.test(props.to) && (props.from === undefined || ISO_DAY.test(props.from));
  const dataEnd = useDataEnd(engine, time.timeZone, given);
  const days = props.days ?? 90;
  const defaultTo = given ? props.to! : dataEnd.end;
  const defaultFrom = props.from !== undefined && ISO_DAY.test(props.from) ? props.from : defaultTo ? addDays(defaultTo, -days) : null;
  const heading = props.heading ?? 'Segment movement';
  if (!dataEnd.done && !given) {
    return (
      <div class="clv-segment-movement-widget">
        <WidgetHeader heading={heading} />
        <div class="clv-loading" aria-busy="true">
          <span class="clv-sr-only" role="status">
            Loading {heading.toLowerCase()}…
          </span>
          <div class="clv-skeleton clv-skeleton-chart" />
        </div>
      </div>
    );
  }
  return <MovementQuery {...props} heading={heading} initialFrom={defaultFrom} initialTo={defaultTo} />;
}

interface MovementQueryProps extends ConnectedProps<SegmentMovementProps> {
  readonly heading: string;
  readonly initialFrom: string | null;
  readonly initialTo: string | null;
}

function MovementQuery(props: MovementQueryProps) {
  const { engine, selection, source, heading } = props;
  const shell = useContext(ShellContext);
  const [dates, setDates] = useState<{ from: string | null; to: string | null }>({ from: props.initialFrom, to: props.initialTo });
  const valid = dates.from === null || dates.to === null || dates.from <= dates.to;
  const [applied, setApplied] = useState(dates);
  useEffect(() => {
    if (valid) setApplied(dates);
  }, [dates.from, dates.to, valid]);
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
  const shownFrom = dates.from ?? (typeof meta?.from === 'string' ? meta.from.slice(0, 10) : '');
  const shownTo = dates.to ?? (typeof meta?.to === 'string' ? meta.to.slice(0, 10) : '');
  const id = `${source}-dates`;

  return (
    <div class="clv-segment-movement-widget">
      <WidgetHeader heading={heading} />
      <div class="clv-movement-dates" role="group" aria-label="Dates compared">
        <label>
          <span>From</span>
          <input
            type="date"
            id={`${id}-from`}
            value={shownFrom}
            max={shownTo || undefined}
            aria-invalid={valid ? undefined : 'true'}
            onChange={(event) => setDates((d) => ({ ...d, from: (event.currentTarget as HTMLInputElement).value || null }))}
          />
        </label>
        <label>
          <span>To</span>
          <input
            type="date"
            id={`${id}-to`}
            value={shownTo}
            min={shownFrom || undefined}
            aria-invalid={valid ? undefined : 'true'}
            onChange={(event) => setDates((d) => ({ ...d, to: (event.currentTarget as HTMLInputElement).value || null }))}
          />
        </label>
        {valid ? null : (
          <span class="clv-status" role="alert">
            The first date must not be after the second.
          </span>
        )}
      </div>
      <QueryView state={state} noun="customers" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => <MovementTable result={result} from={applied.from ?? shownFrom} to={applied.to ?? shownTo} showEmpty={props.showEmpty === true} format={props} />}
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
