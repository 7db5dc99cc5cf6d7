import { useMemo, useRef } from 'preact/hooks';
import { scaleLinear } from '../../charts/linear-scale.js';
import { area, line } from 'd3-shape';
import { utcTicks } from 'd3-time';
import type { Calendar, Row } from '@clvkit/core';
import { dateFormat, formatValue, type FormatOptions } from '../../format.js';
import { formatTick } from '../../time/format-time.js';
import { wallTime } from '../../time/wall-time.js';
import { useWidth } from '../../ui/use-width.js';

/** Props of `ValueSparkline`. */
export interface ValueSparklineProps {
  /** Aggregate rows: the bucket start (epoch ms) under `field`, the value under `measure`. */
  readonly rows: readonly Row[];
  readonly field: string;
  readonly measure: string;
  /** The chart's accessible name, e.g. "Revenue per month of the 120 churned customers". */
  readonly label: string;
  /** The chosen date, drawn as a marker (epoch ms). */
  readonly date: number | null;
  /** The end of the horizon after the date, shaded from the date (epoch ms). */
  readonly horizonEnd: number | null;
  readonly calendar: Calendar;
  readonly format: FormatOptions;
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { top: 10, right: 12, bottom: 24, left: 52 };

/**
 * A small money-over-time chart (area and line per bucket) with the chosen date as a marker
 * and its horizon shaded: the value over time of the churners or newcomers of a date. An
 * image for assistive technology, named by `label` and its range; each point has a title.
 */
export function ValueSparkline({ rows, field, measure, label, date, horizonEnd, calendar, format, width: fixed, height = 160 }: ValueSparklineProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, fixed, 360);
  const points = useMemo(
    () =>
      rows
        .filter((row) => typeof row[field] === 'number')
        .map((row) => ({ x: row[field] as number, v: Number(row[measure]) || 0 }))
        .sort((a, b) => a.x - b.x),
    [rows, field, measure],
  );
  const left = MARGIN.left;
  const right = Math.max(width - MARGIN.right, left + 1);
  const bottom = height - MARGIN.bottom;
  const place = (ms: number) => wallTime(ms, calendar);
  const lo = Math.min(points[0]?.x ?? 0, date ?? Infinity);
  const hi = Math.max(points[points.length - 1]?.x ?? 1, horizonEnd ?? date ?? -Infinity);
  const x = scaleLinear().domain([place(lo), place(hi === lo ? lo + 1 : hi)]).range([left, right]);
  const max = Math.max(0, ...points.map((p) => p.v));
  const y = scaleLinear().domain([0, max || 1]).nice().range([bottom, MARGIN.top]);
  const linePath = line<{ x: number; v: number }>().x((p) => x(place(p.x))).y((p) => y(p.v))(points) ?? '';
  const areaPath = area<{ x: number; v: number }>().x((p) => x(place(p.x))).y0(bottom).y1((p) => y(p.v))(points) ?? '';
  const ticks = utcTicks(new Date(place(lo)), new Date(place(hi)), Math.max(2, Math.floor((right - left) / 90))).map((d) => +d);
  const month = dateFormat(format.locale, { month: 'short', year: 'numeric', timeZone: calendar.timeZone });
  const dateX = date !== null ? x(place(date)) : null;
  const endX = horizonEnd !== null ? Math.min(x(place(horizonEnd)), right) : null;
  const range = points.length > 0 ? `, ${month.format(points[0].x)} to ${month.format(points[points.length - 1].x)}` : '';
  return (
    <div class="clv-chart" ref={container}>
      <svg class="clv-svg clv-value-sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${label}${range}`}>
        <g class="clv-grid" stroke="currentColor" stroke-opacity="0.1">
          {y.ticks(3).map((t) => (
            <line key={t} x1={left} x2={right} y1={y(t)} y2={y(t)} />
          ))}
        </g>
        {dateX !== null && endX !== null && endX > dateX ? (
          <rect class="clv-forecast-band" fill="currentColor" fill-opacity="0.06" x={dateX} y={MARGIN.top} width={endX - dateX} height={bottom - MARGIN.top} />
        ) : null}
        <g class="clv-axis clv-axis-y" fill="currentColor" aria-hidden="true">
          {y.ticks(3).map((t) => (
            <text key={t} x={left - 6} y={y(t)} dy="0.32em" text-anchor="end">
              {formatValue(t, 'money', format, true)}
            </text>
          ))}
        </g>
        <path class="clv-area" d={areaPath} fill="currentColor" fill-opacity="0.12" />
        <path class="clv-line" d={linePath} fill="none" stroke="currentColor" stroke-width="2" />
        {points.map((p) => (
          <circle key={p.x} class="clv-dot" cx={x(place(p.x))} cy={y(p.v)} r={2.5} fill="currentColor">
            <title>{`${month.format(p.x)}: ${formatValue(p.v, 'money', format)}`}</title>
          </circle>
        ))}
        {dateX !== null ? <line class="clv-date-marker" x1={dateX} x2={dateX} y1={MARGIN.top} y2={bottom} stroke="currentColor" stroke-width="2" /> : null}
        <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor" aria-hidden="true">
          <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
          {ticks.map((t) => (
            <text key={t} x={x(t)} y={16} text-anchor="middle">
              {formatTick(t, format.locale, false)}
            </text>
          ))}
        </g>
      </svg>
    </div>
  );
}
