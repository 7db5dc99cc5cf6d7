import { useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import { line } from 'd3-shape';
import { utcTicks } from 'd3-time';
import { allOf, calendarFor, interval, lifecyclePredicate, statusAtPredicate, type Calendar, type CustomerStatusName, type LifecycleKind, type Predicate, type QueryResult, type Row, type TimeUnit } from '@clvkit/core';
import { readNumber, type Accessor } from '../charts/accessor.js';
import { BucketControl } from '../charts/BucketControl.js';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { fieldFilterPredicate, publishMark, safeMarkFilter, splitMarkFilter, type FieldFilter, type MarkFilter } from '../charts/mark-filter.js';
import { seriesData, type ChartSeries, type SeriesDefinition, type SeriesMapping } from '../charts/series-data.js';
import { SvgTooltip } from '../charts/SvgTooltip.js';
import { seriesClass } from '../charts/text.js';
import { bucketUnit, useBucketSwitch, type BucketSwitchProps } from '../charts/use-bucket.js';
import { useXBrush } from '../charts/use-x-brush.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { snapToEdges } from '../time/edges.js';
import { formatRange, formatTick, type SeriesBucket } from '../time/format-time.js';
import { wallTime } from '../time/wall-time.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext, type ShellApi } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { YGrid, YTickLabels } from '../charts/y-axis.js';

export type { SeriesDefinition } from '../charts/series-data.js';

/** Options of `LineChart`. */
export interface LineChartProps extends WidgetProps, ChartQueryProps, BucketSwitchProps {
  /** The x value of a row: a bucket start in epoch ms (default `bucket`, else `hour`), or any number. */
  readonly x?: Accessor<Row>;
  /**
   * The series: columns of wide rows, or key values of long rows (with `seriesField`), with
   * labels, `mark: 'bar'` (stacked around zero) and value kinds. Default: the known reports'
   * (churn_weekly / churn_monthly: churn in percent; lifecycle: new, returning, resurrecting
   * and dormant as bars; organic and promoted orders; the promoted share), else `meta.series`,
   * else `[meta.value]`, else every numeric column but x.
   */
  readonly series?: readonly (string | SeriesDefinition)[];
  /** Long format: the column naming a row's series. */
  readonly seriesField?: Accessor<Row>;
  /** Long format: the value column (default `value`). */
  readonly value?: Accessor<Row>;
  /** Series labels by key. */
  readonly labels?: Readonly<Record<string, string>>;
  /** How values are formatted on the axis and in tooltips (default `count`; churn: `percent`). */
  readonly valueKind?: ValueKind;
  /** Series hidden at first (their legend entries stay, unpressed). */
  readonly hidden?: readonly string[];
  /** The time field a brushed range filters on (default `session_start`; empty: no brush). */
  readonly field?: string;
  /** The calendar unit of x (default: the bucket switch's, else guessed from the spacing of x). */
  readonly timeUnit?: TimeUnit;
  /** Declarative legend filters by series key (JSON), e.g. `{"promoted": {"field": "is_promoted", "values": [true]}}`. */
  readonly seriesFilters?: Readonly<Record<string, FieldFilter>>;
  /** What a legend entry's Filter button publishes (wins over `seriesFilters`); null: no Filter button. */
  readonly seriesFilter?: (key: string, series: ChartSeries) => MarkFilter;
  /**
   * What clicking one point (or bar segment) publishes: e.g. the customers with a status at
   * that date. Default for `customer_status_trend` and `lifecycle`; null: points are not filters.
   */
  readonly pointFilter?: (point: ChartPoint) => MarkFilter;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 240). */
  readonly height?: number;
  /** IANA zone of buckets and labels (default: the engine's). */
  readonly timeZone?: string;
  /** First day of the week (default: the engine's). */
  readonly weekStart?: number;
}

/** One point of one series: its series key, its x and the result rows at that x. */
export interface ChartPoint {
  readonly series: string;
  readonly x: number;
  readonly rows: readonly Row[];
}

/** What the line chart published: a brushed range, a series filter, or both (one `allOf` clause); or one point. */
interface LineChoice {
  readonly range: readonly [number, number] | null;
  readonly series: string | null;
  readonly point?: { readonly series: string; readonly x: number } | null;
}

const DEFAULT_REPORT = 'churn_weekly';

/** Series and formats of the analyses whose rows carry more columns than the chart should draw. */
const REPORT_PRESETS: Readonly<Record<string, { series?: readonly SeriesDefinition[]; valueKind?: ValueKind; heading?: string; pointFilter?: (point: ChartPoint) => MarkFilter }>> = {
  churn_weekly: { series: [{ key: 'churn', label: 'Churn' }], valueKind: 'percent', heading: 'Weekly churn' },
  churn_monthly: { series: [{ key: 'churn', label: 'Churn' }], valueKind: 'percent', heading: 'Monthly churn' },
  customer_status_trend: { pointFilter: statusPointFilter },
  lifecycle: {
    heading: 'Customer lifecycle',
    pointFilter: lifecyclePointFilter,
    series: [
      { key: 'new', label: 'New', mark: 'bar' },
      { key: 'returning', label: 'Returning', mark: 'bar' },
      { key: 'resurrecting', label: 'Resurrecting', mark: 'bar' },
      { key: 'dormant', label: 'Dormant', mark: 'bar' },
    ],
  },
  daily_organic_orders: { series: [{ key: 'organic', label: 'Organic' }, { key: 'promoted', label: 'Promoted' }], heading: 'Organic and promoted orders' },
  hourly_organic_orders: { series: [{ key: 'organic', label: 'Organic' }, { key: 'promoted', label: 'Promoted' }], heading: 'Organic and promoted orders by hour' },
  daily_inorganic_ratio: { series: [{ key: 'ratio', label: 'Promoted share' }], valueKind: 'percent', heading: 'Promoted share of orders' },
  hourly_inorganic_ratio: { series: [{ key: 'ratio', label: 'Promoted share' }], valueKind: 'percent', heading: 'Promoted share of orders by hour' },
};
const MARGIN = { top: 12, right: 16, bottom: 28, left: 56 };

const STATUS_LABELS: Readonly<Record<string, string>> = { active: 'Active', churned: 'Churned', long_gone: 'Long gone' };

/** A point of `customer_status_trend` (long rows by `status`): the customers with that status at the bucket's end. */
function statusPointFilter(point: ChartPoint): MarkFilter {
  const row = point.rows.find((r) => r.status === point.series);
  if (!row || !(point.series in STATUS_LABELS)) return null;
  const [end, activeSince, longGoneBefore] = [row.end, row.activeSince, row.longGoneBefore];
  if (typeof end !== 'number' || typeof activeSince !== 'number' || typeof longGoneBefore !== 'number') return null;
  const predicate = statusAtPredicate(point.series as CustomerStatusName, { end, activeSince, longGoneBefore });
  return { predicate, label: `${STATUS_LABELS[point.series]} at ${new Date(end).toISOString().slice(0, 10)}` };
}

const LIFECYCLE_LABELS: Readonly<Record<string, string>> = { new: 'New', returning: 'Returning', resurrecting: 'Resurrecting', dormant: 'Dormant' };

/** A bar of `lifecycle`: that group's customers in the bucket. */
function lifecyclePointFilter(point: ChartPoint): MarkFilter {
  const row = point.rows[0];
  if (!row || !(point.series in LIFECYCLE_LABELS)) return null;
  const { previous, end } = row;
  if (typeof previous !== 'number' || typeof end !== 'number') return null;
  const predicate = lifecyclePredicate(point.series as LifecycleKind, { previous, start: point.x, end });
  return { predicate, label: `${LIFECYCLE_LABELS[point.series]} customers, ${new Date(point.x).toISOString().slice(0, 10)}` };
}

/**
 * Several series over time: lines, or bars stacked around zero (`mark: 'bar'`, e.g.
 * lifecycle), with a legend that shows and hides series (and, with `seriesFilters` or
 * `seriesFilter`, a Filter button per series), text tooltips on hover and keyboard, and a
 * brush on x that publishes `interval(field, lo, hi)` snapped to bucket edges, as the time
 * series does. Range and series filter combine into one `allOf` clause.
 */
export function LineChart(props: LineChartProps) {
  return (
    <Connected widget="line-chart" props={props}>
      {(connected) => <LineChartView {...connected} />}
    </Connected>
  );
}

function LineChartView(given: ConnectedProps<LineChartProps>) {
  const base = useMemo(() => resolveQuery(given, DEFAULT_REPORT), [JSON.stringify(given.query), given.report, JSON.stringify(given.params)]);
  const preset = base.kind === 'analysis' ? REPORT_PRESETS[base.name] : undefined;
  const props = preset
    ? { ...given, series: given.series ?? preset.series, valueKind: given.valueKind ?? preset.valueKind, heading: given.heading ?? preset.heading, pointFilter: given.pointFilter ?? preset.pointFilter }
    : given;
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const control = useBucketSwitch(base, props, ['day', 'week', 'month']);
  const mapping = useMemo<SeriesMapping>(
    () => ({ x: props.x, series: props.series, seriesField: props.seriesField, value: props.value ?? 'value', labels: props.labels }),
    [props.x, props.series, props.seriesField, props.value, props.labels],
  );
  const isEmpty = useCallback(
    (result: QueryResult<Row>) => {
      const { xs, series } = seriesData(result.rows ?? [], result.meta, mapping);
      return xs.length === 0 || series.every((s) => s.values.every((v) => v === null));
    },
    [mapping],
  );
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, control.spec, { onError, isEmpty });
  const time = useTimeOptions(engine, props.timeZone, props.weekStart);
  const calendar = useMemo(() => calendarFor(time), [time.timeZone, time.weekStart]);
  const [hidden, setHidden] = useState<readonly string[]>(props.hidden ?? []);
  useEffect(() => {
    if (props.hidden) setHidden(props.hidden);
  }, [(props.hidden ?? []).join(',')]);
  const clause = useOwnClause(selection, source);
  const choice: LineChoice = isChoice(clause?.value) ? clause!.value : { range: null, series: null };
  const field = props.field ?? 'session_start';

  const publish = (next: LineChoice, all: readonly ChartSeries[], unit: TimeUnit | null, rows: readonly Row[] = []) => {
    if (next.point) {
      const { point } = next;
      const filter = props.pointFilter ? safeMarkFilter(shell, props.pointFilter, { series: point.series, x: point.x, rows: rows.filter((row) => xOf(row, props) === point.x) }) : null;
      publishMark(selection, shell, filter ? { range: null, series: null, point } : null, filter, '');
      return;
    }
    const parts: Predicate[] = [];
    const labels: string[] = [];
    if (next.range && field !== '') {
      parts.push(interval(field, next.range[0], next.range[1]));
      labels.push(`Period: ${describeRange(next.range, unit, props.locale, calendar)}`);
    }
    if (next.series !== null) {
      const series = all.find((s) => s.key === next.series);
      const split = series ? splitMarkFilter(seriesFilterOf(series, props, shell)) : null;
      if (split) {
        parts.push(split.predicate);
        labels.push(split.label ?? series!.label);
      }
    }
    if (parts.length === 0) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    const predicate = parts.length === 1 ? parts[0] : allOf(parts);
    publishMark(selection, shell, { range: next.range, series: next.series }, predicate, labels.join(' · '));
  };

  const chosen = choice.range !== null || choice.series !== null || Boolean(choice.point);
  const laid = useMemo(() => (state.result ? seriesData(state.result.rows ?? [], state.result.meta, mapping) : null), [state.result, mapping]);
  const labelled = laid?.series ?? [];
  const hint = field !== '' && (props.field !== undefined || laid === null || laid.xs.length === 0 || Math.abs(laid.xs[0]) >= 1e11);
  const heading = props.heading ?? (labelled.length > 0 ? listText(labelled.map((s) => s.label)) : 'Trend');
  return (
    <div class="clv-line-chart-widget">
      <WidgetHeader heading={heading}>
        <BucketControl control={control} />
      </WidgetHeader>
      <QueryView state={state} noun="values" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <LineChartBody
            result={result}
            mapping={mapping}
            props={props}
            shell={shell}
            heading={heading}
            bucket={control.bucket}
            calendar={calendar}
            hidden={hidden}
            onHidden={setHidden}
            choice={choice}
            onChoice={publish}
          />
        )}
      </QueryView>
      <div class="clv-selection-bar">
        {chosen ? (
          <>
            <span>{clause?.label}</span>
            <button type="button" class="clv-clear" onClick={() => publishMark(selection, shell, null, null, '')}>
              Clear
            </button>
          </>
        ) : hint ? (
          <span>Drag across the chart to filter by a period.</span>
        ) : null}
      </div>
    </div>
  );
}

/** The x of a row as the series mapping reads it (`bucket`, else `hour`). */
function xOf(row: Row, props: LineChartProps): number | null {
  return props.x !== undefined ? readNumber(row, props.x) : (readNumber(row, 'bucket') ?? readNumber(row, 'hour'));
}

/** "A", "A and B", "A, B and C". */
function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function isChoice(value: unknown): value is LineChoice {
  return typeof value === 'object' && value !== null && 'range' in value && 'series' in value;
}

/** A series' filter: the callback, else the declarative one, else none. */
function seriesFilterOf(series: ChartSeries, props: LineChartProps, shell: ShellApi): MarkFilter {
  if (props.seriesFilter) return safeMarkFilter(shell, props.seriesFilter, series.key, series);
  return fieldFilterPredicate(props.seriesFilters?.[series.key]);
}

/** The unit of x: given, else guessed from the smallest spacing of the x values. */
function guessUnit(xs: readonly number[]): TimeUnit {
  let step = Infinity;
  for (let i = 1; i < xs.length; i++) step = Math.min(step, xs[i] - xs[i - 1]);
  const hour = 3_600_000;
  if (step <= hour) return 'hour';
  if (step <= 25 * hour) return 'day';
  if (step <= 8 * 24 * hour) return 'week';
  if (step <= 32 * 24 * hour) return 'month';
  return 'quarter';
}

function describeRange(range: readonly [number, number], unit: TimeUnit | null, locale: string | undefined, calendar: Calendar): string {
  if (unit === null) return `${range[0]} – ${range[1]}`;
  return formatRange(range[0], range[1], (unit === 'hour' ? 'hour' : 'day') as SeriesBucket, locale, calendar.timeZone);
}

interface LineChartBodyProps {
  readonly result: QueryResult<Row>;
  readonly mapping: SeriesMapping;
  readonly props: ConnectedProps<LineChartProps>;
  readonly shell: ShellApi;
  readonly heading: string;
  readonly bucket: string | null;
  readonly calendar: Calendar;
  readonly hidden: readonly string[];
  readonly onHidden: (hidden: readonly string[]) => void;
  readonly choice: LineChoice;
  readonly onChoice: (choice: LineChoice, series: readonly ChartSeries[], unit: TimeUnit | null, rows?: readonly Row[]) => void;
}

/** Keyboard cursor: buckets from `anchor` to `cursor`, not yet applied. */
interface Cursor {
  readonly anchor: number;
  readonly cursor: number;
}

function LineChartBody({ result, mapping, props, shell, heading, bucket, calendar, hidden, onHidden, choice, onChoice }: LineChartBodyProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 640);
  const height = props.height ?? 240;
  const helpId = `clv-help-${useId()}`;
  const { xs, series } = useMemo(() => seriesData(result.rows, result.meta, mapping), [result, mapping]);
  const isTime = xs.length > 0 && Math.abs(xs[0]) >= 1e11;
  const unit: TimeUnit | null = isTime ? (props.timeUnit ?? bucketUnit(bucket) ?? guessUnit(xs)) : null;
  const kind = props.valueKind ?? 'count';
  const format: FormatOptions = props;
  const field = props.field ?? 'session_start';
  const visible = series.filter((s) => !hidden.includes(s.key));

  const geometry = useMemo(() => {
    const left = MARGIN.left;
    const right = Math.max(width - MARGIN.right, left + 1);
    const bottom = height - MARGIN.bottom;
    const step = xs.length > 1 ? Math.min(...xs.slice(1).map((x, i) => x - xs[i])) : 1;
    const ends = xs.map((x) => (unit ? calendar.add(x, unit, 1) : x + step));
    const place = (ms: number) => (isTime ? wallTime(ms, calendar) : ms);
    const domain = [place(xs[0] ?? 0), place(ends[ends.length - 1] ?? 1)];
    const x = scaleLinear().domain(domain).range([left, right]);
    const bandStart = xs.map((v) => x(place(v)));
    const bandEnd = ends.map((v) => x(place(v)));
    const middle = (i: number) => (bandStart[i] + bandEnd[i]) / 2;
    // Stacks of the visible bar series per x: positives up, negatives down from zero.
    const bars = visible.filter((s) => s.mark === 'bar');
    const lines = visible.filter((s) => s.mark === 'line');
    const positive = xs.map((_, i) => bars.reduce((sum, s) => sum + Math.max(s.values[i] ?? 0, 0), 0));
    const negative = xs.map((_, i) => bars.reduce((sum, s) => sum + Math.min(s.values[i] ?? 0, 0), 0));
    const lineValues = lines.flatMap((s) => s.values.filter((v): v is number => v !== null));
    const lo = Math.min(0, ...negative, ...lineValues);
    const hi = Math.max(0, ...positive, ...lineValues);
    const y = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).nice().range([bottom, MARGIN.top]);
    // Edges for snapping a brush: every bucket start and end, ascending, with their values.
    const edgeValues = [...new Set([...xs, ...ends])].sort((a, b) => a - b);
    const edgePx = edgeValues.map((v) => x(place(v)));
    const xTicks = isTime && xs.length > 0 ? utcTicks(new Date(domain[0]), new Date(domain[1]), Math.max(2, Math.floor((right - left) / 90))).map((d) => +d) : x.ticks(Math.max(2, Math.floor((right - left) / 90)));
    return { left, right, bottom, x, bandStart, bandEnd, middle, y, edgeValues, edgePx, xTicks, bars, lines };
  }, [xs, visible.map((s) => s.key).join(','), series, width, height, unit, calendar, isTime]);

  const { left, right, bottom, y, bandStart, bandEnd, middle, edgeValues, edgePx } = geometry;
  const [hover, setHover] = useState<number | null>(null);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const range = choice.range;
  const rangePx = range ? pixelRange(range, edgeValues, edgePx) : null;
  // A brush filters time: on other x values (hour of day) only when a field is given.
  const brushable = field !== '' && xs.length > 0 && (isTime || props.field !== undefined);

  const applyRange = (next: [number, number] | null) => onChoice({ range: next, series: choice.series }, series, unit);
  const pointable = Boolean(props.pointFilter);
  const [cursorSeries, setCursorSeries] = useState(0);
  /** Selects the point (toggles it off when it is the selected one). */
  const choosePoint = (key: string, i: number) => {
    const same = choice.point && choice.point.series === key && choice.point.x === xs[i];
    onChoice(same ? { range: null, series: null } : { range: null, series: null, point: { series: key, x: xs[i] } }, series, unit, result.rows);
  };
  const brush = useXBrush(left, right, MARGIN.top, bottom, brushable ? rangePx : null, (px, click, handle) => {
    if (!px && click && pointable) {
      const i = indexAt(click.x);
      const hit = i === null ? null : seriesAt(i, click.y);
      if (i !== null && hit) {
        choosePoint(hit.key, i);
        return;
      }
    }
    if (!px || edgePx.length < 2) {
      applyRange(null);
      return;
    }
    const [i, j] = snapToEdges(px, edgePx);
    handle.move([edgePx[i], edgePx[j]]);
    setCursor(null);
    applyRange([edgeValues[i], edgeValues[j]]);
  });

  const indexAt = (px: number): number | null => {
    for (let i = 0; i < xs.length; i++) if (px >= bandStart[i] && px < bandEnd[i]) return i;
    return null;
  };
  /** The visible series drawn at pixel height `py` in column i: the bar segment under it, else the nearest line point. */
  const seriesAt = (i: number, py: number): ChartSeries | null => {
    let up = 0;
    let down = 0;
    for (const s of geometry.bars) {
      const v = s.values[i] ?? 0;
      if (v === 0) continue;
      const from = v > 0 ? up : down;
      const to = from + v;
      if (v > 0) up = to;
      else down = to;
      if (py >= Math.min(y(from), y(to)) - 1 && py <= Math.max(y(from), y(to)) + 1) return s;
    }
    let best: ChartSeries | null = null;
    let distance = 12;
    for (const s of geometry.lines) {
      const v = s.values[i];
      if (v === null) continue;
      const d = Math.abs(y(v) - py);
      if (d <= distance) {
        distance = d;
        best = s;
      }
    }
    return best;
  };
  const onMouseMove = (event: MouseEvent) => {
    const svg = event.currentTarget as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    const scale = box.width > 0 ? width / box.width : 1;
    setHover(indexAt((event.clientX - box.left) * scale));
  };

  const valueText = (s: ChartSeries, v: number | null) => formatValue(v, s.kind ?? kind, format);
  const bucketLabel = (i: number) => (isTime && unit ? formatRange(xs[i], calendar.add(xs[i], unit, 1), (unit === 'hour' ? 'hour' : 'day') as SeriesBucket, props.locale, calendar.timeZone) : String(xs[i]));
  const tooltipAt = cursor ? cursor.cursor : hover;
  const tooltipLines = tooltipAt !== null && tooltipAt < xs.length ? [bucketLabel(tooltipAt), ...visible.map((s) => `${s.label}: ${valueText(s, s.values[tooltipAt])}`)] : [];

  const onKeyDown = (event: KeyboardEvent) => {
    if (xs.length === 0) return;
    const last = xs.length - 1;
    const move = (to: (c: number) => number) => {
      event.preventDefault();
      setCursor((current) => {
        if (!current) {
          const at = event.key === 'ArrowLeft' || event.key === 'End' ? last : 0;
          return { anchor: at, cursor: at };
        }
        const next = Math.min(Math.max(to(current.cursor), 0), last);
        return { anchor: event.shiftKey && brushable ? current.anchor : next, cursor: next };
      });
    };
    switch (event.key) {
      case 'ArrowRight':
        return move((c) => c + 1);
      case 'ArrowLeft':
        return move((c) => c - 1);
      case 'Home':
        return move(() => 0);
      case 'ArrowUp':
      case 'ArrowDown':
        if (pointable && cursor && visible.length > 0) {
          event.preventDefault();
          const step = event.key === 'ArrowUp' ? -1 : 1;
          setCursorSeries((k) => (((k + step) % visible.length) + visible.length) % visible.length);
        }
        return;
      case ' ':
        if (pointable && cursor && visible.length > 0) {
          event.preventDefault();
          choosePoint(visible[cursorSeries % visible.length].key, cursor.cursor);
        }
        return;
      case 'End':
        return move(() => last);
      case 'Enter':
        if (cursor && brushable) {
          event.preventDefault();
          const i = Math.min(cursor.anchor, cursor.cursor);
          const j = Math.max(cursor.anchor, cursor.cursor);
          setCursor(null);
          applyRange([xs[i], unit ? calendar.add(xs[j], unit, 1) : edgeValues[edgeValues.indexOf(xs[j]) + 1] ?? xs[j]]);
        }
        return;
      case 'Escape':
        if (cursor || choice.range || choice.series || choice.point) {
          event.preventDefault();
          setCursor(null);
          if (choice.range || choice.series || choice.point) onChoice({ range: null, series: null }, series, unit);
        }
        return;
    }
  };

  const pending = cursor && brushable ? [Math.min(cursor.anchor, cursor.cursor), Math.max(cursor.anchor, cursor.cursor)] : null;
  const barWidth = (i: number) => Math.max((bandEnd[i] - bandStart[i]) * 0.7, 1);
  /** Where series s is drawn in column i: its bar segment, or a small box around its line point. */
  function markBox(s: ChartSeries, i: number): { x: number; y: number; width: number; height: number } | null {
    if (s.mark === 'bar') {
      let up = 0;
      let down = 0;
      for (const b of geometry.bars) {
        const v = b.values[i] ?? 0;
        if (v === 0) continue;
        const from = v > 0 ? up : down;
        const to = from + v;
        if (v > 0) up = to;
        else down = to;
        if (b.key === s.key) return { x: middle(i) - barWidth(i) / 2 - 2, y: Math.min(y(from), y(to)) - 2, width: barWidth(i) + 4, height: Math.abs(y(from) - y(to)) + 4 };
      }
      return null;
    }
    const v = s.values[i];
    return v === null ? null : { x: middle(i) - 6, y: y(v) - 6, width: 12, height: 12 };
  }
  const summary = `${heading}: ${visible.map((s) => s.label).join(', ')}${xs.length > 0 ? `, ${bucketLabel(0)} to ${bucketLabel(xs.length - 1)}` : ''}`;
  const pointSeries = pointable && cursor && visible.length > 0 ? visible[cursorSeries % visible.length] : null;
  const announce =
    tooltipAt !== null && cursor
      ? tooltipLines.join(', ') +
        (pending && pending[0] !== pending[1] ? ', press Enter to filter by this range' : '') +
        (pointSeries ? `, Space selects the ${pointSeries.label} customers of this date` : '')
      : '';
  const selectedIndex = choice.point ? xs.indexOf(choice.point.x) : -1;
  const selectedSeries = choice.point ? visible.find((s) => s.key === choice.point!.series) : undefined;
  const selectedMark = selectedIndex >= 0 && selectedSeries ? markBox(selectedSeries, selectedIndex) : null;

  return (
    <>
      <div class="clv-chart" ref={container}>
        <svg
          class="clv-svg clv-line-chart"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          tabindex={0}
          role="application"
          aria-roledescription="line chart"
          aria-label={summary}
          aria-describedby={helpId}
          onKeyDown={onKeyDown}
          onBlur={() => setCursor(null)}
          onMouseMove={onMouseMove}
          onMouseLeave={() => setHover(null)}
        >
          <YGrid y={y} left={left} right={right} />
          {rangePx ? <rect class="clv-selected-range" fill="currentColor" fill-opacity="0.08" x={rangePx[0]} y={MARGIN.top} width={rangePx[1] - rangePx[0]} height={bottom - MARGIN.top} /> : null}
          <YTickLabels y={y} left={left} label={(t) => formatValue(t, kind, format, true)} />
          {geometry.bars.length > 0 ? (
            <g class="clv-bars" aria-hidden="true">
              {xs.map((_, i) => {
                let up = 0;
                let down = 0;
                return geometry.bars.map((s) => {
                  const v = s.values[i] ?? 0;
                  if (v === 0) return null;
                  const from = v > 0 ? up : down;
                  const to = from + v;
                  if (v > 0) up = to;
                  else down = to;
                  const top = Math.min(y(from), y(to));
                  return (
                    <rect
                      key={`${s.key}-${i}`}
                      class={`clv-series-bar ${seriesClass(s.colour)}`}
                      fill="currentColor"
                      x={middle(i) - barWidth(i) / 2}
                      y={top}
                      width={barWidth(i)}
                      height={Math.max(Math.abs(y(from) - y(to)), 0.5)}
                    />
                  );
                });
              })}
            </g>
          ) : null}
          {y.domain()[0] < 0 ? <line class="clv-zero-line" x1={left} x2={right} y1={y(0)} y2={y(0)} stroke="currentColor" /> : null}
          {geometry.lines.map((s) => (
            <g key={s.key} class={`clv-series ${seriesClass(s.colour)}`} data-series={s.key} aria-hidden="true">
              <path
                class="clv-series-line"
                d={
                  line<number | null>()
                    .defined((v) => v !== null)
                    .x((_, i) => middle(i))
                    .y((v) => y(v ?? 0))(s.values as (number | null)[]) ?? ''
                }
                fill="none"
                stroke="currentColor"
                stroke-width="2"
              />
              {xs.length <= 40
                ? s.values.map((v, i) => (v === null ? null : <circle key={i} class="clv-series-dot" fill="currentColor" cx={middle(i)} cy={y(v)} r={xs.length === 1 ? 4 : 2.5} />))
                : null}
            </g>
          ))}
          <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor" aria-hidden="true">
            <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
            {geometry.xTicks.map((t) => (
              <g key={t} transform={`translate(${geometry.x(t)},0)`}>
                <line y2={5} stroke="currentColor" stroke-opacity="0.4" />
                <text y={18} text-anchor="middle">
                  {isTime ? formatTick(t, props.locale, unit === 'hour') : formatValue(t, 'decimal', format, true)}
                </text>
              </g>
            ))}
          </g>
          {selectedMark ? (
            <rect class="clv-selected-point" fill="none" stroke="currentColor" stroke-width="2" rx="3" x={selectedMark.x} y={selectedMark.y} width={selectedMark.width} height={selectedMark.height} pointer-events="none" />
          ) : null}
          {brushable ? <g class="clv-brush" ref={brush.ref} /> : null}
          {pending ? (
            <rect class="clv-keyboard-range" fill="none" stroke="currentColor" stroke-dasharray="4 3" x={bandStart[pending[0]]} y={MARGIN.top} width={bandEnd[pending[1]] - bandStart[pending[0]]} height={bottom - MARGIN.top} />
          ) : null}
          {tooltipAt !== null && tooltipAt < xs.length ? (
            <>
              <line class="clv-cursor-line" x1={middle(tooltipAt)} x2={middle(tooltipAt)} y1={MARGIN.top} y2={bottom} stroke="currentColor" pointer-events="none" />
              <SvgTooltip x={middle(tooltipAt)} y={MARGIN.top + 24} lines={tooltipLines} width={width} />
            </>
          ) : null}
        </svg>
        <span id={helpId} class="clv-sr-only">
          {brushable
            ? 'Use the left and right arrow keys to read values; with Shift to select a range, then Enter to filter by it. Escape clears. With a mouse, drag across the chart.'
            : 'Use the left and right arrow keys to read values.'}
          {pointable ? ' Up and down arrows choose a series, Space selects the customers of that point; with a mouse, click a point.' : ''}
        </span>
        <p class="clv-sr-only" aria-live="polite">
          {announce}
        </p>
      </div>
      <Legend series={series} hidden={hidden} onHidden={onHidden} choice={choice} props={props} shell={shell} onChoice={(next) => onChoice(next, series, unit)} />
    </>
  );
}

/** The pixel range of [lo, hi) on the edges, or null when it is outside them. */
function pixelRange(range: readonly [number, number], values: readonly number[], px: readonly number[]): [number, number] | null {
  if (values.length < 2) return null;
  const at = (v: number) => {
    if (v <= values[0]) return px[0];
    if (v >= values[values.length - 1]) return px[px.length - 1];
    let k = 0;
    while (k < values.length - 2 && values[k + 1] <= v) k++;
    const t = (v - values[k]) / (values[k + 1] - values[k]);
    return px[k] + t * (px[k + 1] - px[k]);
  };
  const lo = at(range[0]);
  const hi = at(range[1]);
  return hi - lo >= 1 ? [lo, hi] : null;
}

interface LegendProps {
  readonly series: readonly ChartSeries[];
  readonly hidden: readonly string[];
  readonly onHidden: (hidden: readonly string[]) => void;
  readonly choice: LineChoice;
  readonly props: LineChartProps;
  readonly shell: ShellApi;
  readonly onChoice: (choice: LineChoice) => void;
}

function Legend({ series, hidden, onHidden, choice, props, shell, onChoice }: LegendProps) {
  const filterable = useMemo(() => new Set(series.filter((s) => seriesFilterOf(s, props, shell) !== null).map((s) => s.key)), [series, props.seriesFilter, props.seriesFilters, shell]);
  if (series.length === 0) return null;
  return (
    <ul class="clv-legend clv-legend-row" aria-label="Series">
      {series.map((s) => {
        const shown = !hidden.includes(s.key);
        const filtered = choice.series === s.key;
        return (
          <li key={s.key} class={seriesClass(s.colour)}>
            <button
              type="button"
              class="clv-legend-toggle"
              data-series={s.key}
              aria-pressed={shown ? 'true' : 'false'}
              aria-label={`Show ${s.label}`}
              onClick={() => onHidden(shown ? [...hidden, s.key] : hidden.filter((k) => k !== s.key))}
            >
              <svg class="clv-swatch" width={14} height={10} viewBox="0 0 14 10" aria-hidden="true">
                {s.mark === 'bar' ? <rect width={14} height={10} rx={2} fill="currentColor" /> : <line x1={0} x2={14} y1={5} y2={5} stroke="currentColor" stroke-width={3} />}
              </svg>
              <span>{s.label}</span>
            </button>
            {filterable.has(s.key) ? (
              <button
                type="button"
                class="clv-legend-filter"
                data-series={s.key}
                aria-pressed={filtered ? 'true' : 'false'}
                aria-label={`Filter by ${s.label}`}
                onClick={() => onChoice({ range: choice.range, series: filtered ? null : s.key })}
              >
                Filter
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
