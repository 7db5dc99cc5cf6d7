import { useCallback, useContext, useId, useMemo, useRef, useState } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import { area, line } from 'd3-shape';
import { utcTicks } from 'd3-time';
import { calendarFor, type Calendar, type QueryResult, type Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { SvgTooltip } from '../charts/SvgTooltip.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { formatTick } from '../time/format-time.js';
import { wallTime } from '../time/wall-time.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { dayFilter } from './anomaly/anomaly-filters.js';
import { anomalyMeta, anomalyPoints, type AnomalyMeta, type AnomalyPoint } from './anomaly/anomaly-rows.js';
import { dayText, formatScore, pointLines, pointSentence, type AnomalyLabels } from './anomaly/anomaly-text.js';
import { YGrid, YTickLabels } from '../charts/y-axis.js';

/** Options of `AnomalySeries`. */
export interface AnomalySeriesProps extends WidgetProps, ChartQueryProps {
  /** The value's name in tooltips and the list (default by report: "Orders", "Conversion"; else "Value"). */
  readonly valueLabel?: string;
  /** The expected line's name (default "Same weekday, previous 4 weeks" for orders, else "Expected"). */
  readonly expectedLabel?: string;
  /** How values are formatted (default by report; else `percent` when every value is within 0..1, else `count`). */
  readonly valueKind?: ValueKind;
  /** The time field a flagged day filters (default `session_start`; empty: flagged days are not filters). */
  readonly field?: string;
  /** What a flagged day publishes (wins over `field`). */
  readonly dayFilter?: (point: AnomalyPoint) => MarkFilter;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 240). */
  readonly height?: number;
  /** IANA zone of days and labels (default: the engine's). */
  readonly timeZone?: string;
}

const DEFAULT_REPORT = 'dorders_anomaly';
const MARGIN = { top: 12, right: 16, bottom: 28, left: 56 };

/** Names and formats of the known daily anomaly reports. */
const REPORT_PRESETS: Readonly<Record<string, { heading: string; value: string; expected: string; kind?: ValueKind }>> = {
  dorders_anomaly: { heading: 'Daily orders: anomalies', value: 'Orders', expected: 'Same weekday, previous 4 weeks', kind: 'count' },
  dfunnel_anomaly: { heading: 'Daily funnel: anomalies', value: 'Conversion', expected: 'Expected' },
};

/**
 * A daily series checked by an anomaly analysis (`dorders_anomaly` by default, or
 * `dfunnel_anomaly`): the value, the expected line (and band, when rows carry
 * `expectedLow` / `expectedHigh`), and the flagged days marked, listed below the chart and
 * announced. Tooltips give the score, the threshold and the same-weekday deviation. A
 * flagged day is a filter: a click (or Enter on it in the chart or the list) publishes
 * `interval(field, dayStart, nextDayStart)` for that local day; again, or Escape, clears.
 * While the autoencoder trains, the engine's progress is shown over the skeleton (or the
 * dimmed previous result) with the analysis' message, e.g. "Training autoencoder: 3 / 20".
 */
export function AnomalySeries(props: AnomalySeriesProps) {
  return (
    <Connected widget="anomaly-series" props={props}>
      {(connected) => <AnomalySeriesView {...connected} />}
    </Connected>
  );
}

function AnomalySeriesView(props: ConnectedProps<AnomalySeriesProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const preset = spec.kind === 'analysis' ? REPORT_PRESETS[spec.name] : undefined;
  const time = useTimeOptions(engine, props.timeZone);
  const calendar = useMemo(() => calendarFor(time), [time.timeZone, time.weekStart]);
  const isEmpty = useCallback((result: QueryResult<Row>) => !anomalyPoints(result, calendar).some((p) => p.day !== null), [calendar]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { isEmpty, onError });
  const clause = useOwnClause(selection, source);
  const selectedDay = typeof clause?.value === 'number' ? clause.value : null;
  const heading = props.heading ?? preset?.heading ?? 'Anomalies';
  const field = props.field ?? 'session_start';

  const filterOf = (point: AnomalyPoint): MarkFilter => {
    if (point.day === null) return null;
    if (props.dayFilter) return safeMarkFilter(shell, props.dayFilter, point);
    return field === '' ? null : dayFilter(point.day, field, calendar, props);
  };
  const toggle = (point: AnomalyPoint) => {
    if (point.day === null) return;
    const start = calendar.floor(point.day, 'day');
    if (selectedDay === start) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    const filter = filterOf(point);
    if (filter) publishMark(selection, shell, start, filter, `Day: ${point.key}`);
  };
  const clear = () => publishMark(selection, shell, null, null, '');

  return (
    <div class="clv-anomaly-series-body">
      <WidgetHeader heading={heading}>
        {selectedDay !== null ? (
          <button type="button" class="clv-clear" onClick={clear}>
            Clear
          </button>
        ) : null}
      </WidgetHeader>
      <QueryView state={state} noun="days" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <AnomalyBody
            result={result}
            props={props}
            preset={preset}
            heading={heading}
            calendar={calendar}
            selectedDay={selectedDay}
            canFilter={(point) => point.anomaly && filterOf(point) !== null}
            onToggle={toggle}
            onClear={clear}
          />
        )}
      </QueryView>
    </div>
  );
}

interface AnomalyBodyProps {
  readonly result: QueryResult<Row>;
  readonly props: ConnectedProps<AnomalySeriesProps>;
  readonly preset: (typeof REPORT_PRESETS)[string] | undefined;
  readonly heading: string;
  readonly calendar: Calendar;
  readonly selectedDay: number | null;
  readonly canFilter: (point: AnomalyPoint) => boolean;
  readonly onToggle: (point: AnomalyPoint) => void;
  readonly onClear: () => void;
}

/** Every value lies within 0..1 and some is fractional: a ratio. */
function looksLikeRatio(points: readonly AnomalyPoint[]): boolean {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  return values.length > 0 && values.every((v) => v >= 0 && v <= 1) && values.some((v) => !Number.isInteger(v));
}

function AnomalyBody({ result, props, preset, heading, calendar, selectedDay, canFilter, onToggle, onClear }: AnomalyBodyProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 640);
  const height = props.height ?? 240;
  const helpId = `clv-help-${useId()}`;
  const format: FormatOptions = props;
  const points = useMemo(
    () => anomalyPoints(result, calendar).filter((p) => p.day !== null).sort((a, b) => a.day! - b.day!),
    [result, calendar],
  );
  const meta = useMemo(() => anomalyMeta(result), [result]);
  const labels: AnomalyLabels = {
    value: props.valueLabel ?? preset?.value ?? 'Value',
    expected: props.expectedLabel ?? preset?.expected ?? 'Expected',
    kind: props.valueKind ?? preset?.kind ?? (looksLikeRatio(points) ? 'percent' : 'count'),
  };
  const timeZone = calendar.timeZone;
  const flagged = points.map((p, i) => ({ point: p, index: i })).filter(({ point }) => point.anomaly);

  const geometry = useMemo(() => {
    const left = MARGIN.left;
    const right = Math.max(width - MARGIN.right, left + 1);
    const bottom = height - MARGIN.bottom;
    const starts = points.map((p) => wallTime(calendar.floor(p.day!, 'day'), calendar));
    const ends = points.map((p) => wallTime(calendar.add(calendar.floor(p.day!, 'day'), 'day', 1), calendar));
    const domain = [starts[0] ?? 0, ends[ends.length - 1] ?? 1];
    const x = scaleLinear().domain(domain).range([left, right]);
    const middle = starts.map((s, i) => (x(s) + x(ends[i])) / 2);
    const values = points.flatMap((p) => [p.value, p.expected, p.low, p.high]).filter((v): v is number => v !== null);
    const lo = Math.min(0, ...values);
    const hi = Math.max(0, ...values);
    const y = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).nice().range([bottom, MARGIN.top]);
    const ticks = utcTicks(new Date(domain[0]), new Date(domain[1]), Math.max(2, Math.floor((right - left) / 90))).map((d) => +d);
    return { left, right, bottom, x, y, middle, ticks, starts, ends };
  }, [points, width, height, calendar]);
  const { left, right, bottom, x, y, middle } = geometry;

  const [hover, setHover] = useState<number | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const shown = cursor ?? hover;
  const tooltip = shown !== null && shown < points.length ? pointLines(points[shown], meta, labels, format, timeZone) : [];

  const indexAt = (px: number): number | null => {
    for (let i = 0; i < points.length; i++) if (px >= x(geometry.starts[i]) && px < x(geometry.ends[i])) return i;
    return null;
  };
  const onMouseMove = (event: MouseEvent) => {
    const svg = event.currentTarget as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    const scale = box.width > 0 ? width / box.width : 1;
    setHover(indexAt((event.clientX - box.left) * scale));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (points.length === 0) return;
    const last = points.length - 1;
    const go = (to: number) => {
      event.preventDefault();
      setCursor(Math.min(Math.max(to, 0), last));
    };
    const current = cursor ?? -1;
    switch (event.key) {
      case 'ArrowRight':
        return go(cursor === null ? 0 : current + 1);
      case 'ArrowLeft':
        return go(cursor === null ? last : current - 1);
      case 'Home':
        return go(0);
      case 'End':
        return go(last);
      case 'PageDown': {
        // The next flagged day.
        const next = flagged.find((f) => f.index > current);
        if (next) go(next.index);
        return;
      }
      case 'PageUp': {
        const previous = [...flagged].reverse().find((f) => f.index < (cursor ?? points.length));
        if (previous) go(previous.index);
        return;
      }
      case 'Enter':
      case ' ':
        if (cursor !== null && canFilter(points[cursor])) {
          event.preventDefault();
          onToggle(points[cursor]);
        }
        return;
      case 'Escape':
        if (cursor !== null || selectedDay !== null) {
          event.preventDefault();
          setCursor(null);
          if (selectedDay !== null) onClear();
        }
        return;
    }
  };

  const valueLine = line<AnomalyPoint>()
    .defined((p) => p.value !== null)
    .x((_, i) => middle[i])
    .y((p) => y(p.value ?? 0));
  const expectedLine = line<AnomalyPoint>()
    .defined((p) => p.expected !== null)
    .x((_, i) => middle[i])
    .y((p) => y(p.expected ?? 0));
  const band = area<AnomalyPoint>()
    .defined((p) => p.low !== null && p.high !== null)
    .x((_, i) => middle[i])
    .y0((p) => y(p.low ?? 0))
    .y1((p) => y(p.high ?? 0));
  const hasExpected = points.some((p) => p.expected !== null);
  const hasBand = points.some((p) => p.low !== null && p.high !== null);
  const first = points[0];
  const lastPoint = points[points.length - 1];
  const summary = `${heading}: ${points.length} days from ${dayText(first, format, timeZone)} to ${dayText(lastPoint, format, timeZone)}, ${flagged.length} flagged`;
  const announce = cursor !== null && cursor < points.length ? pointSentence(points[cursor], meta, labels, format, timeZone) + (canFilter(points[cursor]) ? ' Press Enter to filter by this day.' : '') : '';

  return (
    <>
      <div class="clv-chart" ref={container}>
        <svg
          class="clv-svg clv-anomaly-chart"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          tabindex={0}
          role="application"
          aria-roledescription="anomaly chart"
          aria-label={summary}
          aria-describedby={helpId}
          onKeyDown={onKeyDown}
          onBlur={() => setCursor(null)}
          onMouseMove={onMouseMove}
          onMouseLeave={() => setHover(null)}
        >
          <YGrid y={y} left={left} right={right} />
          <YTickLabels y={y} left={left} label={(t) => formatValue(t, labels.kind, format, true)} />
          {hasBand ? <path class="clv-anomaly-band" d={band(points) ?? ''} fill="currentColor" fill-opacity="0.12" aria-hidden="true" /> : null}
          {hasExpected ? (
            <path class="clv-anomaly-expected" d={expectedLine(points) ?? ''} fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="5 4" aria-hidden="true" />
          ) : null}
          <path class="clv-anomaly-line" d={valueLine(points) ?? ''} fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true" />
          <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor" aria-hidden="true">
            <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
            {geometry.ticks.map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line y2={5} stroke="currentColor" stroke-opacity="0.4" />
                <text y={18} text-anchor="middle">
                  {formatTick(t, props.locale, false)}
                </text>
              </g>
            ))}
          </g>
          {shown !== null && shown < points.length ? (
            <line class="clv-cursor-line" x1={middle[shown]} x2={middle[shown]} y1={MARGIN.top} y2={bottom} stroke="currentColor" pointer-events="none" />
          ) : null}
          <g class="clv-anomaly-points" aria-hidden="true">
            {flagged.map(({ point, index }) => {
              const filterable = canFilter(point);
              const pressed = selectedDay !== null && calendar.floor(point.day!, 'day') === selectedDay;
              return (
                <g
                  key={point.key}
                  class={`clv-anomaly-point${filterable ? '' : ' clv-inert'}${pressed ? ' clv-selected' : ''}`}
                  data-key={point.key}
                  data-pressed={pressed ? 'true' : 'false'}
                  onClick={() => (filterable ? onToggle(point) : undefined)}
                  onMouseEnter={() => setHover(index)}
                >
                  <circle class="clv-mark-hit" cx={middle[index]} cy={y(point.value ?? 0)} r={10} fill="transparent" />
                  <circle class="clv-anomaly-dot" cx={middle[index]} cy={y(point.value ?? 0)} r={pressed ? 6.5 : 5} fill="currentColor" />
                </g>
              );
            })}
          </g>
          {tooltip.length > 0 && shown !== null ? <SvgTooltip x={middle[shown]} y={MARGIN.top + 24} lines={tooltip} width={width} /> : null}
        </svg>
        <span id={helpId} class="clv-sr-only">
          Use the left and right arrow keys to read each day, Page Down and Page Up to jump between flagged days, Enter to filter by a flagged day, Escape to clear.
        </span>
        <p class="clv-sr-only" aria-live="polite">
          {announce}
        </p>
      </div>
      <AnomalyLegend hasExpected={hasExpected} hasBand={hasBand} labels={labels} />
      <p class="clv-anomaly-summary">{summaryText(flagged.length, points.length, meta, format)}</p>
      {flagged.length > 0 ? (
        <ul class="clv-anomaly-list" aria-label={`Flagged days of ${heading.toLowerCase()}`}>
          {flagged.map(({ point }) => {
            const filterable = canFilter(point);
            const pressed = selectedDay !== null && calendar.floor(point.day!, 'day') === selectedDay;
            const sentence = pointSentence(point, meta, labels, format, timeZone);
            return (
              <li key={point.key} data-key={point.key}>
                {filterable ? (
                  <button type="button" class="clv-anomaly-item" aria-pressed={pressed ? 'true' : 'false'} onClick={() => onToggle(point)}>
                    {sentence}
                  </button>
                ) : (
                  <span class="clv-anomaly-item">{sentence}</span>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}

/** "2 of 28 days flagged (score above 0.42). Autoencoder: 20 epochs, final loss 0.0123." */
function summaryText(flagged: number, days: number, meta: AnomalyMeta, format: FormatOptions): string {
  const threshold = meta.threshold !== null ? ` (score above ${formatScore(meta.threshold, format)})` : '';
  const training = meta.epochs !== null ? ` Autoencoder: ${formatValue(meta.epochs, 'count', format)} epochs${meta.finalLoss !== null ? `, final loss ${formatScore(meta.finalLoss, format)}` : ''}.` : '';
  const what = flagged === 0 ? `No day of ${formatValue(days, 'count', format)} flagged` : `${formatValue(flagged, 'count', format)} of ${formatValue(days, 'count', format)} days flagged`;
  return `${what}${threshold}.${training}`;
}

function AnomalyLegend({ hasExpected, hasBand, labels }: { readonly hasExpected: boolean; readonly hasBand: boolean; readonly labels: AnomalyLabels }) {
  return (
    <ul class="clv-legend clv-legend-row clv-anomaly-legend" aria-label="Legend">
      <li class="clv-anomaly-legend-value">
        <svg class="clv-swatch" width={14} height={10} viewBox="0 0 14 10" aria-hidden="true">
          <line x1={0} x2={14} y1={5} y2={5} stroke="currentColor" stroke-width={3} />
        </svg>
        <span>{labels.value}</span>
      </li>
      {hasExpected ? (
        <li class="clv-anomaly-legend-expected">
          <svg class="clv-swatch" width={14} height={10} viewBox="0 0 14 10" aria-hidden="true">
            <line x1={0} x2={14} y1={5} y2={5} stroke="currentColor" stroke-width={2} stroke-dasharray="4 3" />
          </svg>
          <span>{labels.expected}</span>
        </li>
      ) : null}
      {hasBand ? (
        <li class="clv-anomaly-legend-band">
          <svg class="clv-swatch" width={14} height={10} viewBox="0 0 14 10" aria-hidden="true">
            <rect width={14} height={10} rx={2} fill="currentColor" fill-opacity="0.2" />
          </svg>
          <span>Expected range</span>
        </li>
      ) : null}
      <li class="clv-anomaly-legend-flag">
        <svg class="clv-swatch" width={14} height={10} viewBox="0 0 14 10" aria-hidden="true">
          <circle cx={7} cy={5} r={4} fill="currentColor" />
        </svg>
        <span>Flagged day</span>
      </li>
    </ul>
  );
}
