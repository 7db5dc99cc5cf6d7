import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import { area, line } from 'd3-shape';
import { utcTicks } from 'd3-time';
import type { Calendar, Row } from '@clvkit/core';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { useWidth } from '../ui/use-width.js';
import type { XBrushHandle as BrushHandle } from '../charts/brush-x.js';
import { bucketEdges, snapToEdges } from './edges.js';
import { formatRange, formatTick, type SeriesBucket } from './format-time.js';
import { loadXBrush } from '../charts/load-x-brush.js';
import { wallTime } from './wall-time.js';

/** Props of `TimeChart`. */
export interface TimeChartProps {
  /** Filled aggregate rows: one per bucket, the bucket start (epoch ms) under `field`. */
  readonly rows: readonly Row[];
  readonly field: string;
  readonly measure: string;
  readonly measureLabel: string;
  readonly kind: ValueKind;
  readonly bucket: SeriesBucket;
  readonly calendar: Calendar;
  readonly width?: number;
  readonly height: number;
  readonly format: FormatOptions;
  /** The widget's published interval [lo, hi), or null. */
  readonly range: readonly [number, number] | null;
  /** Publishes a snapped interval, or clears with null. */
  readonly onRange: (range: [number, number] | null) => void;
}

const MARGIN = { top: 12, right: 16, bottom: 28, left: 56 };

/** Keyboard selection: buckets from `anchor` to `cursor` (either order), not yet applied. */
interface KeyboardRange {
  readonly anchor: number;
  readonly cursor: number;
}

/**
 * The SVG time chart: area and line per bucket, readable axes, an x brush (d3-brush) snapped
 * to bucket edges, and the same selection by keyboard (arrows move, shift+arrows extend,
 * Enter applies, Escape clears).
 */
export function TimeChart(props: TimeChartProps) {
  const { rows, field, measure, bucket, calendar, height, range, onRange } = props;
  const container = useRef<HTMLDivElement>(null);
  const brushGroup = useRef<SVGGElement>(null);
  const brushRef = useRef<BrushHandle | null>(null);
  // Bumped when the (lazily loaded) brush is attached, so the published range is drawn on it.
  const [brushVersion, setBrushVersion] = useState(0);
  const width = useWidth(container, props.width, 640);
  const [keyboard, setKeyboard] = useState<KeyboardRange | null>(null);
  const locale = props.format.locale;
  const helpId = `clv-help-${useId()}`;

  const geometry = useMemo(() => {
    const sorted = [...rows].filter((row) => typeof row[field] === 'number').sort((a, b) => (a[field] as number) - (b[field] as number));
    const starts = sorted.map((row) => row[field] as number);
    const values = sorted.map((row) => Number(row[measure]) || 0);
    const edges = bucketEdges(starts, bucket, calendar);
    const walls = edges.map((ms) => wallTime(ms, calendar));
    const left = MARGIN.left;
    const right = Math.max(width - MARGIN.right, left + 1);
    const bottom = height - MARGIN.bottom;
    // Wall-clock ms on a linear scale; ticks from d3-time's UTC intervals (see wallTime).
    const x = scaleLinear().domain([walls[0] ?? 0, walls[walls.length - 1] ?? 1]).range([left, right]);
    const edgePx = walls.map((w) => x(w));
    const max = Math.max(0, ...values);
    const y = scaleLinear().domain([0, max || 1]).nice().range([bottom, MARGIN.top]);
    const middle = (i: number) => (edgePx[i] + edgePx[i + 1]) / 2;
    const linePath = line<number>().x((_, i) => middle(i)).y((v) => y(v))(values) ?? '';
    const areaPath = area<number>().x((_, i) => middle(i)).y0(bottom).y1((v) => y(v))(values) ?? '';
    const xTicks = walls.length > 1 ? utcTicks(new Date(walls[0]), new Date(walls[walls.length - 1]), Math.max(2, Math.floor((right - left) / 90))) : [];
    const yTicks = y.ticks(4);
    return { starts, values, edges, edgePx, left, right, bottom, x, y, middle, linePath, areaPath, xTicks, yTicks };
  }, [rows, field, measure, bucket, calendar, width, height]);

  const { edges, edgePx, left, right, bottom, y } = geometry;
  const buckets = geometry.values.length;

  // Handlers registered on the brush read the latest geometry through this ref.
  const latest = useRef({ edges, edgePx, onRange });
  latest.current = { edges, edgePx, onRange };

  useEffect(() => {
    const group = brushGroup.current;
    if (!group) return;
    let live = true;
    loadXBrush().then(({ attachXBrush }) => {
      if (!live) return;
      const handle = attachXBrush(
        group,
        [
          [left, MARGIN.top],
          [right, bottom],
        ],
        (selected) => {
          const { edges: e, edgePx: px, onRange: publish } = latest.current;
          if (!selected || e.length < 2 || !selected.every(Number.isFinite)) {
            publish(null);
            return;
          }
          const [i, j] = snapToEdges(selected, px);
          handle.move([px[i], px[j]]);
          setKeyboard(null);
          publish([e[i], e[j]]);
        },
      );
      brushRef.current = handle;
      setBrushVersion((v) => v + 1);
    });
    return () => {
      live = false;
      brushRef.current?.destroy();
      brushRef.current = null;
    };
  }, [left, right, bottom]);

  // Show the published interval as the brush (snapped, also after a bucket switch or a clear elsewhere).
  const rangePx = range ? clampRange(range, geometry.x, calendar, left, right) : null;
  useEffect(() => {
    brushRef.current?.move(rangePx);
  }, [rangePx?.[0], rangePx?.[1], left, right, bottom, brushVersion]);

  const apply = (k: KeyboardRange) => {
    const i = Math.min(k.anchor, k.cursor);
    const j = Math.max(k.anchor, k.cursor) + 1;
    setKeyboard(null);
    onRange([edges[i], edges[j]]);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (buckets === 0) return;
    const last = buckets - 1;
    const start = (): number => {
      if (range) {
        const index = edges.findIndex((e) => e >= range[0]);
        if (index >= 0 && index <= last) return index;
      }
      return event.key === 'ArrowLeft' || event.key === 'End' ? last : 0;
    };
    const move = (to: (cursor: number) => number) => {
      event.preventDefault();
      setKeyboard((current) => {
        if (!current) {
          const at = start();
          return { anchor: at, cursor: at };
        }
        const cursor = Math.min(Math.max(to(current.cursor), 0), last);
        return { anchor: event.shiftKey ? current.anchor : cursor, cursor };
      });
    };
    switch (event.key) {
      case 'ArrowRight':
        return move((c) => c + 1);
      case 'ArrowLeft':
        return move((c) => c - 1);
      case 'Home':
        return move(() => 0);
      case 'End':
        return move(() => last);
      case 'Enter':
        if (keyboard) {
          event.preventDefault();
          apply(keyboard);
        }
        return;
      case 'Escape':
        if (keyboard || range) {
          event.preventDefault();
          setKeyboard(null);
          if (range) onRange(null);
        }
        return;
    }
  };

  const pending = keyboard && buckets > 0 ? ([Math.min(keyboard.anchor, keyboard.cursor), Math.max(keyboard.anchor, keyboard.cursor) + 1] as const) : null;
  const timeZone = calendar.timeZone;
  const describe = (lo: number, hi: number) => formatRange(lo, hi, bucket, locale, timeZone);
  const valueText = (v: number) => formatValue(v, props.kind, props.format, true);
  const summary =
    buckets > 0
      ? `${props.measureLabel} per ${bucket} from ${describe(edges[0], edges[buckets])}`
      : `${props.measureLabel} per ${bucket}`;

  return (
    <div class="clv-chart" ref={container}>
      <svg
        class="clv-svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        tabindex={0}
        role="application"
        aria-roledescription="time series chart"
        aria-label={summary}
        aria-describedby={helpId}
        onKeyDown={onKeyDown}
        onBlur={() => setKeyboard(null)}
      >
        <g class="clv-grid" stroke="currentColor" stroke-opacity="0.1">
          {geometry.yTicks.map((t) => (
            <line key={t} x1={left} x2={right} y1={y(t)} y2={y(t)} />
          ))}
        </g>
        {rangePx ? <rect class="clv-selected-range" fill="currentColor" fill-opacity="0.08" x={rangePx[0]} y={MARGIN.top} width={rangePx[1] - rangePx[0]} height={bottom - MARGIN.top} /> : null}
        <path class="clv-area" d={geometry.areaPath} fill="currentColor" fill-opacity="0.12" />
        <path class="clv-line" d={geometry.linePath} fill="none" stroke="currentColor" stroke-width="2" />
        {buckets <= 40
          ? geometry.values.map((v, i) => <circle key={i} class="clv-dot" fill="currentColor" cx={geometry.middle(i)} cy={y(v)} r={buckets === 1 ? 4 : 2.5} />)
          : null}
        <g class="clv-axis clv-axis-y" fill="currentColor">
          {geometry.yTicks.map((t) => (
            <text key={t} x={left - 8} y={y(t)} dy="0.32em" text-anchor="end">
              {valueText(t)}
            </text>
          ))}
        </g>
        <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor">
          <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
          {geometry.xTicks.map((t) => (
            <g key={+t} transform={`translate(${geometry.x(t)},0)`}>
              <line y2={5} stroke="currentColor" stroke-opacity="0.4" />
              <text y={18} text-anchor="middle">
                {formatTick(+t, locale, bucket === 'hour')}
              </text>
            </g>
          ))}
        </g>
        <g class="clv-brush" ref={brushGroup} />
        {pending ? (
          <rect class="clv-keyboard-range" fill="none" stroke="currentColor" stroke-dasharray="4 3" x={edgePx[pending[0]]} y={MARGIN.top} width={edgePx[pending[1]] - edgePx[pending[0]]} height={bottom - MARGIN.top} />
        ) : null}
      </svg>
      <span id={helpId} class="clv-sr-only">
        Drag across the chart, or use the left and right arrow keys (with Shift to extend) and Enter, to filter by a period. Escape clears.
      </span>
      <p class="clv-sr-only" aria-live="polite">
        {pending ? `Pending ${describe(edges[pending[0]], edges[pending[1]])}, press Enter to apply` : ''}
      </p>
    </div>
  );
}

/** The pixel range of an interval on the chart, clamped to the plot; null when it lies outside. */
function clampRange(
  range: readonly [number, number],
  x: (value: number) => number,
  calendar: Calendar,
  left: number,
  right: number,
): [number, number] | null {
  const lo = Math.min(Math.max(x(wallTime(range[0], calendar)), left), right);
  const hi = Math.min(Math.max(x(wallTime(range[1], calendar)), left), right);
  return hi - lo >= 1 ? [lo, hi] : null;
}
