import { useCallback, useContext, useId, useMemo, useRef, useState } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import { line } from 'd3-shape';
import { utcTicks } from 'd3-time';
import { calendarFor, type Calendar, type QueryResult, type QuerySpec, type Row } from '@clvkit/core';
import { resolveQuery, withParams, type ChartQueryProps } from '../charts/chart-query.js';
import { SvgTooltip } from '../charts/SvgTooltip.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import { dateFormat, formatValue, type FormatOptions } from '../format.js';
import { formatTick } from '../time/format-time.js';
import { wallTime } from '../time/wall-time.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { emit } from '../ui/events.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { clvTimelineData, instantOf, nearestSelectable, type ClvTimelineData } from './clv/daily-clv.js';
import { useClvDate, type DateInput } from './clv/selected-date.js';
import { YGrid, YTickLabels } from '../charts/y-axis.js';

/** Options of `ClvTimeline`. */
export interface ClvTimelineProps extends WidgetProps, ChartQueryProps {
  /** Forecast horizon in days (the `horizonDays` param of `daily_clv`; its default is 182, six months). */
  readonly horizonDays?: number;
  /** The model's "now" (the `asOf` param; default: the data's end). */
  readonly asOf?: string | number;
  /**
   * The chosen date (epoch ms or ISO date). Given, it wins over the dashboard's; otherwise a
   * click or Enter on the timeline chooses it for the churn and newcomer panels of the dashboard.
   */
  readonly date?: DateInput;
  /** Called after a date was chosen on the timeline (null: cleared). */
  readonly onDateChange?: (date: number | null) => void;
  /** Whether a date can be chosen (default true). */
  readonly selectable?: boolean;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 260). */
  readonly height?: number;
  /** IANA zone of the day labels (default: the engine's). */
  readonly timeZone?: string;
}

/** Detail of the `clv-date-select` event the timeline dispatches when a date is chosen or cleared. */
export interface ClvDateSelectDetail {
  /** The chosen day (epoch ms of its start), or null when cleared. */
  readonly date: number | null;
  /** The timeline's source id. */
  readonly source: string;
}

const DEFAULT_REPORT = 'daily_clv';
const MARGIN = { top: 20, right: 16, bottom: 28, left: 60 };
const DAY = 86_400_000;
/** Days a Page Up / Page Down moves the keyboard cursor. */
const PAGE_DAYS = 30;

/**
 * The CLV prediction timeline (seed 001): daily revenue, actual (solid) up to the as-of date
 * and predicted by the model (dashed), the forecast horizon shaded after the as-of marker,
 * with the actual and forecast totals above. Choosing a day (click, or the arrow keys and
 * Enter) sets the dashboard's date, which the churn and newcomer panels follow, and
 * dispatches `clv-date-select`. While the model fits, the engine's progress is shown.
 */
export function ClvTimeline(props: ClvTimelineProps) {
  return (
    <Connected widget="clv-timeline" props={props}>
      {(connected) => <ClvTimelineView {...connected} />}
    </Connected>
  );
}

/** The `daily_clv` spec of the timeline: `query`/`report`/`params`, with `horizonDays` and `asOf` when given. */
export function clvTimelineSpec(props: ClvTimelineProps): QuerySpec {
  const extra: Record<string, unknown> = {};
  if (props.horizonDays !== undefined) extra.horizonDays = props.horizonDays;
  if (props.asOf !== undefined) extra.asOf = props.asOf;
  return withParams(resolveQuery(props, DEFAULT_REPORT), extra);
}

function ClvTimelineView(props: ConnectedProps<ClvTimelineProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const root = useRef<HTMLDivElement>(null);
  const spec = useMemo(() => clvTimelineSpec(props), [JSON.stringify(props.query), props.report, JSON.stringify(props.params), props.horizonDays, props.asOf]);
  const isEmpty = useCallback((result: QueryResult<Row>) => clvTimelineData(result.rows ?? [], result.meta).days.every((d) => d.actual === null && d.predicted === null), []);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { isEmpty, onError });
  const time = useTimeOptions(engine, props.timeZone);
  const calendar = useMemo(() => calendarFor(time), [time.timeZone, time.weekStart]);
  const chosen = useClvDate(props.date, selection);
  const heading = props.heading ?? 'CLV prediction timeline';
  const marker = markerOf(chosen.date, calendar);

  const choose = (date: number | null) => {
    chosen.set(date);
    props.onDateChange?.(date);
    emit<ClvDateSelectDetail>(root.current, 'clv-date-select', { date, source });
  };

  return (
    <div class="clv-clv-timeline-widget" ref={root}>
      <WidgetHeader heading={heading} />
      <QueryView
        state={state}
        noun="days"
        what={heading}
        skeleton={<div class="clv-skeleton clv-skeleton-chart" />}
      >
        {(result) => <TimelineBody result={result} props={props} calendar={calendar} heading={heading} marker={marker} onChoose={choose} />}
      </QueryView>
      <div class="clv-selection-bar">
        {marker !== null ? (
          <>
            <span>{`Churn and newcomers as of ${dayText(marker, props, calendar)}`}</span>
            {props.date === undefined || props.date === null ? (
              <button type="button" class="clv-clear" onClick={() => choose(null)}>
                Clear
              </button>
            ) : null}
          </>
        ) : props.selectable !== false ? (
          <span>Click a day (or use the arrow keys and Enter) to see the churners and newcomers of that date.</span>
        ) : null}
      </div>
    </div>
  );
}

/** The chosen date as epoch ms: numbers as they are, ISO dates at their local midnight. */
function markerOf(date: number | string | null, calendar: Calendar): number | null {
  if (date === null) return null;
  if (typeof date === 'number') return Number.isFinite(date) ? date : null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    try {
      return calendar.parseDate(date);
    } catch {
      return null;
    }
  }
  return instantOf(date);
}

function dayText(ms: number, format: FormatOptions, calendar: Calendar): string {
  return dateFormat(format.locale, { dateStyle: 'medium', timeZone: calendar.timeZone }).format(ms);
}

interface TimelineBodyProps {
  readonly result: QueryResult<Row>;
  readonly props: ConnectedProps<ClvTimelineProps>;
  readonly calendar: Calendar;
  readonly heading: string;
  readonly marker: number | null;
  readonly onChoose: (date: number | null) => void;
}

function TimelineBody({ result, props, calendar, heading, marker, onChoose }: TimelineBodyProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 720);
  const height = props.height ?? 260;
  const helpId = `clv-help-${useId()}`;
  const data = useMemo<ClvTimelineData>(() => clvTimelineData(result.rows, result.meta), [result]);
  const { days } = data;
  const selectable = props.selectable !== false && data.selectable.length > 0;
  const format: FormatOptions = props;

  const geometry = useMemo(() => {
    const left = MARGIN.left;
    const right = Math.max(width - MARGIN.right, left + 1);
    const bottom = height - MARGIN.bottom;
    const place = (ms: number) => wallTime(ms, calendar);
    const first = days[0]?.day ?? 0;
    const last = days[days.length - 1]?.day ?? first;
    const x = scaleLinear().domain([place(first), place(last + DAY)]).range([left, right]);
    // A day is drawn at the middle of its band.
    const middle = (ms: number) => x(place(ms) + DAY / 2);
    const values = days.flatMap((d) => [d.actual, d.predicted]).filter((v): v is number => v !== null);
    const hi = Math.max(0, ...values);
    const y = scaleLinear().domain([Math.min(0, ...values), hi > 0 ? hi : 1]).nice().range([bottom, MARGIN.top]);
    const path = (pick: (d: (typeof days)[number]) => number | null) =>
      line<(typeof days)[number]>()
        .defined((d) => pick(d) !== null)
        .x((d) => middle(d.day))
        .y((d) => y(pick(d) ?? 0))(days as (typeof days)[number][]) ?? '';
    const xTicks = days.length > 0 ? utcTicks(new Date(place(first)), new Date(place(last + DAY)), Math.max(2, Math.floor((right - left) / 90))).map((d) => +d) : [];
    return { left, right, bottom, x, y, middle, actualPath: path((d) => d.actual), predictedPath: path((d) => d.predicted), xTicks };
  }, [days, width, height, calendar]);
  const { left, right, bottom, y, middle } = geometry;

  const [hover, setHover] = useState<number | null>(null);
  /** Keyboard cursor: an index into `data.selectable`. */
  const [cursor, setCursor] = useState<number | null>(null);

  const asOfX = data.asOf !== null ? Math.min(Math.max(geometry.x(wallTime(data.asOf, calendar)), left), right) : null;
  const markerIndex = marker !== null ? days.findIndex((d) => marker >= d.day && marker < d.day + DAY) : -1;
  const markerX = markerIndex >= 0 ? middle(days[markerIndex].day) : null;

  const pointerDay = (event: MouseEvent): number | null => {
    const svg = event.currentTarget as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    const scale = box.width > 0 ? width / box.width : 1;
    const px = (event.clientX - box.left) * scale;
    if (px < left || px > right || days.length === 0) return null;
    return calendar.fromWall(geometry.x.invert(px));
  };
  const nearestIndex = (day: number): number | null => {
    let best: number | null = null;
    let distance = Infinity;
    days.forEach((d, i) => {
      const gap = Math.abs(d.day + DAY / 2 - day);
      if (gap < distance) {
        distance = gap;
        best = i;
      }
    });
    return best;
  };

  const shownIndex = cursor !== null ? data.selectable[cursor] : hover;
  const valueText = (v: number | null) => formatValue(v, 'money', format);
  const tooltipLines =
    shownIndex !== null && shownIndex < days.length
      ? [
          dayText(days[shownIndex].day, format, calendar),
          ...(days[shownIndex].actual !== null ? [`Actual: ${valueText(days[shownIndex].actual)}`] : []),
          ...(days[shownIndex].predicted !== null ? [`Predicted: ${valueText(days[shownIndex].predicted)}`] : []),
        ]
      : [];

  const onKeyDown = (event: KeyboardEvent) => {
    if (!selectable) return;
    const count = data.selectable.length;
    const start = () => {
      if (markerIndex >= 0) {
        const k = data.selectable.indexOf(markerIndex);
        if (k >= 0) return k;
        return nearestSelectable(data, days[markerIndex].day + DAY / 2) ?? count - 1;
      }
      return count - 1;
    };
    // The first arrow press shows the cursor on the chosen (else the last) day; other keys move from there.
    const move = (to: (k: number) => number, firstShows = false) => {
      event.preventDefault();
      setCursor((current) => Math.min(Math.max(current === null && firstShows ? start() : to(current ?? start()), 0), count - 1));
    };
    switch (event.key) {
      case 'ArrowRight':
        return move((k) => k + 1, true);
      case 'ArrowLeft':
        return move((k) => k - 1, true);
      case 'PageUp':
        return move((k) => k + PAGE_DAYS);
      case 'PageDown':
        return move((k) => k - PAGE_DAYS);
      case 'Home':
        return move(() => 0);
      case 'End':
        return move(() => count - 1);
      case 'Enter':
      case ' ':
        if (cursor !== null) {
          event.preventDefault();
          onChoose(days[data.selectable[cursor]].day);
          setCursor(null);
        }
        return;
      case 'Escape':
        if (cursor !== null || marker !== null) {
          event.preventDefault();
          if (cursor !== null) setCursor(null);
          else onChoose(null);
        }
        return;
    }
  };

  const onClick = (event: MouseEvent) => {
    if (!selectable) return;
    const day = pointerDay(event);
    if (day === null) return;
    const k = nearestSelectable(data, day);
    if (k === null) return;
    setCursor(null);
    onChoose(days[data.selectable[k]].day);
  };

  const first = days[0];
  const last = days[days.length - 1];
  const summary = `${heading}: actual and predicted revenue per day${first && last ? `, ${dayText(first.day, format, calendar)} to ${dayText(last.day, format, calendar)}` : ''}${data.asOf !== null ? `, as of ${dayText(data.asOf, format, calendar)}` : ''}`;
  const announce = cursor !== null ? `${tooltipLines.join(', ')}. Press Enter to choose this date.` : '';

  return (
    <>
      <ul class="clv-figures">
        <li class="clv-figure" data-figure="actual">
          <span class="clv-figure-label">Actual revenue</span>
          <span class="clv-figure-value">{formatValue(data.actualTotal, 'money', format)}</span>
        </li>
        <li class="clv-figure" data-figure="forecast">
          <span class="clv-figure-label">{`Predicted, next ${formatValue(data.horizonDays, 'count', format)} days`}</span>
          <span class="clv-figure-value">{formatValue(data.forecastTotal, 'money', format)}</span>
        </li>
        <li class="clv-figure" data-figure="as-of">
          <span class="clv-figure-label">As of</span>
          <span class="clv-figure-value">{data.asOf !== null ? dayText(data.asOf, format, calendar) : '—'}</span>
        </li>
      </ul>
      <div class="clv-chart" ref={container}>
        <svg
          class="clv-svg clv-clv-timeline"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          tabindex={0}
          role="application"
          aria-roledescription="timeline"
          aria-label={summary}
          aria-describedby={helpId}
          onKeyDown={onKeyDown}
          onClick={onClick}
          onBlur={() => setCursor(null)}
          onMouseMove={(event: MouseEvent) => {
            const day = pointerDay(event);
            setHover(day === null ? null : nearestIndex(day));
          }}
          onMouseLeave={() => setHover(null)}
        >
          <YGrid y={y} left={left} right={right} />
          {asOfX !== null && asOfX < right ? (
            <rect class="clv-forecast-band" fill="currentColor" fill-opacity="0.06" x={asOfX} y={MARGIN.top} width={right - asOfX} height={bottom - MARGIN.top} aria-hidden="true" />
          ) : null}
          <YTickLabels y={y} left={left} label={(t) => formatValue(t, 'money', format, true)} />
          <g class="clv-series clv-series-1" data-series="actual" aria-hidden="true">
            <path class="clv-series-line clv-actual-line" d={geometry.actualPath} fill="none" stroke="currentColor" stroke-width="2" />
          </g>
          <g class="clv-series clv-series-2" data-series="predicted" aria-hidden="true">
            <path class="clv-series-line clv-predicted-line" d={geometry.predictedPath} fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="6 4" />
          </g>
          {asOfX !== null ? (
            <g class="clv-asof" aria-hidden="true">
              <line class="clv-asof-line" x1={asOfX} x2={asOfX} y1={MARGIN.top} y2={bottom} stroke="currentColor" stroke-dasharray="2 3" />
              <text class="clv-asof-label" x={asOfX + 4} y={MARGIN.top - 6}>
                As of
              </text>
            </g>
          ) : null}
          {markerX !== null ? (
            <g class="clv-date-marker" aria-hidden="true">
              <line x1={markerX} x2={markerX} y1={MARGIN.top} y2={bottom} stroke="currentColor" stroke-width="2" />
              <circle cx={markerX} cy={MARGIN.top} r={4} fill="currentColor" />
            </g>
          ) : null}
          <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor" aria-hidden="true">
            <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
            {geometry.xTicks.map((t) => (
              <g key={t} transform={`translate(${geometry.x(t)},0)`}>
                <line y2={5} stroke="currentColor" stroke-opacity="0.4" />
                <text y={18} text-anchor="middle">
                  {formatTick(t, props.locale, false)}
                </text>
              </g>
            ))}
          </g>
          {shownIndex !== null && shownIndex < days.length ? (
            <>
              <line class="clv-cursor-line" x1={middle(days[shownIndex].day)} x2={middle(days[shownIndex].day)} y1={MARGIN.top} y2={bottom} stroke="currentColor" pointer-events="none" />
              <SvgTooltip x={middle(days[shownIndex].day)} y={MARGIN.top + 24} lines={tooltipLines} width={width} />
            </>
          ) : null}
        </svg>
        <span id={helpId} class="clv-sr-only">
          {selectable
            ? 'Use the left and right arrow keys to move by a day, Page Up and Page Down by 30 days, Home and End to the ends, then Enter to choose the date of the churn and newcomer panels. Escape clears the date.'
            : 'Actual and predicted revenue per day.'}
        </span>
        <p class="clv-sr-only" aria-live="polite">
          {announce}
        </p>
      </div>
      <ul class="clv-legend clv-legend-row" aria-label="Series">
        <li class="clv-series-1">
          <svg class="clv-swatch" width={18} height={10} viewBox="0 0 18 10" aria-hidden="true">
            <line x1={0} x2={18} y1={5} y2={5} stroke="currentColor" stroke-width={3} />
          </svg>
          <span>Actual</span>
        </li>
        <li class="clv-series-2">
          <svg class="clv-swatch" width={18} height={10} viewBox="0 0 18 10" aria-hidden="true">
            <line x1={0} x2={18} y1={5} y2={5} stroke="currentColor" stroke-width={3} stroke-dasharray="5 3" />
          </svg>
          <span>Predicted</span>
        </li>
      </ul>
    </>
  );
}
