import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { calendarFor, type Calendar, type QueryResult, type Row, type TimeUnit } from '@clvkit/core';
import type { Accessor } from '../charts/accessor.js';
import { BucketControl } from '../charts/BucketControl.js';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { heatmapGrid, type HeatmapCell, type HeatmapMapping } from '../charts/heatmap-data.js';
import { cohortCellFilter, defaultCellFilter } from '../charts/heatmap-filter.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { moveIndex, useRovingFocus } from '../charts/roving.js';
import { CHAR_WIDTH, truncate } from '../charts/text.js';
import { bucketUnit, familyReports, useBucketSwitch, type BucketSwitchProps } from '../charts/use-bucket.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import { dateFormat, formatValue, numberFormat, type FormatOptions, type ValueKind } from '../format.js';
import type { Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext, type ShellApi } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { Segmented } from '../ui/Segmented.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';

export type { HeatmapCell } from '../charts/heatmap-data.js';
export { cohortCellFilter, defaultCellFilter } from '../charts/heatmap-filter.js';

/** What the cells show: the value (e.g. customers) or the ratio (e.g. retention, as percent). */
export type HeatmapMode = 'count' | 'percent';

/** Options of `CohortHeatmap`. */
export interface CohortHeatmapProps extends WidgetProps, ChartQueryProps, BucketSwitchProps {
  /** The row key of a result row (default `cohort`, an ISO date `YYYY-MM-DD`). */
  readonly row?: Accessor<Row>;
  /** The column key (default `offset`: whole buckets since the cohort start). */
  readonly column?: Accessor<Row>;
  /** The cell value of the count view (default `customers`). */
  readonly value?: Accessor<Row>;
  /** The cell ratio of the percent view (default `retention`; an empty string hides the switch). */
  readonly ratio?: Accessor<Row>;
  /** The row's size, shown beside its label (default `cohortSize`). */
  readonly size?: Accessor<Row>;
  /** The view shown first (default `percent` when the rows have a ratio, else `count`). */
  readonly mode?: HeatmapMode;
  /** How values are formatted in the count view (default `count`; revenue: `money`). */
  readonly valueKind?: ValueKind;
  /** Name of the value for labels (default "customers"). */
  readonly valueLabel?: string;
  /** `meta` keys with the row and column order (default `cohorts` and `offsets`). */
  readonly metaRows?: string;
  readonly metaColumns?: string;
  /** `meta` key with the row sizes aligned with `metaRows` (default `cohortSizes`). */
  readonly metaSizes?: string;
  /** Column header texts by column key (also read from `meta.columnLabels`). */
  readonly columnLabels?: Readonly<Record<string, string>>;
  /** Caption of the columns (default e.g. "Months since the first order", "Days to order 2"). */
  readonly columnTitle?: string;
  /**
   * The time field of the row's bucket: a cell publishes `interval(rowField, rowStart,
   * rowStart + 1 bucket)` (default `first_order_at`: customers whose first order is in the
   * cohort). Empty string: rows are not filters. When neither this nor `columnField` is given,
   * the order-gap and download cohort tables (`meta.event`) publish their own cell clauses
   * (see `cohortCellFilter`).
   */
  readonly rowField?: string;
  /**
   * The time field of the column: adds `interval(columnField, rowStart + k buckets, + 1 bucket)`
   * for numeric column k (default `session_start`: their sessions k buckets later). Empty: none.
   */
  readonly columnField?: string;
  /** The calendar unit of rows and columns for those intervals (default: the bucket switch's, else month). */
  readonly rowBucket?: TimeUnit;
  /** What a cell publishes (wins over `rowField` / `columnField`), e.g. `allOf([...])` from @clvkit/core. */
  readonly cellFilter?: (row: Key, column: Key, cell: HeatmapCell) => MarkFilter;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** IANA zone of the cohort dates (default: the engine's). */
  readonly timeZone?: string;
  /** First day of the week (default: the engine's). */
  readonly weekStart?: number;
}

const DEFAULT_REPORT = 'retention_cohorts';
const ROW = 28;
const HEADER = 28;
const MIN_CELL = 30;

/**
 * A cohort heatmap: rows = cohorts, columns = offsets, each cell coloured by its value with
 * the value as text; a counts / percent switch and a bucket switch. Every cell is a button
 * (arrow keys move, Enter or Space toggles, Escape clears) that publishes its clause: by
 * default the cohort's customers (`rowField`) in that offset's bucket (`columnField`), as
 * one `allOf` clause.
 */
export function CohortHeatmap(props: CohortHeatmapProps) {
  return (
    <Connected widget="cohort-heatmap" props={props}>
      {(connected) => <HeatmapView {...connected} />}
    </Connected>
  );
}

function HeatmapView(props: ConnectedProps<CohortHeatmapProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const usesDefault = !props.query && !props.report;
  const base = useMemo(() => resolveQuery(props, DEFAULT_REPORT, { bucket: 'month' }), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  // Order-gap and download cohorts come as daily_* / weekly_* reports: the switch picks the report.
  const family = base.kind === 'analysis' ? familyReports(base.name, ['daily', 'weekly']) : null;
  const control = useBucketSwitch(base, { ...props, bucketReports: props.bucketReports ?? family ?? undefined }, usesDefault || (base.kind === 'analysis' && base.name === DEFAULT_REPORT) ? ['week', 'month'] : ['day', 'week', 'month']);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, control.spec, { onError });
  const time = useTimeOptions(engine, props.timeZone, props.weekStart);
  const calendar = useMemo(() => calendarFor(time), [time.timeZone, time.weekStart]);
  // Default ratio: `retention` (retention cohorts) or `share` (order-gap cohorts), whichever the rows have.
  const ratioAccessor = props.ratio === '' ? null : (props.ratio ?? (state.result?.rows.some((row) => typeof row?.share === 'number' && typeof row?.retention !== 'number') ? 'share' : 'retention'));
  const [mode, setMode] = useState<HeatmapMode>(props.mode ?? (ratioAccessor ? 'percent' : 'count'));
  useEffect(() => {
    if (props.mode) setMode(props.mode);
  }, [props.mode]);
  const hasRatio = ratioAccessor !== null && state.result !== null && state.result.rows.some((row) => typeof row === 'object' && row !== null && (typeof ratioAccessor === 'function' || typeof row[ratioAccessor] === 'number'));
  const shownMode: HeatmapMode = hasRatio ? mode : 'count';
  const clause = useOwnClause(selection, source);
  const selected = clause && Array.isArray(clause.value) && clause.value.length === 2 ? (clause.value as [Key, Key]) : null;
  const heading = props.heading ?? 'Cohorts';
  const valueLabel = props.valueLabel ?? 'customers';
  const metaUnit = state.result?.meta?.unit ?? state.result?.meta?.bucket;
  const unit = props.rowBucket ?? bucketUnit(typeof metaUnit === 'string' ? metaUnit : null) ?? bucketUnit(control.bucket) ?? 'month';

  const clear = () => publishMark(selection, shell, null, null, '');
  const toggle = (cell: HeatmapCell, filter: MarkFilter, label: string) => {
    if (!filter || (selected && selected[0] === cell.row && selected[1] === cell.column)) clear();
    else publishMark(selection, shell, [cell.row, cell.column], filter, label);
  };

  return (
    <div
      class="clv-heatmap-widget"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected) {
          event.preventDefault();
          clear();
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {hasRatio ? (
          <Segmented
            label="Show"
            options={[
              { value: 'count', label: capitalise(valueLabel) },
              { value: 'percent', label: '%' },
            ]}
            value={shownMode}
            onChange={setMode}
          />
        ) : null}
        <BucketControl control={control} />
      </WidgetHeader>
      <QueryView state={state} noun={valueLabel} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <HeatmapChart
            result={result}
            props={props}
            shell={shell}
            mode={shownMode}
            ratio={ratioAccessor}
            unit={unit}
            calendar={calendar}
            selected={selected}
            onToggle={toggle}
          />
        )}
      </QueryView>
      <div class="clv-selection-bar">
        {selected ? (
          <>
            <span>{clause?.label}</span>
            <button type="button" class="clv-clear" onClick={clear}>
              Clear
            </button>
          </>
        ) : (
          <span>Click a cell to filter by its customers.</span>
        )}
      </div>
    </div>
  );
}

interface HeatmapChartProps {
  readonly result: QueryResult<Row>;
  readonly props: ConnectedProps<CohortHeatmapProps>;
  readonly shell: ShellApi;
  readonly mode: HeatmapMode;
  readonly ratio: Accessor<Row> | null;
  readonly unit: TimeUnit;
  readonly calendar: Calendar;
  readonly selected: readonly [Key, Key] | null;
  readonly onToggle: (cell: HeatmapCell, filter: MarkFilter, label: string) => void;
}

function HeatmapChart({ result, props, shell, mode, ratio, unit, calendar, selected, onToggle }: HeatmapChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const available = useWidth(container, props.width, 640);
  const mapping = useMemo<HeatmapMapping>(
    () => ({
      row: props.row ?? 'cohort',
      column: props.column ?? 'offset',
      value: props.value ?? 'customers',
      ratio,
      size: props.size === '' ? null : (props.size ?? 'cohortSize'),
      metaRows: props.metaRows ?? 'cohorts',
      metaColumns: props.metaColumns ?? 'offsets',
      metaSizes: props.metaSizes ?? 'cohortSizes',
    }),
    [props.row, props.column, props.value, ratio, props.size, props.metaRows, props.metaColumns, props.metaSizes],
  );
  const grid = useMemo(() => heatmapGrid(result.rows, result.meta, mapping), [result, mapping]);
  const format: FormatOptions = props;
  const kind = props.valueKind ?? 'count';
  const valueLabel = props.valueLabel ?? 'customers';
  const metaLabels = result.meta?.columnLabels;
  const columnText = (c: Key, i: number): string => {
    const own = props.columnLabels?.[String(c)];
    if (own) return own;
    if (Array.isArray(metaLabels) && typeof metaLabels[i] === 'string') return metaLabels[i] as string;
    if (metaLabels && typeof metaLabels === 'object' && typeof (metaLabels as Record<string, unknown>)[String(c)] === 'string') return (metaLabels as Record<string, string>)[String(c)];
    return String(c);
  };
  const rowText = (r: Key) => cohortText(r, unit, props.locale, calendar.timeZone);
  /** A column header that fits the cell: its label, else the offset number ("> 15" for `later`). */
  const headerText = (c: Key, i: number): string => {
    const label = columnText(c, i);
    const fits = (text: string) => text.length * CHAR_WIDTH <= cell - 2;
    if (fits(label)) return label;
    const short = typeof c === 'number' ? String(c) : c === 'later' && typeof result.meta?.maxOffset === 'number' ? `>${result.meta.maxOffset}` : label;
    return fits(short) ? short : truncate(short, cell / CHAR_WIDTH);
  };
  /** The column for sentences: its label, else "2 months later". */
  const columnLong = (c: Key, i: number): string => {
    const text = columnText(c, i);
    if (text !== String(c) || typeof c !== 'number') return text;
    return `${c} ${unit}${c === 1 ? '' : 's'} later`;
  };
  // Order-gap tables list only non-empty cells: a missing cell there is 0, elsewhere (a cohort's future) no data.
  const emptyText = typeof result.meta?.event === 'string' ? `0 ${valueLabel}` : 'no data';
  const hasSizes = grid.sizes.some((s) => s !== null);
  const labelWidth = Math.min(Math.max(...grid.rows.map((r) => rowText(r).length), 4) * CHAR_WIDTH + 8, 132);
  const sizeWidth = hasSizes ? 56 : 0;
  const left = labelWidth + sizeWidth;
  const columns = grid.columns.length;
  const cell = Math.max((available - left) / Math.max(columns, 1), MIN_CELL);
  const width = Math.max(available, Math.ceil(left + cell * columns));
  const height = HEADER + grid.rows.length * ROW;
  const shownValue = (c: HeatmapCell) => (mode === 'percent' ? c.ratio : c.value);
  const max = Math.max(0, ...grid.cells.flat().map((c) => shownValue(c) ?? 0));
  const roving = useRovingFocus(grid.rows.length * columns);
  const percent0 = numberFormat(props.locale, { style: 'percent', maximumFractionDigits: 0 });
  const cellText = (c: HeatmapCell): string => {
    const v = shownValue(c);
    if (v === null) return '';
    return mode === 'percent' ? percent0.format(v) : formatValue(v, kind, format, true);
  };
  const describeCell = (c: HeatmapCell, columnLabel: string): string => {
    const head = `${rowText(c.row)}, ${columnLabel}`;
    if (c.datum === null) return `${head}: ${emptyText}`;
    const parts = [`${formatValue(c.value, kind, format)} ${valueLabel}`];
    if (c.ratio !== null) parts.push(`${formatValue(c.ratio, 'percent', format)}${c.size !== null ? ` of ${formatValue(c.size, 'count', format)}` : ''}`);
    return `${head}: ${parts.join(', ')}`;
  };

  const filterOf = (c: HeatmapCell): MarkFilter => {
    if (c.datum === null) return null;
    if (props.cellFilter) return safeMarkFilter(shell, props.cellFilter, c.row, c.column, c);
    if (props.rowField === undefined && props.columnField === undefined) {
      const preset = cohortCellFilter(c, result.meta, unit, calendar);
      if (preset !== undefined) return preset;
    }
    return defaultCellFilter(c, props.rowField ?? 'first_order_at', props.columnField ?? 'session_start', unit, calendar);
  };
  const filters = useMemo(() => grid.cells.map((line) => line.map(filterOf)), [grid, props.cellFilter, props.rowField, props.columnField, unit, calendar, result]);

  const onKeyDown = (event: KeyboardEvent, index: number, c: HeatmapCell, filter: MarkFilter, label: string) => {
    const next = moveIndex(event.key, index, grid.rows.length * columns, columns);
    if (next !== null) {
      event.preventDefault();
      roving.focus(next);
      return;
    }
    if ((event.key === 'Enter' || event.key === ' ') && filter) {
      event.preventDefault();
      onToggle(c, filter, label);
    }
  };

  const event = result.meta?.event;
  const nth = typeof event === 'string' ? /^order (\d+)$/.exec(event) : null;
  const caption =
    props.columnTitle ??
    (event === 'download' ? `${unitName(unit)}s from download to first order` : nth ? `${unitName(unit)}s to order ${Number(nth[1]) + 1}` : `${unitName(unit)}s since the first order`);
  return (
    <div class="clv-chart clv-table-wrap" ref={container}>
      <p class="clv-period">{caption}</p>
      <svg class="clv-svg clv-heatmap" ref={roving.container as never} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`${props.heading ?? 'Cohorts'}: ${grid.rows.length} rows, ${columns} columns, ${mode === 'percent' ? 'percent' : valueLabel}`}>
        <g class="clv-axis clv-heat-columns" aria-hidden="true">
          {hasSizes ? (
            <text x={labelWidth + sizeWidth - 8} y={HEADER / 2} dy="0.35em" text-anchor="end" fill="currentColor">
              n
            </text>
          ) : null}
          {grid.columns.map((c, i) => (
            <text key={String(c)} x={left + cell * i + cell / 2} y={HEADER / 2} dy="0.35em" text-anchor="middle" fill="currentColor">
              {headerText(c, i)}
            </text>
          ))}
        </g>
        {grid.cells.map((line, r) => (
          <g key={String(grid.rows[r])} class="clv-heat-row" transform={`translate(0,${HEADER + r * ROW})`}>
            <text class="clv-heat-row-label" x={0} y={ROW / 2} dy="0.35em" fill="currentColor">
              {rowText(grid.rows[r])}
            </text>
            {hasSizes ? (
              <text class="clv-heat-size" x={labelWidth + sizeWidth - 8} y={ROW / 2} dy="0.35em" text-anchor="end" fill="currentColor">
                {grid.sizes[r] === null ? '' : formatValue(grid.sizes[r], 'count', format, true)}
              </text>
            ) : null}
            {line.map((c, i) => {
              const index = r * columns + i;
              const v = shownValue(c);
              const intensity = v === null || max <= 0 ? 0 : 0.08 + 0.87 * Math.sqrt(Math.max(v, 0) / max);
              const isSelected = selected !== null && selected[0] === c.row && selected[1] === c.column;
              const filter = filters[r][i];
              const label = describeCell(c, columnLong(c.column, i));
              const clauseLabel = `Cohort ${rowText(c.row)}, ${columnLong(c.column, i)}`;
              return (
                <g
                  key={String(c.column)}
                  class={`clv-heat-cell${intensity > 0.55 ? ' clv-heat-strong' : ''}${filter ? '' : ' clv-inert'}${isSelected ? ' clv-selected' : ''}`}
                  role="button"
                  tabindex={roving.tabIndex(index)}
                  data-roving={String(index)}
                  data-row={String(c.row)}
                  data-column={String(c.column)}
                  aria-pressed={isSelected ? 'true' : 'false'}
                  aria-disabled={filter ? undefined : 'true'}
                  aria-label={label}
                  onClick={() => {
                    roving.setActive(index);
                    if (filter) onToggle(c, filter, clauseLabel);
                  }}
                  onKeyDown={(event: KeyboardEvent) => onKeyDown(event, index, c, filter, clauseLabel)}
                >
                  {c.datum === null ? (
                    <rect class="clv-heat-empty" x={left + cell * i + 1} y={1} width={cell - 2} height={ROW - 2} rx={2} fill="currentColor" fill-opacity="0.04" />
                  ) : (
                    <rect class="clv-heat-fill" x={left + cell * i + 1} y={1} width={cell - 2} height={ROW - 2} rx={2} fill="currentColor" fill-opacity={round(intensity)} />
                  )}
                  <text x={left + cell * i + cell / 2} y={ROW / 2} dy="0.35em" text-anchor="middle" fill="currentColor">
                    {cellText(c)}
                  </text>
                  <rect class="clv-heat-outline" x={left + cell * i + 1} y={1} width={cell - 2} height={ROW - 2} rx={2} fill="none" />
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </div>
  );
}

/** A cohort label: "Jan 2024" for months, "Jan 1, 2024" for days and weeks; other keys as text. */
function cohortText(row: Key, unit: TimeUnit, locale: string | undefined, timeZone: string): string {
  if (typeof row === 'number' && Math.abs(row) >= 1e11) {
    const monthly = unit === 'month' || unit === 'quarter' || unit === 'year';
    return dateFormat(locale, monthly ? { timeZone, month: 'short', year: 'numeric' } : { timeZone, dateStyle: 'medium' }).format(row);
  }
  if (typeof row === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row)) {
    const [y, m, d] = row.split('-').map(Number);
    const utc = Date.UTC(y, m - 1, d);
    const options: Intl.DateTimeFormatOptions =
      unit === 'month' || unit === 'quarter' || unit === 'year' ? { timeZone: 'UTC', month: 'short', year: 'numeric' } : { timeZone: 'UTC', dateStyle: 'medium' };
    return dateFormat(locale, options).format(utc);
  }
  return String(row);
}

function unitName(unit: TimeUnit): string {
  return capitalise(unit);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
